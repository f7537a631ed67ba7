/**
 * The tables of the county dashboard as data: the page draws them and the
 * CSV files write them from the same cells, so a download always holds what
 * the page shows (hidden cells included, as "<5"). Client-safe.
 */
import type { Locale, Translate } from "~/i18n";
import { formatShare, formatShareNumber, ORGANISATION_STATES, type CountyDashboard, type OrganisationTable } from "./county-dashboard";
import { formatNumber } from "./format";
import type { Figure } from "./suppression";
import { SERIES_STATUSES } from "../../db/schema";

export const COUNTY_TABLE_IDS = ["lage", "terminer", "halsoandel", "kommuner", "stadsdelar"] as const;
export type CountyTableId = (typeof COUNTY_TABLE_IDS)[number];

export function isCountyTableId(value: unknown): value is CountyTableId {
  return typeof value === "string" && (COUNTY_TABLE_IDS as readonly string[]).includes(value);
}

/**
 * people: a count of people, or why it is hidden; share: a
 * percentage (null = hidden or nothing to divide); number: anything else
 * counted (organisations, series), never hidden; text: words.
 */
export type CountyCell =
  | { kind: "people"; value: Figure }
  | { kind: "share"; value: number | null }
  | { kind: "number"; value: number }
  | { kind: "text"; value: string };

export type CountyColumn = { label: string; group: string | null; kind: CountyCell["kind"] };
export type CountyRow = { header: string; cells: CountyCell[]; extra?: boolean };

export type CountyTableSpec = {
  id: CountyTableId;
  caption: string;
  rowHeader: string;
  columns: CountyColumn[];
  rows: CountyRow[];
  footer: CountyRow[];
};

/** "Stockholms län, HT 2026, Karin Berg" – what the tables are filtered to. */
export function filterLabel(t: Translate, data: CountyDashboard): string {
  return [data.county.name, data.term ?? t("countyDashboard.allTerms").toLowerCase(), data.processLeader?.name].filter(Boolean).join(", ");
}

const people = (value: Figure): CountyCell => ({ kind: "people", value });
const share = (value: number | null): CountyCell => ({ kind: "share", value });
const number = (value: number): CountyCell => ({ kind: "number", value });
const text = (value: string): CountyCell => ({ kind: "text", value });

function statesTable(t: Translate, data: CountyDashboard): CountyTableSpec {
  const columns = data.states.map((g) => ({
    label: t("countyDashboard.groupWithCount", {
      group: t(g.kind === "kommun" ? "countyDashboard.municipalities" : "countyDashboard.districts"),
      n: g.organisations,
    }),
    group: null,
    kind: "number" as const,
  }));
  return {
    id: "lage",
    caption: t(data.districts ? "countyDashboard.statesCaption" : "countyDashboard.statesCaptionMunicipalities", { filters: filterLabel(t, data) }),
    rowHeader: t("countyDashboard.statesRowHeader"),
    columns,
    rows: ORGANISATION_STATES.map((state) => ({
      header: t(`countyDashboard.state.${state}`),
      cells: data.states.map((g) => number(g.counts[state])),
    })),
    footer: [
      { header: t("countyDashboard.total"), cells: data.states.map((g) => number(g.organisations)) },
      { header: t("countyDashboard.everCompleted"), cells: data.states.map((g) => number(g.everCompleted)), extra: true },
    ],
  };
}

function termsTable(t: Translate, data: CountyDashboard): CountyTableSpec {
  const columns: CountyColumn[] = data.sectors.flatMap((sector) => [
    { label: t("countyDashboard.count"), group: t(`sector.${sector}`), kind: "people" as const },
    { label: t("countyDashboard.share"), group: t(`sector.${sector}`), kind: "share" as const },
  ]);
  columns.push({ label: t("countyDashboard.total"), group: null, kind: "people" });
  const cells = (counts: Figure[], percents: (number | null)[], total: Figure) => [
    ...counts.flatMap((c, i) => [people(c), share(percents[i])]),
    people(total),
  ];
  return {
    id: "terminer",
    caption: t("countyDashboard.termsCaption", { filters: filterLabel(t, data) }),
    rowHeader: t("countyDashboard.termsRowHeader"),
    columns,
    rows: data.terms.rows.map((r) => ({ header: r.term, cells: cells(r.counts, r.percents, r.total) })),
    footer: data.terms.rows.length
      ? [{ header: t("countyDashboard.sumOfTerms"), cells: cells(data.terms.totals.counts, data.terms.totals.percents, data.terms.totals.total) }]
      : [],
  };
}

function healthTable(t: Translate, data: CountyDashboard): CountyTableSpec {
  const health = data.sectors.indexOf("halso_sjukvard");
  return {
    id: "halsoandel",
    caption: t("countyDashboard.healthCaption", { filters: filterLabel(t, data) }),
    rowHeader: t("countyDashboard.termsRowHeader"),
    columns: [
      { label: t("countyDashboard.healthCount"), group: null, kind: "people" },
      { label: t("countyDashboard.total"), group: null, kind: "people" },
      { label: t("countyDashboard.healthShare"), group: null, kind: "share" },
    ],
    rows: data.terms.rows.map((r) => ({ header: r.term, cells: [people(r.counts[health]), people(r.total), share(r.percents[health])] })),
    footer: [],
  };
}

