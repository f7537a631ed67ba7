/**
 * The survey analysis as tables: the page draws them and the CSV files
 * (/serier/:id/enkater/analys/<tabell>.csv) write them from the same cells, so
 * a download always holds what the page shows, hidden cells included ("<5",
 * "dold"). Client-safe; takes the translator.
 */
import type { Translate } from "~/i18n";
import { ROS_THEMES, type RosTheme } from "../../db/schema";
import { formatShare, formatShareNumber } from "./county-dashboard";
import { formatDate, formatNumber } from "./format";
import type { Figure } from "./suppression";
import {
  BIN_COUNT,
  binValue,
  CATEGORIES,
  type AnalysisView,
  type PrePostRow,
  type SectorKey,
  type SurveyView,
} from "./survey-analysis";

/**
 * people: respondents (or pairs), or why the figure is hidden; share: a
 * percentage with one decimal (null = hidden or nothing to divide); mean: an
 * index mean or change with one decimal (null = hidden or none); number:
 * anything else counted, never hidden; text: words.
 */
export type AnalysisCell =
  | { kind: "people"; value: Figure }
  | { kind: "share"; value: number | null }
  | { kind: "mean"; value: number | null; signed?: boolean }
  | { kind: "number"; value: number }
  | { kind: "text"; value: string };

export type AnalysisColumn = { label: string; group: string | null; kind: AnalysisCell["kind"] };
export type AnalysisRow = { header: string; cells: AnalysisCell[] };

export type AnalysisTableSpec = {
  id: string;
  caption: string;
  rowHeader: string;
  columns: AnalysisColumn[];
  rows: AnalysisRow[];
  footer: AnalysisRow[];
};

const people = (value: Figure): AnalysisCell => ({ kind: "people", value });
const share = (value: number | null): AnalysisCell => ({ kind: "share", value });
const mean = (value: number | null, signed = false): AnalysisCell => ({ kind: "mean", value, signed });
const number = (value: number): AnalysisCell => ({ kind: "number", value });
const text = (value: string): AnalysisCell => ({ kind: "text", value });

const meanFormat = new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedFormat = new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });

/** 3.6 → "3,6"; signed: 0.5 → "+0,5", −0.3 → "−0,3". */
export function formatMean(value: number, signed = false): string {
  return (signed ? signedFormat : meanFormat).format(value);
}

export function sectorLabel(t: Translate, sector: SectorKey): string {
  return sector === "ej_angiven" ? t("surveyAnalysis.sectorUnknown") : t(`sector.${sector}`);
}

/** "Förenkät, tillfälle 1 (2026-09-15)" */
export function surveyHeading(t: Translate, survey: Pick<SurveyView, "templateName" | "session">): string {
  return survey.session
    ? t("surveyAnalysis.surveyHeading", { name: survey.templateName, position: survey.session.position, date: formatDate(survey.session.startsAt) })
    : survey.templateName;
}

/** "3,5" for indices of whole and half numbers; "3,5–3,9" for a bin of an index with more items. */
export function binLabel(bin: number, ranges: boolean): string {
  const from = binValue(bin);
  if (!ranges) return Number.isInteger(from) ? String(from) : meanFormat.format(from);
  if (bin === BIN_COUNT - 1) return meanFormat.format(from);
  return `${meanFormat.format(from)}–${meanFormat.format(from + 0.4)}`;
}

function categoryLabel(t: Translate, survey: SurveyView, category: (typeof CATEGORIES)[number]): string {
  return t(`survey.category.${survey.phase}.${category}`);
}

