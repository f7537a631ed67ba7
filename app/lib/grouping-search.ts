/**
 * The search behind `generateGroups` (issue #9, decision 012). Pure, browser-safe.
 *
 * People are indexed 0..n-1. "Units" are the together-clusters (a single person
 * is a unit of one); a unit always moves as a whole, and a unit holding a
 * facilitator is pinned to that facilitator's group. The state keeps per-group
 * counts so that moving one person updates every objective term in O(1)
 * (O(municipalities) for the domination term at the exchange event).
 *
 * Objective, compared lexicographically (smaller is better):
 *   0 apart pairs sharing a group
 *   1 minus the groups holding every present coverage sector
 *   2 minus the sum over groups of distinct coverage sectors
 *   3 previous members moved out of their previous group
 *   4 managers: sum over groups of (managers in group)²
 *   5 role categories other than manager: sum over groups and categories of count²
 *   6 exchange only: people beyond half of their group from one municipality, summed over groups
 *   7 exchange only: sum over groups and municipalities of count²
 *   8 all sectors (including annat/vill ej uppge): sum of count² — a gentle tie-breaker
 * Sizes are not an objective: every state visited keeps sizes within {q, q+1}
 * with exactly n mod k groups of q+1.
 */

export const TIERS = 9;


export type SearchInput = {
  n: number;
  k: number;
  /** Sector index 0..4 per person (SECTORS order). */
  sector: Int32Array;
  /** Coverage index 0..P-1 per person, -1 if the person's sector is not a coverage sector. */
  cover: Int32Array;
  /** Number of coverage sectors present. */
  coverCount: number;
  /** Role index per person (0..6); managerRole marks "chef". */
  role: Int32Array;
  managerRole: number;
  /** Municipality index per person, -1 for unknown. */
  muni: Int32Array;
  muniCount: number;
  exchange: boolean;
  /** Previous group per person, -1 for new arrivals. */
  prevGroup: Int32Array;
  /** apart[p] lists people p must not share a group with. */
  apart: number[][];
  units: number[][];
  /** Group a unit is pinned to, or -1. */
  unitPin: Int32Array;
  seed: number;
};

const SECTOR_COUNT = 5;
const ROLE_COUNT = 7;

export class SearchState {
  readonly n: number;
  readonly k: number;
  readonly q: number;
  readonly r: number;
  readonly group: Int32Array;
  readonly size: Int32Array;
  readonly groupUnits: number[][];
  readonly unitGroup: Int32Array;
  private readonly secCnt: Int32Array;
  private readonly covCnt: Int32Array;
  private readonly covered: Int32Array;
  private readonly roleCnt: Int32Array;
  private readonly muniCnt: Int32Array;
  private readonly muniMax: Int32Array;
  readonly obj = new Float64Array(TIERS);
  private readonly P: number;

  constructor(readonly input: SearchInput) {
    const { n, k } = input;
    this.n = n;
    this.k = k;
    this.q = Math.floor(n / k);
    this.r = n % k;
    this.P = input.coverCount;
    this.group = new Int32Array(n).fill(-1);
    this.size = new Int32Array(k);
    this.groupUnits = Array.from({ length: k }, () => []);
    this.unitGroup = new Int32Array(input.units.length).fill(-1);
    this.secCnt = new Int32Array(k * SECTOR_COUNT);
    this.covCnt = new Int32Array(k * Math.max(1, this.P));
    this.covered = new Int32Array(k);
    this.roleCnt = new Int32Array(k * ROLE_COUNT);
    this.muniCnt = new Int32Array(input.exchange ? k * Math.max(1, input.muniCount) : 0);
    this.muniMax = new Int32Array(k);
    // With no coverage sector present every group counts as fully covered.
    this.obj[1] = this.P === 0 ? -k : 0;
  }

  /** Groups of size q+1 so far. */
  largeGroups(): number {
    let c = 0;
    for (let g = 0; g < this.k; g++) if (this.size[g] > this.q) c++;
    return c;
  }

  private muniExcess(g: number): number {
    return Math.max(0, this.muniMax[g] - Math.floor(this.size[g] / 2));
  }

