/**
 * The pure parts of `npm run bench` (tests/bench): nearest-rank percentiles,
 * the PASS/FAIL verdicts, the table, and the import file it uploads. The
 * benchmark's timings themselves are never asserted anywhere.
 */
import { describe, expect, it } from "vitest";
import { parseImportTable } from "~/lib/csv";
import { mapHeader, readParticipantRows } from "~/lib/participant-rows";
import { IMPORT_EMAIL_DOMAIN, participantCsv } from "../bench/import-bench";
import { evaluateTargets, formatTable, judge, ms, percentile, summarize, TARGETS, type Measured, type TargetId } from "../bench/report";

describe("percentile (nearest rank)", () => {
  // The textbook example of the nearest-rank method.
  const values = [15, 20, 35, 40, 50];

  it("picks sorted[ceil(p/100 · n) − 1]", () => {
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 95)).toBe(50);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 0)).toBe(15);
  });

  it("sorts the values itself and leaves the input alone", () => {
    const shuffled = [40, 15, 50, 20, 35];
    expect(percentile(shuffled, 50)).toBe(35);
    expect(shuffled).toEqual([40, 15, 50, 20, 35]);
  });

  it("gives the 48th of 50 runs as p95 and the 25th as p50", () => {
    const runs = Array.from({ length: 50 }, (_, i) => 50 - i); // 50, 49, …, 1
    expect(percentile(runs, 95)).toBe(48);
    expect(percentile(runs, 50)).toBe(25);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 95)).toBe(95);
  });

  it("refuses no values and percentages outside 0–100", () => {
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile(values, 101)).toThrow();
    expect(() => percentile(values, Number.NaN)).toThrow();
  });

  it("summarizes runs", () => {
    expect(summarize([4, 1, 3, 2, 10])).toEqual({ runs: 5, min: 1, p50: 3, p95: 10, max: 10, mean: 4 });
  });
});

describe("verdicts", () => {
  const atMost = { limit: 50, direction: "atMost" as const };
  const atLeast = { limit: 0.25, direction: "atLeast" as const };

  it("passes a value on the limit and fails one just past it, at the national scale", () => {
    expect(judge(atMost, 50, { national: true })).toBe("PASS");
    expect(judge(atMost, 50.01, { national: true })).toBe("FAIL");
    expect(judge(atLeast, 0.25, { national: true })).toBe("PASS");
    expect(judge(atLeast, 0.2499, { national: true })).toBe("FAIL");
  });

  it("judges nothing at a smaller scale", () => {
    expect(judge(atMost, 10, { national: false })).toBe("–");
    expect(judge(atMost, 500, { national: false })).toBe("–");
  });

  it("fails an unsound measurement at every scale", () => {
    expect(judge(atLeast, 0.9, { national: true, valid: false })).toBe("FAIL");
    expect(judge(atLeast, 0.9, { national: false, valid: false })).toBe("FAIL");
    expect(judge(atMost, Number.NaN, { national: false })).toBe("FAIL");
    expect(judge(atMost, Number.POSITIVE_INFINITY, { national: true })).toBe("FAIL");
  });

  it("has the eleven targets of issue #10", () => {
    expect(TARGETS.map((t) => [t.id, t.limit, t.direction])).toEqual([
      ["seriesDashboardLoaderP95", 50, "atMost"],
      ["countyDashboardLoaderP95", 200, "atMost"],
      ["rosterLoaderP95", 20, "atMost"],
      ["participantListLoaderP95", 50, "atMost"],
      ["surveyAnalysisLoaderP95", 50, "atMost"],
      ["seriesDashboardPageShareOfFloor", 0.25, "atLeast"],
      ["rosterPageShareOfFloor", 0.25, "atLeast"],
      ["seriesDashboardLoaderOverRawSqlP50", 1.5, "atMost"],
      ["import10000", 5000, "atMost"],
      ["groups400Into50Max", 200, "atMost"],
      ["serverPeakRss", 400, "atMost"],
    ]);
  });

  it("evaluates what was measured, in the targets' order", () => {
    const measured: Partial<Record<TargetId, Measured>> = {
      serverPeakRss: { value: 412, figure: "412 MB" },
      rosterLoaderP95: { value: 12.5, figure: "p50 8.0 ms, p95 12.5 ms" },
      import10000: { value: 3100, figure: "3.10 s – 9999 enrolled", valid: false },
    };
    expect(evaluateTargets(measured, { national: true })).toEqual([
      { id: "rosterLoaderP95", what: "Roster loader p95", figure: "p50 8.0 ms, p95 12.5 ms", target: "≤ 20 ms", value: 12.5, limit: 20, verdict: "PASS" },
      { id: "import10000", what: "Import of 10,000 participants", figure: "3.10 s – 9999 enrolled", target: "≤ 5 s", value: 3100, limit: 5000, verdict: "FAIL" },
      { id: "serverPeakRss", what: "Server peak RSS", figure: "412 MB", target: "≤ 400 MB", value: 412, limit: 400, verdict: "FAIL" },
    ]);
    expect(evaluateTargets(measured, { national: false }).map((r) => r.verdict)).toEqual(["–", "FAIL", "–"]);
  });
});

