/**
 * Loader and action of the roster page, shared by a session's roster and the
 * exchange event's roster (routes stay thin wrappers).
 *
 * With JavaScript each row saves itself through a fetcher ("mark"); without
 * it, the whole table is one form ("save") that sends every row with the
 * status it had when the page was drawn, and only rows the user changed are
 * written. A stale page therefore never overwrites a colleague's marks.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { isMessageKey, type MessageKey } from "~/i18n";
import { staffAudit } from "~/models/audit-log.server";
import { can } from "./permissions.server";
import { requireOccasion } from "./occasion.server";
import {
  attendanceHistory,
  listRoster,
  markAllUnmarkedPresent,
  removeFromRoster,
  setAttendanceStatus,
} from "~/models/attendance.server";
import { listSessionSubstitutions, sessionRepliesByPerson } from "~/models/substitution.server";

export async function rosterLoader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, details } = await requireOccasion(request, params, "read");
  const url = new URL(request.url);
  const rows = listRoster({ occasion: details.occasion, scope });
  const occasion = details.occasion;
  // Substitutes named and replies given in the participant portal exist for sessions only.
  const replies =
    occasion.kind === "session" ? sessionRepliesByPerson({ seriesId: occasion.seriesId, sessionId: occasion.sessionId, scope }) : new Map();
  return {
    details,
    rows,
    /** "kommer inte" replies of people on the roster: person id → when they said so. */
    notComing: rows.flatMap((r) => {
      const reply = replies.get(r.personId);
      return reply?.reply === "kommer_inte" ? [{ personId: r.personId, repliedAt: reply.repliedAt as Date }] : [];
    }),
    substitutions:
      occasion.kind === "session" ? listSessionSubstitutions({ seriesId: occasion.seriesId, sessionId: occasion.sessionId, scope }) : null,
    substituteNotice: { kind: url.searchParams.get("forslag"), id: Number(url.searchParams.get("id")) || 0 },
    query: url.searchParams.get("q") ?? "",
    history: attendanceHistory({ occasion: details.occasion, scope, limit: 100 }),
    canUpdate: can(user, "update", "attendance"),
    notice: url.searchParams.get("klart"),
    noticeCount: Number(url.searchParams.get("antal")) || 0,
    noticePerson: Number(url.searchParams.get("person")) || 0,
  };
}

type RowError = { personId: number; error: string };

export async function rosterAction({ request, params, context }: ActionFunctionArgs) {
  const { user, scope, details } = await requireOccasion(request, params, "update");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const actor = { userId: user.id, audit: staffAudit(user, context) };
  const occasion = details.occasion;
  const back = (notice: string, count = 0) => redirect(`${details.basePath}/narvaro?klart=${notice}&antal=${count}`);
  const message = (key: string, name = "") => (isMessageKey(key) ? t(key as MessageKey, { name }) : key);

  if (intent === "mark") {
    const personId = Number(formData.get("personId"));
    const status = String(formData.get("status") ?? "");
    const result = setAttendanceStatus({ occasion, scope, personId, status, actor: { ...actor, source: "roster" } });
    if (!result.ok) {
      return json({ intent, personId, status, error: message(result.problem) }, { status: result.problem === "attendance.error.notOnRoster" ? 404 : 400 });
    }
    return json({ intent, personId, status, error: null });
  }

  if (intent === "save") {
    // Only rows whose status differs from what the page showed are written.
    const errors: RowError[] = [];
    let saved = 0;
    for (const [key, value] of formData) {
      if (!key.startsWith("status-")) continue;
      const personId = Number(key.slice("status-".length));
      const status = String(value);
      const shown = String(formData.get(`shown-${personId}`) ?? "");
      if (status === shown || status === "") continue;
      const result = setAttendanceStatus({ occasion, scope, personId, status, actor: { ...actor, source: "roster" } });
      if (result.ok) saved++;
      else errors.push({ personId, error: message(result.problem) });
    }
    if (errors.length > 0) return json({ intent, errors, saved }, { status: 400 });
    return back("sparat", saved);
  }

  if (intent === "all-present") {
    const count = markAllUnmarkedPresent({ occasion, scope, actor: { ...actor, source: "all_present" } });
    return back("allaNarvarande", count);
  }

  if (intent === "remove") {
    const personId = Number(formData.get("personId"));
    if (!removeFromRoster({ occasion, scope, personId, actor })) {
      return json({ intent, personId, error: t("attendance.error.notOnRoster") }, { status: 404 });
    }
    return back("borttagen");
  }

  return json({ intent, error: t("form.invalidRequest") }, { status: 400 });
}
