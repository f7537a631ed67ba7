import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const TMP_DIR = path.join(ROOT, "tests/.tmp");
/** Migrated and seeded once per run by global-setup.ts; copied for each test file. */
export const TEMPLATE_DB = path.join(TMP_DIR, "template.sqlite");
