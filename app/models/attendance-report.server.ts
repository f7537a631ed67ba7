/**
 * The attendance matrix of a series (people × sessions), with per-sector
 * totals, drop-off and continuity. Counting happens in SQL; the rules for what
 * a count means live in `~/lib/attendance-rules`.
 */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { AttendanceStatus, RoleCategory, Sector } from "../../db/schema";
import type { SeatRecord } from "~/lib/attendance-rules";
import { byMunicipalitySectorName } from "~/lib/swedish-order";
import { getDb, preparedQuery, qualified, schema } from "./db.server";

const { attendance, enrolments, people, seriesSessions, exchangeEvents, exchangeEventSeries, organisations } = schema;

export type MatrixColumn = {
  key: string;
  kind: "session" | "exchange";
  id: number;
  /** The session's position in the series; null for the exchange event. */
  position: number | null;
  title: string;
  startsAt: Date;
  isSeminar: boolean;
};

/** The series' sessions in order, then its exchange event if it takes part in one. */
// Every roster, report and dashboard reads a series' columns: built once (decision 013).
const sessionColumnsQuery = preparedQuery((db) =>
  db
    .select({ id: seriesSessions.id, position: seriesSessions.position, title: seriesSessions.title, startsAt: seriesSessions.startsAt, kind: seriesSessions.kind })
    .from(seriesSessions)
    .where(eq(seriesSessions.seriesId, sql.placeholder("seriesId")))
    .orderBy(asc(seriesSessions.position))
    .prepare(),
);
const exchangeColumnQuery = preparedQuery((db) =>
  db
    .select({ id: exchangeEvents.id, title: exchangeEvents.title, startsAt: exchangeEvents.startsAt })
    .from(exchangeEventSeries)
    .innerJoin(exchangeEvents, eq(exchangeEvents.id, exchangeEventSeries.eventId))
    .where(eq(exchangeEventSeries.seriesId, sql.placeholder("seriesId")))
    .prepare(),
);

export function matrixColumns({ seriesId }: { seriesId: number }): MatrixColumn[] {
  const sessions = sessionColumnsQuery()
    .all({ seriesId })
    .map((s) => ({ key: `s${s.id}`, kind: "session" as const, id: s.id, position: s.position, title: s.title, startsAt: s.startsAt, isSeminar: s.kind === "seminarium" }));
  const event = exchangeColumnQuery().get({ seriesId });
  return event ? [...sessions, { key: `e${event.id}`, kind: "exchange", id: event.id, position: null, title: event.title, startsAt: event.startsAt, isSeminar: false }] : sessions;
}

export type MatrixPerson = {
  id: number;
  name: string;
  email: string;
  organisation: string | null;
  sector: Sector;
  roleCategory: RoleCategory;
  enrolled: boolean;
  /**
   * Column key → status. A substitute's cell names whom they replaced, a
   * replaced seat's cell names the substitute, and walk-ins are marked.
   */
  cells: Record<string, { status: AttendanceStatus; substituteFor: string | null; substitutedBy: string | null; walkIn: boolean }>;
};

