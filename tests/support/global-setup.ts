/**
 * Builds one migrated database with reference and demo data per test run.
 * Test files copy it instead of migrating and hashing passwords themselves.
 *
 * Each run works in its own folder under tests/.tmp (named by process id) and
 * passes it to the workers through the environment, so a second vitest run in
 * the same checkout never removes a database another run is using. Folders of
 * runs that have ended are removed.
 */
import fs from "node:fs";
import path from "node:path";
import { TMP_ROOT } from "./paths";

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function setup() {
  fs.mkdirSync(TMP_ROOT, { recursive: true });
  for (const entry of fs.readdirSync(TMP_ROOT)) {
    const match = /^run-(\d+)$/.exec(entry);
    const stale = match ? !running(Number(match[1])) : entry.endsWith(".sqlite") || entry.endsWith(".sqlite-wal") || entry.endsWith(".sqlite-shm");
    if (stale) fs.rmSync(path.join(TMP_ROOT, entry), { recursive: true, force: true });
  }
  const runDir = path.join(TMP_ROOT, `run-${process.pid}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  process.env.PROCESSTOD_TEST_RUN_DIR = runDir;
  process.chdir(new URL("../..", import.meta.url).pathname);
  const { openDatabase } = await import("../../app/models/db.server");
  const { seedDemo, seedReferenceData, seedTemplates } = await import("../../db/seed");
  const db = openDatabase(path.join(runDir, "template.sqlite"));
  seedReferenceData(db);
  seedTemplates(db);
  await seedDemo(db);
  // Fold the WAL into the main file so a plain copy is complete.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  return () => fs.rmSync(runDir, { recursive: true, force: true });
}
