/**
 * Attendance rosters. An occasion is a session of one series or the shared
 * exchange event; at the exchange each row belongs to the series the person
 * came through, so the series scope decides who may see and mark it.
 *
 * Every write touches one row per person inside one transaction, together
 * with its line in the append-only change history. Two coordinators marking
 * the same roster therefore never overwrite each other's rows: the last write
 * per person wins, and the history shows who set what, and when.
 */
import { randomInt } from "node:crypto";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { normalizeEmail } from "~/lib/email";
import { byMunicipalitySectorName } from "~/lib/swedish-order";
import {
  CHECKIN_CODE_ALPHABET,
  CHECKIN_CODE_LENGTH,
  statusChangeProblem,
  substituteProblem,
  type StatusProblem,
  type SubstituteProblem,
} from "~/lib/attendance-rules";
import type { AttendanceSource, AttendanceStatus, Sector } from "../../db/schema";
import { audit, occasionEntity, type AuditMeta } from "./audit-log.server";
import { getDb, qualified, schema, writeTransaction } from "./db.server";
import type { PersonInput, Transaction } from "./participant.server";
import { seriesInScope, type Scope } from "./scope.server";

const { attendance, attendanceChanges, people, enrolments, seriesSessions, exchangeEvents, exchangeEventSeries, users } = schema;

/** A person's fields as a PersonInput: what recordSubstitute takes for someone already registered. */
export const personInputColumns = {
  name: people.name,
  email: people.email,
  workplace: people.workplace,
  organisationId: people.organisationId,
  sector: people.sector,
  roleCategory: people.roleCategory,
  jobTitle: people.jobTitle,
  level: people.level,
};

export type Occasion = { kind: "session"; seriesId: number; sessionId: number } | { kind: "exchange"; eventId: number };

/** The attendance rows of the occasion. */
function atOccasion(occasion: Occasion): SQL {
  return occasion.kind === "session"
    ? eq(attendance.seriesSessionId, occasion.sessionId)
    : eq(attendance.exchangeEventId, occasion.eventId);
}

function occasionColumns(occasion: Occasion) {
  return occasion.kind === "session"
    ? { seriesSessionId: occasion.sessionId, exchangeEventId: null }
    : { seriesSessionId: null, exchangeEventId: occasion.eventId };
}

/** The series whose people belong on the occasion's roster, limited to the scope. */
export function rosterSeriesIds({ occasion, scope }: { occasion: Occasion; scope: Scope }): number[] {
  if (occasion.kind === "session") {
    return getDb()
      .select({ id: schema.series.id })
      .from(schema.series)
      .where(and(eq(schema.series.id, occasion.seriesId), seriesInScope(scope)))
      .all()
      .map((r) => r.id);
  }
  return getDb()
    .select({ id: exchangeEventSeries.seriesId })
    .from(exchangeEventSeries)
    .where(and(eq(exchangeEventSeries.eventId, occasion.eventId), seriesInScope(scope, exchangeEventSeries.seriesId)))
    .all()
    .map((r) => r.id);
}

export type RosterRow = {
  personId: number;
  seriesId: number;
  name: string;
  email: string;
  workplace: string | null;
  organisation: string | null;
  sector: Sector;
  roleCategory: string;
  jobTitle: string | null;
  enrolled: boolean;
  status: AttendanceStatus | null;
  walkIn: boolean;
  substituteFor: { id: number; name: string; sector: Sector } | null;
  substitutedBy: { id: number; name: string; sector: Sector } | null;
  updatedAt: Date | null;
  /** Null with an `updatedAt` means the participant checked in themselves. */
  updatedBy: string | null;
};

/**
 * Everyone on the roster: the enrolled people of the series in scope, plus
 * substitutes and walk-ins recorded at this occasion. Sorted by municipality,
 * sector and name in Swedish order, which is also the order of the printed list.
 */
