import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { SessionFormat } from "../../db/schema";
import { getDb, qualified, schema, writeTransaction } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";

const { exchangeEvents, exchangeEventSeries, series, enrolments, users } = schema;

export type ExchangeValues = {
  title: string;
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  venue: string | null;
  meetingLink: string | null;
  expert: string | null;
  processLeaderId: number | null;
  notes: string | null;
};

/** Exchange events visible in the scope: all for process leaders, those linked to a visible series otherwise. */
function eventInScope(scope: Scope) {
  if (scope.kind === "all") return sql`1 = 1`;
  const linked = getDb()
    .select({ id: exchangeEventSeries.eventId })
    .from(exchangeEventSeries)
    .where(seriesInScope(scope, exchangeEventSeries.seriesId));
  return sql`${exchangeEvents.id} in ${linked}`;
}

const participantCountSql = sql<number>`(
  select count(distinct e.person_id) from ${enrolments} e
  join ${exchangeEventSeries} l on l.series_id = e.series_id
  where l.event_id = ${qualified(exchangeEvents.id)} and e.status = 'anmald'
)`;

export function listExchangeEvents({ scope }: { scope: Scope }) {
  return getDb()
    .select({
      id: exchangeEvents.id,
      title: exchangeEvents.title,
      startsAt: exchangeEvents.startsAt,
      endsAt: exchangeEvents.endsAt,
      format: exchangeEvents.format,
      venue: exchangeEvents.venue,
      series: sql<string>`coalesce((
        select group_concat(s.name, ', ') from ${exchangeEventSeries} l join ${series} s on s.id = l.series_id
        where l.event_id = ${qualified(exchangeEvents.id)}
      ), '')`,
      participants: participantCountSql,
    })
    .from(exchangeEvents)
    .where(eventInScope(scope))
    .orderBy(asc(exchangeEvents.startsAt))
    .all();
}

export function getExchangeEvent({ eventId, scope }: { eventId: number; scope: Scope }) {
  const db = getDb();
  const event = db
    .select({
      id: exchangeEvents.id,
      title: exchangeEvents.title,
      startsAt: exchangeEvents.startsAt,
      endsAt: exchangeEvents.endsAt,
      format: exchangeEvents.format,
      venue: exchangeEvents.venue,
      meetingLink: exchangeEvents.meetingLink,
      expert: exchangeEvents.expert,
      notes: exchangeEvents.notes,
      processLeaderId: exchangeEvents.processLeaderId,
      processLeader: users.name,
      participants: participantCountSql,
      checkinMarginMinutes: exchangeEvents.checkinMarginMinutes,
    })
    .from(exchangeEvents)
    .leftJoin(users, eq(users.id, exchangeEvents.processLeaderId))
    .where(and(eq(exchangeEvents.id, eventId), eventInScope(scope)))
    .get();
  if (!event) return null;
  const linkedSeries = db
    .select({
      id: series.id,
      name: series.name,
      term: series.term,
      participants: sql<number>`(select count(*) from ${enrolments} e where e.series_id = ${qualified(series.id)} and e.status = 'anmald')`,
    })
    .from(exchangeEventSeries)
    .innerJoin(series, eq(series.id, exchangeEventSeries.seriesId))
    .where(and(eq(exchangeEventSeries.eventId, eventId), seriesInScope(scope)))
    .orderBy(asc(series.name))
    .all();
  return { ...event, linkedSeries };
}

export function createExchangeEvent({ values }: { values: ExchangeValues }): number {
  return getDb().insert(exchangeEvents).values(values).returning({ id: exchangeEvents.id }).get().id;
}

export function updateExchangeEvent({ eventId, values }: { eventId: number; values: ExchangeValues }): boolean {
  return getDb().update(exchangeEvents).set(values).where(eq(exchangeEvents.id, eventId)).run().changes === 1;
}

/**
 * Sets which series share this exchange session. A series can take part in
 * one exchange session, so linking it here moves it from any other.
 */
export function setLinkedSeries({ eventId, seriesIds }: { eventId: number; seriesIds: number[] }) {
  const db = getDb();
  writeTransaction((tx) => {
    tx.delete(exchangeEventSeries).where(eq(exchangeEventSeries.eventId, eventId)).run();
    if (seriesIds.length === 0) return;
    tx.delete(exchangeEventSeries).where(inArray(exchangeEventSeries.seriesId, seriesIds)).run();
    tx.insert(exchangeEventSeries)
      .values(seriesIds.map((seriesId) => ({ eventId, seriesId })))
      .run();
  });
}

/** The exchange session a series takes part in, if any. */
export function exchangeForSeries({ seriesId }: { seriesId: number }) {
  return (
    getDb()
      .select({ id: exchangeEvents.id, title: exchangeEvents.title, startsAt: exchangeEvents.startsAt, endsAt: exchangeEvents.endsAt })
      .from(exchangeEventSeries)
      .innerJoin(exchangeEvents, eq(exchangeEvents.id, exchangeEventSeries.eventId))
      .where(eq(exchangeEventSeries.seriesId, seriesId))
      .get() ?? null
  );
}

export function listSeriesForLinking() {
  return getDb()
    .select({ id: series.id, name: series.name, term: series.term, status: series.status })
    .from(series)
    .where(sql`${series.status} != 'avbruten'`)
    .orderBy(asc(series.name))
    .all();
}
