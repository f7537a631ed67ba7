/**
 * Counts behind the county and sponsor dashboard (/lan), aggregated in SQL:
 * series per organisation and status, enrolled people per organisation, and
 * people present at seminars per sector, by organisation and by term. Every
 * query starts from the county's organisations (organisations_county_idx), so
 * only the county's series and their attendance rows are read.
 *
 * People are counted once per group (count distinct): someone present at all
 * three seminars of a term is one person from their sector that term.
 */
import { sql, type SQL } from "drizzle-orm";
import type { OrganisationKind, SeriesStatus, Sector } from "../../db/schema";
import { getDb, schema } from "./db.server";

const { organisations, series, seriesOrganisations, enrolments, attendance, seriesSessions, people, users } = schema;

export type CountyFilter = {
  countyCode: string;
  /** "HT 2026"; null for every term. */
  term: string | null;
  /** The series' process leader (a user id); null for everyone. */
  processLeaderId: number | null;
};

/** The 21 counties, by county code (01 Stockholms län first). */
export function listCounties(): { code: string; name: string }[] {
  return getDb()
    .select({ code: organisations.countyCode, name: organisations.countyName })
    .from(organisations)
    .where(sql`${organisations.kind} = 'kommun'`)
    .groupBy(organisations.countyCode, organisations.countyName)
    .orderBy(organisations.countyCode)
    .all();
}

/** Every term that has a series, in no particular order (the caller sorts them in time order). */
export function listSeriesTerms(): string[] {
  return getDb()
    .selectDistinct({ term: series.term })
    .from(series)
    .all()
    .map((r) => r.term);
}

/** Process leaders who lead at least one series. */
export function listSeriesProcessLeaders(): { id: number; name: string }[] {
  return getDb()
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(series, sql`${series.processLeaderId} = ${users.id}`)
    .all();
}

/** The county's municipalities and city district areas (regions are not counted). */
export function countyOrganisations({ countyCode }: { countyCode: string }): { id: number; name: string; kind: OrganisationKind; code: string | null }[] {
  return getDb()
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, code: organisations.code })
    .from(organisations)
    .where(sql`${organisations.countyCode} = ${countyCode} and ${organisations.kind} in ('kommun', 'stadsdelsomrade')`)
    .all();
}

/**
 * (organisation, series) pairs of the county after the filters. A series
 * run for several organisations appears once for each of them.
 */
function countySeries(filter: CountyFilter): SQL {
  return sql`select so.organisation_id as org, s.id as series_id, s.term as term, s.status as status
    from ${organisations} o
    join ${seriesOrganisations} so on so.organisation_id = o.id
    join ${series} s on s.id = so.series_id
    where o.county_code = ${filter.countyCode}
      and o.kind in ('kommun', 'stadsdelsomrade')
      ${filter.term === null ? sql`` : sql`and s.term = ${filter.term}`}
      ${filter.processLeaderId === null ? sql`` : sql`and s.process_leader_id = ${filter.processLeaderId}`}`;
}

/** Distinct series of the county after the filters (a series for two municipalities once). */
export function countCountySeries(filter: CountyFilter): number {
  const row = getDb().get<{ n: number }>(sql`select count(distinct cs.series_id) as n from (${countySeries(filter)}) cs`);
  return row?.n ?? 0;
}

/** Number of series per organisation and status. */
export function seriesByOrganisationStatus(filter: CountyFilter): { organisationId: number; status: SeriesStatus; count: number }[] {
  return getDb().all(sql`select cs.org as "organisationId", cs.status as status, count(*) as count
    from (${countySeries(filter)}) cs
    group by cs.org, cs.status`);
}

/** People enrolled (anmäld) per organisation, each person once. */
export function enrolledByOrganisation(filter: CountyFilter): { organisationId: number; count: number }[] {
  return getDb().all(sql`select cs.org as "organisationId", count(distinct e.person_id) as count
    from (${countySeries(filter)}) cs
    join ${enrolments} e on e.series_id = cs.series_id
    where e.status = 'anmald'
    group by cs.org`);
}

/**
 * Distinct (key, person) pairs of people present (närvarande or sen, substitutes
 * included) at a seminar of the county's series. CROSS JOIN keeps the order
 * county → series → seminars → attendance, so the attendance rows are read from
 * attendance_session_status_idx alone; the distinct pairs are then few enough
 * to look up each person's sector once.
 */
function presentPairs(filter: CountyFilter, key: SQL): SQL {
  return sql`select distinct ${key} as k, a.person_id as person
    from (${countySeries(filter)}) cs
    cross join ${seriesSessions} ss
    cross join ${attendance} a
    where ss.series_id = cs.series_id and ss.kind = 'seminarium'
      and a.series_session_id = ss.id and a.status in ('narvarande', 'sen')`;
}

/** People present at one or more seminars, per organisation and sector. */
export function attendeesByOrganisationSector(filter: CountyFilter): { organisationId: number; sector: Sector; count: number }[] {
  return getDb().all(sql`select d.k as "organisationId", p.sector as sector, count(*) as count
    from (${presentPairs(filter, sql`cs.org`)}) d
    join ${people} p on p.id = d.person
    group by d.k, p.sector`);
}

/** People present at one or more seminars, per term and sector: each person once per term across the county. */
export function attendeesByTermSector(filter: CountyFilter): { term: string; sector: Sector; count: number }[] {
  return getDb().all(sql`select d.k as term, p.sector as sector, count(*) as count
    from (${presentPairs(filter, sql`cs.term`)}) d
    join ${people} p on p.id = d.person
    group by d.k, p.sector`);
}
