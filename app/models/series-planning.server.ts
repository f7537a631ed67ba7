/**
 * Planning writes for series: creating from a template, editing a session's
 * schedule, lifecycle changes and rebooking. Multi-row writes run in one
 * (synchronous) transaction.
 */
import { and, asc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import { proposeDates, type Booking } from "~/lib/scheduling";
import { stockholmToUtc } from "~/lib/time";
import type { SeriesStatus, SessionFormat } from "../../db/schema";
import { getDb, schema, writeTransaction } from "./db.server";
import { copyTemplateTargets } from "./representation.server";
import { audit, changedFields, type AuditMeta } from "./audit-log.server";

const {
  series,
  seriesSessions,
  seriesOrganisations,
  seriesCoordinators,
  seriesTemplates,
  templateSessions,
  exchangeEvents,
  users,
} = schema;

export type NewSeries = {
  name: string;
  term: string;
  templateId: number;
  organisationIds: number[];
  processLeaderId: number;
  coordinatorIds: number[];
  /** The first session's date, "2026-09-15". */
  firstDate: string;
  rebookedFromId?: number | null;
};

/** Creates a series and its sessions from a template. The exchange session is a shared event, not copied. */
export function createSeriesFromTemplate(input: NewSeries, meta?: AuditMeta): number {
  return writeTransaction((tx) => {
    const template = tx.select().from(seriesTemplates).where(eq(seriesTemplates.id, input.templateId)).get();
    if (!template) throw new Error(`Mallen ${input.templateId} finns inte`);
    const sessions = tx
      .select()
      .from(templateSessions)
      .where(and(eq(templateSessions.templateId, template.id), ne(templateSessions.kind, "utbyte")))
      .orderBy(asc(templateSessions.position))
      .all();
    const { id: seriesId } = tx
      .insert(series)
      .values({
        name: input.name,
        term: input.term,
        status: "utkast",
        templateId: template.id,
        processLeaderId: input.processLeaderId,
        rebookedFromId: input.rebookedFromId ?? null,
      })
      .returning({ id: series.id })
      .get();
    tx.insert(seriesOrganisations)
      .values(input.organisationIds.map((organisationId) => ({ seriesId, organisationId })))
      .run();
    if (input.coordinatorIds.length) {
      tx.insert(seriesCoordinators).values(input.coordinatorIds.map((userId) => ({ seriesId, userId }))).run();
    }
    copyTemplateTargets(tx, template.id, seriesId);
    const dates = proposeDates(input.firstDate, sessions.length, template);
    sessions.forEach((s, i) => {
      tx.insert(seriesSessions)
        .values({
          seriesId,
          position: i + 1,
          kind: s.kind,
          title: s.title,
          theme: s.theme,
          expert: s.expert,
          prepHours: s.prepHours,
          startsAt: stockholmToUtc(dates[i], template.defaultStartTime),
          endsAt: stockholmToUtc(dates[i], template.defaultEndTime),
          format: "pa_plats",
        })
        .run();
    });
    audit(meta, {
      action: "series.create",
      entityKind: "series",
      entityId: seriesId,
      seriesId,
      details: {
        templateId: template.id,
        sessions: sessions.length,
        organisationIds: input.organisationIds,
        coordinatorIds: input.coordinatorIds,
        ...(input.rebookedFromId ? { rebookedFromId: input.rebookedFromId } : {}),
      },
    }, tx);
    return seriesId;
  });
}

export type SessionScheduleValues = {
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  venue: string | null;
  meetingLink: string | null;
  expert: string | null;
  capacity: number | null;
  notes: string | null;
  prepHours: number | null;
  overrideReason: string | null;
};

export function updateSessionSchedule({
  seriesId,
  sessionId,
  values,
  audit: meta,
}: {
  seriesId: number;
  sessionId: number;
  values: SessionScheduleValues;
  audit?: AuditMeta;
}): boolean {
  return writeTransaction((tx) => {
    const where = and(eq(seriesSessions.id, sessionId), eq(seriesSessions.seriesId, seriesId));
    const before = tx.select().from(seriesSessions).where(where).get();
    if (!before) return false;
    tx.update(seriesSessions).set(values).where(where).run();
    audit(meta, { action: "session.update", entityKind: "series_session", entityId: sessionId, seriesId, details: { fields: changedFields(before, values) } }, tx);
    return true;
  });
}

export function getSession({ seriesId, sessionId }: { seriesId: number; sessionId: number }) {
  return (
    getDb()
      .select({
        id: seriesSessions.id,
        seriesId: seriesSessions.seriesId,
        position: seriesSessions.position,
        kind: seriesSessions.kind,
        title: seriesSessions.title,
        theme: seriesSessions.theme,
        startsAt: seriesSessions.startsAt,
        endsAt: seriesSessions.endsAt,
        format: seriesSessions.format,
        venue: seriesSessions.venue,
        meetingLink: seriesSessions.meetingLink,
        expert: seriesSessions.expert,
        capacity: seriesSessions.capacity,
        notes: seriesSessions.notes,
        prepHours: seriesSessions.prepHours,
        overrideReason: seriesSessions.overrideReason,
        checkinMarginMinutes: seriesSessions.checkinMarginMinutes,
      })
      .from(seriesSessions)
      .where(and(eq(seriesSessions.id, sessionId), eq(seriesSessions.seriesId, seriesId)))
      .get() ?? null
  );
}

/** What the scheduling rules need to know about a series. */
export function scheduleContext({ seriesId }: { seriesId: number }) {
  const db = getDb();
  const head = db
    .select({ processLeaderId: series.processLeaderId, minimumMonths: seriesTemplates.minimumMonthsBetween, hasTemplate: seriesTemplates.id })
    .from(series)
    .leftJoin(seriesTemplates, eq(seriesTemplates.id, series.templateId))
    .where(eq(series.id, seriesId))
    .get();
  const sessions = db
    .select({
      id: seriesSessions.id,
      position: seriesSessions.position,
      title: seriesSessions.title,
      startsAt: seriesSessions.startsAt,
      endsAt: seriesSessions.endsAt,
      expert: seriesSessions.expert,
      overrideReason: seriesSessions.overrideReason,
    })
    .from(seriesSessions)
    .where(eq(seriesSessions.seriesId, seriesId))
    .orderBy(asc(seriesSessions.position))
    .all();
  // Series without a template follow the programme's rule of a month between sessions.
  const minimumMonths = head?.hasTemplate ? (head.minimumMonths ?? null) : 1;
  return { processLeaderId: head?.processLeaderId ?? null, minimumMonths, sessions };
}

export type LabelledBooking = Booking & { label: string };

/**
 * Sessions and exchange events that overlap the interval, in any series that
 * is not cancelled. Uses the starts_at index; the rule itself is in lib/scheduling.
 */
export function bookingsOverlapping({
  startsAt,
  endsAt,
  excludeSessionId,
}: {
  startsAt: Date;
  endsAt: Date;
  excludeSessionId?: number;
}): LabelledBooking[] {
  const db = getDb();
  const sessions = db
    .select({
      id: seriesSessions.id,
      startsAt: seriesSessions.startsAt,
      endsAt: seriesSessions.endsAt,
      processLeaderId: series.processLeaderId,
      experts: seriesSessions.expert,
      label: sql<string>`${series.name} || ': ' || ${seriesSessions.title}`,
    })
    .from(seriesSessions)
    .innerJoin(series, eq(series.id, seriesSessions.seriesId))
    .where(
      and(
        lt(seriesSessions.startsAt, endsAt),
        gt(seriesSessions.endsAt, startsAt),
        ne(series.status, "avbruten"),
        excludeSessionId ? ne(seriesSessions.id, excludeSessionId) : undefined,
      ),
    )
    .all();
  const events = db
    .select({
      id: exchangeEvents.id,
      startsAt: exchangeEvents.startsAt,
      endsAt: exchangeEvents.endsAt,
      processLeaderId: exchangeEvents.processLeaderId,
      experts: exchangeEvents.expert,
      label: exchangeEvents.title,
    })
    .from(exchangeEvents)
    .where(and(lt(exchangeEvents.startsAt, endsAt), gt(exchangeEvents.endsAt, startsAt)))
    .all();
  // Exchange event ids live in another table; keep them apart from session ids.
  return [...sessions, ...events.map((e) => ({ ...e, id: -e.id }))];
}

export function setSeriesStatus({
  seriesId,
  status,
  cancelReason,
  audit: meta,
}: {
  seriesId: number;
  status: SeriesStatus;
  cancelReason: string | null;
  audit?: AuditMeta;
}): boolean {
  return writeTransaction((tx) => {
    const before = tx.select({ status: series.status }).from(series).where(eq(series.id, seriesId)).get();
    if (!before) return false;
    tx.update(series)
      .set({ status, cancelReason: status === "avbruten" ? cancelReason : null })
      .where(eq(series.id, seriesId))
      .run();
    audit(meta, { action: "series.status", entityKind: "series", entityId: seriesId, seriesId, details: { from: before.status, to: status } }, tx);
    return true;
  });
}

/** The data a rebooking copies from the cancelled series. */
export function rebookSource({ seriesId }: { seriesId: number }) {
  const db = getDb();
  const row = db
    .select({ name: series.name, status: series.status, templateId: series.templateId, processLeaderId: series.processLeaderId })
    .from(series)
    .where(eq(series.id, seriesId))
    .get();
  if (!row) return null;
  const organisationIds = db
    .select({ id: seriesOrganisations.organisationId })
    .from(seriesOrganisations)
    .where(eq(seriesOrganisations.seriesId, seriesId))
    .all()
    .map((r) => r.id);
  const coordinatorIds = db
    .select({ id: seriesCoordinators.userId })
    .from(seriesCoordinators)
    .where(eq(seriesCoordinators.seriesId, seriesId))
    .all()
    .map((r) => r.id);
  return { ...row, organisationIds, coordinatorIds };
}

/** The series this one was rebooked from, and those rebooked from it. */
export function rebookLinks({ seriesId }: { seriesId: number }) {
  const db = getDb();
  const previousId = db.select({ id: series.rebookedFromId }).from(series).where(eq(series.id, seriesId)).get()?.id;
  const from = previousId
    ? db.select({ id: series.id, name: series.name, term: series.term }).from(series).where(eq(series.id, previousId)).get()
    : undefined;
  const to = db
    .select({ id: series.id, name: series.name, term: series.term })
    .from(series)
    .where(eq(series.rebookedFromId, seriesId))
    .all();
  return { from: from ?? null, to };
}

export function listStaffByRole({ role }: { role: "admin" | "coordinator" }) {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.role, role))
    .orderBy(asc(users.name))
    .all();
}

export function existingUserIds({ ids, role }: { ids: number[]; role: "admin" | "coordinator" }): number[] {
  if (ids.length === 0) return [];
  return getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.role, role)))
    .all()
    .map((u) => u.id);
}

export function seriesIdOfSession({ sessionId }: { sessionId: number }): number | null {
  return getDb().select({ id: seriesSessions.seriesId }).from(seriesSessions).where(eq(seriesSessions.id, sessionId)).get()?.id ?? null;
}