export function listRoster({ occasion, scope }: { occasion: Occasion; scope: Scope }): RosterRow[] {
  const seriesIds = rosterSeriesIds({ occasion, scope });
  if (seriesIds.length === 0) return [];
  const ids = sql.join(
    seriesIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const occ = occasion.kind === "session" ? sql`a.series_session_id = ${occasion.sessionId}` : sql`a.exchange_event_id = ${occasion.eventId}`;
  const occB = occasion.kind === "session" ? sql`b.series_session_id = ${occasion.sessionId}` : sql`b.exchange_event_id = ${occasion.eventId}`;
  const rows = getDb().all<{
    personId: number;
    seriesId: number;
    name: string;
    email: string;
    workplace: string | null;
    organisation: string | null;
    sector: Sector;
    roleCategory: string;
    jobTitle: string | null;
    enrolled: number;
    status: AttendanceStatus | null;
    walkIn: number | null;
    forId: number | null;
    forName: string | null;
    forSector: Sector | null;
    byId: number | null;
    byName: string | null;
    bySector: Sector | null;
    updatedAt: number | null;
    updatedBy: string | null;
  }>(sql`
    with roster(person_id, series_id, enrolled) as (
      select e.person_id, e.series_id, 1 from ${enrolments} e
      where e.series_id in (${ids}) and e.status = 'anmald'
      union all
      select a.person_id, a.series_id, 0 from ${attendance} a
      where ${occ} and a.series_id in (${ids})
        and not exists (select 1 from ${enrolments} e where e.series_id = a.series_id and e.person_id = a.person_id and e.status = 'anmald')
    )
    select p.id as personId, r.series_id as seriesId, p.name, p.email, p.workplace, o.name as organisation,
      p.sector, p.role_category as roleCategory, p.job_title as jobTitle, r.enrolled,
      a.status, a.walk_in as walkIn,
      f.id as forId, f.name as forName, f.sector as forSector,
      bp.id as byId, bp.name as byName, bp.sector as bySector,
      a.updated_at as updatedAt, u.name as updatedBy
    from roster r
    join ${people} p on p.id = r.person_id
    left join ${schema.organisations} o on o.id = p.organisation_id
    left join ${attendance} a on ${occ} and a.person_id = r.person_id
    left join ${people} f on f.id = a.substitute_for_person_id
    left join ${attendance} b on ${occB} and b.substitute_for_person_id = r.person_id
    left join ${people} bp on bp.id = b.person_id
    left join ${users} u on u.id = a.updated_by_id
    order by p.id
  `);
  const roster = rows.map((r) => ({
    personId: r.personId,
    seriesId: r.seriesId,
    name: r.name,
    email: r.email,
    workplace: r.workplace,
    organisation: r.organisation,
    sector: r.sector,
    roleCategory: r.roleCategory,
    jobTitle: r.jobTitle,
    enrolled: r.enrolled === 1,
    status: r.status,
    walkIn: r.walkIn === 1,
    substituteFor: r.forId ? { id: r.forId, name: r.forName!, sector: r.forSector! } : null,
    substitutedBy: r.byId ? { id: r.byId, name: r.byName!, sector: r.bySector! } : null,
    updatedAt: r.updatedAt === null ? null : new Date(r.updatedAt),
    updatedBy: r.updatedBy,
  }));
  return roster.sort(byMunicipalitySectorName);
}

/** Who writes; with `audit` the top-level functions below also record the change in the audit log (decision 016). */
type Actor = { userId: number | null; source: AttendanceSource; now?: Date; audit?: AuditMeta };

/** Writes one person's row and its history line; the caller holds the transaction (imports use it too). */
export function writeAttendanceRow(
  tx: Transaction,
  occasion: Occasion,
  values: { seriesId: number; personId: number; status: AttendanceStatus; substituteForPersonId?: number | null; walkIn?: boolean },
  actor: Actor,
) {
  const now = actor.now ?? new Date();
  const where = and(atOccasion(occasion), eq(attendance.personId, values.personId));
  const existing = tx.select({ id: attendance.id }).from(attendance).where(where).get();
  if (existing) {
    tx.update(attendance)
      .set({ status: values.status, updatedAt: now, updatedById: actor.userId })
      .where(eq(attendance.id, existing.id))
      .run();
  } else {
    tx.insert(attendance)
      .values({
        ...occasionColumns(occasion),
        seriesId: values.seriesId,
        personId: values.personId,
        status: values.status,
        substituteForPersonId: values.substituteForPersonId ?? null,
        walkIn: values.walkIn ?? false,
        recordedAt: now,
        updatedAt: now,
        updatedById: actor.userId,
      })
      .run();
  }
  tx.insert(attendanceChanges)
    .values({
      ...occasionColumns(occasion),
      seriesId: values.seriesId,
      personId: values.personId,
      status: values.status,
      substituteForPersonId: values.substituteForPersonId ?? null,
      source: actor.source,
      changedById: actor.userId,
      changedAt: now,
    })
    .run();
}

function deleteRow(tx: Transaction, occasion: Occasion, row: { seriesId: number; personId: number }, actor: Actor) {
  tx.delete(attendance)
    .where(and(atOccasion(occasion), eq(attendance.personId, row.personId)))
    .run();
  tx.insert(attendanceChanges)
    .values({
      ...occasionColumns(occasion),
      seriesId: row.seriesId,
      personId: row.personId,
      status: null,
      source: "removed",
      changedById: actor.userId,
      changedAt: actor.now ?? new Date(),
    })
    .run();
}

/** The person's place on the roster as the rules need it, or null when not on it. */
function rosterEntry(tx: Transaction, occasion: Occasion, seriesIds: number[], personId: number) {
  if (seriesIds.length === 0) return null;
  const row = tx
    .select({ status: attendance.status, seriesId: attendance.seriesId, substituteFor: attendance.substituteForPersonId, walkIn: attendance.walkIn })
    .from(attendance)
    .where(and(atOccasion(occasion), eq(attendance.personId, personId)))
    .get();
  const enrolment = tx
    .select({ seriesId: enrolments.seriesId })
    .from(enrolments)
    .where(and(eq(enrolments.personId, personId), eq(enrolments.status, "anmald"), sql`${enrolments.seriesId} in (${sql.join(seriesIds.map((id) => sql`${id}`), sql`, `)})`))
    .get();
  if (row && !seriesIds.includes(row.seriesId)) return null;
  if (!row && !enrolment) return null;
  const substitutedBy = tx
    .select({ personId: attendance.personId, seriesId: attendance.seriesId })
    .from(attendance)
    .where(and(atOccasion(occasion), eq(attendance.substituteForPersonId, personId)))
    .get();
  return {
    seriesId: row?.seriesId ?? enrolment!.seriesId,
    enrolled: Boolean(enrolment),
    status: row?.status ?? null,
    substituteFor: row?.substituteFor ?? null,
    walkIn: row?.walkIn ?? false,
    substitutedBy: substitutedBy ?? null,
  };
}

export type MarkResult = { ok: true; previous: AttendanceStatus | null } | { ok: false; problem: StatusProblem | "attendance.error.notOnRoster" };

/** Sets one person's status. Outside the scope the person is simply not on the roster. */
export function setAttendanceStatus({
  occasion,
  scope,
  personId,
  status,
  actor,
}: {
  occasion: Occasion;
  scope: Scope;
  personId: number;
  status: string;
  actor: Actor;
}): MarkResult {
  const seriesIds = rosterSeriesIds({ occasion, scope });
  return writeTransaction((tx) => {
    const entry = rosterEntry(tx, occasion, seriesIds, personId);
    if (!entry) return { ok: false, problem: "attendance.error.notOnRoster" as const };
    const problem = statusChangeProblem({ status, hasSubstitute: Boolean(entry.substitutedBy), isSubstitute: entry.substituteFor !== null });
    if (problem) return { ok: false, problem };
    writeAttendanceRow(tx, occasion, { seriesId: entry.seriesId, personId, status: status as AttendanceStatus, substituteForPersonId: entry.substituteFor, walkIn: entry.walkIn }, actor);
    audit(actor.audit, { action: "attendance.update", ...occasionEntity(occasion), seriesId: entry.seriesId, details: { personId, status, previous: entry.status } }, tx);
    return { ok: true, previous: entry.status };
  });
}

/**
 * "Mark all present, then adjust": marks everyone enrolled who has no status
 * yet. Rows someone has already set are left alone, so a colleague's marks survive.
 * At a session, people who replied "kommer inte" in the participant portal
 * (session_replies) are skipped too: they said they would not come, so they
 * stay unmarked for the coordinator to set.
 */
export function markAllUnmarkedPresent({ occasion, scope, actor }: { occasion: Occasion; scope: Scope; actor: Actor }): number {
  const seriesIds = rosterSeriesIds({ occasion, scope });
  if (seriesIds.length === 0) return 0;
  return writeTransaction((tx) => {
    const unmarked = tx
      .select({ personId: enrolments.personId, seriesId: enrolments.seriesId })
      .from(enrolments)
      .where(
        and(
          sql`${enrolments.seriesId} in (${sql.join(seriesIds.map((id) => sql`${id}`), sql`, `)})`,
          eq(enrolments.status, "anmald"),
          sql`not exists (select 1 from ${attendance} a where ${
            occasion.kind === "session" ? sql`a.series_session_id = ${occasion.sessionId}` : sql`a.exchange_event_id = ${occasion.eventId}`
          } and a.person_id = ${qualified(enrolments.personId)})`,
          occasion.kind === "session"
            ? sql`not exists (select 1 from ${schema.sessionReplies} r where r.series_session_id = ${occasion.sessionId}
                and r.person_id = ${qualified(enrolments.personId)} and r.reply = 'kommer_inte')`
            : undefined,
        ),
      )
      .all();
    for (const row of unmarked) writeAttendanceRow(tx, occasion, { ...row, status: "narvarande" }, actor);
    if (unmarked.length > 0) {
      const seriesId = occasion.kind === "session" ? occasion.seriesId : null;
      audit(actor.audit, { action: "attendance.all_present", ...occasionEntity(occasion), seriesId, details: { count: unmarked.length } }, tx);
    }
    return unmarked.length;
  });
}

/** Finds the person by e-mail, or registers them; an existing record is never changed. */
export function findOrCreatePerson(tx: Transaction, input: PersonInput): { id: number; sector: Sector; created: boolean } {
  const emailNormalized = normalizeEmail(input.email);
  const existing = tx.select({ id: people.id, sector: people.sector }).from(people).where(eq(people.emailNormalized, emailNormalized)).get();
  if (existing) return { ...existing, created: false };
  const { id } = tx
    .insert(people)
    .values({ ...input, email: input.email.trim(), emailNormalized })
    .returning({ id: people.id })
    .get();
  return { id, sector: input.sector, created: true };
}

function isEnrolled(tx: Transaction, seriesId: number, personId: number): boolean {
  return Boolean(
    tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.personId, personId), eq(enrolments.status, "anmald")))
      .get(),
  );
}

