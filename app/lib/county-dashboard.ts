/**
 * Rules of the county and sponsor dashboard (/lan) that need no database:
 * an organisation's current state from its series, shares with one decimal,
 * and the order of terms. Client-safe, so the page and the tests use the same code.
 */
import type { Locale } from "~/i18n";
import type { Sector, SeriesStatus } from "../../db/schema";
import { formatPercent } from "./format";
import type { Figure } from "./suppression";

/** Where a municipality or district stands, in the order the dashboard lists them. */
export const ORGANISATION_STATES = ["genomford", "pagaende", "planerad", "ingen"] as const;
export type OrganisationState = (typeof ORGANISATION_STATES)[number];

/**
 * The current state of an organisation from the statuses of its series (after
 * the filters): running beats planned, planned beats completed, and completed
 * beats none. A draft (utkast) is not yet agreed with the municipality and a
 * cancelled series (avbruten) did not happen, so an organisation with only
 * those has none.
 */
export function organisationState(statuses: Iterable<SeriesStatus>): OrganisationState {
  const present = new Set(statuses);
  if (present.has("pagaende")) return "pagaende";
  if (present.has("planerad")) return "planerad";
  if (present.has("genomford")) return "genomford";
  return "ingen";
}

/**
 * `part` of `whole` as a percentage rounded half up to one decimal, from the
 * integers (48 of 233 → 20.6), or null when there is nothing to divide by.
 * The page, the CSV and the JSON all show this same number.
 */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** 20.6 → "20,6 %" (with the non-breaking space Swedish typography uses); "20.6%" in English. */
export function formatShare(percent: number, locale: Locale = "sv"): string {
  return formatPercent(percent / 100, locale);
}

/** 20.6 → "20,6" for a CSV cell (the unit is in the column heading). */
export function formatShareNumber(percent: number): string {
  return percent.toFixed(1).replace(".", ",");
}

const TERM = /^(VT|HT)\s+(\d{4})$/;

/** Terms in time order: VT 2026, HT 2026, VT 2027, …; anything else after them, alphabetically. */
export function compareTerms(a: string, b: string): number {
  const ma = TERM.exec(a);
  const mb = TERM.exec(b);
  if (ma && mb) return Number(ma[2]) - Number(mb[2]) || (ma[1] === "VT" ? 0 : 1) - (mb[1] === "VT" ? 0 : 1);
  if (ma) return -1;
  if (mb) return 1;
  return a.localeCompare(b, "sv");
}

export type DashboardOrganisationKind = "kommun" | "stadsdelsomrade";

/** How many of a group's organisations (the county's municipalities, or its city district areas) are in each state. */
export type StateGroup = {
  kind: DashboardOrganisationKind;
  organisations: number;
  counts: Record<OrganisationState, number>;
  /** Organisations with at least one completed series, whatever their state now. */
  everCompleted: number;
};

/** People counts are a Figure (a number, or why it is hidden); shares are null where hidden or undefined. */
export type OrganisationRow = {
  id: number;
  name: string;
  /** kommunkod; null for a city district area. */
  code: string | null;
  series: number;
  seriesByStatus: Record<SeriesStatus, number>;
  state: OrganisationState;
  enrolled: Figure;
  /** Present at one or more seminars, per sector in the order of `CountyDashboard.sectors`. */
  attendees: Figure[];
  attendeesTotal: Figure;
  healthCarePercent: number | null;
};

export type OrganisationTable = {
  kind: DashboardOrganisationKind;
  rows: OrganisationRow[];
  /** Sums of the rows (a series run for several organisations counts for each of them). */
  totals: { series: number; enrolled: Figure; attendees: Figure[]; attendeesTotal: Figure; healthCarePercent: number | null };
};

export type TermRow = {
  term: string;
  counts: Figure[];
  /** Each sector's share of the term's total, in percent with one decimal. */
  percents: (number | null)[];
  total: Figure;
};

export type TermTable = {
  rows: TermRow[];
  /** Sums over the terms (someone present in two terms counts in both). */
  totals: { counts: Figure[]; percents: (number | null)[]; total: Figure };
};

export type CountyDashboard = {
  county: { code: string; name: string };
  term: string | null;
  processLeader: { id: number; name: string } | null;
  /** Applied for users who may not see individual participants (sponsors). */
  suppression: { applied: boolean; threshold: number; anyHidden: boolean };
  sectors: readonly Sector[];
  /** Distinct series of the county after the filters, of every status. */
  seriesCount: number;
  states: StateGroup[];
  terms: TermTable;
  municipalities: OrganisationTable;
  /** Only for a county with city district areas (Stockholms län). */
  districts: OrganisationTable | null;
};

/** "?lan=01&termin=HT+2026&ledare=1": the filters as the page's, the CSV files' and the JSON's query string. */
export function countyQuery(filter: { countyCode: string; term: string | null; processLeaderId: number | null }): string {
  const params = new URLSearchParams({ lan: filter.countyCode });
  if (filter.term) params.set("termin", filter.term);
  if (filter.processLeaderId !== null) params.set("ledare", String(filter.processLeaderId));
  return `?${params}`;
}
