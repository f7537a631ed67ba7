import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RoleCategory, Sector } from "../../db/schema";
import { COVERAGE_SECTORS, generateGroups, groupCountFor, scoreGroups, type GroupOptions, type GroupPerson } from "../../app/lib/grouping";
import { mulberry32 } from "../../app/lib/random";

const SECTORS: Sector[] = ["skola", "socialtjanst", "halso_sjukvard", "annat", "vill_ej_uppge"];
const ROLES: RoleCategory[] = ["profession", "chef", "strateg", "medicinsk_elevhalsa", "sjukvard", "annat", "vill_ej_uppge"];

function person(id: number, sector: Sector, roleCategory: RoleCategory = "profession", municipality: string | null = null): GroupPerson {
  return { id, sector, roleCategory, municipality };
}

function sizesOk(groups: number[][]) {
  const sizes = groups.map((g) => g.length);
  return Math.max(...sizes) - Math.min(...sizes) <= 1;
}

function groupOf(groups: number[][]) {
  const m = new Map<number, number>();
  groups.forEach((g, i) => g.forEach((id) => m.set(id, i)));
  return m;
}

function expectEveryoneOnce(people: GroupPerson[], groups: number[][]) {
  const flat = groups.flat();
  expect(flat.length).toBe(people.length);
  expect(new Set(flat)).toEqual(new Set(people.map((p) => p.id)));
}

/** A random session: sector/role/municipality mixes with random weights. */
const sessionArb = fc
  .record({
    n: fc.integer({ min: 1, max: 120 }),
    sectorWeights: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 5 }),
    roleWeights: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 7, maxLength: 7 }),
    municipalities: fc.integer({ min: 1, max: 8 }),
    seed: fc.integer(),
    bySize: fc.boolean(),
    groupSize: fc.integer({ min: 2, max: 10 }),
    groupCount: fc.integer({ min: 1, max: 20 }),
    exchange: fc.boolean(),
  })
  .map((r) => {
    const rand = mulberry32(r.seed);
    const pickWeighted = <T>(xs: T[], w: number[]) => {
      const total = w.reduce((a, b) => a + b, 0);
      if (total === 0) return xs[Math.floor(rand() * xs.length)];
      let x = rand() * total;
      for (let i = 0; i < xs.length; i++) if ((x -= w[i]) < 0) return xs[i];
      return xs[xs.length - 1];
    };
    const people = Array.from({ length: r.n }, (_, i) =>
      person(
        100 + i * 3,
        pickWeighted(SECTORS, r.sectorWeights),
        pickWeighted(ROLES, r.roleWeights),
        rand() < 0.1 ? null : `K${Math.floor(rand() * r.municipalities)}`
      )
    );
    const options: GroupOptions = r.bySize
      ? { groupSize: r.groupSize, seed: r.seed, exchange: r.exchange }
      : { groupCount: r.groupCount, seed: r.seed, exchange: r.exchange };
    return { people, options, rand };
  });