function onRoster(tx: Transaction, occasion: Occasion, personId: number): boolean {
  return Boolean(tx.select({ id: attendance.id }).from(attendance).where(and(atOccasion(occasion), eq(attendance.personId, personId))).get());
}

/** Rolls back the transaction with a rule problem the caller shows on the form. */
class RuleError extends Error {
  constructor(readonly problem: string) {
    super(problem);
  }
}

/**
 * B takes A's seat: checks the rules, finds or registers B, and writes B
 * (present or late, "ersättare för A") and A ("ersatt"). Throws RuleError;
 * the caller holds the transaction. Used by the roster's substitute form and
 * by self check-in of a substitute the coordinator confirmed in advance.
 */
function substituteInTransaction(
  tx: Transaction,
  occasion: Occasion,
  seriesIds: number[],
  absentPersonId: number,
  substitute: PersonInput,
  status: "narvarande" | "sen",
  actor: Actor,
) {
  const entry = rosterEntry(tx, occasion, seriesIds, absentPersonId);
  if (!entry) throw new RuleError("attendance.error.notOnRoster");
  const absent = tx.select({ sector: people.sector }).from(people).where(eq(people.id, absentPersonId)).get()!;
  const existing = tx.select({ id: people.id }).from(people).where(eq(people.emailNormalized, normalizeEmail(substitute.email))).get();
  const problem = substituteProblem({
    absentPersonId,
    substitutePersonId: existing?.id ?? null,
    absentIsEnrolled: entry.enrolled && entry.substituteFor === null,
    absentAlreadySubstituted: Boolean(entry.substitutedBy),
    substituteIsEnrolled: existing ? isEnrolled(tx, entry.seriesId, existing.id) : false,
    substituteOnRoster: existing ? onRoster(tx, occasion, existing.id) : false,
  });
  if (problem) throw new RuleError(problem);
  const person = findOrCreatePerson(tx, substitute);
  writeAttendanceRow(tx, occasion, { seriesId: entry.seriesId, personId: person.id, status, substituteForPersonId: absentPersonId }, actor);
  writeAttendanceRow(tx, occasion, { seriesId: entry.seriesId, personId: absentPersonId, status: "ersatt" }, actor);
  return { seriesId: entry.seriesId, substitutePersonId: person.id, absentSector: absent.sector, substituteSector: person.sector, created: person.created };
}

