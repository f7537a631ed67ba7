/**
 * The counts behind the series dashboard (/serier/:id/oversikt), made in SQL
 * with GROUP BY so that a series' attendance rows never travel into
 * JavaScript one by one. What the counts mean (held sessions, alerts, shares)
 * is decided in `~/lib/series-dashboard` and `~/lib/series-alerts`.
 *
 * Every query starts from the series' own rows (attendance.series_id,
 * invitations (series_id, …), enrolments (series_id, person_id)), so each is
 * driven by an index whatever the size of the database; see
 * docs/decisions/009-dashboards.md for the query plans.
 */
import { eq, sql } from "drizzle-orm";
import type { Level, RoleCategory, Sector } from "../../db/schema";
import { getDb, preparedQuery, schema } from "./db.server";

const { attendance, people, invitations, enrolments } = schema;

/** "s12" for series session 12, "e3" for exchange event 3: the column keys of `matrixColumns`. */
const columnKey = sql<string>`case when ${attendance.seriesSessionId} is not null then 's' || ${attendance.seriesSessionId} else 'e' || ${attendance.exchangeEventId} end`;

export type AttendeeGroup = { key: string; sector: Sector; roleCategory: RoleCategory; level: Level | null; count: number };

/**
 * Attendees (present or late; substitutes and walk-ins have present rows of
 * their own) per column, sector, role category and level. At most a few
 * hundred rows for any series; the dashboard sums them per dimension.
 */
const attendeeGroupsQuery = preparedQuery((db) =>
  db
    .select({
      key: columnKey,
      sector: people.sector,
      roleCategory: people.roleCategory,
      level: people.level,
      count: sql<number>`count(*)`,
    })
    .from(attendance)
    .innerJoin(people, eq(people.id, attendance.personId))
    .where(sql`${attendance.seriesId} = ${sql.placeholder("seriesId")} and ${attendance.status} in ('narvarande', 'sen')`)
    .groupBy(sql`1`, people.sector, people.roleCategory, people.level)
    .prepare(),
);

export function attendeeGroups({ seriesId }: { seriesId: number }): AttendeeGroup[] {
  return attendeeGroupsQuery().all({ seriesId });
}

export type ColumnActivity = {
  key: string;
  /** Attendance rows of any status: 0 means nobody has marked the session yet. */
  recorded: number;
  substitutes: number;
  /** Substitutes from another sector than the person whose seat they took. */
  substitutesOtherSector: number;
  walkIns: number;
};

const columnActivityQuery = preparedQuery((db) =>
  db
    .select({
      key: columnKey,
      recorded: sql<number>`count(*)`,
      substitutes: sql<number>`coalesce(sum(${attendance.substituteForPersonId} is not null), 0)`,
      substitutesOtherSector: sql<number>`coalesce(sum(${attendance.substituteForPersonId} is not null and (
        select r.sector from ${people} r where r.id = ${attendance.substituteForPersonId}) <> (
        select s.sector from ${people} s where s.id = ${attendance.personId})), 0)`,
      walkIns: sql<number>`coalesce(sum(${attendance.walkIn}), 0)`,
    })
    .from(attendance)
    .where(sql`${attendance.seriesId} = ${sql.placeholder("seriesId")}`)
    .groupBy(sql`1`)
    .prepare(),
);

/** Per column: whether attendance is recorded at all, and its substitutes and walk-ins. */
export function columnActivity({ seriesId }: { seriesId: number }): ColumnActivity[] {
  return columnActivityQuery().all({ seriesId });
}

export type FunnelCounts = {
  sector: Sector;
  /** Invited by e-mail or registered directly, once per person. */
  invited: number;
  /** Enrolled (status anmäld). */
  accepted: number;
  /** Enrolled people who came themselves (present or late) at least once. */
  attended: number;
  /** Enrolled people with role category Chefer/Ledning. */
  acceptedManagers: number;
};

/**
 * The funnel invited → accepted → attended per sector, in one statement.
 *
 * Everyone who got an invitation to the series or is enrolled in it (any
 * enrolment status: registering someone is an invitation accepted on the
 * spot) is one candidate, keyed by person; an invitation to an address with
 * no person record yet is keyed by its address. The sector is the person's,
 * else the invitation's.
 */
export function funnelBySector({ seriesId }: { seriesId: number }): FunnelCounts[] {
  const rows = getDb().all<{ sector: Sector; invited: number; accepted: number; attended: number; acceptedManagers: number }>(sql`
    with candidates as (
      select coalesce(i.person_id, (select p.id from ${people} p where p.email_normalized = i.email_normalized)) as person_id,
             i.email_normalized as email, i.sector as sector
      from ${invitations} i where i.series_id = ${seriesId}
      union all
      select e.person_id, null, null from ${enrolments} e where e.series_id = ${seriesId}
    ),
    keyed as (
      select coalesce('p' || person_id, 'e' || email) as k, person_id, max(sector) as sector
      from candidates group by 1
    )
    select coalesce(p.sector, k.sector) as sector,
      count(*) as invited,
      coalesce(sum(e.status = 'anmald'), 0) as accepted,
      -- An uncorrelated IN list: read once through attendance_series_idx into a temporary index.
      coalesce(sum(e.status = 'anmald' and k.person_id in (
        select a.person_id from ${attendance} a where a.series_id = ${seriesId} and a.status in ('narvarande', 'sen'))), 0) as attended,
      coalesce(sum(e.status = 'anmald' and p.role_category = 'chef'), 0) as acceptedManagers
    from keyed k
    left join ${people} p on p.id = k.person_id
    left join ${enrolments} e on e.series_id = ${seriesId} and e.person_id = k.person_id
    group by 1
  `);
  return rows;
}