function responseRateTable(t: Translate, view: AnalysisView): AnalysisTableSpec {
  return {
    id: "svarsfrekvens",
    caption: t("surveyAnalysis.rateCaption"),
    rowHeader: t("surveyAnalysis.survey"),
    columns: [
      { label: t("surveyAnalysis.session"), group: null, kind: "text" },
      { label: t("surveyAnalysis.respondents"), group: null, kind: "people" },
      { label: t("surveyAnalysis.attendees"), group: null, kind: "people" },
      { label: t("surveyAnalysis.rate"), group: null, kind: "share" },
    ],
    rows: view.surveys.map((s) => ({
      header: s.templateName,
      cells: [
        text(s.session ? t("surveyAnalysis.sessionText", { position: s.session.position, date: formatDate(s.session.startsAt) }) : t("surveyAnalysis.noSession")),
        people(s.respondents),
        s.attendees === null ? text("–") : people(s.attendees),
        share(s.rate),
      ],
    })),
    footer: [],
  };
}

function meansTable(t: Translate, survey: SurveyView): AnalysisTableSpec {
  return {
    id: `medel-${survey.id}`,
    caption: t("surveyAnalysis.meansCaption", { survey: surveyHeading(t, survey) }),
    rowHeader: t("surveyAnalysis.index"),
    columns: [
      { label: t("surveyAnalysis.n"), group: null, kind: "people" },
      { label: t("surveyAnalysis.mean"), group: null, kind: "mean" },
      ...CATEGORIES.flatMap((c) => [
        { label: t("surveyAnalysis.count"), group: categoryLabel(t, survey, c), kind: "people" as const },
        { label: t("surveyAnalysis.share"), group: categoryLabel(t, survey, c), kind: "share" as const },
      ]),
    ],
    rows: survey.indices.map((index) => ({
      header: index.name,
      cells: [
        people(index.n),
        mean(index.mean),
        ...CATEGORIES.flatMap((_, i) => [people(index.cross.rowTotals[i]), share(index.cross.rowShares[i])]),
      ],
    })),
    footer: [],
  };
}

function distributionTable(t: Translate, survey: SurveyView): AnalysisTableSpec {
  const ranges = survey.indices.some((i) => i.itemCount > 2);
  return {
    id: `fordelning-${survey.id}`,
    caption: t("surveyAnalysis.distributionCaption", { survey: surveyHeading(t, survey) }),
    rowHeader: t("surveyAnalysis.indexValue"),
    columns: survey.indices.flatMap((index) => [
      { label: t("surveyAnalysis.count"), group: index.name, kind: "people" as const },
      { label: t("surveyAnalysis.share"), group: index.name, kind: "share" as const },
    ]),
    rows: Array.from({ length: BIN_COUNT }, (_, bin) => ({
      header: binLabel(bin, ranges),
      cells: survey.indices.flatMap((index) => [people(index.bins[bin]), share(index.binShares[bin])]),
    })),
    footer: [
      {
        header: t("surveyAnalysis.total"),
        cells: survey.indices.flatMap((index) => [people(index.n), share(typeof index.n === "number" && index.n > 0 ? 100 : null)]),
      },
    ],
  };
}

function sectorTable(t: Translate, survey: SurveyView, indexId: number): AnalysisTableSpec | null {
  const index = survey.indices.find((i) => i.id === indexId);
  if (!index) return null;
  const { cross } = index;
  const total = t("surveyAnalysis.total");
  return {
    id: `sektorer-${survey.id}-${index.id}`,
    caption: t("surveyAnalysis.sectorCaption", { index: index.name, survey: surveyHeading(t, survey) }),
    rowHeader: t("surveyAnalysis.category"),
    columns: [
      ...cross.sectors.flatMap((s) => [
        { label: t("surveyAnalysis.count"), group: sectorLabel(t, s), kind: "people" as const },
        { label: t("surveyAnalysis.shareWithinSector"), group: sectorLabel(t, s), kind: "share" as const },
      ]),
      { label: t("surveyAnalysis.count"), group: total, kind: "people" },
      { label: t("surveyAnalysis.share"), group: total, kind: "share" },
    ],
    rows: CATEGORIES.map((c, i) => ({
      header: categoryLabel(t, survey, c),
      cells: [...cross.sectors.flatMap((_, j) => [people(cross.cells[i][j]), share(cross.shares[i][j])]), people(cross.rowTotals[i]), share(cross.rowShares[i])],
    })),
    footer: [
      {
        header: total,
        cells: [...cross.sectors.flatMap((_, j) => [people(cross.columnTotals[j]), share(cross.columnShares[j])]), people(cross.total), share(cross.totalShare)],
      },
    ],
  };
}