export type SubstituteResult =
  | { ok: true; substitutePersonId: number; absentSector: Sector; substituteSector: Sector; created: boolean }
  | { ok: false; problem: SubstituteProblem | "attendance.error.notOnRoster" };

/** Records that B attended in A's place: B present as "ersättare för A", A "ersatt". */
export function recordSubstitute({
  occasion,
  scope,
  absentPersonId,
  substitute,
  actor,
}: {
  occasion: Occasion;
  scope: Scope;
  absentPersonId: number;
  substitute: PersonInput;
  actor: Omit<Actor, "source">;
}): SubstituteResult {
  const seriesIds = rosterSeriesIds({ occasion, scope });
  try {
    return writeTransaction((tx) => {
      const result = substituteInTransaction(tx, occasion, seriesIds, absentPersonId, substitute, "narvarande", { ...actor, source: "substitute" });
      audit(actor.audit, {
        action: "attendance.substitute",
        ...occasionEntity(occasion),
        seriesId: result.seriesId,
        details: { absentPersonId, substitutePersonId: result.substitutePersonId, personCreated: result.created },
      }, tx);
      const { seriesId: _seriesId, ...rest } = result;
      return { ok: true as const, ...rest };
    });
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, problem: error.problem as SubstituteProblem };
    throw error;
  }
}

