/** Points this test file at its own copy of the template database. */
import path from "node:path";
import { afterAll } from "vitest";
import { closeDb } from "../../app/models/db.server";
import { freshDatabaseFile } from "./fresh-database";

process.env.DATABASE_PATH = freshDatabaseFile(path.basename(String(process.env.VITEST_POOL_ID ?? "w")));

afterAll(() => closeDb());
