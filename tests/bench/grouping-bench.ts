/**
 * Benchmark for issue #9: 400 people into 50 groups. Not part of the test suite
 * (timing is measured here, never asserted). Run: npx tsx tests/bench/grouping-bench.ts
 */
import { generateGroups, scoreGroups, type GroupPerson } from "../../app/lib/grouping";
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

const scenarios = [
  { name: "plain", extra: {} },
  { name: "exchange", extra: { exchange: true } },
  { name: "exchange + constraints", extra: { exchange: true, together, apart, facilitators } },
];
for (const { name, extra } of scenarios) {
  generateGroups(people, { seed: 0, groupCount: 50, ...extra }); // warm-up (JIT)
  const times: number[] = [];
  let quality = "";
  for (let seed = 1; seed <= 21; seed++) {
    const t = performance.now();
    const groups = generateGroups(people, { seed, groupCount: 50, ...extra });
    times.push(performance.now() - t);
    if (seed === 1) {
      const q = scoreGroups(people, groups);
      quality = `${q.groupsWithAllSectors}/${q.groupCount} complete (best possible ${q.bestPossible}), size spread ${q.sizeSpread}`;
    }
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(24)} min ${times[0].toFixed(1)} ms, median ${times[10].toFixed(1)} ms, max ${times[20].toFixed(1)} ms; ${quality}`);
}
