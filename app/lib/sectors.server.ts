import { SECTORS, type Sector } from "../../db/schema";
import { suppressSmallCells, suppressionThreshold } from "./suppression";

export type SectorFigures = {
  /** `hidden`: why a count is null – a small group, or a larger one hidden so the total cannot reveal it. */
  rows: { sector: Sector; count: number | null; hidden?: "small" | "complementary" }[];
  total: number;
  /** Set when cells were hidden; the threshold to explain it with. */
  suppressedBelow: number | null;
};

/**
 * Counts per sector in the fixed sector order, zeros included (an empty
 * sector is the most important thing to see). When `suppress` is set, small
 * cells are hidden before the figures leave the server.
 */
export function sectorFigures(counts: { sector: Sector; count: number }[], { suppress }: { suppress: boolean }): SectorFigures {
  const bySector = new Map(counts.map((c) => [c.sector, c.count]));
  const rows = SECTORS.map((sector) => ({ key: sector, count: bySector.get(sector) ?? 0 }));
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  if (!suppress) return { rows: rows.map((r) => ({ sector: r.key, count: r.count })), total, suppressedBelow: null };
  const threshold = suppressionThreshold();
  const hidden = suppressSmallCells(rows, threshold);
  return {
    rows: hidden.map((r, i) =>
      r.count === null ? { sector: r.key, count: null, hidden: rows[i].count < threshold ? ("small" as const) : ("complementary" as const) } : { sector: r.key, count: r.count },
    ),
    total,
    suppressedBelow: hidden.some((r) => r.count === null) ? threshold : null,
  };
}
