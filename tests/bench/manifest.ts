/**
 * What the benchmark's data generator writes next to each dataset
 * (bench/data/<scale>.json), and what the harness reads to know whom to sign
 * in as and which pages to measure. Shared by generate-data.ts and run.ts.
 */
import fs from "node:fs";

/**
 * The shape of the generated data. The generator writes this number into
 * each manifest; bump it here whenever the data changes, and the harness
 * regenerates a dataset whose manifest has another number.
 */
export const GENERATOR_VERSION = 1;

export type BenchScale = "tiny" | "county" | "national";

export type BenchManifest = {
  scale: BenchScale;
  generatorVersion: number; // bump when the data shape changes; harness regenerates on mismatch
  counts: Record<string, number>; // rows per table
  password: string; // all bench staff accounts share it
  users: { admin: string; sponsor: string; coordinator: string }; // e-mails
  targets: {
    seriesId: number; // series dashboard, participant list and survey analysis
    rosterSessionId: number; // a session of seriesId with 150 people on the roster
    countyCode: string; // county dashboard (?lan=<code>), e.g. "01"
    importSeriesId: number; // an empty series the coordinator may import into
  };
};

/** The manifest at `file`, or null when there is none (or it is not a manifest). */
export function readManifest(file: string): BenchManifest | null {
  if (!fs.existsSync(file)) return null;
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<BenchManifest>;
  const complete =
    typeof data.scale === "string" &&
    typeof data.generatorVersion === "number" &&
    typeof data.password === "string" &&
    !!data.counts &&
    !!data.users?.admin &&
    !!data.users.sponsor &&
    !!data.users.coordinator &&
    typeof data.targets?.seriesId === "number" &&
    typeof data.targets.rosterSessionId === "number" &&
    typeof data.targets.countyCode === "string" &&
    typeof data.targets.importSeriesId === "number";
  return complete ? (data as BenchManifest) : null;
}

/** The manifest beside a dataset: bench/data/national.sqlite → bench/data/national.json. */
export function manifestPath(dataFile: string): string {
  return dataFile.replace(/\.sqlite$/, "") + ".json";
}