  /** Add (+1) or remove (-1) person p in group g, updating every objective term. */
  private touch(p: number, g: number, d: 1 | -1): void {
    const inp = this.input;
    const obj = this.obj;
    // apart
    const ap = inp.apart[p];
    for (let i = 0; i < ap.length; i++) if (this.group[ap[i]] === g) obj[0] += d;
    // coverage
    const c = inp.cover[p];
    if (c >= 0) {
      const idx = g * this.P + c;
      const before = this.covCnt[idx];
      this.covCnt[idx] = before + d;
      if (d === 1 && before === 0) {
        this.covered[g]++;
        obj[2] -= 1;
        if (this.covered[g] === this.P) obj[1] -= 1;
      } else if (d === -1 && before === 1) {
        if (this.covered[g] === this.P) obj[1] += 1;
        this.covered[g]--;
        obj[2] += 1;
      }
    }
    // previous
    const pg = inp.prevGroup[p];
    if (pg >= 0 && pg !== g) obj[3] += d;
    // roles
    const ri = g * ROLE_COUNT + inp.role[p];
    const rc = this.roleCnt[ri];
    const rDelta = d === 1 ? 2 * rc + 1 : -2 * rc + 1;
    this.roleCnt[ri] = rc + d;
    if (inp.role[p] === inp.managerRole) obj[4] += rDelta;
    else obj[5] += rDelta;
    // municipality (exchange only)
    if (inp.exchange) {
      obj[6] -= this.muniExcess(g);
      const m = inp.muni[p];
      if (m >= 0) {
        const mi = g * inp.muniCount + m;
        const mc = this.muniCnt[mi];
        obj[7] += d === 1 ? 2 * mc + 1 : -2 * mc + 1;
        this.muniCnt[mi] = mc + d;
        if (d === 1) {
          if (mc + 1 > this.muniMax[g]) this.muniMax[g] = mc + 1;
        } else if (mc === this.muniMax[g]) {
          let max = 0;
          const base = g * inp.muniCount;
          for (let j = 0; j < inp.muniCount; j++) if (this.muniCnt[base + j] > max) max = this.muniCnt[base + j];
          this.muniMax[g] = max;
        }
      }
      this.size[g] += d;
      obj[6] += this.muniExcess(g);
    } else {
      this.size[g] += d;
    }
    // all sectors balance
    const si = g * SECTOR_COUNT + inp.sector[p];
    const sc = this.secCnt[si];
    obj[8] += d === 1 ? 2 * sc + 1 : -2 * sc + 1;
    this.secCnt[si] = sc + d;
  }

  /** Put an unplaced unit into group g, or move a placed one there. */
  placeUnit(u: number, g: number): void {
    const from = this.unitGroup[u];
    if (from === g) return;
    const members = this.input.units[u];
    if (from >= 0) {
      for (const p of members) {
        this.touch(p, from, -1);
        this.group[p] = -1;
      }
      const list = this.groupUnits[from];
      list.splice(list.indexOf(u), 1);
    }
    if (g >= 0) {
      for (const p of members) {
        this.touch(p, g, 1);
        this.group[p] = g;
      }
      this.groupUnits[g].push(u);
    }
    this.unitGroup[u] = g;
  }

  covers(g: number, c: number): boolean {
    return this.covCnt[g * this.P + c] > 0;
  }
  coverCount(g: number, c: number): number {
    return this.covCnt[g * this.P + c];
  }
  coveredIn(g: number): number {
    return this.covered[g];
  }
}

/** a < b lexicographically (strictly better). */
export function better(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < TIERS; i++) {
    if (a[i] < b[i]) return 1;
    if (a[i] > b[i]) return -1;
  }
  return 0;
}

/** Room left in g for a unit of size s without breaking the size plan. */
function fits(st: SearchState, g: number, s: number, large: number): boolean {
  const after = st.size[g] + s;
  if (after <= st.q) return true;
  if (after === st.q + 1) return st.size[g] > st.q || large < st.r;
  return false;
}

/**
 * Greedy construction: pinned units, then previous placements, then
 * together-clusters (best fit, largest first), then everyone else, scarcest
 * coverage sector first, each into the group that is best for the objective
 * (ties: smaller group, then seeded random). Returns units that could not be
 * placed whole (only possible with awkward together-clusters).
 */
