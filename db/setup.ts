/**
 * `npm run db:setup`: applies migrations and seeds reference and demo data if
 * the database is new. `npm run db:reset` deletes the database file first.
 */
import fs from "node:fs";
import { closeDb, databasePath, getDb } from "../app/models/db.server";
import { seedDemo, seedReferenceData, seedTemplates } from "./seed";

const file = databasePath();
if (process.argv.includes("--reset")) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  console.log(`Raderade ${file}`);
}
const db = getDb();
seedReferenceData(db);
seedTemplates(db);
const { created } = await seedDemo(db);
closeDb();
console.log(created ? `Demodata skapad i ${file}` : `Databasen ${file} är redan klar`);
