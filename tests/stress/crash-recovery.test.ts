/**
 * Crash, the long variant (issue #11 item 8a, decision 020): five rounds of
 * a burst of roster marks and check-ins, kill -9 at a seeded moment, restart
 * on the same database file. After every restart the database is intact,
 * every acknowledged write is there with its acknowledged value, a write in
 * flight at the kill either landed whole or not at all, seminar_presence
 * agrees with a recount, and the roster page is served. STRESS_SEED=<n>
 * repeats a run; the quick variant is tests/e2e/crash-recovery.test.ts.
 */
import { describe, expect, it } from "vitest";
import { stressSeed } from "../e2e/support/attendance-stress";
import { crashScenario } from "../e2e/support/stress-scenarios";

describe("kill -9 during attendance writes, five times", () => {
  it("keeps every acknowledged write and an intact database through five kills and restarts", async () => {
    const seed = stressSeed(7_042_011);
    const reports = await crashScenario({
      label: "stress-crash",
      seed,
      cycles: 5,
      writers: 16,
      checkinWriters: 4,
      checkinsPerCycle: 30,
      killAfter: [200, 1_500],
      maxBurstMs: 120_000,
    });
    console.log(`krasch (frö ${seed}):\n${reports.map((r) => JSON.stringify(r)).join("\n")}`);
    expect(reports).toHaveLength(5);
    for (const r of reports) expect(r.rosterAcked + r.checkinAcked).toBeGreaterThanOrEqual(r.killAfter);
  });
});
