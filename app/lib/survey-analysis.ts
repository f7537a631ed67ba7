/**
 * The survey analysis of one series (issue #7, parts 4–5) as data that is safe
 * to send to the browser: the model (app/models/survey-analysis.server.ts)
 * counts in SQL, and `analysisView` turns those raw counts into what the
 * viewer may see. A process leader gets every figure; everyone else gets the
 * figures after small-cell suppression (app/lib/suppression.ts), so hidden
 * numbers never leave the server. Client-safe: the page, the CSV files and the
 * tests all read this one result.
 *
 * Rules (DOMAIN.md "Survey instruments", app/lib/survey-indices.ts):
 * - a respondent's index is the mean of the answered items of the index; Vet ej
 *   and blanks are missing; with every item missing the respondent is left out;
 * - mean ≥ 3.5 is "högre", anything below (3.0 included) "lägre";
 * - sectors are the ones respondents gave; a response without one is "Ej angiven";
 * - shares are of the integers, rounded half up to one decimal (`percentOf`);
 * - means are rounded half away from zero to one decimal.
 */
import { SECTORS, type Sector, type SurveyPhase } from "../../db/schema";
import { percentOf } from "./county-dashboard";
import { isHidden, suppressTable, type Figure } from "./suppression";

export const NO_SECTOR = "ej_angiven" as const;
export type SectorKey = Sector | typeof NO_SECTOR;
/** Column order of every sector breakdown. */
export const SECTOR_KEYS: readonly SectorKey[] = [...SECTORS, NO_SECTOR];

export const CATEGORIES = ["lagre", "hogre"] as const;
export type Category = (typeof CATEGORIES)[number];

/** An index value in half steps: bin i holds means from 1 + i/2 up to (not including) the next step. */
export const BIN_COUNT = 9;
export const binValue = (bin: number) => 1 + bin / 2;

export type RawSectorIndex = { lagre: number; hogre: number; sumOfMeans: number };

export type RawIndex = {
  id: number;
  name: string;
  /** How many items the index has: with two or fewer, every mean is a whole or half number. */
  itemCount: number;
  bySector: Partial<Record<SectorKey, RawSectorIndex>>;
  /** Respondents per half step, BIN_COUNT long. */
  bins: number[];
};

/** A now-and-then theme: respondents who gave both a "now" and an "at the start" index. */
export type RawNowThen = { id: number; name: string; n: number; sumNow: number; sumThen: number };

export type SurveySession = { position: number; title: string; startsAt: Date };

export type RawSurvey = {
  id: number;
  templateName: string;
  phase: SurveyPhase;
  session: SurveySession | null;
  respondents: number;
  /** Present (närvarande or sen) at the survey's session; null without a session. */
  attendees: number | null;
  /** Sectors respondents gave, in SECTOR_KEYS order. */
  sectors: SectorKey[];
  indices: RawIndex[];
  /** Only for templates with now-and-then items. */
  nowThen: RawNowThen[];
};

export type RawPairIndex = {
  name: string;
  preIndexId: number;
  postIndexId: number;
  /** Pairs by the post response's sector (the pre response's when the post one has none). */
  bySector: Partial<Record<SectorKey, { pairs: number; sumChange: number }>>;
};

export type RawAnalysis = {
  surveys: RawSurvey[];
  /** The series' first pre- and post-survey, compared on indices of the same name. */
  prePost: { preSurveyId: number; postSurveyId: number; indices: RawPairIndex[] } | null;
};

export type CrossTable = {
  sectors: SectorKey[];
  /** [category][sector] */
  cells: Figure[][];
  /** % inom verksamhet, one decimal; null when hidden or nothing to divide by. */
  shares: (number | null)[][];
  rowTotals: Figure[];
  rowShares: (number | null)[];
  /** Respondents with the index per sector (n). */
  columnTotals: Figure[];
  columnShares: (number | null)[];
  total: Figure;
  totalShare: number | null;
};

export type IndexView = {
  id: number;
  name: string;
  itemCount: number;
  n: Figure;
  mean: number | null;
  bins: Figure[];
  binShares: (number | null)[];
  cross: CrossTable;
  /** Mean per sector of `cross.sectors`; null when that sector's n is hidden. */
  sectorMeans: (number | null)[];
};

export type NowThenView = { id: number; name: string; n: Figure; meanNow: number | null; meanThen: number | null; change: number | null };

export type SurveyView = {
  id: number;
  templateName: string;
  phase: SurveyPhase;
  session: SurveySession | null;
  respondents: Figure;
  attendees: Figure | null;
  /** Response rate in per cent, one decimal. */
  rate: number | null;
  sectors: SectorKey[];
  indices: IndexView[];
  nowThen: NowThenView[];
};

export type PrePostRow = {
  preN: Figure;
  preMean: number | null;
  postN: Figure;
  postMean: number | null;
  /** Post mean − pre mean of the groups. */
  difference: number | null;
  pairs: Figure;
  /** Mean within-person change (post − pre) over the pairs. */
  change: number | null;
};

