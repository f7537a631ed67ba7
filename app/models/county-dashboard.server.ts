/**
 * Counts behind the county and sponsor dashboard (/lan), aggregated in SQL:
 * series per organisation and status, enrolled people per organisation, and
 * people present at seminars per sector, by organisation and by term. Every
 * query starts from the county's organisations (organisations_county_idx), so
 * only the county's series and their attendance rows are read.
 *
 * People are counted once per group (count distinct): someone present at all
 * three seminars of a term is one person from their sector that term.
 * Presence comes from seminar_presence, derived from attendance by triggers.
 */
import { sql, type SQL } from "drizzle-orm";
import type { OrganisationKind, SeriesStatus, Sector } from "../../db/schema";
import { getDb, schema } from "./db.server";

const { organisations, series, seriesOrganisations, enrolments, seminarPresence, users } = schema;

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
 * People present at one or more seminars (substitutes included), per key and
 * sector, each person once per key. It reads seminar_presence – one row per
 * (series, person) present, with the person's sector, kept by triggers – so
 * neither the attendance rows nor the people table are read here.
 */
function presentBySector(filter: CountyFilter, key: SQL): SQL {
  return sql`select ${key} as k, sp.sector as sector, count(distinct sp.person_id) as count
    from (${countySeries(filter)}) cs
    join ${seminarPresence} sp on sp.series_id = cs.series_id
    group by 1, 2`;
}

/** People present at one or more seminars, per organisation and sector. */
export function attendeesByOrganisationSector(filter: CountyFilter): { organisationId: number; sector: Sector; count: number }[] {
  return getDb().all(sql`select k as "organisationId", sector, count from (${presentBySector(filter, sql`cs.org`)})`);
}

/** People present at one or more seminars, per term and sector: each person once per term across the county. */
export function attendeesByTermSector(filter: CountyFilter): { term: string; sector: Sector; count: number }[] {
  return getDb().all(sql`select k as term, sector, count from (${presentBySector(filter, sql`cs.term`)})`);
}
