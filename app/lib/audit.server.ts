/**
 * For routes whose action has many branches that each end in a redirect
 * (templates, survey settings): the entry is written once the action has
 * succeeded – a redirect – and never for a 400 or a thrown 403/404. Routes
 * whose change goes through one model function pass `audit` to that function
 * instead, so the entry is in the change's own transaction (decision 016).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { audit, staffAudit, type AuditEntry } from "~/models/audit-log.server";
import { requireUser } from "./auth.server";

function isRedirect(value: unknown): value is Response {
  return value instanceof Response && value.status >= 300 && value.status < 400;
}

/**
 * Runs the route's action and records one entry if it redirected. Call it from
 * inside `export async function action(args)`: an `export const action =
 * auditedAction(...)` call at module level is kept in the browser bundle,
 * where this server module is empty, and breaks hydration.
 */
export async function auditedAction<T>(
  args: ActionFunctionArgs,
  handle: (args: ActionFunctionArgs) => Promise<T>,
  entry: (args: ActionFunctionArgs, intent: string) => Omit<AuditEntry, "actor" | "ip">,
): Promise<T> {
  // Read before the action consumes the body; multipart posts are not read here.
  const type = args.request.headers.get("Content-Type") ?? "";
  const intent = type.startsWith("application/x-www-form-urlencoded") ? String((await args.request.clone().formData()).get("intent") ?? "") : "";
  const result = await handle(args);
  if (isRedirect(result)) {
    const user = await requireUser(args.request);
    audit(staffAudit(user, args.context), entry(args, intent));
  }
  return result;
}
