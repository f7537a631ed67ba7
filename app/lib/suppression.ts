/**
 * Small-cell suppression for figures shown to people who may not see
 * individuals (sponsors). A cell with 1..threshold-1 people is hidden. If that
 * hides exactly one cell, the next smallest is hidden too, so the hidden
 * number cannot be worked out from the total.
 */
export type CountRow<K extends string> = { key: K; count: number };
export type SuppressedRow<K extends string> = { key: K; count: number | null };

export function suppressSmallCells<K extends string>(
  rows: CountRow<K>[],
  threshold: number,
): SuppressedRow<K>[] {
  const isSmall = (n: number) => n > 0 && n < threshold;
  const hidden = new Set(rows.filter((r) => isSmall(r.count)).map((r) => r.key));
  if (hidden.size === 1) {
    const nextSmallest = rows
      .filter((r) => r.count > 0 && !hidden.has(r.key))
      .sort((a, b) => a.count - b.count)[0];
    if (nextSmallest) hidden.add(nextSmallest.key);
  }
  return rows.map((r) => ({ key: r.key, count: hidden.has(r.key) ? null : r.count }));
}

export const SUPPRESSION_DEFAULT = 5;
export const SUPPRESSION_MIN = 3;
export const SUPPRESSION_MAX = 10;

/**
 * SUPPRESSION_THRESHOLD, kept within 3–10: a whole number outside the range is
 * clamped to its nearest end (0 cannot switch suppression off), and anything
 * that is not a whole number gives the default, 5.
 */
export function suppressionThreshold(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SUPPRESSION_THRESHOLD?.trim();
  if (!raw || !/^[+-]?\d+$/.test(raw)) return SUPPRESSION_DEFAULT;
  return Math.min(SUPPRESSION_MAX, Math.max(SUPPRESSION_MIN, Number(raw)));
}

/**
 * A people count after suppression: the number, or why it is hidden.
 * "small": 1 to threshold−1 people (shown as "<5"). "complementary": not
 * small itself, but hidden so that a total cannot give a small one away.
 */
export type HiddenReason = "small" | "complementary";
export type Figure = number | HiddenReason;

export function isHidden(figure: Figure): figure is HiddenReason {
  return typeof figure !== "number";
}

/** A people-count table after suppression, with its totals. */
export type SuppressedTable = {
  cells: Figure[][];
  rowTotals: Figure[];
  columnTotals: Figure[];
  total: Figure;
  /** How many figures (cells and totals) were hidden. */
  hiddenCount: number;
};

/**
 * Suppression for a two-dimensional people-count table that is shown with its
 * row totals, column totals and grand total (the totals are the sums of the
 * cells, worked out here).
 *
 * 1. Primary: every figure with 1 to threshold−1 people is hidden as "small",
 *    totals included. Zeros stay visible: they reveal nobody, and an empty
 *    sector is the most important thing to see.
 * 2. Complementary: each row and each column, the totals row and the totals
 *    column included, is one sum (cells = total). Where exactly one of its
 *    figures is hidden, the total would give it away, so the smallest non-zero
 *    visible figure of that line is hidden too (a cell before a total on ties).
 * 3. Bounds: a reader knows that a hidden figure is 1..threshold−1 when small
 *    and at least the threshold when complementary (zeros are never hidden).
 *    Where a line's visible total leaves its hidden figures only one way to
 *    add up (two small ones that sum to 2, or a "small" and a 5 that sum to
 *    6), one more figure of the line is hidden.
 * Steps 2 and 3 repeat until nothing changes, since each figure hidden can
 * leave another line with one.
 *
 * This is the standard line-by-line rule, not a full audit of every
 * combination of equations across lines.
 */
export function suppressTable(cells: number[][], threshold: number, { columns: columnCount }: { columns?: number } = {}): SuppressedTable {
  const rows = cells.length;
  // `columns` keeps the column totals (zeros) of a table without rows.
  const columns = rows === 0 ? (columnCount ?? 0) : cells[0].length;
  // The extended table: cells, row totals in the last column, column totals in the last row.
  const value: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  for (let i = 0; i < rows; i++) {
    if (cells[i].length !== columns) throw new Error("suppressTable: every row needs the same number of cells");
    for (let j = 0; j < columns; j++) {
      const n = cells[i][j];
      if (!Number.isInteger(n) || n < 0) throw new Error("suppressTable: counts must be whole numbers ≥ 0");
      value[i][j] = n;
      value[i][columns] += n;
      value[rows][j] += n;
      value[rows][columns] += n;
    }
  }
  const hidden: (HiddenReason | null)[][] = value.map((line) => line.map((n) => (n > 0 && n < threshold ? "small" : null)));

  type Position = [number, number];
  // Each line lists its figures with its total last.
  const lines: Position[][] = [];
  for (let i = 0; i <= rows; i++) lines.push(Array.from({ length: columns + 1 }, (_, j): Position => [i, j]));
  for (let j = 0; j <= columns; j++) lines.push(Array.from({ length: rows + 1 }, (_, i): Position => [i, j]));
  const isTotal = ([i, j]: Position) => i === rows || j === columns;
  const at = ([i, j]: Position) => value[i][j];

  /** The smallest non-zero visible figure of the line (a cell before a total on ties). */
  const partner = (line: Position[]): Position | null => {
    let pick: Position | null = null;
    for (const p of line) {
      if (hidden[p[0]][p[1]] || at(p) === 0) continue;
      if (!pick || at(p) < at(pick) || (at(p) === at(pick) && isTotal(pick) && !isTotal(p))) pick = p;
    }
    return pick;
  };

  /** Whether the line's visible total leaves its hidden figures only one way to add up. */
  const pinned = (line: Position[]): boolean => {
    const total = line[line.length - 1];
    if (hidden[total[0]][total[1]]) return false;
    const parts = line.slice(0, -1).filter(([i, j]) => hidden[i][j]);
    if (parts.length < 2) return false;
    const small = parts.filter(([i, j]) => hidden[i][j] === "small").length;
    const other = parts.length - small;
    const sum = parts.reduce((s, p) => s + at(p), 0);
    return sum === small + other * threshold || (other === 0 && sum === small * (threshold - 1));
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenHere = line.filter(([i, j]) => hidden[i][j]).length;
      if (hiddenHere !== 1 && !pinned(line)) continue;
      const pick = partner(line);
      if (pick) {
        hidden[pick[0]][pick[1]] = "complementary";
        changed = true;
      }
    }
  }

  const shown = (i: number, j: number): Figure => hidden[i][j] ?? value[i][j];
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => shown(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => shown(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => shown(rows, j)),
    total: shown(rows, columns),
    hiddenCount: hidden.flat().filter(Boolean).length,
  };
}

/** The same table with nothing hidden, for those who may see individuals. */
export function unsuppressedTable(cells: number[][], options: { columns?: number } = {}): SuppressedTable {
  return suppressTable(cells, 0, options);
}