/** Constraints that one hidden grouping satisfies, so they are satisfiable together. */
function withConsistentConstraints(people: GroupPerson[], options: GroupOptions, rand: () => number): GroupOptions {
  const k = groupCountFor(people.length, options);
  const shuffled = [...people]
    .sort(() => 0)
    .map((p) => ({ p, r: rand() }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.p.id);
  const hidden: number[][] = Array.from({ length: k }, () => []);
  shuffled.forEach((id, i) => hidden[i % k].push(id));
  const hiddenOf = groupOf(hidden);
  const ids = people.map((p) => p.id);
  const together: [number, number][] = [];
  const apart: [number, number][] = [];
  for (let t = 0; t < Math.floor(people.length / 6); t++) {
    const g = hidden[Math.floor(rand() * k)];
    if (g.length >= 2) together.push([g[Math.floor(rand() * g.length)], g[Math.floor(rand() * g.length)]]);
  }
  for (let t = 0; t < Math.floor(people.length / 5); t++) {
    const a = ids[Math.floor(rand() * ids.length)];
    const b = ids[Math.floor(rand() * ids.length)];
    if (hiddenOf.get(a) !== hiddenOf.get(b)) apart.push([a, b]);
  }
  const facilitators = hidden.slice(0, Math.floor(rand() * (k + 1))).map((g) => g[0]);
  return { ...options, together, apart, facilitators };
}

describe("generateGroups – properties over random sessions", () => {
  it("places every present person once, keeps sizes within one and the group count, covers every sector with enough people, and is deterministic", () => {
    fc.assert(
      fc.property(sessionArb, fc.boolean(), ({ people, options, rand }, withFacilitators) => {
        const k = groupCountFor(people.length, options);
        const opts: GroupOptions = withFacilitators ? { ...options, facilitators: people.slice(0, Math.floor(rand() * (k + 1))).map((p) => p.id) } : options;
        const groups = generateGroups(people, opts);
        expectEveryoneOnce(people, groups);
        expect(groups.length).toBe(k);
        expect(sizesOk(groups)).toBe(true);
        if (options.groupCount) expect(k).toBe(Math.min(people.length, options.groupCount));
        for (const s of COVERAGE_SECTORS) {
          const count = people.filter((p) => p.sector === s).length;
          if (count >= k) {
            const sectorOf = new Map(people.map((p) => [p.id, p.sector]));
            for (const g of groups) expect(g.some((id) => sectorOf.get(id) === s)).toBe(true);
          }
        }
        (opts.facilitators ?? []).forEach((id, i) => expect(groups[i]).toContain(id));
        expect(generateGroups(people, opts)).toEqual(groups);
      }),
      { numRuns: 150 }
    );
  }, 60_000);

  it("keeps together pairs together, apart pairs apart and facilitators in their groups whenever one grouping satisfies them all", () => {
    fc.assert(
      fc.property(sessionArb, ({ people, options, rand }) => {
        const opts = withConsistentConstraints(people, options, rand);
        const groups = generateGroups(people, opts);
        expectEveryoneOnce(people, groups);
        expect(sizesOk(groups)).toBe(true);
        const of = groupOf(groups);
        for (const [a, b] of opts.together!) expect(of.get(a)).toBe(of.get(b));
        for (const [a, b] of opts.apart!) expect(of.get(a)).not.toBe(of.get(b));
        opts.facilitators!.forEach((id, i) => expect(of.get(id)).toBe(i));
        expect(generateGroups(people, opts)).toEqual(groups);
      }),
      { numRuns: 150 }
    );
  }, 60_000);
});

describe("generateGroups – against a brute-force optimum on small instances", () => {
  it("reaches the optimal number of fully covered groups in at least 95 % of 300 random cases", () => {
    const rand = mulberry32(2026);
    const cases = 300;
    let equal = 0;
    let worse: string[] = [];
    for (let c = 0; c < cases; c++) {
      const n = 3 + Math.floor(rand() * 7); // 3..9
      const k = 2 + Math.floor(rand() * 2); // 2..3
      const people = Array.from({ length: n }, (_, i) =>
        person(i + 1, SECTORS[Math.floor(rand() * 4)], ROLES[Math.floor(rand() * 3)], `K${Math.floor(rand() * 2)}`)
      );
      const options: GroupOptions = { groupCount: k, seed: c, exchange: rand() < 0.5 };
      if (rand() < 0.5) Object.assign(options, withConsistentConstraints(people, options, rand));
      const groups = generateGroups(people, options);
      const got = scoreGroups(people, groups).groupsWithAllSectors;
      // enumerate every assignment with the size plan and the constraints
      const assign = new Array<number>(n).fill(0);
      const idx = new Map(people.map((p, i) => [p.id, i]));
      let optimum = -1;
      const total = k ** n;
      for (let code = 0; code < total; code++) {
        let x = code;
        for (let i = 0; i < n; i++) {
          assign[i] = x % k;
          x = Math.floor(x / k);
        }
        const sizes = new Array<number>(k).fill(0);
        assign.forEach((g) => sizes[g]++);
        if (Math.max(...sizes) - Math.min(...sizes) > 1) continue;
        if ((options.together ?? []).some(([a, b]) => assign[idx.get(a)!] !== assign[idx.get(b)!])) continue;
        if ((options.apart ?? []).some(([a, b]) => assign[idx.get(a)!] === assign[idx.get(b)!])) continue;
        if ((options.facilitators ?? []).some((id, g) => assign[idx.get(id)!] !== g)) continue;
        const gs: number[][] = Array.from({ length: k }, () => []);
        assign.forEach((g, i) => gs[g].push(people[i].id));
        optimum = Math.max(optimum, scoreGroups(people, gs).groupsWithAllSectors);
      }
      expect(optimum).toBeGreaterThanOrEqual(0); // the hidden grouping is always feasible
      expect(got).toBeLessThanOrEqual(optimum);
      // bestPossible is a true upper bound, and reached when there are no constraints
      const bound = scoreGroups(people, groups).bestPossible;
      expect(optimum).toBeLessThanOrEqual(bound);
      if (!options.together && !options.apart && !options.facilitators) expect(optimum).toBe(bound);
      if (got === optimum) equal++;
      else worse = [...worse, `case ${c}: ${got} < ${optimum}`];
    }
    const rate = equal / cases;
    console.log(`grouping brute force: ${equal}/${cases} = ${(rate * 100).toFixed(1)} % optimal${worse.length ? `; ${worse.join(", ")}` : ""}`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});

describe("generateGroups – known answers", () => {
  const mixed = [
    ...Array.from({ length: 12 }, (_, i) => person(i + 1, "skola")),
    ...Array.from({ length: 4 }, (_, i) => person(20 + i, "socialtjanst")),
    person(30, "halso_sjukvard"),
    person(31, "halso_sjukvard"),
  ];

  it("12 school + 4 social services + 2 health care into 3 groups: 2 of 3 groups complete, the best possible, with a health care note", () => {
    const groups = generateGroups(mixed, { groupCount: 3, seed: 1 });
    expect(groups.map((g) => g.length)).toEqual([6, 6, 6]);
    const q = scoreGroups(mixed, groups);
    expect(q.groupCount).toBe(3);
    expect(q.sectorsPresent).toEqual(["skola", "socialtjanst", "halso_sjukvard"]);
    expect(q.groupsWithAllSectors).toBe(2);
    expect(q.bestPossible).toBe(2);
    expect(q.score).toBeCloseTo(2 / 3, 10);
    expect(q.bestScore).toBeCloseTo(2 / 3, 10);
    expect(q.shortages).toEqual([{ sector: "halso_sjukvard", count: 2, withOneMore: 3 }]);
    expect(q.sizeSpread).toBe(0);
    // every group still has school and social services
    const sectorOf = new Map(mixed.map((p) => [p.id, p.sector]));
    for (const g of groups) {
      expect(g.some((id) => sectorOf.get(id) === "skola")).toBe(true);
      expect(g.some((id) => sectorOf.get(id) === "socialtjanst")).toBe(true);
    }
  });

  it("spreads 4 managers over 4 groups, one each", () => {
    const people = Array.from({ length: 28 }, (_, i) => person(i + 1, SECTORS[i % 3], i < 4 ? "chef" : "profession"));
    for (const seed of [1, 2, 3]) {
      const groups = generateGroups(people, { groupCount: 4, seed });
      expect(groups.map((g) => g.filter((id) => id <= 4).length)).toEqual([1, 1, 1, 1]);
    }
  });

  it("exchange: two municipalities of 10 into 4 groups, no group holds more than 3 of one", () => {
    const people = Array.from({ length: 20 }, (_, i) => person(i + 1, SECTORS[i % 3], ROLES[i % 4], i < 10 ? "Huddinge" : "Botkyrka"));
    for (const seed of [1, 2, 3]) {
      const groups = generateGroups(people, { groupCount: 4, seed, exchange: true });
      const byId = new Map(people.map((p) => [p.id, p]));
      for (const g of groups) {
        expect(g).toHaveLength(5);
        const h = g.filter((id) => byId.get(id)!.municipality === "Huddinge").length;
        expect(Math.max(h, 5 - h)).toBeLessThanOrEqual(3);
      }
    }
  });

  it("previous: two late arrivals join, everyone else stays where they were", () => {
    const first = Array.from({ length: 21 }, (_, i) => person(i + 1, SECTORS[i % 4], ROLES[i % 3], `K${i % 2}`));
    const before = generateGroups(first, { groupSize: 7, seed: 5 });
    expect(scoreGroups(first, before).groupsWithAllSectors).toBe(3);
    const now = [...first, person(50, "skola", "chef"), person(51, "halso_sjukvard")];
    const after = generateGroups(now, { groupSize: 7, seed: 99, previous: before });
    expect(after).toHaveLength(3);
    expect(after.map((g) => g.length).sort()).toEqual([7, 8, 8]);
    before.forEach((g, i) => expect(after[i].slice(0, g.length)).toEqual(g));
    expectEveryoneOnce(now, after);
    // someone gone: the rest stay unless the sizes force one move
    const gone = now.filter((p) => p.id !== before[0][0] && p.id !== before[0][1]);
    const third = generateGroups(gone, { seed: 7, previous: after });
    const was = groupOf(after);
    const moved = gone.filter((p) => groupOf(third).get(p.id) !== was.get(p.id));
    expect(third.map((g) => g.length).sort()).toEqual([7, 7, 7]);
    // only the people the size plan forces out of a group of 8 move
    const forced = after.map((g, i) => g.length - (i === 0 ? 2 : 0)).reduce((sum, size) => sum + Math.max(0, size - 7), 0);
    expect(forced).toBeGreaterThan(0);
    expect(moved).toHaveLength(forced);
  });

  it("previous: people move when that gives more groups every sector", () => {
    const people = [
      ...Array.from({ length: 6 }, (_, i) => person(i + 1, "skola")),
      ...Array.from({ length: 3 }, (_, i) => person(10 + i, "socialtjanst")),
      ...Array.from({ length: 3 }, (_, i) => person(20 + i, "halso_sjukvard")),
    ];
    const previous = [
      [1, 2, 3, 4],
      [5, 6, 10, 11],
      [12, 20, 21, 22],
    ];
    expect(scoreGroups(people, previous).groupsWithAllSectors).toBe(0);
    const groups = generateGroups(people, { seed: 3, previous });
    expect(scoreGroups(people, groups).groupsWithAllSectors).toBe(3);
  });

  it("fixes facilitators and refuses an impossible together-cluster larger than a group but keeps the sizes", () => {
    const people = Array.from({ length: 12 }, (_, i) => person(i + 1, SECTORS[i % 3]));
    const groups = generateGroups(people, {
      groupCount: 3,
      seed: 4,
      facilitators: [12, 11],
      together: [
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
        [5, 6],
      ],
    });
    expect(groups.map((g) => g[0]).slice(0, 2)).toEqual([12, 11]);
    expect(groups.map((g) => g.length)).toEqual([4, 4, 4]);
    const of = groupOf(groups);
    // the first pairs form a cluster of 4 (a whole group, the third: the others have a facilitator);
    // the pairs that would grow it beyond a group are dropped
    expect([1, 2, 3, 4].map((id) => of.get(id))).toEqual([2, 2, 2, 2]);
    expect(of.get(5)).not.toBe(2);
  });

  it("a different seed gives a different, equally good grouping", () => {
    const rand = mulberry32(11);
    const people = Array.from({ length: 45 }, (_, i) =>
      person(i + 1, SECTORS[Math.floor(rand() * 5)], ROLES[Math.floor(rand() * 7)], `K${Math.floor(rand() * 4)}`)
    );
    const a = generateGroups(people, { groupSize: 7, seed: 1 });
    const b = generateGroups(people, { groupSize: 7, seed: 2 });
    expect(a).not.toEqual(b);
    const qa = scoreGroups(people, a);
    const qb = scoreGroups(people, b);
    expect(qa.groupsWithAllSectors).toBe(qa.bestPossible);
    expect(qb.groupsWithAllSectors).toBe(qb.bestPossible);
  });
});

describe("scoreGroups", () => {
  it("scores a grouping moved by hand with exact numbers", () => {
    const people = [
      person(1, "skola"),
      person(2, "skola"),
      person(3, "skola"),
      person(4, "skola"),
      person(5, "socialtjanst"),
      person(6, "socialtjanst"),
      person(7, "socialtjanst"),
      person(8, "halso_sjukvard"),
      person(9, "halso_sjukvard"),
      person(10, "annat"),
    ];
    // generated-like: [1,5,8,10] [2,6,9] [3,4,7]; moved by hand: 9 to the third group
    const moved = [
      [1, 5, 8, 10],
      [2, 6],
      [3, 4, 7, 9],
    ];
    const q = scoreGroups(people, moved);
    expect(q).toEqual({
      groupCount: 3,
      sectorsPresent: ["skola", "socialtjanst", "halso_sjukvard"],
      groupsWithAllSectors: 2,
      bestPossible: 2,
      score: 2 / 3,
      bestScore: 2 / 3,
      shortages: [{ sector: "halso_sjukvard", count: 2, withOneMore: 3 }],
      sizeSpread: 2,
    });
    const back = scoreGroups(people, [
      [1, 5, 8, 10],
      [2, 6, 9],
      [3, 4, 7],
    ]);
    expect(back.groupsWithAllSectors).toBe(2);
    expect(back.sizeSpread).toBe(1);
    const worse = scoreGroups(people, [
      [1, 2, 3, 4],
      [5, 6, 7],
      [8, 9, 10],
    ]);
    expect(worse.groupsWithAllSectors).toBe(0);
    expect(worse.score).toBe(0);
  });

  it("bestPossible is limited by group size when groups are smaller than the number of sectors", () => {
    // 7 people, 3 sectors, 3 groups: sizes 3, 2, 2 – only one group can hold all three
    const people = [
      person(1, "skola"),
      person(2, "skola"),
      person(3, "skola"),
      person(4, "socialtjanst"),
      person(5, "socialtjanst"),
      person(6, "socialtjanst"),
      person(7, "halso_sjukvard"),
    ];
    const q = scoreGroups(people, generateGroups(people, { groupCount: 3, seed: 1 }));
    expect(q.bestPossible).toBe(1);
    expect(q.groupsWithAllSectors).toBe(1);
    const n6 = people.slice(0, 6).concat(person(8, "halso_sjukvard"), person(9, "halso_sjukvard"));
    // 8 people into 4 groups of 2 with 3 sectors: no group can hold all three
    expect(scoreGroups(n6, generateGroups(n6, { groupCount: 4, seed: 1 })).bestPossible).toBe(0);
  });
});