export type WalkInResult =
  | { ok: true; personId: number; created: boolean }
  | { ok: false; problem: "attendance.error.walkInEnrolled" | "attendance.error.substituteOnRoster" | "attendance.error.notOnRoster" };

/** Adds someone who was not enrolled, at the door. */
export function recordWalkIn({
  occasion,
  scope,
  seriesId,
  person: input,
  actor,
}: {
  occasion: Occasion;
  scope: Scope;
  seriesId: number;
  person: PersonInput;
  actor: Omit<Actor, "source">;
}): WalkInResult {
  if (!rosterSeriesIds({ occasion, scope }).includes(seriesId)) return { ok: false, problem: "attendance.error.notOnRoster" };
  try {
    return writeTransaction((tx) => {
      const existing = tx.select({ id: people.id }).from(people).where(eq(people.emailNormalized, normalizeEmail(input.email))).get();
      if (existing && isEnrolled(tx, seriesId, existing.id)) throw new RuleError("attendance.error.walkInEnrolled");
      if (existing && onRoster(tx, occasion, existing.id)) throw new RuleError("attendance.error.substituteOnRoster");
      const person = findOrCreatePerson(tx, input);
      writeAttendanceRow(tx, occasion, { seriesId, personId: person.id, status: "narvarande", walkIn: true }, { ...actor, source: "walk_in" });
      audit(actor.audit, { action: "attendance.walk_in", ...occasionEntity(occasion), seriesId, details: { personId: person.id, personCreated: person.created } }, tx);
      return { ok: true as const, personId: person.id, created: person.created };
    });
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, problem: error.problem as "attendance.error.walkInEnrolled" };
    throw error;
  }
}

/**
 * Takes a substitute or walk-in off the roster. The seat a substitute filled
 * goes back to "frånvarande – anmält": sending a substitute is reporting the absence.
 */
export function removeFromRoster({ occasion, scope, personId, actor }: { occasion: Occasion; scope: Scope; personId: number; actor: Omit<Actor, "source"> }): boolean {
  const seriesIds = rosterSeriesIds({ occasion, scope });
  return writeTransaction((tx) => {
    const entry = rosterEntry(tx, occasion, seriesIds, personId);
    if (!entry || entry.enrolled || entry.status === null) return false;
    deleteRow(tx, occasion, { seriesId: entry.seriesId, personId }, { ...actor, source: "removed" });
    if (entry.substituteFor !== null) {
      writeAttendanceRow(tx, occasion, { seriesId: entry.seriesId, personId: entry.substituteFor, status: "franvarande_anmalt" }, { ...actor, source: "substitute" });
    }
    audit(actor.audit, {
      action: "attendance.update",
      ...occasionEntity(occasion),
      seriesId: entry.seriesId,
      details: { personId, removed: true, previous: entry.status, ...(entry.substituteFor !== null ? { substituteForPersonId: entry.substituteFor } : {}) },
    }, tx);
    return true;
  });
}

