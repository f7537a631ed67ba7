/**
 * Substitutes named by participants (decision 011). A participant who cannot
 * come names a colleague; the row waits as "föreslagen" until a coordinator
 * confirms or rejects it.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { substituteProblem } from "~/lib/attendance-rules";
import { normalizeEmail } from "~/lib/email";
import { suggestRoleCategory } from "~/lib/role-suggestion";
import type { AttendanceStatus, RoleCategory, Sector, SessionReply, SubstitutionStatus } from "../../db/schema";
import { findOrCreatePerson, personInputColumns, recordSubstitute, type SubstituteResult } from "./attendance.server";
import { audit, type AuditMeta } from "./audit-log.server";
import { getDb, schema, writeTransaction } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";

const { substitutions, people, enrolments, attendance, organisations, users, sessionReplies } = schema;

export type SubstituteInput = { name: string; email: string; workplace: string | null };

export type ProposeResult = { ok: true; id: number } | { ok: false; problem: "portal.substitute.self" | "portal.substitute.alreadyConfirmed" };

/**
 * Names (or renames) the substitute for one session. A pending proposal is
 * replaced; a confirmed one stays until the coordinator changes it, because the
 * colleague has already been told to come.
 */
export function proposeSubstitute({
  seriesId,
  sessionId,
  forPersonId,
  substitute,
  audit: meta,
}: {
  seriesId: number;
  sessionId: number;
  forPersonId: number;
  substitute: SubstituteInput;
  /** The participant naming the colleague (decision 016). */
  audit?: AuditMeta;
}): ProposeResult {
  const emailNormalized = normalizeEmail(substitute.email);
  return writeTransaction((tx) => {
    const self = tx.select({ e: people.emailNormalized }).from(people).where(eq(people.id, forPersonId)).get();
    if (self?.e === emailNormalized) return { ok: false as const, problem: "portal.substitute.self" as const };
    const current = tx
      .select({ id: substitutions.id, status: substitutions.status })
      .from(substitutions)
      .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.forPersonId, forPersonId), ne(substitutions.status, "avvisad")))
      .get();
    if (current?.status === "bekraftad") return { ok: false as const, problem: "portal.substitute.alreadyConfirmed" as const };
    if (current) tx.delete(substitutions).where(eq(substitutions.id, current.id)).run();
    const row = tx
      .insert(substitutions)
      .values({ seriesId, seriesSessionId: sessionId, forPersonId, name: substitute.name, email: substitute.email, emailNormalized, workplace: substitute.workplace })
      .returning({ id: substitutions.id })
      .get();
    audit(meta, { action: "attendance.substitute", entityKind: "substitution", entityId: row.id, seriesId, details: { sessionId, forPersonId, step: "proposed" } }, tx);
    return { ok: true as const, id: row.id };
  });
}

/** Withdraws a pending proposal (the participant can come after all). Confirmed ones stay. */
export function withdrawPendingSubstitute({ sessionId, forPersonId }: { sessionId: number; forPersonId: number }): boolean {
  return (
    getDb()
      .delete(substitutions)
      .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.forPersonId, forPersonId), eq(substitutions.status, "foreslagen")))
      .run().changes > 0
  );
}

// ------------------------------------------------------------------ staff side

export type StaffSubstitution = {
  id: number;
  status: SubstitutionStatus;
  name: string;
  email: string;
  workplace: string | null;
  createdAt: Date;
  handledAt: Date | null;
  handledBy: string | null;
  forPerson: { id: number; name: string; email: string; sector: Sector; organisation: string | null };
  /** Set once confirmed: the colleague's person record. */
  substitutePersonId: number | null;
  /** Someone already registered with the named e-mail (pending rows), whose record confirming will not change. */
  existingPerson: { id: number; name: string; sector: Sector } | null;
  /** The colleague's attendance at this session (confirmed rows): null until they arrive. */
  arrivedStatus: AttendanceStatus | null;
};

