import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
/** Holds one folder per test run, so two runs in one checkout do not delete each other's files. */
export const TMP_ROOT = path.join(ROOT, "tests/.tmp");
/** This run's folder; global-setup.ts chooses it and passes it on to the test workers. */
export const TMP_DIR = process.env.PROCESSTOD_TEST_RUN_DIR ?? TMP_ROOT;
/** Migrated and seeded once per run by global-setup.ts; copied for each test file. */
export const TEMPLATE_DB = path.join(TMP_DIR, "template.sqlite");
