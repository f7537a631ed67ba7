/**
 * The one place that decides who may see and change what. Every loader and
 * every action of a protected route starts with one of these functions.
 * Permission strings follow `action:entity:access`; ":own" means "within the
 * user's municipalities", ":any" means everything.
 */
import { json } from "@remix-run/node";
import type { StaffRole } from "../../db/schema";
import { seriesExistsInScope } from "~/models/series.server";
import type { Scope } from "~/models/scope.server";
import type { StaffUser } from "~/models/user.server";
import { requireUser } from "./auth.server";

export type Permission =
  | "read:series:any"
  | "read:series:own"
  | "read:participants:any"
  | "read:participants:own"
  | "update:participants:any"
  | "update:participants:own"
  | "update:series-session:any"
  | "update:series-session:own"
  | "read:aggregates:any"
  | "create:user:any"
  | "read:outbox:any"
  | "create:series:any"
  | "update:series:any"
  | "read:template:any"
  | "update:template:any"
  | "update:prep:any"
  | "read:readiness:any"
  | "read:readiness:own"
  | "update:readiness:any"
  | "update:readiness:own"
  | "update:exchange:any"
  | "read:attendance:any"
  | "read:attendance:own"
  | "update:attendance:any"
  | "update:attendance:own"
  // Surveys (decision 010): "survey" is a series' surveys (links, QR, timing);
  // "survey-entry" paper entry and CSV import; "survey-results" the analysis
  // (suppressed outside the process-leader role); "survey-text" free-text
  // answers and raw responses; "survey-template" the template builder.
  | "read:survey:any"
  | "read:survey:own"
  | "update:survey:any"
  | "create:survey-entry:any"
  | "create:survey-entry:own"
  | "read:survey-results:any"
  | "read:survey-results:own"
  | "read:survey-text:any"
  | "update:survey-text:any"
  | "read:survey-template:any"
  | "update:survey-template:any"
  // Participants' correction and erasure requests (decision 011): process
  // leaders all, coordinators those linked to series in their municipalities.
  | "read:data-request:any"
  | "read:data-request:own"
  | "update:data-request:any"
  | "update:data-request:own"
  // Discussion groups (decision 012): reading them follows read:attendance;
  // generating, moving and publishing is the process leaders' alone.
  | "update:groups:any"
  // Problems reported through the accessibility statement: process leaders only.
  | "read:accessibility-report:any"
  // Retention settings and running the retention job (decision 017): process leaders only.
  | "update:settings:any"
  // The audit log (decision 016): process leaders only.
  | "read:audit-log:any";

type Entity =
  | "series"
  | "participants"
  | "series-session"
  | "aggregates"
  | "user"
  | "outbox"
  | "template"
  | "prep"
  | "readiness"
  | "exchange"
  | "attendance"
  | "survey"
  | "survey-entry"
  | "survey-results"
  | "survey-text"
  | "survey-template"
  | "data-request"
  | "groups"
  | "accessibility-report"
  | "settings"
  | "audit-log";
type Action = "read" | "update" | "create";

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: [
    "read:series:any",
    "read:participants:any",
    "update:participants:any",
    "update:series-session:any",
    "read:aggregates:any",
    "create:user:any",
    "read:outbox:any",
    "create:series:any",
    "update:series:any",
    "read:template:any",
    "update:template:any",
    "update:prep:any",
    "read:readiness:any",
    "update:readiness:any",
    "update:exchange:any",
    "read:attendance:any",
    "update:attendance:any",
    "read:survey:any",
    "update:survey:any",
    "create:survey-entry:any",
    "read:survey-results:any",
    "read:survey-text:any",
    "update:survey-text:any",
    "read:survey-template:any",
    "update:survey-template:any",
    "read:data-request:any",
    "update:data-request:any",
    "update:groups:any",
    "read:accessibility-report:any",
    "update:settings:any",
    "read:audit-log:any",
  ],
  // Coordinators prepare their municipalities' side; they never touch templates.
  coordinator: [
    "read:series:own",
    "read:participants:own",
    "update:participants:own",
    "update:series-session:own",
    "read:readiness:own",
    "update:readiness:own",
    "read:attendance:own",
    "update:attendance:own",
    "read:survey:own",
    "create:survey-entry:own",
    "read:survey-results:own",
    "read:data-request:own",
    "update:data-request:own",
  ],
  // Sponsors see schedules and aggregated figures, never individual people.
  sponsor: ["read:series:any", "read:aggregates:any", "read:survey-results:any"],
};

export function permissionsOf(user: Pick<StaffUser, "role">): readonly Permission[] {
  return ROLE_PERMISSIONS[user.role];
}

/** The widest scope in which the user may do `action` on `entity`, or null if nowhere. */
export function scopeFor(user: StaffUser, action: Action, entity: Entity): Scope | null {
  const granted = permissionsOf(user);
  if (granted.includes(`${action}:${entity}:any` as Permission)) return { kind: "all" };
  if (granted.includes(`${action}:${entity}:own` as Permission)) {
    return { kind: "organisations", organisationIds: user.organisationIds };
  }
  return null;
}

export function can(user: StaffUser, action: Action, entity: Entity): boolean {
  return scopeFor(user, action, entity) !== null;
}

function notFound(): never {
  throw json({ message: "not-found" }, { status: 404 });
}

/** Signs in or redirects; then 403 unless the role may do this at all. */
export async function requireUserWithPermission(
  request: Request,
  action: Action,
  entity: Entity,
): Promise<{ user: StaffUser; scope: Scope }> {
  const user = await requireUser(request);
  const scope = scopeFor(user, action, entity);
  if (!scope) throw json({ message: "forbidden" }, { status: 403 });
  return { user, scope };
}

/**
 * For routes under /serier/:seriesId. A series outside the user's scope is
 * answered with 404, exactly like one that does not exist, so ids of other
 * municipalities' series cannot be probed.
 */
export async function requireSeriesPermission(
  request: Request,
  seriesIdParam: string | undefined,
  action: Action,
  entity: Entity,
): Promise<{ user: StaffUser; scope: Scope; seriesId: number }> {
  const user = await requireUser(request);
  const seriesId = Number(seriesIdParam);
  if (!Number.isSafeInteger(seriesId) || seriesId <= 0) notFound();
  const readScope = scopeFor(user, "read", "series");
  if (!readScope || !seriesExistsInScope({ seriesId, scope: readScope })) notFound();
  const scope = scopeFor(user, action, entity);
  if (!scope) throw json({ message: "forbidden" }, { status: 403 });
  if (!seriesExistsInScope({ seriesId, scope })) notFound();
  return { user, scope, seriesId };
}
