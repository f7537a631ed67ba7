/**
 * The pure part of the benchmark: percentiles, the targets of issue #10, the
 * PASS/FAIL verdicts and the table on stdout. Unit-tested in
 * tests/unit/bench-report.test.ts; nothing here measures or touches a file.
 */

export type Summary = { runs: number; min: number; p50: number; p95: number; max: number; mean: number };

/**
 * Nearest-rank percentile: the smallest value with at least p % of the values
 * at or below it (sorted[ceil(p/100 · n) − 1]). Always one of the measured
 * values, never an interpolation, so p95 of 50 runs is the 48th fastest.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error("summary of no values");
  return {
    runs: values.length,
    min: Math.min(...values),
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
    mean: values.reduce((sum, v) => sum + v, 0) / values.length,
  };
}

export type Verdict = "PASS" | "FAIL" | "–";

export type Target = {
  id: TargetId;
  what: string;
  /** The limit, in the unit the value is measured in. */
  limit: number;
  direction: "atMost" | "atLeast";
  /** How the limit reads in the table. */
  label: string;
};

export type TargetId =
  | "seriesDashboardLoaderP95"
  | "countyDashboardLoaderP95"
  | "rosterLoaderP95"
  | "participantListLoaderP95"
  | "surveyAnalysisLoaderP95"
  | "seriesDashboardPageShareOfFloor"
  | "rosterPageShareOfFloor"
  | "seriesDashboardLoaderOverRawSqlP50"
  | "import10000"
  | "groups400Into50Max"
  | "serverPeakRss";

/** The targets of issue #10, defined at the national scale on a 2-core machine. */
export const TARGETS: readonly Target[] = [
  { id: "seriesDashboardLoaderP95", what: "Series dashboard loader p95", limit: 50, direction: "atMost", label: "≤ 50 ms" },
  { id: "countyDashboardLoaderP95", what: "County dashboard loader p95", limit: 200, direction: "atMost", label: "≤ 200 ms" },
  { id: "rosterLoaderP95", what: "Roster loader p95", limit: 20, direction: "atMost", label: "≤ 20 ms" },
  { id: "participantListLoaderP95", what: "Participant list loader p95", limit: 50, direction: "atMost", label: "≤ 50 ms" },
  { id: "surveyAnalysisLoaderP95", what: "Survey analysis loader p95", limit: 50, direction: "atMost", label: "≤ 50 ms" },
  { id: "seriesDashboardPageShareOfFloor", what: "Series dashboard page ÷ floor (req/s)", limit: 0.25, direction: "atLeast", label: "≥ 25 %" },
  { id: "rosterPageShareOfFloor", what: "Roster page ÷ floor (req/s)", limit: 0.25, direction: "atLeast", label: "≥ 25 %" },
  // The p50 ratio is the headline: p95 of a sub-millisecond query is mostly noise (GC, scheduler).
  { id: "seriesDashboardLoaderOverRawSqlP50", what: "Series dashboard loader ÷ raw SQL (p50)", limit: 1.5, direction: "atMost", label: "≤ 1.5" },
  { id: "import10000", what: "Import of 10,000 participants", limit: 5000, direction: "atMost", label: "≤ 5 s" },
  // The slowest run, not p95: a process leader waits for every run, and 20 runs make p95 the second slowest anyway.
  { id: "groups400Into50Max", what: "Groups, 400 into 50 (slowest run)", limit: 200, direction: "atMost", label: "≤ 200 ms" },
  { id: "serverPeakRss", what: "Server peak RSS", limit: 400, direction: "atMost", label: "≤ 400 MB" },
];

/**
 * PASS or FAIL against the limit, at the national scale only: the targets
 * mean nothing on a smaller dataset, which gets "–". A measurement that is not
 * valid (e.g. a page that answered with errors) FAILs at every scale.
 */
export function judge(target: Pick<Target, "limit" | "direction">, value: number, { national, valid = true }: { national: boolean; valid?: boolean }): Verdict {
  if (!valid || !Number.isFinite(value)) return "FAIL";
  if (!national) return "–";
  const ok = target.direction === "atMost" ? value <= target.limit : value >= target.limit;
  return ok ? "PASS" : "FAIL";
}

/** What was measured for one target: the number judged, how it reads, and whether the measurement is sound. */
export type Measured = { value: number; figure: string; valid?: boolean };

export type TargetResult = { id: TargetId; what: string; figure: string; target: string; value: number; limit: number; verdict: Verdict };

/** Every target in TARGETS order, judged; a target that was not measured is left out. */
export function evaluateTargets(measured: Partial<Record<TargetId, Measured>>, { national }: { national: boolean }): TargetResult[] {
  return TARGETS.flatMap((t) => {
    const m = measured[t.id];
    if (!m) return [];
    return [{ id: t.id, what: t.what, figure: m.figure, target: t.label, value: m.value, limit: t.limit, verdict: judge(t, m.value, { national, valid: m.valid }) }];
  });
}

/** A plain-text table with aligned columns (Markdown-compatible), for stdout and the README. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? "").length)));
  const line = (row: readonly string[]) => `| ${widths.map((w, c) => (row[c] ?? "").padEnd(w)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function targetTable(results: readonly TargetResult[]): string {
  return formatTable(["What", "Figure", "Target", "Result"], results.map((r) => [r.what, r.figure, r.target, r.verdict]));
}

/** Milliseconds to about three significant digits: "0.04 ms", "4.2 ms", "180 ms". */
export function ms(value: number): string {
  if (value < 1) return `${value.toFixed(2)} ms`;
  return value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
