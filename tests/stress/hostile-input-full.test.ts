/**
 * Issue #11 item 8c, exhaustive variant (decision 019): as
 * tests/e2e/hostile-input.test.ts, but every payload family in every field of
 * every form, each field missing on its own, and up to three pages per route
 * pattern. Needs a build (`npx remix build`); runs under a plain vitest config
 * with the e2e support files (npm run test:stress).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO, DEMO_PASSWORD } from "../e2e/support/browser";
import { runHostileInput, type HostileReport } from "../e2e/support/hostile-run";
import { startServer, type TestServer } from "../e2e/support/server";

let server: TestServer;
let report: HostileReport;

beforeAll(async () => {
  server = await startServer("hostile-input-full", { TRUST_PROXY: "1" });
  report = await runHostileInput(server, { full: true, perPattern: 3, demo: DEMO, password: DEMO_PASSWORD });
}, 3_600_000);

afterAll(async () => {
  await server?.stop();
});

it("never answers with a 5xx, and every 4xx page says why in Swedish", () => {
  expect(report.formCount).toBeGreaterThanOrEqual(40);
  expect(report.problems.filter((p) => !p.includes("LEAK"))).toEqual([]);
  expect([...report.statuses.keys()].filter((s) => s >= 500)).toEqual([]);
});

it("stores payloads as text and never renders their markup", () => {
  expect(report.problems.filter((p) => p.includes("LEAK"))).toEqual([]);
  expect(report.leaksAfter).toEqual([]);
  expect(report.storedRows).toBeGreaterThan(0);
  expect(report.escapedSeen).toBe(true);
});

it("leaves the database intact", () => {
  expect(report.integrity).toBe("ok");
  expect(report.peopleTableExists).toBe(true);
});