function prePostTable(t: Translate, view: AnalysisView, preIndexId: number): AnalysisTableSpec | null {
  const prePost = view.prePost;
  const index = prePost?.indices.find((i) => i.preIndexId === preIndexId);
  if (!prePost || !index) return null;
  const pre = view.surveys.find((s) => s.id === prePost.preSurveyId)!;
  const post = view.surveys.find((s) => s.id === prePost.postSurveyId)!;
  const cells = (r: PrePostRow): AnalysisCell[] => [
    people(r.preN),
    mean(r.preMean),
    people(r.postN),
    mean(r.postMean),
    mean(r.difference, true),
    people(r.pairs),
    mean(r.change, true),
  ];
  const pairs = t("surveyAnalysis.pairsGroup");
  return {
    id: `fore-efter-${preIndexId}`,
    caption: t("surveyAnalysis.prePostCaption", { index: index.name }),
    rowHeader: t("surveyAnalysis.sector"),
    columns: [
      { label: t("surveyAnalysis.n"), group: pre.templateName, kind: "people" },
      { label: t("surveyAnalysis.mean"), group: pre.templateName, kind: "mean" },
      { label: t("surveyAnalysis.n"), group: post.templateName, kind: "people" },
      { label: t("surveyAnalysis.mean"), group: post.templateName, kind: "mean" },
      { label: t("surveyAnalysis.difference"), group: null, kind: "mean" },
      { label: t("surveyAnalysis.pairs"), group: pairs, kind: "people" },
      { label: t("surveyAnalysis.change"), group: pairs, kind: "mean" },
    ],
    rows: prePost.sectors.map((s, j) => ({ header: sectorLabel(t, s), cells: cells(index.rows[j]) })),
    footer: [{ header: t("surveyAnalysis.total"), cells: cells(index.total) }],
  };
}

function nowThenTable(t: Translate, survey: SurveyView): AnalysisTableSpec | null {
  if (!survey.nowThen.length) return null;
  return {
    id: `nu-start-${survey.id}`,
    caption: t("surveyAnalysis.nowThenCaption", { survey: surveyHeading(t, survey) }),
    rowHeader: t("surveyAnalysis.theme"),
    columns: [
      { label: t("surveyAnalysis.n"), group: null, kind: "people" },
      { label: t("survey.now"), group: null, kind: "mean" },
      { label: t("survey.then"), group: null, kind: "mean" },
      { label: t("surveyAnalysis.nowThenChange"), group: null, kind: "mean" },
    ],
    rows: survey.nowThen.map((theme) => ({
      header: theme.name,
      cells: [people(theme.n), mean(theme.meanNow), mean(theme.meanThen), mean(theme.change, true)],
    })),
    footer: [],
  };
}

/** Every table of a survey's section, in page order. */
export function surveyTables(t: Translate, survey: SurveyView): {
  means: AnalysisTableSpec;
  distribution: AnalysisTableSpec;
  sectors: AnalysisTableSpec[];
  nowThen: AnalysisTableSpec | null;
} {
  return {
    means: meansTable(t, survey),
    distribution: distributionTable(t, survey),
    sectors: survey.indices.map((i) => sectorTable(t, survey, i.id)!),
    nowThen: nowThenTable(t, survey),
  };
}

export { responseRateTable };

export function prePostTables(t: Translate, view: AnalysisView): AnalysisTableSpec[] {
  return (view.prePost?.indices ?? []).map((i) => prePostTable(t, view, i.preIndexId)!);
}

