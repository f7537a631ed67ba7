/**
 * `npm run retention [--dry-run]`: applies the retention settings now
 * (decision 017), the same job the server runs every RETENTION_INTERVAL_HOURS.
 * With --dry-run (also `npm run retention --dry-run`, which npm passes as
 * npm_config_dry_run) it prints what would be removed and changes nothing.
 */
import { formatDate } from "../app/lib/format";
import { describeRetention } from "../app/lib/retention-schedule.server";
import { databasePath } from "../app/models/db.server";
import { applyRetention } from "../app/models/retention.server";

const dryRun = process.argv.slice(2).includes("--dry-run") || process.env.npm_config_dry_run === "true";

try {
  const now = new Date();
  const result = applyRetention({ now, dryRun, actor: { kind: "system", label: "npm run retention" } });
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(`Databas: ${databasePath()}`);
  if (dryRun) {
    console.log(total === 0 ? `Om gallringen körs i dag (${formatDate(now)}) tas ingenting bort.` : `Om gallringen körs i dag (${formatDate(now)}) tas följande bort:`);
    for (const line of describeRetention(result)) console.log(line);
    console.log("Förhandsvisning: inget har ändrats.");
  } else {
    console.log(`Gallringen är klar (${formatDate(now)}): ${total} poster borttagna eller avidentifierade.`);
    for (const line of describeRetention(result)) console.log(line);
  }
} catch (error) {
  console.error(`Gallringen misslyckades: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
