/**
 * Load (issue #11 item 8b, decision 020), the quick variant in `npm test`:
 * ten clients for five seconds – coordinators marking the roster, phones
 * checking in – against the production server. No 5xx (no answer but 200 at
 * all), no lost write: the change history holds exactly the acknowledged
 * writes in order, the roster holds the last of each, and every person was
 * told "incheckad" exactly once. tests/stress/attendance-load.test.ts runs
 * fifty clients for sixty seconds.
 */
import { describe, expect, it } from "vitest";
import { stressSeed } from "./support/attendance-stress";
import { loadScenario } from "./support/stress-scenarios";

describe("concurrent roster marks and check-ins", () => {
  it("answers ten clients for five seconds without a 5xx or a lost write", async () => {
    const seed = stressSeed(20261123);
    const report = await loadScenario({ label: "e2e-load", seed, clients: 10, durationMs: 5_000, checkinPeople: 40 });
    console.log(`last (frö ${seed}): ${JSON.stringify(report)}`);
    expect(report.fiveHundreds).toBe(0);
    expect(report.checkedIn).toBe(40);
  }, 90_000);
});
