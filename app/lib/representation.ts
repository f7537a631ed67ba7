/**
 * Representation gaps: how far each sector is from its target. Pure, so the
 * series page, the dashboards and the tests share one definition.
 */
import { SECTORS, type Sector } from "../../db/schema";

export type SectorCounts = {
  sector: Sector;
  invited: number;
  accepted: number;
  declined: number;
  noReply: number;
  registered: number;
  managers: number;
};

export type Target = { sector: Sector; minCount: number | null; minSharePercent: number | null };

export type Gap =
  | { kind: "missing"; sector: Sector }
  | { kind: "count"; sector: Sector; actual: number; target: number }
  | { kind: "share"; sector: Sector; actual: number; target: number }
  | { kind: "manager"; sector: Sector };

/** The sectors a series is about; "Annat" and "Vill ej uppge" have no targets of their own. */
export const CORE_SECTORS: Sector[] = ["skola", "socialtjanst", "halso_sjukvard"];

export function computeGaps({
  counts,
  targets,
  requireManager,
}: {
  counts: SectorCounts[];
  targets: Target[];
  requireManager: boolean;
}): Gap[] {
  const bySector = new Map(counts.map((c) => [c.sector, c]));
  const total = counts.reduce((sum, c) => sum + c.registered, 0);
  const gaps: Gap[] = [];
  for (const sector of SECTORS) {
    const registered = bySector.get(sector)?.registered ?? 0;
    const target = targets.find((t) => t.sector === sector);
    if (CORE_SECTORS.includes(sector) && registered === 0) {
      gaps.push({ kind: "missing", sector });
      continue;
    }
    if (target?.minCount && registered < target.minCount) {
      gaps.push({ kind: "count", sector, actual: registered, target: target.minCount });
    }
    if (target?.minSharePercent && total > 0 && (registered / total) * 100 < target.minSharePercent) {
      gaps.push({ kind: "share", sector, actual: registered / total, target: target.minSharePercent / 100 });
    }
    if (requireManager && CORE_SECTORS.includes(sector) && (bySector.get(sector)?.managers ?? 0) === 0) {
      gaps.push({ kind: "manager", sector });
    }
  }
  return gaps;
}
