/**
 * What the benchmark's data generator tells the harness about a dataset: its
 * size, the accounts to sign in with and which rows to measure. Written next to
 * the SQLite file as <scale>.json.
 */
import fs from "node:fs";

export type BenchScale = "tiny" | "county" | "national";

export type BenchManifest = {
  scale: BenchScale;
  /** Bumped when the data's shape changes; the harness regenerates on a mismatch. */
  generatorVersion: number;
  /** Rows per table. */
  counts: Record<string, number>;
  /** All bench staff accounts share it. */
  password: string;
  users: { admin: string; sponsor: string; coordinator: string };
  targets: {
    /** Series dashboard, participant list and survey analysis. */
    seriesId: number;
    /** A session of seriesId with 150 people on the roster. */
    rosterSessionId: number;
    /** County dashboard (?lan=<code>). */
    countyCode: string;
    /** An empty series the coordinator may import into. */
    importSeriesId: number;
  };
};

export function manifestPath(dataFile: string): string {
  return dataFile.replace(/\.sqlite$/, "") + ".json";
}

export function readManifest(file: string): BenchManifest | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as BenchManifest;
}