/** Every table of the analysis page, in page order (the CSV route looks its file up here). */
export function analysisTables(t: Translate, view: AnalysisView): AnalysisTableSpec[] {
  const tables = [responseRateTable(t, view)];
  for (const survey of view.surveys) {
    const s = surveyTables(t, survey);
    tables.push(s.means, s.distribution, ...s.sectors);
    if (s.nowThen) tables.push(s.nowThen);
  }
  return [...tables, ...prePostTables(t, view)];
}

/** Theme counts per free-text item (the free-text page, process leaders only). */
export type ThemeCountItem = { surveyName: string; code: string; prompt: string; answers: number; themeCounts: Record<RosTheme, number> };

export const THEME_TABLE_ID = "ros-teman";

export function themeTable(t: Translate, items: ThemeCountItem[]): AnalysisTableSpec {
  return {
    id: THEME_TABLE_ID,
    caption: t("surveyAnalysis.themeCaption"),
    rowHeader: t("surveyAnalysis.question"),
    columns: [
      { label: t("surveyAnalysis.answers"), group: null, kind: "number" },
      ...ROS_THEMES.map((theme) => ({ label: t(`survey.ros.${theme}`), group: null, kind: "number" as const })),
    ],
    rows: items.map((item) => ({
      header: t("surveyAnalysis.questionLabel", { survey: item.surveyName, code: item.code, prompt: item.prompt }),
      cells: [number(item.answers), ...ROS_THEMES.map((theme) => number(item.themeCounts[theme]))],
    })),
    footer: [],
  };
}

/** "<5" for a small group, "dold" for a figure hidden to protect one. */
export function hiddenText(t: Translate, value: Figure, threshold: number): string | null {
  if (value === "small") return t("surveyAnalysis.hiddenSmall", { n: threshold });
  if (value === "complementary") return t("surveyAnalysis.hiddenComplementary");
  return null;
}

/** What a cell reads on the page. */
export function cellText(t: Translate, cell: AnalysisCell, threshold: number): string {
  switch (cell.kind) {
    case "people":
      return hiddenText(t, cell.value, threshold) ?? formatNumber(cell.value as number);
    case "share":
      return cell.value === null ? "–" : formatShare(cell.value);
    case "mean":
      return cell.value === null ? "–" : formatMean(cell.value, cell.signed);
    case "number":
      return formatNumber(cell.value);
    case "text":
      return cell.value;
  }
}

/** A CSV cell: plain integers, "30,0" for shares (the % is in the heading), "3,6" for means. */
function csvCell(t: Translate, cell: AnalysisCell, threshold: number): string | number {
  switch (cell.kind) {
    case "people":
      return hiddenText(t, cell.value, threshold) ?? (cell.value as number);
    case "share":
      return cell.value === null ? "–" : formatShareNumber(cell.value);
    case "mean":
      // No "+" in a file: a spreadsheet would take "+0,5" for a formula (toExcelCsv quotes it), so the sign shows only when negative.
      return cell.value === null ? "–" : formatMean(cell.value);
    case "number":
      return cell.value;
    case "text":
      return cell.value;
  }
}

/** The table as CSV rows: one heading line (group and column joined), body rows, then the footer rows. */
export function tableCsvRows(t: Translate, spec: AnalysisTableSpec, threshold: number): (string | number)[][] {
  const heading = [
    spec.rowHeader,
    ...spec.columns.map((c) => {
      const label = c.group ? `${c.group}: ${c.label}` : c.label;
      return c.kind === "share" && !label.includes("%") ? `${label} (%)` : label;
    }),
  ];
  const line = (r: AnalysisRow) => [r.header, ...r.cells.map((c) => csvCell(t, c, threshold))];
  return [heading, ...spec.rows.map(line), ...spec.footer.map(line)];
}
