/**
 * Load, the long variant (issue #11 item 8b, decision 020): fifty clients for
 * sixty seconds against the production server – thirty coordinators' tabs
 * marking their own rows on seven rosters (and reloading the page every tenth
 * time), twenty phones checking in every person of the two open sessions,
 * each person from two phones at once. Zero 5xx (every answer is a 200), zero
 * lost writes: the change history of the run is exactly the acknowledged
 * writes, in order, the rosters hold the last of each, and each person was
 * told "incheckad" exactly once. The quick variant is tests/e2e/attendance-load.test.ts.
 */
import { describe, expect, it } from "vitest";
import { stressSeed } from "../e2e/support/attendance-stress";
import { loadScenario } from "../e2e/support/stress-scenarios";

describe("fifty clients marking attendance and checking in for sixty seconds", () => {
  it("answers every request without a 5xx and loses no write", async () => {
    const seed = stressSeed(5_060_011);
    const report = await loadScenario({ label: "stress-load", seed, clients: 50, durationMs: 60_000 });
    console.log(`last (frö ${seed}): ${JSON.stringify(report)}`);
    expect(report.fiveHundreds).toBe(0);
    // Every person on the two open sessions' rosters (90 in Huddinge, 70 in Nacka) checked in exactly once.
    expect(report.checkedIn).toBe(160);
  });
});