/** "1 genomförd, 1 avbruten" */
function seriesByStatusText(t: Translate, byStatus: Record<(typeof SERIES_STATUSES)[number], number>): string {
  const parts = SERIES_STATUSES.filter((s) => byStatus[s] > 0).map((s) =>
    t("countyDashboard.statusCount", { n: byStatus[s], status: t(`seriesStatus.${s}`).toLowerCase() }),
  );
  return parts.length ? parts.join(", ") : "–";
}

function organisationTable(t: Translate, data: CountyDashboard, table: OrganisationTable): CountyTableSpec {
  const districts = table.kind === "stadsdelsomrade";
  const present = t("countyDashboard.present");
  const columns: CountyColumn[] = [
    { label: t("countyDashboard.series"), group: null, kind: "text" },
    { label: t("countyDashboard.state"), group: null, kind: "text" },
    { label: t("countyDashboard.enrolled"), group: null, kind: "people" },
    ...data.sectors.map((s) => ({ label: t(`sector.${s}`), group: present, kind: "people" as const })),
    { label: t("countyDashboard.presentTotal"), group: present, kind: "people" },
    { label: t("countyDashboard.healthShare"), group: null, kind: "share" },
  ];
  return {
    id: districts ? "stadsdelar" : "kommuner",
    caption: t(districts ? "countyDashboard.districtsCaption" : "countyDashboard.municipalitiesCaption", { filters: filterLabel(t, data) }),
    rowHeader: t(districts ? "countyDashboard.district" : "countyDashboard.municipality"),
    columns,
    rows: table.rows.map((r) => ({
      header: r.name,
      cells: [
        text(seriesByStatusText(t, r.seriesByStatus)),
        text(t(`countyDashboard.stateShort.${r.state}`)),
        people(r.enrolled),
        ...r.attendees.map(people),
        people(r.attendeesTotal),
        share(r.healthCarePercent),
      ],
    })),
    footer: [
      {
        header: t("countyDashboard.sum"),
        cells: [
          text(table.totals.series === 1 ? t("countyDashboard.seriesSumOne") : t("countyDashboard.seriesSum", { n: table.totals.series })),
          text(""),
          people(table.totals.enrolled),
          ...table.totals.attendees.map(people),
          people(table.totals.attendeesTotal),
          share(table.totals.healthCarePercent),
        ],
      },
    ],
  };
}

/** One of the dashboard's tables, or null (the district table of a county without districts). */
export function countyTable(t: Translate, data: CountyDashboard, id: CountyTableId): CountyTableSpec | null {
  switch (id) {
    case "lage":
      return statesTable(t, data);
    case "terminer":
      return termsTable(t, data);
    case "halsoandel":
      return healthTable(t, data);
    case "kommuner":
      return organisationTable(t, data, data.municipalities);
    case "stadsdelar":
      return data.districts ? organisationTable(t, data, data.districts) : null;
  }
}

/** "<5" for a small group, "dold" for a figure hidden to protect one. */
function hiddenText(t: Translate, value: Figure, threshold: number): string | null {
  if (value === "small") return t("countyDashboard.hiddenCount", { n: threshold });
  if (value === "complementary") return t("countyDashboard.hiddenComplementary");
  return null;
}

/**
 * What a cell reads on the page: "<5" or "dold" for a hidden count, "–" for a
 * share not shown, numbers in the page's language ("20,6 %", "20.6%").
 */
export function cellText(t: Translate, cell: CountyCell, threshold: number, locale: Locale): string {
  switch (cell.kind) {
    case "people":
      return hiddenText(t, cell.value, threshold) ?? formatNumber(cell.value as number, locale);
    case "share":
      return cell.value === null ? t("countyDashboard.noShare") : formatShare(cell.value, locale);
    case "number":
      return formatNumber(cell.value, locale);
    case "text":
      return cell.value;
  }
}

/** A cell in the CSV: plain integers and "20,6" (the % is in the heading), so Excel reads numbers. */
function csvCell(t: Translate, cell: CountyCell, threshold: number): string | number {
  switch (cell.kind) {
    case "people":
      return hiddenText(t, cell.value, threshold) ?? cell.value;
    case "share":
      return cell.value === null ? t("countyDashboard.noShare") : formatShareNumber(cell.value);
    case "number":
      return cell.value;
    case "text":
      return cell.value;
  }
}

/** The table as CSV rows: one heading line (group and column joined), body rows, then the footer rows. */
export function tableCsvRows(t: Translate, spec: CountyTableSpec, threshold: number): (string | number)[][] {
  const heading = [
    spec.rowHeader,
    ...spec.columns.map((c) => {
      const label = c.group ? `${c.group}: ${c.label}` : c.label;
      return c.kind === "share" ? `${label} ${t("countyDashboard.csvShareSuffix")}` : label;
    }),
  ];
  const line = (r: CountyRow) => [r.header, ...r.cells.map((c) => csvCell(t, c, threshold))];
  return [heading, ...spec.rows.map(line), ...spec.footer.map(line)];
}
