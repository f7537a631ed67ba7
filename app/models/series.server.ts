import { and, asc, count, desc, eq, gt, sql } from "drizzle-orm";
import type { SessionFormat } from "../../db/schema";
import { getDb, qualified, schema, writeTransaction } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";
import { audit, changedFields, type AuditMeta } from "./audit-log.server";

const {
  series,
  seriesSessions,
  seriesOrganisations,
  seriesCoordinators,
  seriesTemplates,
  organisations,
  enrolments,
  people,
  users,
  attendance,
  prepMaterials,
  reflectionQuestions,
} = schema;

export function seriesExistsInScope({ seriesId, scope }: { seriesId: number; scope: Scope }): boolean {
  return !!getDb()
    .select({ id: series.id })
    .from(series)
    .where(and(eq(series.id, seriesId), seriesInScope(scope)))
    .get();
}

const organisationNamesSql = sql<string>`coalesce((
  select group_concat(o.name, ', ') from ${seriesOrganisations} so
  join ${organisations} o on o.id = so.organisation_id
  where so.series_id = ${qualified(series.id)}
), '')`;

/** Series visible in the scope, with their next session and number of participants. */
export function listSeries({ scope, now = new Date() }: { scope: Scope; now?: Date }) {
  return getDb()
    .select({
      id: series.id,
      name: series.name,
      term: series.term,
      status: series.status,
      organisations: organisationNamesSql,
      nextSessionAt: sql<number | null>`(
        select min(ss.starts_at) from ${seriesSessions} ss
        where ss.series_id = ${qualified(series.id)} and ss.starts_at > ${now.getTime()}
      )`,
      participants: sql<number>`(
        select count(*) from ${enrolments} e where e.series_id = ${qualified(series.id)} and e.status = 'anmald'
      )`,
    })
    .from(series)
    .where(seriesInScope(scope))
    .orderBy(desc(series.createdAt), desc(series.id))
    .all();
}

export function getSeries({ seriesId, scope }: { seriesId: number; scope: Scope }) {
  const db = getDb();
  const row = db
    .select({
      id: series.id,
      name: series.name,
      term: series.term,
      status: series.status,
      cancelReason: series.cancelReason,
      organisations: organisationNamesSql,
      processLeader: users.name,
      templateId: series.templateId,
      template: seriesTemplates.name,
      reminderDaysBefore: series.reminderDaysBefore,
    })
    .from(series)
    .leftJoin(users, eq(users.id, series.processLeaderId))
    .leftJoin(seriesTemplates, eq(seriesTemplates.id, series.templateId))
    .where(and(eq(series.id, seriesId), seriesInScope(scope)))
    .get();
  if (!row) return null;
  // Names only: the series page shows them to everyone who may read the series, sponsors
  // included, and a coordinator's address is not for sponsors (authorisation matrix, decision 018).
  const coordinators = db
    .select({ name: users.name })
    .from(seriesCoordinators)
    .innerJoin(users, eq(users.id, seriesCoordinators.userId))
    .where(eq(seriesCoordinators.seriesId, seriesId))
    .orderBy(asc(users.name))
    .all();
  return { ...row, coordinators };
}

export function listSeriesSessions({ seriesId }: { seriesId: number }) {
  return getDb()
    .select({
      id: seriesSessions.id,
      position: seriesSessions.position,
      kind: seriesSessions.kind,
      title: seriesSessions.title,
      startsAt: seriesSessions.startsAt,
      endsAt: seriesSessions.endsAt,
      format: seriesSessions.format,
      venue: seriesSessions.venue,
      meetingLink: seriesSessions.meetingLink,
      expert: seriesSessions.expert,
      prepHours: seriesSessions.prepHours,
      overrideReason: seriesSessions.overrideReason,
      attended: sql<number>`(
        select count(*) from ${attendance} a
        where a.series_session_id = ${qualified(seriesSessions.id)} and a.status in ('narvarande', 'sen')
      )`,
      documents: sql<number>`(select count(*) from ${prepMaterials} m where m.series_session_id = ${qualified(seriesSessions.id)} and m.kind = 'dokument')`,
      lectures: sql<number>`(select count(*) from ${prepMaterials} m where m.series_session_id = ${qualified(seriesSessions.id)} and m.kind = 'forelasning')`,
      questions: sql<number>`(select count(*) from ${reflectionQuestions} q where q.series_session_id = ${qualified(seriesSessions.id)})`,
    })
    .from(seriesSessions)
    .where(eq(seriesSessions.seriesId, seriesId))
    .orderBy(asc(seriesSessions.position))
    .all();
}

