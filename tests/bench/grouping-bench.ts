/**
 * Benchmark for issue #9: 400 people into 50 groups. Not part of the test suite
 * (timing is measured here, never asserted). `npm run bench` calls
 * timeGrouping(); on its own: npx tsx tests/bench/grouping-bench.ts
 */
import { pathToFileURL } from "node:url";
import { generateGroups, scoreGroups, type GroupOptions, type GroupPerson } from "../../app/lib/grouping";
import { mulberry32 } from "../../app/lib/random";

const rand = mulberry32(42);
const sectors = ["skola", "skola", "skola", "skola", "socialtjanst", "socialtjanst", "halso_sjukvard", "annat", "vill_ej_uppge"] as const;
const roles = ["profession", "profession", "profession", "chef", "strateg", "medicinsk_elevhalsa", "sjukvard", "annat"] as const;
const people: GroupPerson[] = Array.from({ length: 400 }, (_, i) => ({
  id: i + 1,
  sector: sectors[Math.floor(rand() * sectors.length)],
  roleCategory: roles[Math.floor(rand() * roles.length)],
  municipality: `K${Math.floor(rand() * 12)}`,
}));
const together: [number, number][] = Array.from({ length: 20 }, (_, i) => [i * 2 + 1, i * 2 + 2]);
const apart: [number, number][] = Array.from({ length: 20 }, (_, i) => [100 + i, 200 + i]);
const facilitators = Array.from({ length: 50 }, (_, i) => 300 + i);

export const GROUPING_SCENARIOS: { name: string; extra: Partial<GroupOptions> }[] = [
  { name: "plain", extra: {} },
  { name: "exchange", extra: { exchange: true } },
  { name: "exchange + constraints", extra: { exchange: true, together, apart, facilitators } },
];

export type GroupingTiming = { name: string; times: number[]; quality: string };

/** Times every scenario `runs` times (seeds 1…runs) after one untimed warm-up run (JIT). */
export function timeGrouping({ runs = 21 }: { runs?: number } = {}): GroupingTiming[] {
  return GROUPING_SCENARIOS.map(({ name, extra }) => {
    generateGroups(people, { seed: 0, groupCount: 50, ...extra });
    const times: number[] = [];
    let quality = "";
    for (let seed = 1; seed <= runs; seed++) {
      const t = performance.now();
      const groups = generateGroups(people, { seed, groupCount: 50, ...extra });
      times.push(performance.now() - t);
      if (seed === 1) {
        const q = scoreGroups(people, groups);
        quality = `${q.groupsWithAllSectors}/${q.groupCount} complete (best possible ${q.bestPossible}), size spread ${q.sizeSpread}`;
      }
    }
    return { name, times, quality };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const { name, times, quality } of timeGrouping()) {
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`${name.padEnd(24)} min ${sorted[0].toFixed(1)} ms, median ${median.toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; ${quality}`);
  }
}