export function construct(st: SearchState, rand: () => number): number[] {
  const inp = st.input;
  const units = inp.units;
  const U = units.length;
  const failed: number[] = [];
  let large = 0;
  const place = (u: number, g: number) => {
    const wasLarge = st.size[g] > st.q;
    st.placeUnit(u, g);
    if (!wasLarge && st.size[g] > st.q) large++;
  };
  const noise = Array.from({ length: U }, () => rand());

  // 1. pinned
  for (let u = 0; u < U; u++) {
    const g = inp.unitPin[u];
    if (g >= 0) {
      if (fits(st, g, units[u].length, large)) place(u, g);
      else failed.push(u);
    }
  }
  // 2. previous: a unit goes where most of its members were
  const prevOf = (u: number) => {
    const tally = new Map<number, number>();
    for (const p of units[u]) if (inp.prevGroup[p] >= 0) tally.set(inp.prevGroup[p], (tally.get(inp.prevGroup[p]) ?? 0) + 1);
    let best = -1;
    let bestN = 0;
    for (const [g, c] of tally) if (c > bestN || (c === bestN && g < best)) [best, bestN] = [g, c];
    return best;
  };
  const free = [];
  for (let u = 0; u < U; u++) if (inp.unitPin[u] < 0) free.push(u);
  const withPrev = free.filter((u) => prevOf(u) >= 0).sort((a, b) => units[b].length - units[a].length || noise[a] - noise[b]);
  const rest: number[] = [];
  for (const u of withPrev) {
    const g = prevOf(u);
    if (fits(st, g, units[u].length, large)) place(u, g);
    else rest.push(u);
  }
  for (const u of free) if (prevOf(u) < 0) rest.push(u);

  // 3. clusters, largest first, best fit
  const clusters = rest.filter((u) => units[u].length > 1).sort((a, b) => units[b].length - units[a].length || noise[a] - noise[b]);
  for (const u of clusters) {
    const s = units[u].length;
    let best = -1;
    let bestRoom = Infinity;
    let bestObj: Float64Array | null = null;
    for (let g = 0; g < st.k; g++) {
      if (!fits(st, g, s, large)) continue;
      const room = (st.size[g] > st.q || large < st.r ? st.q + 1 : st.q) - st.size[g] - s;
      st.placeUnit(u, g);
      const o = Float64Array.from(st.obj);
      st.placeUnit(u, -1);
      // apart pairs first, then the tightest fit (packing), then the objective
      const cmp =
        bestObj === null ? 1 : o[0] !== bestObj[0] ? (o[0] < bestObj[0] ? 1 : -1) : room !== bestRoom ? (room < bestRoom ? 1 : -1) : better(o, bestObj);
      if (cmp > 0) {
        best = g;
        bestRoom = room;
        bestObj = o;
      }
    }
    if (best >= 0) place(u, best);
    else failed.push(u);
  }

  // 4. singles: scarcest coverage sector first, then managers, then the rest
  const sectorTotal = new Map<number, number>();
  for (let p = 0; p < st.n; p++) if (inp.cover[p] >= 0) sectorTotal.set(inp.cover[p], (sectorTotal.get(inp.cover[p]) ?? 0) + 1);
  const scarcity = (u: number) => {
    const c = inp.cover[units[u][0]];
    return c >= 0 ? sectorTotal.get(c)! : Infinity;
  };
  const singles = rest
    .filter((u) => units[u].length === 1)
    .sort(
      (a, b) =>
        scarcity(a) - scarcity(b) ||
        Number(inp.role[units[b][0]] === inp.managerRole) - Number(inp.role[units[a][0]] === inp.managerRole) ||
        noise[a] - noise[b]
    );
  const o = new Float64Array(TIERS);
  for (const u of singles) {
    let best = -1;
    let bestObj = new Float64Array(TIERS);
    let bestTie = 0;
    for (let g = 0; g < st.k; g++) {
      if (!fits(st, g, 1, large)) continue;
      st.placeUnit(u, g);
      o.set(st.obj);
      st.placeUnit(u, -1);
      const tie = st.size[g] + rand() * 0.5;
      const cmp = best < 0 ? 1 : better(o, bestObj);
      if (cmp > 0 || (cmp === 0 && tie < bestTie)) {
        best = g;
        bestObj = Float64Array.from(o);
        bestTie = tie;
      }
    }
    place(u, best); // singles always fit: total room equals the people left
  }
  return failed;
}

/**
 * Local search: moves (a single person from a q+1 group to a q group) and
 * swaps of units between groups that keep the size plan; a move is kept if
 * the objective improves, or stays equal (sideways, a third of the time, to
 * cross plateaus). Half of the attempts are aimed at a group lacking a
 * coverage sector. Stops after `budget` attempts or `stall` attempts
 * without improvement.
 */
