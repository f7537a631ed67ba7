import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

/** A new database file with the demo data, for one test file or one server. */
export function freshDatabaseFile(label: string): string {
  const file = path.join(TMP_DIR, `${label}-${crypto.randomBytes(4).toString("hex")}.sqlite`);
  fs.copyFileSync(TEMPLATE_DB, file);
  return file;
}