type StaffRow = {
  id: number;
  status: SubstitutionStatus;
  name: string;
  email: string;
  workplace: string | null;
  createdAt: number;
  handledAt: number | null;
  handledBy: string | null;
  forId: number;
  forName: string;
  forEmail: string;
  forSector: Sector;
  forOrganisation: string | null;
  substitutePersonId: number | null;
  existingId: number | null;
  existingName: string | null;
  existingSector: Sector | null;
  arrivedStatus: AttendanceStatus | null;
};

function staffQuery({ seriesId, sessionId, scope, substitutionId }: { seriesId: number; sessionId: number; scope: Scope; substitutionId: number | null }) {
  // The scope is the series' (a session belongs to one series); a coordinator
  // of another municipality gets nothing, so their ids give 404.
  return sql`
    select sub.id as id, sub.status as status, sub.name as name, sub.email as email, sub.workplace as workplace,
      sub.created_at as createdAt, sub.handled_at as handledAt, u.name as handledBy,
      f.id as forId, f.name as forName, f.email as forEmail, f.sector as forSector, o.name as forOrganisation,
      sub.substitute_person_id as substitutePersonId,
      ex.id as existingId, ex.name as existingName, ex.sector as existingSector,
      (select a.status from ${attendance} a where a.series_session_id = sub.series_session_id
        and a.person_id = sub.substitute_person_id) as arrivedStatus
    from ${substitutions} sub
    join ${people} f on f.id = sub.for_person_id
    left join ${organisations} o on o.id = f.organisation_id
    left join ${users} u on u.id = sub.handled_by_id
    left join ${people} ex on ex.email_normalized = sub.email_normalized
    where sub.series_id = ${seriesId} and sub.series_session_id = ${sessionId}
      and ${seriesInScope(scope, sql`sub.series_id`)}
      ${substitutionId === null ? sql`` : sql`and sub.id = ${substitutionId}`}
    order by sub.created_at, sub.id`;
}

function toStaff(r: StaffRow): StaffSubstitution {
  return {
    id: r.id,
    status: r.status,
    name: r.name,
    email: r.email,
    workplace: r.workplace,
    createdAt: new Date(r.createdAt),
    handledAt: r.handledAt === null ? null : new Date(r.handledAt),
    handledBy: r.handledBy,
    forPerson: { id: r.forId, name: r.forName, email: r.forEmail, sector: r.forSector, organisation: r.forOrganisation },
    substitutePersonId: r.substitutePersonId,
    existingPerson: r.existingId !== null ? { id: r.existingId, name: r.existingName!, sector: r.existingSector! } : null,
    arrivedStatus: r.arrivedStatus,
  };
}

/** The named substitutes of one session within the scope, in every status, oldest first. */
export function listSessionSubstitutions({ seriesId, sessionId, scope }: { seriesId: number; sessionId: number; scope: Scope }): StaffSubstitution[] {
  return getDb().all<StaffRow>(staffQuery({ seriesId, sessionId, scope, substitutionId: null })).map(toStaff);
}

/** One substitution of the session within the scope, in any status, or null. */
export function getSessionSubstitution({
  seriesId,
  sessionId,
  substitutionId,
  scope,
}: {
  seriesId: number;
  sessionId: number;
  substitutionId: number;
  scope: Scope;
}): StaffSubstitution | null {
  if (!Number.isSafeInteger(substitutionId) || substitutionId <= 0) return null;
  const row = getDb().get<StaffRow | undefined>(staffQuery({ seriesId, sessionId, scope, substitutionId }));
  return row ? toStaff(row) : null;
}

export type SubstituteDetails = { sector: Sector | null; roleCategory: RoleCategory | null; jobTitle: string | null };

export type HandleProblem =
  | "substituteStaff.substitute.error.handled"
  | "substituteStaff.substitute.error.sectorRequired"
  | "substituteStaff.substitute.error.otherSeat"
  | "attendance.error.absentNotEnrolled"
  | "attendance.error.alreadySubstituted"
  | "attendance.error.substituteEnrolled"
  | "attendance.error.substituteOnRoster"
  | "attendance.error.substituteSelf";

