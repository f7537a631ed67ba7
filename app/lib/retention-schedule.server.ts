/**
 * The retention job inside the running server (decision 017): server.js calls
 * `startRetentionSchedule()` (exported from entry.server.tsx, like the page
 * cache), which runs `applyRetention` once at start and then every
 * RETENTION_INTERVAL_HOURS hours (default 24; 0 turns it off). A failed run is
 * logged and tried again at the next interval; it never stops the server.
 */
import { translator } from "~/i18n";
import { applyRetention, type RetentionResult } from "~/models/retention.server";
import { RETENTION_KINDS } from "./retention-form";

export const DEFAULT_RETENTION_INTERVAL_HOURS = 24;

/** RETENTION_INTERVAL_HOURS: a non-negative number of hours; anything else is an error at start. */
export function retentionIntervalHours(env: Record<string, string | undefined> = process.env): number {
  const raw = env.RETENTION_INTERVAL_HOURS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_RETENTION_INTERVAL_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0) {
    throw new Error(`RETENTION_INTERVAL_HOURS måste vara ett antal timmar, 0 eller mer (0 stänger av gallringen), inte "${raw}".`);
  }
  return hours;
}

/** The result as Swedish lines: one per kind, then per series. */
export function describeRetention(result: RetentionResult): string[] {
  const t = translator("sv");
  const lines = [...RETENTION_KINDS, "audit_log" as const].map((k) => `  ${t(`retention.count.${k}`)}: ${result.counts[k]}`);
  if (result.bySeries.length) {
    lines.push(`  ${t("retention.preview.bySeries")}:`);
    for (const s of result.bySeries) {
      lines.push(`    ${s.name}: ${s.people} ${t("retention.preview.people").toLowerCase()}, ${s.invitations} ${t("retention.preview.invitations").toLowerCase()}`);
    }
  }
  return lines;
}

export function startRetentionSchedule({
  hours = retentionIntervalHours(),
  log = (line: string) => console.log(line),
}: { hours?: number; log?: (line: string) => void } = {}): () => void {
  if (hours <= 0) {
    log("Gallringen körs inte automatiskt (RETENTION_INTERVAL_HOURS=0).");
    return () => {};
  }
  const run = () => {
    try {
      const result = applyRetention({ actor: { kind: "system", label: "gallring i servern" } });
      const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
      log(`Gallring klar: ${total} poster borttagna eller avidentifierade. Nästa om ${hours} h.`);
    } catch (error) {
      console.error("Gallringen misslyckades; den görs om vid nästa tillfälle:", error);
    }
  };
  const first = setTimeout(run, 0);
  const timer = setInterval(run, hours * 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