/** Everyone enrolled, plus everyone who came as a substitute or walk-in, with their statuses. */
export function matrixPeople({ seriesId }: { seriesId: number }): MatrixPerson[] {
  const db = getDb();
  const enrolled = sql`exists (select 1 from ${enrolments} e where e.series_id = ${seriesId} and e.person_id = ${qualified(people.id)} and e.status = 'anmald')`;
  // An id list the planner can drive from the series' indexes, instead of testing every person.
  const onSeries = sql`${people.id} in (
    select e.person_id from ${enrolments} e where e.series_id = ${seriesId} and e.status = 'anmald'
    union select a.person_id from ${attendance} a where a.series_id = ${seriesId})`;
  const persons = db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      organisation: organisations.name,
      sector: people.sector,
      roleCategory: people.roleCategory,
      enrolled: sql<number>`${enrolled}`,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(onSeries)
    .all();
  const substitute = sql<string | null>`(select name from ${people} s where s.id = ${attendance.substituteForPersonId})`;
  // The substitute who took this row's seat at the same occasion, if any.
  const substitutedBy = sql<string | null>`case when ${attendance.status} = 'ersatt' then (
    select s.name from ${attendance} b join ${people} s on s.id = b.person_id
    where b.substitute_for_person_id = ${qualified(attendance.personId)}
      and (b.series_session_id = ${qualified(attendance.seriesSessionId)} or b.exchange_event_id = ${qualified(attendance.exchangeEventId)})) end`;
  const rows = db
    .select({
      personId: attendance.personId,
      sessionId: attendance.seriesSessionId,
      eventId: attendance.exchangeEventId,
      status: attendance.status,
      substituteFor: substitute,
      substitutedBy,
      walkIn: attendance.walkIn,
    })
    .from(attendance)
    .where(eq(attendance.seriesId, seriesId))
    .all();
  const byPerson = new Map(persons.map((p) => [p.id, { ...p, enrolled: p.enrolled === 1, cells: {} as MatrixPerson["cells"] }]));
  for (const row of rows) {
    const key = row.sessionId !== null ? `s${row.sessionId}` : `e${row.eventId}`;
    const person = byPerson.get(row.personId);
    if (person) person.cells[key] = { status: row.status, substituteFor: row.substituteFor, substitutedBy: row.substitutedBy, walkIn: row.walkIn };
  }
  return [...byPerson.values()].sort(byMunicipalitySectorName);
}

/** Attendees (present or late, substitutes included) per column and sector. */
export function presentBySector({ seriesId }: { seriesId: number }): { key: string; sector: Sector; count: number }[] {
  return getDb()
    .select({
      key: sql<string>`case when ${attendance.seriesSessionId} is not null then 's' || ${attendance.seriesSessionId} else 'e' || ${attendance.exchangeEventId} end`,
      sector: people.sector,
      count: sql<number>`count(*)`,
    })
    .from(attendance)
    .innerJoin(people, eq(people.id, attendance.personId))
    .where(and(eq(attendance.seriesId, seriesId), sql`${attendance.status} in ('narvarande', 'sen')`))
    .groupBy(sql`1`, people.sector)
    .all();
}

/** Substitutes and walk-ins per column: the special rows behind the attendee counts. */
export function extrasByColumn({ seriesId }: { seriesId: number }): { key: string; substitutes: number; walkIns: number }[] {
  return getDb()
    .select({
      key: sql<string>`case when ${attendance.seriesSessionId} is not null then 's' || ${attendance.seriesSessionId} else 'e' || ${attendance.exchangeEventId} end`,
      substitutes: sql<number>`sum(case when ${attendance.substituteForPersonId} is not null then 1 else 0 end)`,
      walkIns: sql<number>`sum(case when ${attendance.walkIn} then 1 else 0 end)`,
    })
    .from(attendance)
    .where(and(eq(attendance.seriesId, seriesId), sql`(${attendance.substituteForPersonId} is not null or ${attendance.walkIn})`))
    .groupBy(sql`1`)
    .all();
}

/**
 * One record per enrolled person over the seminars held by `now`: at how many
 * the seat was filled (present, late, or replaced by a substitute) and at how
 * many the person came themselves.
 */
export function seatRecords({ seriesId, now = new Date() }: { seriesId: number; now?: Date }): { seminarsHeld: number; records: SeatRecord[] } {
  const db = getDb();
  const held = and(eq(seriesSessions.seriesId, seriesId), eq(seriesSessions.kind, "seminarium"), lte(seriesSessions.startsAt, now));
  const seminarsHeld = db.select({ n: sql<number>`count(*)` }).from(seriesSessions).where(held).get()!.n;
  const heldIds = db.select({ id: seriesSessions.id }).from(seriesSessions).where(held);
  const records = db
    .select({
      sector: people.sector,
      filled: sql<number>`(select count(*) from ${attendance} a where a.person_id = ${qualified(enrolments.personId)}
        and a.series_session_id in ${heldIds} and a.status in ('narvarande', 'sen', 'ersatt'))`,
      attendedSelf: sql<number>`(select count(*) from ${attendance} a where a.person_id = ${qualified(enrolments.personId)}
        and a.series_session_id in ${heldIds} and a.status in ('narvarande', 'sen'))`,
    })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.status, "anmald")))
    .all();
  return { seminarsHeld, records };
}