export type PrePostIndex = { name: string; preIndexId: number; rows: PrePostRow[]; total: PrePostRow };

export type PrePostView = { preSurveyId: number; postSurveyId: number; sectors: SectorKey[]; indices: PrePostIndex[] };

export type AnalysisView = {
  /** True for process leaders: exact figures, nothing hidden. */
  exact: boolean;
  threshold: number;
  surveys: SurveyView[];
  prePost: PrePostView | null;
};

/** Half away from zero to one decimal; a small epsilon keeps 3.65 (stored as 3.6499…) at 3.7. */
export function roundMean(value: number): number {
  const sign = value < 0 ? -1 : 1;
  const rounded = (sign * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
  return rounded === 0 ? 0 : rounded;
}

const meanOf = (sum: number, n: number) => (n > 0 ? roundMean(sum / n) : null);
const differenceOf = (a: number | null, b: number | null, sumA: number, nA: number, sumB: number, nB: number) =>
  a === null || b === null ? null : roundMean(sumB / nB - sumA / nA);

/** A lone figure (no total to protect): hidden when 1 to threshold−1. */
function single(n: number, threshold: number): Figure {
  return n > 0 && n < threshold ? "small" : n;
}

/** A share of visible figures; a zero part is 0 % whatever the whole (as on the county dashboard). */
function visibleShare(part: number, whole: number, shownPart: Figure, shownWhole: Figure): number | null {
  if (whole === 0 || isHidden(shownPart)) return null;
  if (part === 0) return 0;
  return isHidden(shownWhole) ? null : percentOf(part, whole);
}

/** A one-dimensional breakdown with its total (respondents per bin, pairs per sector). */
function suppressLine(counts: number[], threshold: number): { cells: Figure[]; total: Figure } {
  const table = suppressTable(
    counts.map((c) => [c]),
    threshold,
    { columns: 1 },
  );
  return { cells: table.cells.map((row) => row[0]), total: table.columnTotals[0] };
}

function crossTable(index: RawIndex, sectors: SectorKey[], exact: boolean, threshold: number) {
  const raw = CATEGORIES.map((c) => sectors.map((s) => index.bySector[s]?.[c] ?? 0));
  const shown = suppressTable(raw, exact ? 0 : threshold, { columns: sectors.length });
  const columnRaw = sectors.map((_, j) => raw[0][j] + raw[1][j]);
  const rowRaw = raw.map((row) => row.reduce((a, b) => a + b, 0));
  const totalRaw = rowRaw[0] + rowRaw[1];
  const cross: CrossTable = {
    sectors,
    cells: shown.cells,
    shares: raw.map((row, i) => row.map((n, j) => visibleShare(n, columnRaw[j], shown.cells[i][j], shown.columnTotals[j]))),
    rowTotals: shown.rowTotals,
    rowShares: rowRaw.map((n, i) => visibleShare(n, totalRaw, shown.rowTotals[i], shown.total)),
    columnTotals: shown.columnTotals,
    columnShares: columnRaw.map((n, j) => visibleShare(n, n, shown.columnTotals[j], shown.columnTotals[j])),
    total: shown.total,
    totalShare: visibleShare(totalRaw, totalRaw, shown.total, shown.total),
  };
  return { cross, columnRaw, totalRaw };
}

function indexView(index: RawIndex, sectors: SectorKey[], exact: boolean, threshold: number): IndexView {
  const { cross, columnRaw, totalRaw } = crossTable(index, sectors, exact, threshold);
  const line = suppressLine(index.bins, exact ? 0 : threshold);
  // The distribution and the cross-table share their n; if either hides it, both do,
  // and then so are the bins that add up to it.
  const hiddenN = isHidden(cross.total) ? cross.total : isHidden(line.total) ? line.total : null;
  const n: Figure = hiddenN ?? totalRaw;
  const bins = hiddenN ? line.cells.map((b) => (isHidden(b) || b === 0 ? b : "complementary")) : line.cells;
  const sumOfMeans = sectors.reduce((s, key) => s + (index.bySector[key]?.sumOfMeans ?? 0), 0);
  return {
    id: index.id,
    name: index.name,
    itemCount: index.itemCount,
    n,
    mean: isHidden(n) ? null : meanOf(sumOfMeans, totalRaw),
    bins,
    binShares: index.bins.map((b, i) => visibleShare(b, totalRaw, bins[i], n)),
    cross,
    sectorMeans: sectors.map((s, j) => (isHidden(cross.columnTotals[j]) ? null : meanOf(index.bySector[s]?.sumOfMeans ?? 0, columnRaw[j]))),
  };
}

function surveyView(survey: RawSurvey, exact: boolean, threshold: number): SurveyView {
  const limit = exact ? 0 : threshold;
  const respondents = single(survey.respondents, limit);
  const attendees = survey.attendees === null ? null : single(survey.attendees, limit);
  const rate =
    survey.attendees && attendees !== null && !isHidden(attendees) && !isHidden(respondents) ? percentOf(survey.respondents, survey.attendees) : null;
  return {
    id: survey.id,
    templateName: survey.templateName,
    phase: survey.phase,
    session: survey.session,
    respondents,
    attendees,
    rate,
    sectors: survey.sectors,
    indices: survey.indices.map((index) => indexView(index, survey.sectors, exact, threshold)),
    nowThen: survey.nowThen.map((theme) => {
      const n = single(theme.n, limit);
      const visible = !isHidden(n) && theme.n > 0;
      return {
        id: theme.id,
        name: theme.name,
        n,
        meanNow: visible ? meanOf(theme.sumNow, theme.n) : null,
        meanThen: visible ? meanOf(theme.sumThen, theme.n) : null,
        change: visible ? roundMean((theme.sumNow - theme.sumThen) / theme.n) : null,
      };
    }),
  };
}

function prePostView(raw: NonNullable<RawAnalysis["prePost"]>, surveys: RawSurvey[], views: SurveyView[], exact: boolean, threshold: number): PrePostView | null {
  const pre = surveys.find((s) => s.id === raw.preSurveyId);
  const post = surveys.find((s) => s.id === raw.postSurveyId);
  const preView = views.find((s) => s.id === raw.preSurveyId);
  const postView = views.find((s) => s.id === raw.postSurveyId);
  if (!pre || !post || !preView || !postView) return null;
  const sectors = SECTOR_KEYS.filter((s) => pre.sectors.includes(s) || post.sectors.includes(s));
  const indices = raw.indices.flatMap((pair): PrePostIndex[] => {
    const preRaw = pre.indices.find((i) => i.id === pair.preIndexId);
    const postRaw = post.indices.find((i) => i.id === pair.postIndexId);
    const preIndex = preView.indices.find((i) => i.id === pair.preIndexId);
    const postIndex = postView.indices.find((i) => i.id === pair.postIndexId);
    if (!preRaw || !postRaw || !preIndex || !postIndex) return [];
    const side = (rawIndex: RawIndex, view: IndexView, sector: SectorKey) => {
      const j = view.cross.sectors.indexOf(sector);
      const cell = rawIndex.bySector[sector];
      const n = cell ? cell.lagre + cell.hogre : 0;
      return { n, sum: cell?.sumOfMeans ?? 0, shownN: j < 0 ? (0 as Figure) : view.cross.columnTotals[j], mean: j < 0 ? null : view.sectorMeans[j] };
    };
    const pairCounts = sectors.map((s) => pair.bySector[s]?.pairs ?? 0);
    const pairLine = suppressLine(pairCounts, exact ? 0 : threshold);
    const row = (a: ReturnType<typeof side>, b: ReturnType<typeof side>, pairs: number, sumChange: number, shownPairs: Figure): PrePostRow => ({
      preN: a.shownN,
      preMean: a.mean,
      postN: b.shownN,
      postMean: b.mean,
      difference: differenceOf(a.mean, b.mean, a.sum, a.n, b.sum, b.n),
      pairs: shownPairs,
      change: isHidden(shownPairs) || pairs === 0 ? null : roundMean(sumChange / pairs),
    });
    const rows = sectors.map((s, j) =>
      row(side(preRaw, preIndex, s), side(postRaw, postIndex, s), pairCounts[j], pair.bySector[s]?.sumChange ?? 0, pairLine.cells[j]),
    );
    const totalSide = (rawIndex: RawIndex, view: IndexView) => ({
      n: Object.values(rawIndex.bySector).reduce((s, c) => s + (c ? c.lagre + c.hogre : 0), 0),
      sum: Object.values(rawIndex.bySector).reduce((s, c) => s + (c?.sumOfMeans ?? 0), 0),
      shownN: view.n,
      mean: view.mean,
    });
    const totalPairs = pairCounts.reduce((a, b) => a + b, 0);
    const totalChange = sectors.reduce((s, key) => s + (pair.bySector[key]?.sumChange ?? 0), 0);
    return [
      {
        name: pair.name,
        preIndexId: pair.preIndexId,
        rows,
        total: row(totalSide(preRaw, preIndex), totalSide(postRaw, postIndex), totalPairs, totalChange, pairLine.total),
      },
    ];
  });
  return { preSurveyId: raw.preSurveyId, postSurveyId: raw.postSurveyId, sectors, indices };
}

/** What the viewer may see: everything when `exact`, otherwise after suppression at `threshold`. */
export function analysisView(raw: RawAnalysis, { exact, threshold }: { exact: boolean; threshold: number }): AnalysisView {
  const surveys = raw.surveys.map((s) => surveyView(s, exact, threshold));
  return {
    exact,
    threshold,
    surveys,
    prePost: raw.prePost ? prePostView(raw.prePost, raw.surveys, surveys, exact, threshold) : null,
  };
}
