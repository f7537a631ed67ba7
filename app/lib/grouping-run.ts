/**
 * Turns people and options into the index-based input of grouping-search.ts,
 * runs construction and local search, and maps the result back to ids.
 * Browser-safe: no imports beyond types and sibling pure modules.
 */
import type { RoleCategory, Sector } from "../../db/schema";
import type { GroupOptions, GroupPerson } from "./grouping";
import { SearchState, better, construct, improve, type SearchInput } from "./grouping-search";
import { mulberry32 } from "./random";

const SECTOR_ORDER: readonly Sector[] = ["skola", "socialtjanst", "halso_sjukvard", "annat", "vill_ej_uppge"];
const COVER_ORDER: readonly Sector[] = ["skola", "socialtjanst", "halso_sjukvard"];
const ROLE_ORDER: readonly RoleCategory[] = ["profession", "chef", "strateg", "medicinsk_elevhalsa", "sjukvard", "annat", "vill_ej_uppge"];

export function searchGroups(people: GroupPerson[], k: number, options: GroupOptions): number[][] {
  const n = people.length;
  const index = new Map(people.map((p, i) => [p.id, i]));
  const q = Math.floor(n / k);
  const maxCluster = n % k > 0 ? q + 1 : q;

  const sector = new Int32Array(n);
  const role = new Int32Array(n);
  const muni = new Int32Array(n);
  const cover = new Int32Array(n).fill(-1);
  const present = COVER_ORDER.filter((s) => people.some((p) => p.sector === s));
  const munis = new Map<string, number>();
  people.forEach((p, i) => {
    sector[i] = Math.max(0, SECTOR_ORDER.indexOf(p.sector));
    role[i] = Math.max(0, ROLE_ORDER.indexOf(p.roleCategory));
    cover[i] = present.indexOf(p.sector);
    if (p.municipality == null || p.municipality === "") muni[i] = -1;
    else {
      if (!munis.has(p.municipality)) munis.set(p.municipality, munis.size);
      muni[i] = munis.get(p.municipality)!;
    }
  });

  // facilitators: facilitators[i] pinned to group i
  const pin = new Int32Array(n).fill(-1);
  (options.facilitators ?? []).forEach((id, g) => {
    const i = index.get(id);
    if (g < k && i !== undefined && pin[i] < 0) pin[i] = g;
  });

  // apart pairs among present people
  const apart: number[][] = Array.from({ length: n }, () => []);
  const apartPairs: [number, number][] = [];
  for (const [a, b] of options.apart ?? []) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j || apart[i].includes(j)) continue;
    apart[i].push(j);
    apart[j].push(i);
    apartPairs.push([i, j]);
  }

  // together clusters (union-find), refusing pairs that cannot hold
  const parent = Array.from({ length: n }, (_, i) => i);
  const csize = new Array<number>(n).fill(1);
  const cpin = Array.from(pin);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const [a, b] of options.together ?? []) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) continue;
    const ri = find(i);
    const rj = find(j);
    if (ri === rj) continue;
    if (csize[ri] + csize[rj] > maxCluster) continue;
    if (cpin[ri] >= 0 && cpin[rj] >= 0) continue;
    if (
      apartPairs.some(([x, y]) => {
        const rx = find(x),
          ry = find(y);
        return (rx === ri && ry === rj) || (rx === rj && ry === ri);
      })
    )
      continue;
    parent[rj] = ri;
    csize[ri] += csize[rj];
    if (cpin[ri] < 0) cpin[ri] = cpin[rj];
  }
  const unitOfRoot = new Map<number, number>();
  const units: number[][] = [];
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (!unitOfRoot.has(root)) {
      unitOfRoot.set(root, units.length);
      units.push([]);
    }
    units[unitOfRoot.get(root)!].push(i);
  }
  const unitPin = Int32Array.from(units, (members) => {
    const g = members.map((p) => pin[p]).find((g) => g >= 0);
    return g ?? -1;
  });

  // previous groups (first occurrence wins; groups beyond k are dissolved)
  const prevGroup = new Int32Array(n).fill(-1);
  (options.previous ?? []).forEach((ids, g) => {
    if (g >= k) return;
    for (const id of ids) {
      const i = index.get(id);
      if (i !== undefined && prevGroup[i] < 0) prevGroup[i] = g;
    }
  });

  let input: SearchInput = {
    n,
    k,
    sector,
    cover,
    coverCount: present.length,
    role,
    managerRole: ROLE_ORDER.indexOf("chef"),
    muni,
    muniCount: munis.size,
    exchange: Boolean(options.exchange),
    prevGroup,
    apart,
    units,
    unitPin,
    seed: options.seed,
  };

  const run = (inp: SearchInput, rand: () => number) => {
    const st = new SearchState(inp);
    const failed = construct(st, rand);
    return { st, failed };
  };
  const rand = mulberry32(options.seed ^ 0x9e3779b9);
  let { st, failed } = run(input, rand);
  // A cluster that could not be packed whole: retry once with another order, then
  // split the clusters that failed, and as a last resort every cluster.
  if (failed.length) ({ st, failed } = run(input, rand));
  for (let round = 0; failed.length && round < 2; round++) {
    const split = round === 0 ? new Set(failed) : new Set(input.units.keys());
    const newUnits: number[][] = [];
    const newPin: number[] = [];
    input.units.forEach((m, u) => {
      if (split.has(u) && m.length > 1)
        m.forEach((p) => {
          newUnits.push([p]);
          newPin.push(pin[p]);
        });
      else {
        newUnits.push(m);
        newPin.push(input.unitPin[u]);
      }
    });
    input = { ...input, units: newUnits, unitPin: Int32Array.from(newPin) };
    ({ st, failed } = run(input, rand));
  }
  improve(st, rand, 2000 + 40 * n, 1000 + 15 * n);
  // Small sessions are cheap: a few more seeded starts, keep the best (escapes the
  // rare local optimum where a better grouping needs three people to move at once).
  const restarts = n <= 60 ? 3 : 0;
  for (let i = 0; i < restarts; i++) {
    const other = run(input, rand);
    if (other.failed.length) continue;
    improve(other.st, rand, 2000 + 40 * n, 1000 + 15 * n);
    if (better(other.st.obj, st.obj) > 0) st = other.st;
  }

  // Output order per group: facilitator, kept previous members in previous order, the rest in input order.
  const prevPos = new Map<number, number>();
  (options.previous ?? []).forEach((ids) =>
    ids.forEach((id, pos) => {
      if (!prevPos.has(id)) prevPos.set(id, pos);
    })
  );
  const groups: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) groups[st.group[i]].push(i);
  return groups.map((members, g) =>
    members
      .map((i) => {
        const kept = prevGroup[i] === g;
        const key = pin[i] === g ? -1 : kept ? prevPos.get(people[i].id)! : 1e9 + i;
        return { i, key };
      })
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map(({ i }) => people[i].id)
  );
}
