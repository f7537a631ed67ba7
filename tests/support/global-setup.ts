/**
 * Builds one migrated database with reference and demo data per test run.
 * Test files copy it instead of migrating and hashing passwords themselves.
 */
import fs from "node:fs";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

export default async function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  process.chdir(new URL("../..", import.meta.url).pathname);
  const { openDatabase } = await import("../../app/models/db.server");
  const { seedDemo, seedReferenceData, seedTemplates } = await import("../../db/seed");
  const db = openDatabase(TEMPLATE_DB);
  seedReferenceData(db);
  seedTemplates(db);
  await seedDemo(db);
  // Fold the WAL into the main file so a plain copy is complete.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}