/** The change history of the occasion, newest first, limited to the scope. */
export function attendanceHistory({ occasion, scope, limit = 200 }: { occasion: Occasion; scope: Scope; limit?: number }) {
  const substituteFor = sql<string | null>`(select name from ${people} s where s.id = ${attendanceChanges.substituteForPersonId})`;
  return getDb()
    .select({
      id: attendanceChanges.id,
      personName: people.name,
      status: attendanceChanges.status,
      substituteFor,
      source: attendanceChanges.source,
      changedBy: users.name,
      changedAt: attendanceChanges.changedAt,
    })
    .from(attendanceChanges)
    .innerJoin(people, eq(people.id, attendanceChanges.personId))
    .leftJoin(users, eq(users.id, attendanceChanges.changedById))
    .where(
      and(
        occasion.kind === "session"
          ? eq(attendanceChanges.seriesSessionId, occasion.sessionId)
          : eq(attendanceChanges.exchangeEventId, occasion.eventId),
        seriesInScope(scope, attendanceChanges.seriesId),
      ),
    )
    .orderBy(desc(attendanceChanges.changedAt), desc(attendanceChanges.id))
    .limit(limit)
    .all();
}

// ---------------------------------------------------------------- check-in codes

function randomCode(): string {
  let code = "";
  for (let i = 0; i < CHECKIN_CODE_LENGTH; i++) code += CHECKIN_CODE_ALPHABET[randomInt(CHECKIN_CODE_ALPHABET.length)];
  return code;
}

function codeInUse(code: string): boolean {
  const db = getDb();
  return Boolean(
    db.select({ id: seriesSessions.id }).from(seriesSessions).where(eq(seriesSessions.checkinCode, code)).get() ??
      db.select({ id: exchangeEvents.id }).from(exchangeEvents).where(eq(exchangeEvents.checkinCode, code)).get(),
  );
}

/** The occasion's check-in code, created the first time someone needs it. */
export function ensureCheckinCode(occasion: Occasion): string {
  const db = getDb();
  const table = occasion.kind === "session" ? seriesSessions : exchangeEvents;
  const id = occasion.kind === "session" ? occasion.sessionId : occasion.eventId;
  const current = db.select({ code: table.checkinCode }).from(table).where(eq(table.id, id)).get();
  if (current?.code) return current.code;
  for (;;) {
    const code = randomCode();
    if (codeInUse(code)) continue;
    // Only fills an empty code, so two first visitors end up with the same one.
    db.update(table).set({ checkinCode: code }).where(and(eq(table.id, id), sql`${table.checkinCode} is null`)).run();
    return db.select({ code: table.checkinCode }).from(table).where(eq(table.id, id)).get()!.code!;
  }
}

export function setCheckinMargin({ occasion, minutes, audit: meta }: { occasion: Occasion; minutes: number; audit?: AuditMeta }) {
  const table = occasion.kind === "session" ? seriesSessions : exchangeEvents;
  const id = occasion.kind === "session" ? occasion.sessionId : occasion.eventId;
  writeTransaction((tx) => {
    tx.update(table).set({ checkinMarginMinutes: minutes }).where(eq(table.id, id)).run();
    const seriesId = occasion.kind === "session" ? occasion.seriesId : null;
    audit(meta, { action: "session.update", ...occasionEntity(occasion), seriesId, details: { fields: ["checkinMarginMinutes"], checkinMarginMinutes: minutes } }, tx);
  });
}

export type CheckinTarget = {
  occasion: Occasion;
  title: string;
  seriesName: string | null;
  startsAt: Date;
  endsAt: Date;
  marginMinutes: number;
  format: string;
  venue: string | null;
};

/** The session or exchange event a code belongs to; cancelled series have none. */
export function findByCheckinCode(code: string): CheckinTarget | null {
  if (!code) return null;
  const db = getDb();
  const session = db
    .select({
      sessionId: seriesSessions.id,
      seriesId: seriesSessions.seriesId,
      title: seriesSessions.title,
      seriesName: schema.series.name,
      startsAt: seriesSessions.startsAt,
      endsAt: seriesSessions.endsAt,
      marginMinutes: seriesSessions.checkinMarginMinutes,
      format: seriesSessions.format,
      venue: seriesSessions.venue,
    })
    .from(seriesSessions)
    .innerJoin(schema.series, eq(schema.series.id, seriesSessions.seriesId))
    .where(and(eq(seriesSessions.checkinCode, code), sql`${schema.series.status} not in ('avbruten', 'utkast')`))
    .get();
  if (session) {
    const { sessionId, seriesId, ...rest } = session;
    return { occasion: { kind: "session", seriesId, sessionId }, ...rest };
  }
  const event = db
    .select({
      eventId: exchangeEvents.id,
      title: exchangeEvents.title,
      startsAt: exchangeEvents.startsAt,
      endsAt: exchangeEvents.endsAt,
      marginMinutes: exchangeEvents.checkinMarginMinutes,
      format: exchangeEvents.format,
      venue: exchangeEvents.venue,
    })
    .from(exchangeEvents)
    .where(eq(exchangeEvents.checkinCode, code))
    .get();
  if (!event) return null;
  const { eventId, ...rest } = event;
  return { occasion: { kind: "exchange", eventId }, seriesName: null, ...rest };
}