export type ConfirmResult =
  | { ok: true; substitutePersonId: number; created: boolean }
  | { ok: false; problem: "notFound" }
  | { ok: false; problem: HandleProblem; name?: string };

class HandleError extends Error {
  constructor(
    readonly problem: HandleProblem,
    readonly who: string = "",
  ) {
    super(problem);
  }
}

/**
 * Confirms a named substitute, in one transaction: finds the colleague by
 * e-mail or registers them in the absent participant's organisation (an
 * existing record is never changed; `details` only describe a new one), and
 * marks the row "bekräftad" with who handled it and when. The colleague is
 * not enrolled in the series: they come to this one session, in A's seat.
 */
export function confirmSubstitute({
  seriesId,
  sessionId,
  substitutionId,
  scope,
  details,
  handledById,
  now = new Date(),
  audit: meta,
}: {
  seriesId: number;
  sessionId: number;
  substitutionId: number;
  scope: Scope;
  details: SubstituteDetails;
  handledById: number;
  now?: Date;
  audit?: AuditMeta;
}): ConfirmResult {
  const found = getSessionSubstitution({ seriesId, sessionId, substitutionId, scope });
  if (!found) return { ok: false, problem: "notFound" };
  try {
    return writeTransaction((tx) => {
      const row = tx.select().from(substitutions).where(eq(substitutions.id, substitutionId)).get()!;
      if (row.status !== "foreslagen") throw new HandleError("substituteStaff.substitute.error.handled");
      const absent = tx
        .select({ id: people.id, organisationId: people.organisationId })
        .from(people)
        .where(eq(people.id, row.forPersonId))
        .get()!;
      const existing = tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.emailNormalized, row.emailNormalized)).get();
      const absentEnrolled = Boolean(
        tx
          .select({ id: enrolments.id })
          .from(enrolments)
          .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.personId, absent.id), eq(enrolments.status, "anmald")))
          .get(),
      );
      const seatTaken = tx
        .select({ id: attendance.id })
        .from(attendance)
        .where(and(eq(attendance.seriesSessionId, sessionId), eq(attendance.substituteForPersonId, absent.id)))
        .get();
      const problem = substituteProblem({
        absentPersonId: absent.id,
        substitutePersonId: existing?.id ?? null,
        absentIsEnrolled: absentEnrolled,
        absentAlreadySubstituted: Boolean(seatTaken),
        substituteIsEnrolled: existing
          ? Boolean(
              tx
                .select({ id: enrolments.id })
                .from(enrolments)
                .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.personId, existing.id), eq(enrolments.status, "anmald")))
                .get(),
            )
          : false,
        substituteOnRoster: existing
          ? Boolean(tx.select({ id: attendance.id }).from(attendance).where(and(eq(attendance.seriesSessionId, sessionId), eq(attendance.personId, existing.id))).get())
          : false,
      });
      if (problem) throw new HandleError(problem, existing?.name ?? row.name);
      if (existing) {
        // One seat per person: the colleague may not already come for someone else.
        const other = tx
          .select({ name: people.name })
          .from(substitutions)
          .innerJoin(people, eq(people.id, substitutions.forPersonId))
          .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.substitutePersonId, existing.id), eq(substitutions.status, "bekraftad")))
          .get();
        if (other) throw new HandleError("substituteStaff.substitute.error.otherSeat", other.name);
      }
      if (!existing && !details.sector) throw new HandleError("substituteStaff.substitute.error.sectorRequired");
      const person = findOrCreatePerson(tx, {
        name: row.name,
        email: row.email,
        workplace: row.workplace,
        organisationId: absent.organisationId,
        sector: details.sector ?? "annat",
        roleCategory: details.roleCategory ?? suggestRoleCategory(details.jobTitle) ?? "annat",
        jobTitle: details.jobTitle,
        level: null,
      });
      const updated = tx
        .update(substitutions)
        .set({ status: "bekraftad", substitutePersonId: person.id, handledAt: now, handledById })
        .where(and(eq(substitutions.id, substitutionId), eq(substitutions.status, "foreslagen")))
        .run();
      if (updated.changes !== 1) throw new HandleError("substituteStaff.substitute.error.handled");
      audit(meta, {
        action: "attendance.substitute",
        entityKind: "substitution",
        entityId: substitutionId,
        seriesId,
        details: { sessionId, forPersonId: row.forPersonId, substitutePersonId: person.id, personCreated: person.created, step: "confirmed" },
      }, tx);
      return { ok: true as const, substitutePersonId: person.id, created: person.created };
    });
  } catch (error) {
    if (error instanceof HandleError) return { ok: false, problem: error.problem, name: error.who };
    throw error;
  }
}