/** Enrolled participants per sector, counted in SQL. */
export function enrolledBySector({ seriesId }: { seriesId: number }) {
  return getDb()
    .select({ sector: people.sector, count: count() })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.status, "anmald")))
    .groupBy(people.sector)
    .all();
}

export function listSeriesParticipants({ seriesId, scope }: { seriesId: number; scope: Scope }) {
  return getDb()
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      workplace: people.workplace,
      sector: people.sector,
      roleCategory: people.roleCategory,
      jobTitle: people.jobTitle,
      level: people.level,
    })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.status, "anmald"), seriesInScope(scope, enrolments.seriesId)))
    .orderBy(asc(people.name))
    .all();
}

/**
 * Updates where and how a session takes place. Scoped in the query itself, so
 * a forged post for a session of another series changes nothing.
 */
export function updateSessionPracticalities({
  seriesId,
  sessionId,
  scope,
  values,
  audit: meta,
}: {
  seriesId: number;
  sessionId: number;
  scope: Scope;
  values: { format: SessionFormat; venue: string | null; meetingLink: string | null };
  audit?: AuditMeta;
}): boolean {
  const where = and(eq(seriesSessions.id, sessionId), eq(seriesSessions.seriesId, seriesId), seriesInScope(scope, seriesSessions.seriesId));
  return writeTransaction((tx) => {
    const before = tx
      .select({ format: seriesSessions.format, venue: seriesSessions.venue, meetingLink: seriesSessions.meetingLink })
      .from(seriesSessions)
      .where(where)
      .get();
    if (!before) return false;
    tx.update(seriesSessions).set(values).where(where).run();
    audit(meta, { action: "session.update", entityKind: "series_session", entityId: sessionId, seriesId, details: { fields: changedFields(before, values) } }, tx);
    return true;
  });
}

export function countSeriesByStatus({ scope }: { scope: Scope }) {
  return getDb()
    .select({ status: series.status, count: count() })
    .from(series)
    .where(seriesInScope(scope))
    .groupBy(series.status)
    .all();
}

export function listUpcomingSessions({ scope, now = new Date(), limit = 5 }: { scope: Scope; now?: Date; limit?: number }) {
  return getDb()
    .select({
      id: seriesSessions.id,
      seriesId: series.id,
      seriesName: series.name,
      title: seriesSessions.title,
      startsAt: seriesSessions.startsAt,
      endsAt: seriesSessions.endsAt,
      format: seriesSessions.format,
    })
    .from(seriesSessions)
    .innerJoin(series, eq(series.id, seriesSessions.seriesId))
    .where(and(gt(seriesSessions.startsAt, now), sql`${series.status} != 'avbruten'`, seriesInScope(scope)))
    .orderBy(asc(seriesSessions.startsAt))
    .limit(limit)
    .all();
}

/** Attendance (present or late) per sector across all sessions in the scope. */
export function attendanceBySector({ scope }: { scope: Scope }) {
  return getDb()
    .select({ sector: people.sector, count: count() })
    .from(attendance)
    .innerJoin(people, eq(people.id, attendance.personId))
    .innerJoin(seriesSessions, eq(seriesSessions.id, attendance.seriesSessionId))
    .where(and(sql`${attendance.status} in ('narvarande', 'sen')`, seriesInScope(scope, seriesSessions.seriesId)))
    .groupBy(people.sector)
    .all();
}
