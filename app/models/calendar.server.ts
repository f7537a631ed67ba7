import { and, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { getDb, qualified, schema } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";

const { series, seriesSessions, seriesOrganisations, organisations, exchangeEvents, exchangeEventSeries, users } = schema;

export type CalendarFilter = {
  scope: Scope;
  from: Date;
  to: Date;
  processLeaderId?: number | null;
  organisationId?: number | null;
};

export type CalendarItem = {
  key: string;
  kind: "session" | "exchange";
  id: number;
  seriesId: number | null;
  title: string;
  seriesName: string | null;
  organisations: string;
  startsAt: Date;
  endsAt: Date;
  format: "pa_plats" | "digitalt" | "hybrid";
  venue: string | null;
  meetingLink: string | null;
  processLeader: string | null;
  cancelled: boolean;
};

function seriesOfOrganisation(organisationId: number) {
  const db = getDb();
  // A municipality's filter includes its city districts.
  const orgs = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(or(eq(organisations.id, organisationId), eq(organisations.parentId, organisationId)));
  return db
    .select({ id: seriesOrganisations.seriesId })
    .from(seriesOrganisations)
    .where(inArray(seriesOrganisations.organisationId, orgs));
}

/** Series sessions and exchange events in [from, to), filtered in SQL. */
export function listCalendarItems(filter: CalendarFilter): CalendarItem[] {
  const db = getDb();
  const orgNames = sql<string>`coalesce((
    select group_concat(o.name, ', ') from ${seriesOrganisations} so join ${organisations} o on o.id = so.organisation_id
    where so.series_id = ${qualified(series.id)}
  ), '')`;
  const sessions = db
    .select({
      id: seriesSessions.id,
      seriesId: series.id,
      title: seriesSessions.title,
      seriesName: series.name,
      organisations: orgNames,
      startsAt: seriesSessions.startsAt,
      endsAt: seriesSessions.endsAt,
      format: seriesSessions.format,
      venue: seriesSessions.venue,
      meetingLink: seriesSessions.meetingLink,
      processLeader: users.name,
      status: series.status,
    })
    .from(seriesSessions)
    .innerJoin(series, eq(series.id, seriesSessions.seriesId))
    .leftJoin(users, eq(users.id, series.processLeaderId))
    .where(
      and(
        gte(seriesSessions.startsAt, filter.from),
        lt(seriesSessions.startsAt, filter.to),
        seriesInScope(filter.scope),
        filter.processLeaderId ? eq(series.processLeaderId, filter.processLeaderId) : undefined,
        filter.organisationId ? inArray(series.id, seriesOfOrganisation(filter.organisationId)) : undefined,
      ),
    )
    .all();

  const visibleEvents =
    filter.scope.kind === "all" && !filter.organisationId
      ? undefined
      : inArray(
          exchangeEvents.id,
          db
            .select({ id: exchangeEventSeries.eventId })
            .from(exchangeEventSeries)
            .where(
              and(
                seriesInScope(filter.scope, exchangeEventSeries.seriesId),
                filter.organisationId
                  ? inArray(exchangeEventSeries.seriesId, seriesOfOrganisation(filter.organisationId))
                  : undefined,
              ),
            ),
        );
  const events = db
    .select({
      id: exchangeEvents.id,
      title: exchangeEvents.title,
      startsAt: exchangeEvents.startsAt,
      endsAt: exchangeEvents.endsAt,
      format: exchangeEvents.format,
      venue: exchangeEvents.venue,
      meetingLink: exchangeEvents.meetingLink,
      processLeader: users.name,
      organisations: sql<string>`coalesce((
        select group_concat(o.name, ', ') from ${exchangeEventSeries} l
        join ${seriesOrganisations} so on so.series_id = l.series_id
        join ${organisations} o on o.id = so.organisation_id
        where l.event_id = ${qualified(exchangeEvents.id)}
      ), '')`,
    })
    .from(exchangeEvents)
    .leftJoin(users, eq(users.id, exchangeEvents.processLeaderId))
    .where(
      and(
        gte(exchangeEvents.startsAt, filter.from),
        lt(exchangeEvents.startsAt, filter.to),
        visibleEvents,
        filter.processLeaderId ? eq(exchangeEvents.processLeaderId, filter.processLeaderId) : undefined,
      ),
    )
    .all();

  const items: CalendarItem[] = [
    ...sessions.map(({ status, ...s }) => ({ ...s, key: `s${s.id}`, kind: "session" as const, cancelled: status === "avbruten" })),
    ...events.map((e) => ({ ...e, key: `u${e.id}`, kind: "exchange" as const, seriesId: null, seriesName: null, cancelled: false })),
  ];
  return items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** A new secret for the user's calendar feed; the old URL stops working. Returns the plain token once. */
export function regenerateCalendarToken({ userId }: { userId: number }): string {
  const token = randomToken();
  getDb().update(users).set({ calendarTokenHash: hashToken(token) }).where(eq(users.id, userId)).run();
  return token;
}

export function hasCalendarToken({ userId }: { userId: number }): boolean {
  return !!getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), sql`${users.calendarTokenHash} is not null`))
    .get();
}

export function userIdByCalendarToken({ token }: { token: string }): number | null {
  return (
    getDb()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.calendarTokenHash, hashToken(token)), sql`${users.passwordHash} is not null`))
      .get()?.id ?? null
  );
}
