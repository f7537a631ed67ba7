/**
 * Crash (issue #11 item 8a, decision 020), the quick variant in `npm test`:
 * a burst of roster marks and check-ins over HTTP to the production server,
 * kill -9 after a seeded number of acknowledged writes, restart on the same
 * file. The database is intact, every acknowledged write is there with its
 * acknowledged value (a write in flight at the kill may have landed or not,
 * and nothing else), seminar_presence agrees with a recount, and the roster
 * page is served again. tests/stress/crash-recovery.test.ts does it five times.
 */
import { describe, expect, it } from "vitest";
import { stressSeed } from "./support/attendance-stress";
import { crashScenario } from "./support/stress-scenarios";

describe("kill -9 during attendance writes", () => {
  it("keeps every acknowledged write and an intact database after one kill and restart", async () => {
    const seed = stressSeed(20261124);
    const [report] = await crashScenario({
      label: "e2e-crash",
      seed,
      cycles: 1,
      writers: 8,
      checkinWriters: 2,
      checkinsPerCycle: 30,
      killAfter: [150, 400],
    });
    console.log(`krasch (frö ${seed}): ${JSON.stringify(report)}`);
    expect(report.rosterAcked + report.checkinAcked).toBeGreaterThanOrEqual(report.killAfter);
  }, 90_000);
});
