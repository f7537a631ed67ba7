/**
 * Mixed discussion groups (issue #9, decision 012): pure functions, no I/O, safe
 * in the browser (the adjust page re-scores moves on the client).
 *
 * The search itself lives in grouping-run.ts (input preparation) and
 * grouping-search.ts (construction and local search).
 */
import type { RoleCategory, Sector } from "../../db/schema";
import { searchGroups } from "./grouping-run";

/** The sectors whose mix the groups are built for. "Annat" and "Vill ej uppge" are people, not sectors to cover. */
export const COVERAGE_SECTORS = ["skola", "socialtjanst", "halso_sjukvard"] as const satisfies readonly Sector[];

export type GroupPerson = {
  id: number;
  sector: Sector;
  roleCategory: RoleCategory;
  /** The municipality (or city district) the person came through; at the exchange event no group should be dominated by one. */
  municipality: string | null;
};

export type GroupOptions = {
  /** Exactly this many groups; otherwise derived from groupSize. */
  groupCount?: number;
  /** Aim for groups of this size (default 7: groups of 6–8). */
  groupSize?: number;
  /** Same seed and input, same result; another seed ("shuffle"), another valid result. */
  seed: number;
  /** The exchange event: spread municipalities too. */
  exchange?: boolean;
  /** Person-id pairs to keep in one group / in different groups (pairs naming people not present are ignored). */
  together?: [number, number][];
  apart?: [number, number][];
  /** Fixed facilitators: facilitators[i] leads group i (ids not present are ignored). */
  facilitators?: number[];
  /**
   * The current groups (person ids); new arrivals are added and existing people kept where they are as far as possible:
   * a person only moves when the sizes force it or it gives more groups every sector (or more distinct sectors per group).
   * Without `groupCount`, the group count stays `previous.length` (groupSize is then not used).
   */
  previous?: number[][];
};

/** How many groups for n people (at least 1; never more groups than people). */
export function groupCountFor(n: number, options: Pick<GroupOptions, "groupCount" | "groupSize">): number {
  if (n <= 0) return 0;
  if (options.groupCount) return Math.max(1, Math.min(n, Math.floor(options.groupCount)));
  const size = options.groupSize && options.groupSize > 0 ? options.groupSize : 7;
  return Math.max(1, Math.min(n, Math.round(n / size)));
}

/**
 * Groups of person ids, in group order. Every person exactly once; sizes differ by at most one.
 *
 * How (decision 012): a seeded greedy construction followed by a local search
 * on a lexicographic objective (see grouping-search.ts): apart pairs, then
 * groups with every present coverage sector, then distinct coverage sectors
 * per group, then previous members kept, then managers, role categories,
 * municipality domination (exchange) and sector balance.
 *
 * Group count: `groupCount` if given; otherwise, with `previous`, the number of
 * previous groups; otherwise n / `groupSize` rounded (default 7).
 *
 * Hard constraints and what happens when they cannot all hold:
 * - sizes differ by at most one: always;
 * - facilitators[i] is in group i: always (ids not present, repeated, or beyond
 *   the group count are ignored);
 * - together pairs are merged into clusters in the order given; a pair is dropped
 *   if it would join two facilitators, join an apart pair, or make a cluster larger
 *   than the largest group; a cluster that cannot be packed whole is split;
 * - apart pairs are the first objective: zero violations whenever the search finds
 *   such a grouping (always in practice when one exists), otherwise as few as it found.
 * - previous: people stay in their previous group unless that group is over its
 *   size or a move gives more groups full sector coverage (or more distinct
 *   sectors per group); a move never happens for a lesser objective.
 */
export function generateGroups(people: GroupPerson[], options: GroupOptions): number[][] {
  const seen = new Set<number>();
  const list = people.filter((p) => !seen.has(p.id) && seen.add(p.id));
  const n = list.length;
  if (n === 0) return [];
  const previous = options.previous ?? [];
  const count = options.groupCount
    ? groupCountFor(n, options)
    : previous.some((g) => g.length > 0)
    ? Math.max(1, Math.min(n, previous.length))
    : groupCountFor(n, options);
  return searchGroups(list, count, options);
}

export type SectorShortage = {
  sector: Sector;
  /** People of the sector present. */
  count: number;
  /** How many groups can have the sector with one more person of it (e.g. a substitute). */
  withOneMore: number;
};

export type GroupQuality = {
  groupCount: number;
  /** Coverage sectors with at least one person present. */
  sectorsPresent: Sector[];
  /** Groups holding every present coverage sector. */
  groupsWithAllSectors: number;
  /**
   * The most groups that could hold every present coverage sector, over all
   * groupings with this many groups whose sizes differ by at most one:
   * min(groups, people of the scarcest present sector, groups big enough to
   * hold one of each sector). A true upper bound for such groupings, and
   * reached by generateGroups when no together/apart/facilitator constraint
   * stands in the way. A grouping moved by hand into uneven sizes can exceed it.
   */
  bestPossible: number;
  /** groupsWithAllSectors / groupCount (1 when there are no groups). */
  score: number;
  /** bestPossible / groupCount. */
  bestScore: number;
  /** Present coverage sectors with fewer people than groups: full coverage is impossible. */
  shortages: SectorShortage[];
  /** Largest minus smallest group. */
  sizeSpread: number;
};

/** The quality of any grouping, generated or moved by hand. */
export function scoreGroups(people: GroupPerson[], groups: number[][]): GroupQuality {
  const byId = new Map(people.map((p) => [p.id, p]));
  const counts = new Map<Sector, number>();
  for (const p of people) counts.set(p.sector, (counts.get(p.sector) ?? 0) + 1);
  const sectorsPresent = COVERAGE_SECTORS.filter((s) => (counts.get(s) ?? 0) > 0);
  const groupCount = groups.length;
  const full = groups.filter((g) => sectorsPresent.every((s) => g.some((id) => byId.get(id)?.sector === s))).length;
  const sizes = groups.map((g) => g.length);
  const minSize = sizes.length ? Math.min(...sizes) : 0;
  const maxSize = sizes.length ? Math.max(...sizes) : 0;
  const best = (extra: Sector | null) => {
    if (groupCount === 0) return 0;
    const perSector = sectorsPresent.map((s) => (counts.get(s) ?? 0) + (s === extra ? 1 : 0));
    const n = people.length + (extra ? 1 : 0);
    // A group can hold every sector only if it has room for one of each.
    const bigEnough =
      sectorsPresent.length <= Math.floor(n / groupCount) ? groupCount : sectorsPresent.length <= Math.ceil(n / groupCount) ? n % groupCount : 0;
    return Math.min(groupCount, bigEnough, ...perSector);
  };
  const bestPossible = best(null);
  return {
    groupCount,
    sectorsPresent,
    groupsWithAllSectors: full,
    bestPossible,
    score: groupCount ? full / groupCount : 1,
    bestScore: groupCount ? bestPossible / groupCount : 1,
    shortages: sectorsPresent.filter((s) => (counts.get(s) ?? 0) < groupCount).map((s) => ({ sector: s, count: counts.get(s) ?? 0, withOneMore: best(s) })),
    sizeSpread: maxSize - minSize,
  };
}