export type RejectResult = { ok: true } | { ok: false; problem: "notFound" | "substituteStaff.substitute.error.handled" };

/**
 * Rejects a named substitute: "avvisad", with who handled it and when. The
 * reason is not stored (the table has no column for it); it goes only into
 * the mail to the participant who named the colleague.
 */
export function rejectSubstitute({
  seriesId,
  sessionId,
  substitutionId,
  scope,
  handledById,
  now = new Date(),
  audit: meta,
}: {
  seriesId: number;
  sessionId: number;
  substitutionId: number;
  scope: Scope;
  handledById: number;
  now?: Date;
  audit?: AuditMeta;
}): RejectResult {
  const found = getSessionSubstitution({ seriesId, sessionId, substitutionId, scope });
  if (!found) return { ok: false, problem: "notFound" };
  const changes = writeTransaction((tx) => {
    const updated = tx
      .update(substitutions)
      .set({ status: "avvisad", handledAt: now, handledById })
      .where(and(eq(substitutions.id, substitutionId), eq(substitutions.status, "foreslagen")))
      .run();
    if (updated.changes === 1) {
      audit(meta, { action: "attendance.substitute", entityKind: "substitution", entityId: substitutionId, seriesId, details: { sessionId, forPersonId: found.forPerson.id, step: "rejected" } }, tx);
    }
    return updated.changes;
  });
  return changes === 1 ? { ok: true } : { ok: false, problem: "substituteStaff.substitute.error.handled" };
}

/**
 * A confirmed substitute has arrived: records them present for the absent
 * participant through the roster's own substitute rule (recordSubstitute).
 */
export function recordConfirmedArrival({
  seriesId,
  sessionId,
  substitutionId,
  scope,
  userId,
  audit: meta,
}: {
  seriesId: number;
  sessionId: number;
  substitutionId: number;
  scope: Scope;
  userId: number;
  audit?: AuditMeta;
}): SubstituteResult | { ok: false; problem: "notFound" } {
  const found = getSessionSubstitution({ seriesId, sessionId, substitutionId, scope });
  if (!found || found.status !== "bekraftad" || found.substitutePersonId === null) return { ok: false, problem: "notFound" };
  const person = getDb()
    .select(personInputColumns)
    .from(people)
    .where(eq(people.id, found.substitutePersonId))
    .get();
  if (!person) return { ok: false, problem: "notFound" };
  return recordSubstitute({
    occasion: { kind: "session", seriesId, sessionId },
    scope,
    absentPersonId: found.forPerson.id,
    substitute: person,
    actor: { userId, audit: meta },
  });
}

/** Participants' own replies for a session (from the portal), by person id, within the scope. */
export function sessionRepliesByPerson({ seriesId, sessionId, scope }: { seriesId: number; sessionId: number; scope: Scope }) {
  const rows = getDb()
    .select({ personId: sessionReplies.personId, reply: sessionReplies.reply, repliedAt: sessionReplies.repliedAt })
    .from(sessionReplies)
    .innerJoin(schema.seriesSessions, eq(schema.seriesSessions.id, sessionReplies.seriesSessionId))
    .where(and(eq(sessionReplies.seriesSessionId, sessionId), eq(schema.seriesSessions.seriesId, seriesId), seriesInScope(scope, schema.seriesSessions.seriesId)))
    .orderBy(desc(sessionReplies.repliedAt))
    .all();
  return new Map<number, { reply: SessionReply; repliedAt: Date }>(rows.map((r) => [r.personId, { reply: r.reply, repliedAt: r.repliedAt }]));
}
