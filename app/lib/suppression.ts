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
export function suppressTable(cells: number[][], threshold: number, options: { columns?: number } = {}): SuppressedTable {
  return suppressTables([{ cells, columns: options.columns }], threshold)[0];
}

/** A figure of one of the tables given to `suppressTables`: a cell, a row or column total, or the grand total. */
export type FigureRef = { table: number; row: number | "total"; column: number | "total" };

/**
 * A sum that a reader can form across tables: `parts` add up to `total`. For
 * example, the municipalities' and the districts' column totals add up to the
 * term table's column total when every person counts once in each.
 */
export type TableLink = { parts: FigureRef[]; total: FigureRef };

/**
 * `suppressTable` for several tables shown together, protected as one: each
 * table's rows and columns are lines as in `suppressTable`, and each link is
 * one more line, so a figure hidden in one table is not given away by a
 * figure or total of another. A link is used only where its sum holds in the
 * data: a relation that does not hold cannot be used to work out a figure.
 */
export function suppressTables(
  tables: { cells: number[][]; columns?: number }[],
  threshold: number,
  links: TableLink[] = [],
): SuppressedTable[] {
  const values: number[] = [];
  const isTotal: boolean[] = [];
  const lines: number[][] = [];
  const layout = tables.map(({ cells, columns: columnCount }) => {
    const rows = cells.length;
    // `columns` keeps the column totals (zeros) of a table without rows.
    const columns = rows === 0 ? (columnCount ?? 0) : cells[0].length;
    const offset = values.length;
    // The extended table: cells, row totals in the last column, column totals in the last row.
    const grid: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
    for (let i = 0; i < rows; i++) {
      if (cells[i].length !== columns) throw new Error("suppressTable: every row needs the same number of cells");
      for (let j = 0; j < columns; j++) {
        const n = cells[i][j];
        if (!Number.isInteger(n) || n < 0) throw new Error("suppressTable: counts must be whole numbers ≥ 0");
        grid[i][j] = n;
        grid[i][columns] += n;
        grid[rows][j] += n;
        grid[rows][columns] += n;
      }
    }
    const at = (i: number, j: number) => offset + i * (columns + 1) + j;
    for (let i = 0; i <= rows; i++) {
      for (let j = 0; j <= columns; j++) {
        values.push(grid[i][j]);
        isTotal.push(i === rows || j === columns);
      }
    }
    // Each line lists its figures with its total last.
    for (let i = 0; i <= rows; i++) lines.push(Array.from({ length: columns + 1 }, (_, j) => at(i, j)));
    for (let j = 0; j <= columns; j++) lines.push(Array.from({ length: rows + 1 }, (_, i) => at(i, j)));
    return { rows, columns, at };
  });

  const indexOf = ({ table, row, column }: FigureRef): number => {
    const t = layout[table];
    return t.at(row === "total" ? t.rows : row, column === "total" ? t.columns : column);
  };
  for (const link of links) {
    const parts = link.parts.map(indexOf);
    const total = indexOf(link.total);
    if (parts.reduce((sum, p) => sum + values[p], 0) === values[total]) lines.push([...parts, total]);
  }

  const hidden = suppressFigures(values, isTotal, lines, threshold);
  return layout.map(({ rows, columns, at }) => {
    const shown = (i: number, j: number): Figure => hidden[at(i, j)] ?? values[at(i, j)];
    let hiddenCount = 0;
    for (let i = 0; i <= rows; i++) for (let j = 0; j <= columns; j++) if (hidden[at(i, j)]) hiddenCount++;
    return {
      cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => shown(i, j))),
      rowTotals: Array.from({ length: rows }, (_, i) => shown(i, columns)),
      columnTotals: Array.from({ length: columns }, (_, j) => shown(rows, j)),
      total: shown(rows, columns),
      hiddenCount,
    };
  });
}

/** Steps 1–3 of `suppressTable` over figures and the sums (lines, total last) they take part in. */
function suppressFigures(values: number[], isTotal: boolean[], lines: number[][], threshold: number): (HiddenReason | null)[] {
  const hidden: (HiddenReason | null)[] = values.map((n) => (n > 0 && n < threshold ? "small" : null));

  /** The smallest non-zero visible figure of the line (a cell before a total on ties). */
  const partner = (line: number[]): number | null => {
    let pick: number | null = null;
    for (const p of line) {
      if (hidden[p] || values[p] === 0) continue;
      if (pick === null || values[p] < values[pick] || (values[p] === values[pick] && isTotal[pick] && !isTotal[p])) pick = p;
    }
    return pick;
  };

  /** Whether the line's visible total leaves its hidden figures only one way to add up. */
  const pinned = (line: number[]): boolean => {
    const total = line[line.length - 1];
    if (hidden[total]) return false;
    const parts = line.slice(0, -1).filter((p) => hidden[p]);
    if (parts.length < 2) return false;
    const small = parts.filter((p) => hidden[p] === "small").length;
    const other = parts.length - small;
    const sum = parts.reduce((s, p) => s + values[p], 0);
    return sum === small + other * threshold || (other === 0 && sum === small * (threshold - 1));
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenHere = line.filter((p) => hidden[p]).length;
      if (hiddenHere !== 1 && !pinned(line)) continue;
      const pick = partner(line);
      if (pick !== null) {
        hidden[pick] = "complementary";
        changed = true;
      }
    }
  }
  return hidden;
}

/** The same table with nothing hidden, for those who may see individuals. */
export function unsuppressedTable(cells: number[][], options: { columns?: number } = {}): SuppressedTable {
  return suppressTable(cells, 0, options);
}
