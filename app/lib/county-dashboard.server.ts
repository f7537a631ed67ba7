/**
 * The county and sponsor dashboard (/lan) put together from the counts the
 * model makes in SQL: states of the county's municipalities and districts,
 * people present per term and sector, and one row per organisation. Small
 * cells are hidden here, on the server, before anything leaves it: the page,
 * the CSV files and the JSON all read this one object.
 */
import { json } from "@remix-run/node";
import { SECTORS, SERIES_STATUSES, type SeriesStatus } from "../../db/schema";
import {
  compareTerms,
  ORGANISATION_STATES,
  organisationState,
  percentOf,
  type CountyDashboard,
  type DashboardOrganisationKind,
  type OrganisationState,
  type OrganisationTable,
  type StateGroup,
  type TermTable,
} from "./county-dashboard";
import { can } from "./permissions.server";
import { TERM_PATTERN } from "./schemas";
import { compareSwedish } from "./swedish-order";
import {
  isHidden,
  suppressionThreshold,
  suppressTable,
  suppressTables,
  unsuppressedTable,
  type Figure,
  type SuppressedTable,
  type TableLink,
} from "./suppression";
import {
  attendeesByOrganisationSector,
  attendeesByTermSector,
  countCountySeries,
  countyOrganisations,
  enrolledByOrganisation,
  listCounties,
  listSeriesProcessLeaders,
  listSeriesTerms,
  seriesByOrganisationStatus,
  type CountyFilter,
} from "~/models/county-dashboard.server";
import type { StaffUser } from "~/models/user.server";

export const DEFAULT_COUNTY_CODE = "01";

export type CountyDashboardOptions = {
  counties: { code: string; name: string }[];
  terms: string[];
  processLeaders: { id: number; name: string }[];
};

function badRequest(message: string): never {
  throw json({ message }, { status: 400 });
}

/**
 * The filters from the query string: `lan` (county code, default 01 Stockholms
 * län), `termin` ("HT 2026", default every term) and `ledare` (a process
 * leader's id, default everyone). Anything else than a known county, a term
 * written like "HT 2026" or a process leader of some series is answered with 400.
 */
export function readCountyFilters(url: URL): { filter: CountyFilter; options: CountyDashboardOptions } {
  const counties = listCounties();
  const processLeaders = listSeriesProcessLeaders().sort((a, b) => compareSwedish(a.name, b.name));
  const terms = listSeriesTerms().sort(compareTerms);

  const countyParam = url.searchParams.get("lan")?.trim() || DEFAULT_COUNTY_CODE;
  if (!counties.some((c) => c.code === countyParam)) badRequest("bad-county");

  const termParam = url.searchParams.get("termin")?.trim().toUpperCase().replace(/\s+/g, " ") || null;
  if (termParam !== null && !TERM_PATTERN.test(termParam)) badRequest("bad-term");
  // A well-formed term without series (an old bookmark) is shown, empty, and stays selectable.
  if (termParam !== null && !terms.includes(termParam)) {
    terms.push(termParam);
    terms.sort(compareTerms);
  }

  const leaderParam = url.searchParams.get("ledare")?.trim() || null;
  let processLeaderId: number | null = null;
  if (leaderParam !== null) {
    processLeaderId = /^\d+$/.test(leaderParam) ? Number(leaderParam) : NaN;
    if (!processLeaders.some((p) => p.id === processLeaderId)) badRequest("bad-process-leader");
  }
  return { filter: { countyCode: countyParam, term: termParam, processLeaderId }, options: { counties, terms, processLeaders } };
}

/** Whether the user gets suppressed figures: everyone who may not see individual participants. */
export function suppressesFor(user: StaffUser): boolean {
  return !can(user, "read", "participants");
}

/** Share of a row's total, shown only when neither figure is hidden (a zero is 0 % whatever the total). */
function visibleShare(raw: number, rawTotal: number, shown: Figure, shownTotal: Figure): number | null {
  if (rawTotal === 0 || isHidden(shown)) return null;
  if (raw === 0) return 0;
  return isHidden(shownTotal) ? null : percentOf(raw, rawTotal);
}

