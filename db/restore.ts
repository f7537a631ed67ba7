/**
 * `npm run restore -- <backup file>`: restores a backup into DATABASE_PATH.
 * Only with the server STOPPED. The current database is saved first as
 * `fore-aterstallning-<time>.sqlite` in BACKUP_DIR, and the restored file is
 * brought up to date with the app's migrations.
 */
import { databasePath } from "../app/models/db.server";
import { BackupError, backupDirectory, restoreBackup } from "./backup-lib";
import { countLines, describeFile } from "./backup-output";

const backupFile = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
if (!backupFile) {
  console.error("Ange säkerhetskopian: npm run restore -- <fil>, t.ex. npm run restore -- data/backups/processtod-2026-11-23T21-40-05Z.sqlite");
  process.exit(2);
}

try {
  const file = databasePath();
  console.log(`Återställer ${backupFile} till ${file}.`);
  console.log("Servern måste vara stoppad under återställningen; starta den igen efteråt.");
  const result = await restoreBackup({ backupFile, databasePath: file, backupDir: backupDirectory(file), auditLabel: "npm run restore" });
  if (result.safetyBackup) {
    console.log(`Den tidigare databasen är sparad som ${describeFile(result.safetyBackup.file, result.safetyBackup.bytes)}`);
    if (result.safetyBackup.problem) console.log(`  Obs! Den tidigare databasen klarade inte kontrollen: ${result.safetyBackup.problem}`);
  }
  console.log(`Återställningen är klar.${result.migrationsApplied ? ` ${result.migrationsApplied} nyare migreringar kördes på den återställda databasen.` : ""}`);
  console.log("Antal rader:");
  for (const line of countLines(result.counts)) console.log(line);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `Återställningen misslyckades: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
