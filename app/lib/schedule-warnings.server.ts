/**
 * Joins the pure scheduling rules (lib/scheduling) with the bookings in the
 * database: rule breaks within a series, and clashes with other series.
 */
import { bookingsOverlapping, scheduleContext } from "~/models/series-planning.server";
import { checkSchedule, findConflicts, type ScheduledSession } from "./scheduling";

export type Warning =
  | { code: "tooClose"; session: string; previous: string; months: number }
  | { code: "outOfOrder"; session: string; previous: string }
  | { code: "endBeforeStart"; session: string }
  | { code: "inPast"; session: string }
  | { code: "processLeader"; session: string; other: string }
  | { code: "expert"; session: string; other: string; name: string };

type Proposed = { sessionId: number; startsAt: Date; endsAt: Date; expert: string | null };

/**
 * Warnings per session id for a series, optionally as if one session had the
 * proposed values (used before saving an edit).
 */
export function seriesWarnings({
  seriesId,
  proposed,
  now = new Date(),
}: {
  seriesId: number;
  proposed?: Proposed;
  now?: Date;
}): Map<number, Warning[]> {
  const context = scheduleContext({ seriesId });
  const sessions = context.sessions.map((s) =>
    proposed && s.id === proposed.sessionId ? { ...s, startsAt: proposed.startsAt, endsAt: proposed.endsAt, expert: proposed.expert } : s,
  );
  const label = (s: { position: number; title: string }) => `${s.position}. ${s.title}`;
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const warnings = new Map<number, Warning[]>();
  const add = (id: number, w: Warning) => warnings.set(id, [...(warnings.get(id) ?? []), w]);

  for (const w of checkSchedule(sessions as ScheduledSession[], context.minimumMonths)) {
    const session = label(byId.get(w.sessionId)!);
    if (w.code === "endBeforeStart") add(w.sessionId, { code: w.code, session });
    else if (w.code === "outOfOrder") add(w.sessionId, { code: w.code, session, previous: label(byId.get(w.previousId)!) });
    else add(w.sessionId, { code: w.code, session, previous: label(byId.get(w.previousId)!), months: w.months });
  }

  // Only a newly chosen time can be "in the past"; editing the notes of a session
  // that has already taken place is not a rule break.
  const original = proposed ? context.sessions.find((s) => s.id === proposed.sessionId) : undefined;
  if (
    proposed &&
    original &&
    proposed.startsAt.getTime() !== original.startsAt.getTime() &&
    proposed.startsAt.getTime() < now.getTime()
  ) {
    add(proposed.sessionId, { code: "inPast", session: label(byId.get(proposed.sessionId)!) });
  }

  for (const s of sessions) {
    if (s.endsAt.getTime() <= s.startsAt.getTime()) continue;
    const others = bookingsOverlapping({ startsAt: s.startsAt, endsAt: s.endsAt, excludeSessionId: s.id });
    const labels = new Map(others.map((o) => [o.id, o.label]));
    const mine = { id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, processLeaderId: context.processLeaderId, experts: s.expert };
    for (const c of findConflicts(mine, others)) {
      const other = labels.get(c.otherId) ?? "";
      if (c.reason === "processLeader") add(s.id, { code: "processLeader", session: label(s), other });
      else add(s.id, { code: "expert", session: label(s), other, name: displayName(s.expert, c.name ?? "") });
    }
  }
  return warnings;
}

/** The expert's name as typed, for the message (the rule compares normalised names). */
function displayName(experts: string | null, normalised: string): string {
  const names = (experts ?? "").split(/\r?\n/).map((line) => line.split(",")[0].trim());
  return names.find((n) => n.toLowerCase().replace(/\s+/g, " ") === normalised) ?? normalised;
}