describe("table", () => {
  it("writes milliseconds to about three digits", () => {
    expect([0.0449, 0.5, 4.249, 99.94, 180.4].map(ms)).toEqual(["0.04 ms", "0.50 ms", "4.2 ms", "99.9 ms", "180 ms"]);
  });


  it("pads every column to its widest cell", () => {
    expect(formatTable(["What", "Result"], [["Roster loader p95", "PASS"], ["RSS", "–"]])).toBe(
      [
        "| What              | Result |",
        "|-------------------|--------|",
        "| Roster loader p95 | PASS   |",
        "| RSS               | –      |",
      ].join("\n"),
    );
  });
});

describe("the import file", () => {
  it("is 10,000 valid rows with unique bench e-mails, as the app's own import reads them", () => {
    const csv = participantCsv({ run: "t1", count: 10_000, municipalities: ["Huddinge"] });
    const file = parseImportTable(csv, (header) => mapHeader(header).missing);
    if (!file.ok) throw new Error(`not readable: ${JSON.stringify(file.problem)}`);
    const rows = readParticipantRows(file.table, new Map([["huddinge", 28]]));
    expect(rows).toHaveLength(10_000);
    expect(rows.filter((r) => r.errors.length > 0)).toEqual([]);
    expect(new Set(rows.map((r) => r.email)).size).toBe(10_000);
    expect(rows.every((r) => r.email.endsWith(`@${IMPORT_EMAIL_DOMAIN}`))).toBe(true);
    expect(rows[0].email).toBe(`impt1-1@${IMPORT_EMAIL_DOMAIN}`);
    // Every tenth row leaves Kommun empty; the rest name the series' municipality.
    expect(rows.filter((r) => r.municipality === null)).toHaveLength(1_000);
  });

  it("mixes the sectors like a real list: mostly school, few from health care", () => {
    const csv = participantCsv({ run: "t1", count: 10_000, municipalities: [] });
    const file = parseImportTable(csv, (header) => mapHeader(header).missing);
    if (!file.ok) throw new Error("not readable");
    const rows = readParticipantRows(file.table, new Map());
    const bySector = Object.fromEntries(["skola", "socialtjanst", "halso_sjukvard", "annat", "vill_ej_uppge"].map((s) => [s, rows.filter((r) => r.sector === s).length]));
    // Deterministic: the file comes from a fixed seed. About 65 % school, 20 % social services, 5 % health care.
    expect(bySector).toEqual({ skola: 6483, socialtjanst: 2017, halso_sjukvard: 515, annat: 488, vill_ej_uppge: 497 });
    // Empty roles are suggested from the title, as for a real list.
    expect(rows.filter((r) => r.roleSuggested).length).toBeGreaterThan(0);
  });
});