export type CheckinOutcome =
  | { outcome: "checkedIn"; name: string; status: "narvarande" | "sen" }
  | { outcome: "already"; name: string }
  | { outcome: "replaced"; name: string }
  | { outcome: "notOnRoster" };

/**
 * Self check-in. Someone already marked present stays as marked; someone whose
 * seat a substitute took is told to see the coordinator instead of silently
 * counting twice.
 *
 * A colleague the coordinator confirmed in advance as a substitute for this
 * session (a "bekräftad" row in substitutions) is not on the roster yet; their
 * check-in records them exactly as the roster's substitute form does (B
 * present or late as "ersättare för A", A "ersatt"), in the same transaction.
 * If A's seat cannot be taken any more (A is no longer enrolled, someone else
 * already replaced A), the answer is "not on the roster", and the coordinator
 * at the door sorts it out.
 */
export function checkIn({
  occasion,
  personId,
  status,
  now = new Date(),
  audit: meta,
}: {
  occasion: Occasion;
  personId: number;
  status: "narvarande" | "sen";
  now?: Date;
  /** The participant checking in (decision 016). */
  audit?: AuditMeta;
}): CheckinOutcome {
  const everyone: Scope = { kind: "all" };
  const seriesIds = rosterSeriesIds({ occasion, scope: everyone });
  return writeTransaction((tx) => {
    const entry = rosterEntry(tx, occasion, seriesIds, personId);
    const person = tx.select({ name: people.name }).from(people).where(eq(people.id, personId)).get();
    if (!person) return { outcome: "notOnRoster" as const };
    if (!entry) {
      const absentPersonId = occasion.kind === "session" ? confirmedSubstitutionFor(tx, occasion.sessionId, personId) : null;
      if (absentPersonId === null) return { outcome: "notOnRoster" as const };
      const substitute = tx
        .select(personInputColumns)
        .from(people)
        .where(eq(people.id, personId))
        .get()!;
      try {
        const result = substituteInTransaction(tx, occasion, seriesIds, absentPersonId, substitute, status, { userId: null, source: "checkin", now });
        audit(meta, { action: "attendance.checkin", ...occasionEntity(occasion), seriesId: result.seriesId, details: { personId, status, absentPersonId } }, tx);
      } catch (error) {
        if (error instanceof RuleError) return { outcome: "notOnRoster" as const };
        throw error;
      }
      return { outcome: "checkedIn" as const, name: person.name, status };
    }
    if (entry.status === "narvarande" || entry.status === "sen") return { outcome: "already" as const, name: person.name };
    if (entry.status === "ersatt") return { outcome: "replaced" as const, name: person.name };
    writeAttendanceRow(tx, occasion, { seriesId: entry.seriesId, personId, status, substituteForPersonId: entry.substituteFor, walkIn: entry.walkIn }, { userId: null, source: "checkin", now });
    audit(meta, { action: "attendance.checkin", ...occasionEntity(occasion), seriesId: entry.seriesId, details: { personId, status, previous: entry.status } }, tx);
    return { outcome: "checkedIn" as const, name: person.name, status };
  });
}

/** Whom the person comes for at this session as a confirmed substitute (the latest confirmation), or null. */
function confirmedSubstitutionFor(tx: Transaction, sessionId: number, personId: number): number | null {
  const { substitutions } = schema;
  return (
    tx
      .select({ forPersonId: substitutions.forPersonId })
      .from(substitutions)
      .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.substitutePersonId, personId), eq(substitutions.status, "bekraftad")))
      .orderBy(desc(substitutions.id))
      .get()?.forPersonId ?? null
  );
}

export function personIdByEmail(email: string): number | null {
  return getDb().select({ id: people.id }).from(people).where(eq(people.emailNormalized, normalizeEmail(email))).get()?.id ?? null;
}