const HEALTH = SECTORS.indexOf("halso_sjukvard");

function emptyStatusCounts(): Record<SeriesStatus, number> {
  return Object.fromEntries(SERIES_STATUSES.map((s) => [s, 0])) as Record<SeriesStatus, number>;
}

export function countyDashboard({
  filter,
  options,
  suppress,
  threshold = suppressionThreshold(),
}: {
  filter: CountyFilter;
  options: CountyDashboardOptions;
  suppress: boolean;
  threshold?: number;
}): CountyDashboard {
  const hide = (cells: number[][], columns: number): SuppressedTable =>
    suppress ? suppressTable(cells, threshold, { columns }) : unsuppressedTable(cells, { columns });

  /**
   * The three people-count tables (terms, municipalities, districts) share
   * their margins: when each person counts once in each, a sector's column
   * total over the terms is the municipalities' plus the districts' column
   * total. They are suppressed together, linked by those sums, so a figure
   * hidden in one table cannot be read off another (decision 009).
   */
  const hidePeopleTables = (terms: number[][], municipalities: number[][], districts: number[][] | null) => {
    const tables = [terms, municipalities, ...(districts ? [districts] : [])].map((cells) => ({ cells, columns: SECTORS.length }));
    const columns: (number | "total")[] = [...SECTORS.map((_, j) => j), "total"];
    const links: TableLink[] = columns.map((column) => ({
      parts: tables.slice(1).map((_, k) => ({ table: k + 1, row: "total" as const, column })),
      total: { table: 0, row: "total", column },
    }));
    const shown = suppress ? suppressTables(tables, threshold, links) : tables.map((t) => unsuppressedTable(t.cells, t));
    return { terms: shown[0], municipalities: shown[1], districts: districts ? shown[2] : null };
  };

  const organisations = countyOrganisations({ countyCode: filter.countyCode }).sort((a, b) => compareSwedish(a.name, b.name));
  const seriesByStatus = new Map<number, Record<SeriesStatus, number>>();
  for (const row of seriesByOrganisationStatus(filter)) {
    const counts = seriesByStatus.get(row.organisationId) ?? emptyStatusCounts();
    counts[row.status] += row.count;
    seriesByStatus.set(row.organisationId, counts);
  }
  const enrolled = new Map(enrolledByOrganisation(filter).map((r) => [r.organisationId, r.count]));
  const attendees = new Map<number, number[]>();
  for (const row of attendeesByOrganisationSector(filter)) {
    const counts = attendees.get(row.organisationId) ?? SECTORS.map(() => 0);
    counts[SECTORS.indexOf(row.sector)] += row.count;
    attendees.set(row.organisationId, counts);
  }

  let anyHidden = false;

  const membersOf = (kind: DashboardOrganisationKind) => organisations.filter((o) => o.kind === kind);
  const rawAttendeesOf = (kind: DashboardOrganisationKind) => membersOf(kind).map((o) => attendees.get(o.id) ?? SECTORS.map(() => 0));

  const organisationTable = (kind: DashboardOrganisationKind, present: SuppressedTable): OrganisationTable => {
    const members = membersOf(kind);
    const rawAttendees = rawAttendeesOf(kind);
    const rawEnrolled = members.map((o) => [enrolled.get(o.id) ?? 0]);
    const enrolledShown = hide(rawEnrolled, 1);
    if (present.hiddenCount > 0 || enrolledShown.hiddenCount > 0) anyHidden = true;
    const rowTotal = (i: number) => rawAttendees[i].reduce((a, b) => a + b, 0);
    const rows = members.map((o, i) => {
      const byStatus = seriesByStatus.get(o.id) ?? emptyStatusCounts();
      const statuses = SERIES_STATUSES.filter((s) => byStatus[s] > 0);
      return {
        id: o.id,
        name: o.name,
        code: o.code,
        series: SERIES_STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
        seriesByStatus: byStatus,
        state: organisationState(statuses),
        enrolled: enrolledShown.cells[i][0],
        attendees: present.cells[i],
        attendeesTotal: present.rowTotals[i],
        healthCarePercent: visibleShare(rawAttendees[i][HEALTH], rowTotal(i), present.cells[i][HEALTH], present.rowTotals[i]),
      };
    });
    const rawHealth = rawAttendees.reduce((sum, r) => sum + r[HEALTH], 0);
    const rawTotal = rawAttendees.reduce((sum, r) => sum + r.reduce((a, b) => a + b, 0), 0);
    return {
      kind,
      rows,
      totals: {
        series: rows.reduce((sum, r) => sum + r.series, 0),
        enrolled: enrolledShown.columnTotals[0],
        attendees: present.columnTotals,
        attendeesTotal: present.total,
        healthCarePercent: visibleShare(rawHealth, rawTotal, present.columnTotals[HEALTH], present.total),
      },
    };
  };

  const stateGroup = (table: OrganisationTable): StateGroup => {
    const counts = Object.fromEntries(ORGANISATION_STATES.map((s) => [s, 0])) as Record<OrganisationState, number>;
    for (const row of table.rows) counts[row.state] += 1;
    return {
      kind: table.kind,
      organisations: table.rows.length,
      counts,
      everCompleted: table.rows.filter((r) => r.seriesByStatus.genomford > 0).length,
    };
  };

  const byTerm = new Map<string, number[]>();
  for (const row of attendeesByTermSector(filter)) {
    const counts = byTerm.get(row.term) ?? SECTORS.map(() => 0);
    counts[SECTORS.indexOf(row.sector)] += row.count;
    byTerm.set(row.term, counts);
  }
  const termNames = [...byTerm.keys()].sort(compareTerms);
  const rawTerms = termNames.map((term) => byTerm.get(term)!);
  const hasDistricts = organisations.some((o) => o.kind === "stadsdelsomrade");
  const {
    terms: termsShown,
    municipalities: municipalitiesPresent,
    districts: districtsPresent,
  } = hidePeopleTables(rawTerms, rawAttendeesOf("kommun"), hasDistricts ? rawAttendeesOf("stadsdelsomrade") : null);
  if (termsShown.hiddenCount > 0 || municipalitiesPresent.hiddenCount > 0 || (districtsPresent?.hiddenCount ?? 0) > 0) anyHidden = true;
  const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const rawColumnTotals = SECTORS.map((_, j) => sumOf(rawTerms.map((r) => r[j])));
  const rawGrandTotal = sumOf(rawColumnTotals);
  const terms: TermTable = {
    rows: termNames.map((term, i) => ({
      term,
      counts: termsShown.cells[i],
      percents: SECTORS.map((_, j) => visibleShare(rawTerms[i][j], sumOf(rawTerms[i]), termsShown.cells[i][j], termsShown.rowTotals[i])),
      total: termsShown.rowTotals[i],
    })),
    totals: {
      counts: termsShown.columnTotals,
      percents: SECTORS.map((_, j) => visibleShare(rawColumnTotals[j], rawGrandTotal, termsShown.columnTotals[j], termsShown.total)),
      total: termsShown.total,
    },
  };

  const municipalities = organisationTable("kommun", municipalitiesPresent);
  const districts = districtsPresent ? organisationTable("stadsdelsomrade", districtsPresent) : null;
  const county = options.counties.find((c) => c.code === filter.countyCode)!;
  return {
    county,
    term: filter.term,
    processLeader: filter.processLeaderId === null ? null : options.processLeaders.find((p) => p.id === filter.processLeaderId) ?? null,
    suppression: { applied: suppress, threshold, anyHidden },
    sectors: SECTORS,
    seriesCount: countCountySeries(filter),
    states: districts ? [stateGroup(municipalities), stateGroup(districts)] : [stateGroup(municipalities)],
    terms,
    municipalities,
    districts,
  };
}
