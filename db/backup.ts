/**
 * `npm run backup [-- --keep N]`: an online backup of the database while the
 * app runs, verified, to a dated file in BACKUP_DIR (default `backups/` beside
 * the database). With --keep N, only the newest N backups are kept.
 */
import { databasePath } from "../app/models/db.server";
import { BackupError, backupDirectory, createBackup, pruneBackups } from "./backup-lib";
import { countLines, describeFile } from "./backup-output";

function keepArgument(args: string[]): number | null {
  const index = args.findIndex((arg) => arg === "--keep" || arg.startsWith("--keep="));
  if (index === -1) return null;
  const value = args[index].includes("=") ? args[index].split("=")[1] : args[index + 1];
  const keep = Number(value);
  if (!/^\d+$/.test(value ?? "") || keep < 1) throw new BackupError("--keep måste följas av ett heltal, minst 1 (t.ex. --keep 14).");
  return keep;
}

try {
  const keep = keepArgument(process.argv.slice(2));
  const file = databasePath();
  const dir = backupDirectory(file);
  const result = await createBackup({ databasePath: file, backupDir: dir, auditLabel: "npm run backup" });
  console.log(`Säkerhetskopia klar och kontrollerad (integrity_check ok, inga brutna främmande nycklar):`);
  console.log(`  ${describeFile(result.file, result.bytes)}`);
  console.log("Antal rader:");
  for (const line of countLines(result.counts)) console.log(line);
  if (keep !== null) {
    const removed = pruneBackups(dir, keep);
    const kept = keep === 1 ? "den senaste" : `de ${keep} senaste`;
    const what = removed.length === 1 ? "äldre säkerhetskopia" : "äldre säkerhetskopior";
    console.log(removed.length ? `Tog bort ${removed.length} ${what} (behåller ${kept}): ${removed.join(", ")}` : `Inga äldre säkerhetskopior att ta bort (behåller ${kept}).`);
  }
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `Säkerhetskopieringen misslyckades: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
