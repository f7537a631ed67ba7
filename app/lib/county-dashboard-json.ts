/**
 * /lan.json: the county dashboard for integrations, in the conventions of the
 * series dashboard's JSON (README, "JSON for integrations"): database codes
 * as keys, counts as numbers, shares as unrounded fractions from 0 to 1.
 * A people count hidden from a sponsor is the string "small" (fewer than the
 * threshold; "<5" on the page) or "complementary" (hidden so that a total does
 * not give a small one away; "dold"), and its share is null.
 */
import type { Sector } from "../../db/schema";
import type { CountyDashboard, OrganisationRow, OrganisationTable } from "./county-dashboard";
import type { Figure } from "./suppression";

export const COUNTY_JSON_VERSION = 1;

type BySector<T> = Record<Sector, T>;

function bySector<T>(sectors: readonly Sector[], values: T[]): BySector<T> {
  return Object.fromEntries(sectors.map((s, i) => [s, values[i]])) as BySector<T>;
}

/** The unrounded share behind a shown percentage: null exactly where the page shows "–". */
function fraction(percent: number | null, count: Figure, total: Figure): number | null {
  if (percent === null) return null;
  if (typeof count !== "number" || typeof total !== "number" || total === 0) return percent === 0 ? 0 : null;
  return count / total;
}

function organisationJson(d: CountyDashboard, r: OrganisationRow) {
  const health = d.sectors.indexOf("halso_sjukvard");
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    state: r.state,
    seriesByStatus: r.seriesByStatus,
    enrolled: r.enrolled,
    present: { bySector: bySector(d.sectors, r.attendees), total: r.attendeesTotal },
    healthCareShare: fraction(r.healthCarePercent, r.attendees[health], r.attendeesTotal),
  };
}

function organisationTableJson(d: CountyDashboard, table: OrganisationTable) {
  const health = d.sectors.indexOf("halso_sjukvard");
  return {
    rows: table.rows.map((r) => organisationJson(d, r)),
    sum: {
      series: table.totals.series,
      enrolled: table.totals.enrolled,
      present: { bySector: bySector(d.sectors, table.totals.attendees), total: table.totals.attendeesTotal },
      healthCareShare: fraction(table.totals.healthCarePercent, table.totals.attendees[health], table.totals.attendeesTotal),
    },
  };
}

export function countyDashboardJson(d: CountyDashboard, generatedAt: Date) {
  const termJson = (counts: Figure[], percents: (number | null)[], total: Figure) => ({
    bySector: bySector(d.sectors, counts),
    shares: bySector(
      d.sectors,
      counts.map((c, i) => fraction(percents[i], c, total)),
    ),
    total,
  });
  return {
    version: COUNTY_JSON_VERSION,
    generatedAt: generatedAt.toISOString(),
    filters: { county: d.county, term: d.term, processLeader: d.processLeader },
    suppression: { applied: d.suppression.applied, threshold: d.suppression.threshold, anyHidden: d.suppression.anyHidden },
    seriesCount: d.seriesCount,
    states: d.states.map((g) => ({ kind: g.kind, organisations: g.organisations, byState: g.counts, everCompleted: g.everCompleted })),
    terms: {
      rows: d.terms.rows.map((r) => ({ term: r.term, ...termJson(r.counts, r.percents, r.total) })),
      sum: termJson(d.terms.totals.counts, d.terms.totals.percents, d.terms.totals.total),
    },
    municipalities: organisationTableJson(d, d.municipalities),
    districts: d.districts ? organisationTableJson(d, d.districts) : null,
  };
}