export function improve(st: SearchState, rand: () => number, budget: number, stall: number): void {
  const inp = st.input;
  const units = inp.units;
  const k = st.k;
  if (k < 2) return;
  const movable: number[] = [];
  for (let u = 0; u < units.length; u++) if (inp.unitPin[u] < 0 && st.unitGroup[u] >= 0) movable.push(u);
  if (movable.length === 0) return;
  const P = inp.coverCount;
  const before = new Float64Array(TIERS);
  const okSize = (s: number) => s === st.q || s === st.q + 1;

  const left: number[] = [];
  const right: number[] = [];
  /** Add units of group g (not pinned, not already chosen) totalling `need` people to `side`; false if impossible. */
  const fill = (g: number, need: number, side: number[]): boolean => {
    const pool = st.groupUnits[g];
    const start = Math.floor(rand() * pool.length);
    for (let i = 0; i < pool.length && need > 0; i++) {
      const w = pool[(start + i) % pool.length];
      if (inp.unitPin[w] >= 0 || side.includes(w) || units[w].length > need) continue;
      side.push(w);
      need -= units[w].length;
    }
    return need === 0;
  };

  /**
   * Try u (in A) <-> v (in B) or, v === -1, a move of u to B. When the two
   * units differ in size, other units of the smaller side are added so that
   * the size plan still holds (a cluster of three for three singles).
   */
  const attempt = (u: number, B: number, v: number): boolean => {
    const A = st.unitGroup[u];
    if (A === B) return false;
    left.length = 0;
    right.length = 0;
    left.push(u);
    if (v >= 0) right.push(v);
    const su = units[u].length;
    const sv = v >= 0 ? units[v].length : 0;
    if (!okSize(st.size[A] - su + sv) || !okSize(st.size[B] - sv + su)) {
      if (v < 0) return false;
      if (su > sv ? !fill(B, su - sv, right) : !fill(A, sv - su, left)) return false;
    }
    before.set(st.obj);
    for (const w of left) st.placeUnit(w, B);
    for (const w of right) st.placeUnit(w, A);
    const cmp = better(st.obj, before);
    if (cmp > 0 || (cmp === 0 && rand() < 0.33)) return cmp > 0;
    for (const w of left) st.placeUnit(w, A);
    for (const w of right) st.placeUnit(w, B);
    return false;
  };

  /** A random movable unit of group g (holding someone of coverage sector c unless c < 0), or -1. */
  const pickUnit = (g: number, c: number): number => {
    const pool = st.groupUnits[g];
    const start = Math.floor(rand() * pool.length);
    for (let i = 0; i < pool.length; i++) {
      const w = pool[(start + i) % pool.length];
      if (inp.unitPin[w] >= 0) continue;
      if (c < 0) return w;
      const m = units[w];
      for (let j = 0; j < m.length; j++) if (inp.cover[m[j]] === c) return w;
    }
    return -1;
  };
  // Upper bounds of the coverage tiers: once reached, stop aiming at coverage.
  const perCover = new Array<number>(P).fill(0);
  for (let p = 0; p < st.n; p++) if (inp.cover[p] >= 0) perCover[inp.cover[p]]++;
  const bySize = P <= st.q ? k : P === st.q + 1 ? st.r : 0;
  const fullBound = P === 0 ? k : Math.min(k, bySize, ...perCover);
  const distinctBound = perCover.reduce((sum, c) => sum + Math.min(c, k), 0);
  const lacking: number[] = [];
  let sinceBest = 0;
  for (let it = 0; it < budget && sinceBest < stall; it++) {
    let improved = false;
    if (P > 0 && (-st.obj[1] < fullBound || -st.obj[2] < distinctBound) && rand() < 0.5) {
      // aimed: a group A lacking coverage sector c gets someone of c from B
      lacking.length = 0;
      for (let g = 0; g < k; g++) if (st.coveredIn(g) < P) lacking.push(g);
      const A = lacking[Math.floor(rand() * lacking.length)];
      let c = Math.floor(rand() * P);
      for (let i = 0; i < P && st.covers(A, c); i++) c = (c + 1) % P;
      const B = Math.floor(rand() * k);
      if (B !== A && st.coverCount(B, c) > 0) {
        const u = pickUnit(B, c);
        if (u >= 0) improved = rand() < 0.2 ? attempt(u, A, -1) : attempt(u, A, pickUnit(A, -1));
      }
    } else {
      const u = movable[Math.floor(rand() * movable.length)];
      let B = Math.floor(rand() * (k - 1));
      if (B >= st.unitGroup[u]) B++;
      improved = attempt(u, B, rand() < 0.2 ? -1 : pickUnit(B, -1));
    }
    sinceBest = improved ? 0 : sinceBest + 1;
  }
}
