/**
 * `npm run bench` (issue #10): builds the app, prepares the dataset, starts
 * the production server on it and measures loaders, throughput, the raw SQL
 * floor, a 10,000-row import, group generation and the server's memory.
 * Prints a table and writes bench/results.json.
 *
 *   npm run bench                      national scale (the targets' scale)
 *   npm run bench -- --scale county    a quicker run; figures only, targets "–"
 *   npm run bench -- --no-build        reuse build/ as it is
 *
 * The exit code is 0 whenever the run completes, whatever the verdicts: it is
 * a report. It is non-zero only when the harness itself breaks.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { generateBenchData } from "./generate-data";
import { timeGrouping } from "./grouping-bench";
import { cleanUpImport, countImported, importOverHttp, participantCsv, seriesMunicipalityNames } from "./import-bench";
import { loadServerBuild, timeLoader, timeLoaderInTurns, type LoaderCase } from "./loader-timing";
import { GENERATOR_VERSION, readManifest, type BenchManifest, type BenchScale } from "./manifest";
import { openRawSeriesDashboard } from "./raw-sql";
import { evaluateTargets, formatTable, ms, percent, summarize, targetTable, type Measured, type Summary, type TargetId } from "./report";
import { benchEnv, sampleMemory, signIn, signOut, startBenchServer, type BenchServer, type MemoryReport } from "./server-process";
import { measureThroughput, type Throughput } from "./throughput";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The issue asks for at least 50 runs. With 50, p95 is the third slowest run and one garbage
// collection moves it; 100 runs halve that noise for a few more seconds.
const LOADER_RUNS = 100;
const LOADER_WARMUP = 5;
const RAW_SQL_RUNS = LOADER_RUNS;
const IMPORT_ROWS = 10_000;
const GROUPING_RUNS = 21;

function parseArgs(argv: string[]) {
  const scaleAt = argv.indexOf("--scale");
  const scale = (scaleAt >= 0 ? argv[scaleAt + 1] : "national") as BenchScale;
  if (!["tiny", "county", "national"].includes(scale)) throw new Error(`--scale must be tiny, county or national, not ${scale}`);
  return { scale, build: !argv.includes("--no-build") };
}

const log = (message: string) => console.log(`[bench] ${message}`);

function buildApp() {
  log("building the app (npx remix build)…");
  const result = spawnSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`remix build failed (exit code ${result.status})`);
}

/** The dataset of this scale: reused when its manifest matches the generator, else generated. */
async function prepareDataset(scale: BenchScale): Promise<{ file: string; manifest: BenchManifest }> {
  const relative = `bench/data/${scale}.sqlite`;
  const file = path.join(ROOT, relative);
  const existing = fs.existsSync(file) ? readManifest(file.replace(/\.sqlite$/, ".json")) : null;
  if (existing && existing.generatorVersion === GENERATOR_VERSION && existing.scale === scale) {
    log(`reusing ${relative} (generator version ${GENERATOR_VERSION})`);
    return { file, manifest: existing };
  }
  log(`generating ${relative}${existing ? ` (manifest has generator version ${existing.generatorVersion}, current is ${GENERATOR_VERSION})` : ""}…`);
  const started = performance.now();
  const manifest = await generateBenchData({ scale, file: relative });
  log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { file, manifest };
}

/**
 * Folds the write-ahead log back into the file before anything is timed. The server applies a
 * newly committed migration when it starts; the first run after a new index measured the
 * loaders half as slow again, reading through a WAL full of the index build. Plain
 * better-sqlite3, not the app's modules: a second copy of the app's drizzle schema in this
 * process made drizzle's code slower for the build's loaders measured here.
 */
function settleDatabase(file: string) {
  const db = new Database(file);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

function countOf(file: string, query: string, ...params: unknown[]): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(query).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

type LoaderFigures = Summary & { path: string; warmup: number };

async function measureLoaders(file: string, manifest: BenchManifest, cookies: Record<"admin" | "sponsor" | "coordinator", string>) {
  const { seriesId, rosterSessionId, countyCode } = manifest.targets;
  const national = manifest.scale === "national";
  const enrolled = countOf(file, "select count(*) as n from enrolments where series_id = ? and status = 'anmald'", seriesId);
  const series = String(seriesId);
  const cases: Record<string, LoaderCase> = {
    seriesDashboard: {
      name: "Series dashboard",
      routeId: "routes/serier.$seriesId.oversikt",
      path: `/serier/${seriesId}/oversikt`,
      params: { seriesId: series },
      cookie: cookies.admin,
      check: (d) =>
        d?.series?.id !== seriesId ? `series ${d?.series?.id}` : !d.dashboard?.sessions?.length ? "no sessions" : d.dashboard.funnel?.total?.accepted > 0 ? null : "nobody enrolled",
    },
    countyDashboard: {
      name: "County dashboard",
      routeId: "routes/lan",
      path: `/lan?lan=${encodeURIComponent(countyCode)}`,
      params: {},
      cookie: cookies.sponsor,
      // Suppression applied shows that the sponsor's cookie was used, not a process leader's.
      check: (d) =>
        d?.dashboard?.county?.code !== countyCode
          ? `county ${d?.dashboard?.county?.code}`
          : d.dashboard.suppression?.applied !== true
            ? "figures not suppressed for the sponsor"
            : d.dashboard.municipalities?.totals?.enrolled > 0
              ? null
              : "nobody enrolled in the county",
    },
    roster: {
      name: "Roster",
      routeId: "routes/serier.$seriesId.tillfallen.$sessionId.narvaro",
      path: `/serier/${seriesId}/tillfallen/${rosterSessionId}/narvaro`,
      params: { seriesId: series, sessionId: String(rosterSessionId) },
      cookie: cookies.coordinator,
      // The generator promises a roster of 150 at the national scale; smaller data only needs people on it.
      check: (d) => {
        const rows = d?.rows?.length ?? 0;
        if (d?.details?.occasion?.sessionId !== rosterSessionId) return `session ${d?.details?.occasion?.sessionId}`;
        if (national ? rows !== 150 : rows === 0) return `${rows} people on the roster`;
        return null;
      },
    },
    participantList: {
      name: "Participant list",
      routeId: "routes/serier.$seriesId.deltagare._index",
      path: `/serier/${seriesId}/deltagare`,
      params: { seriesId: series },
      cookie: cookies.coordinator,
      check: (d) => (d?.participants?.length === enrolled && enrolled > 0 ? null : `${d?.participants?.length} participants listed, ${enrolled} enrolled`),
    },
    surveyAnalysis: {
      name: "Survey analysis",
      routeId: "routes/serier.$seriesId.enkater.analys",
      path: `/serier/${seriesId}/enkater/analys`,
      params: { seriesId: series },
      cookie: cookies.admin,
      check: (d) =>
        d?.series?.id !== seriesId
          ? `series ${d?.series?.id}`
          : d.view?.surveys?.some((s: { respondents: number }) => s.respondents > 0)
            ? null
            : "no survey with respondents",
    },
  };

  const build = await loadServerBuild(ROOT, benchEnv(file));
  const figures: Record<string, LoaderFigures> = {};
  for (const [key, c] of Object.entries(cases)) {
    const times = await timeLoader(build, c, { runs: LOADER_RUNS, warmup: LOADER_WARMUP });
    figures[key] = { path: c.path, warmup: LOADER_WARMUP, ...summarize(times) };
    log(`loader ${c.name}: p50 ${ms(figures[key].p50)}, p95 ${ms(figures[key].p95)}`);
  }

  // The ratio's two sides in turns, run by run, so a busier minute on the machine weighs on both.
  log("series dashboard loader and raw SQL in turns…");
  const raw = openRawSeriesDashboard(file, seriesId);
  let turns: { loader: number[]; other: number[] };
  try {
    turns = await timeLoaderInTurns(build, cases.seriesDashboard, raw.run, { runs: RAW_SQL_RUNS, warmup: LOADER_WARMUP });
  } finally {
    raw.close();
  }
  return {
    figures: figures as Record<keyof typeof cases, LoaderFigures>,
    seriesDashboardInTurns: summarize(turns.loader),
    rawSql: summarize(turns.other),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  process.chdir(ROOT);
  if (args.build) buildApp();
  const { file, manifest } = await prepareDataset(args.scale);
  const national = manifest.scale === "national";
  const { seriesId, rosterSessionId, importSeriesId } = manifest.targets;

  let server: BenchServer | undefined;
  // Ctrl-C or a kill stops the server we started before the harness goes.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the server`);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let loaders: Awaited<ReturnType<typeof measureLoaders>>["figures"];
  let throughput: { floor: Throughput; seriesDashboardPage: Throughput; rosterPage: Throughput };
  let rawSql: Summary;
  let seriesDashboardInTurns: Summary;
  let importFigures: Awaited<ReturnType<typeof importOverHttp>> & { rows: number; enrolledAfter: number; peopleAfter: number };
  let memory: MemoryReport;
  try {
    log(`starting the server on ${path.relative(ROOT, file)}…`);
    server = await startBenchServer({ cwd: ROOT, databaseFile: file });
    settleDatabase(file);
    const memorySampler = sampleMemory(server.pid);
    log(`server pid ${server.pid} at ${server.url}`);

    memorySampler.phase("sign-in");
    const cookies = {
      admin: await signIn(server.url, manifest.users.admin, manifest.password),
      sponsor: await signIn(server.url, manifest.users.sponsor, manifest.password),
      coordinator: await signIn(server.url, manifest.users.coordinator, manifest.password),
    };

    // The loaders run in this process, not the server's; the server idles meanwhile.
    memorySampler.phase("loaders (in the harness)");
    ({ figures: loaders, seriesDashboardInTurns, rawSql } = await measureLoaders(file, manifest, cookies));

    log("throughput: floor /halsa, series dashboard page, roster page (2 s warm-up + 10 s each)…");
    memorySampler.phase("throughput: floor");
    const floor = await measureThroughput(`${server.url}/halsa`);
    memorySampler.phase("throughput: series dashboard page");
    const seriesDashboardPage = await measureThroughput(`${server.url}/serier/${seriesId}/oversikt`, { cookie: cookies.admin });
    memorySampler.phase("throughput: roster page");
    const rosterPage = await measureThroughput(`${server.url}/serier/${seriesId}/tillfallen/${rosterSessionId}/narvaro`, { cookie: cookies.coordinator });
    throughput = { floor, seriesDashboardPage, rosterPage };

    memorySampler.phase("import");
    log(`import of ${IMPORT_ROWS} participants over HTTP…`);
    cleanUpImport(file, importSeriesId);
    try {
      const csv = participantCsv({ run: Date.now().toString(36), count: IMPORT_ROWS, municipalities: seriesMunicipalityNames(file, importSeriesId) });
      const timing = await importOverHttp({ url: server.url, cookie: cookies.coordinator, seriesId: importSeriesId, csv });
      const after = countImported(file, importSeriesId);
      importFigures = { rows: IMPORT_ROWS, ...timing, enrolledAfter: after.enrolled, peopleAfter: after.people };
    } finally {
      cleanUpImport(file, importSeriesId);
    }

    memory = memorySampler.finish();
    for (const cookie of Object.values(cookies)) await signOut(server.url, cookie);
  } catch (error) {
    if (server) console.error(`[bench] server output:\n${server.output().slice(-4000)}`);
    throw error;
  } finally {
    await server?.stop();
  }

  // The same page with the page cache off (decision 013), so its cost without the cache stays visible. No target.
  log("throughput: series dashboard page with PAGE_CACHE_SECONDS=0…");
  let uncached: BenchServer | undefined;
  let seriesDashboardPageUncached: Throughput;
  try {
    uncached = await startBenchServer({ cwd: ROOT, databaseFile: file, env: { PAGE_CACHE_SECONDS: "0" } });
    const admin = await signIn(uncached.url, manifest.users.admin, manifest.password);
    seriesDashboardPageUncached = await measureThroughput(`${uncached.url}/serier/${seriesId}/oversikt`, { cookie: admin });
    await signOut(uncached.url, admin);
  } finally {
    await uncached?.stop();
  }

  log(`group generation, 400 into 50, ${GROUPING_RUNS} runs per scenario…`);
  const groups = timeGrouping({ runs: GROUPING_RUNS }).map((g) => ({ name: g.name, quality: g.quality, ...summarize(g.times) }));
  const slowestGroups = groups.reduce((a, b) => (b.max > a.max ? b : a));

  // ---- verdicts -----------------------------------------------------------
  const loaderFigure = (s: Summary) => `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`;
  const pageShare = (page: Throughput) => page.requestsPerSecond / throughput.floor.requestsPerSecond;
  const pageMeasured = (page: Throughput): Measured => ({
    value: pageShare(page),
    figure: `${Math.round(page.requestsPerSecond)} ÷ ${Math.round(throughput.floor.requestsPerSecond)} req/s = ${percent(pageShare(page))}${page.non2xx ? `, ${page.non2xx} non-2xx` : ""}`,
    // Errors on the page or on the floor make the ratio meaningless.
    valid: page.non2xx + page.errors === 0 && throughput.floor.non2xx + throughput.floor.errors === 0,
  });
  const rawRatioP50 = seriesDashboardInTurns.p50 / rawSql.p50;
  const rawRatioP95 = seriesDashboardInTurns.p95 / rawSql.p95;
  const importValid = importFigures.enrolledAfter === IMPORT_ROWS && importFigures.created === IMPORT_ROWS;
  const measured: Partial<Record<TargetId, Measured>> = {
    seriesDashboardLoaderP95: { value: loaders.seriesDashboard.p95, figure: loaderFigure(loaders.seriesDashboard) },
    countyDashboardLoaderP95: { value: loaders.countyDashboard.p95, figure: loaderFigure(loaders.countyDashboard) },
    rosterLoaderP95: { value: loaders.roster.p95, figure: loaderFigure(loaders.roster) },
    participantListLoaderP95: { value: loaders.participantList.p95, figure: loaderFigure(loaders.participantList) },
    surveyAnalysisLoaderP95: { value: loaders.surveyAnalysis.p95, figure: loaderFigure(loaders.surveyAnalysis) },
    seriesDashboardPageShareOfFloor: pageMeasured(throughput.seriesDashboardPage),
    rosterPageShareOfFloor: pageMeasured(throughput.rosterPage),
    seriesDashboardLoaderOverRawSqlP50: {
      value: rawRatioP50,
      figure: `${ms(seriesDashboardInTurns.p50)} ÷ ${ms(rawSql.p50)} = ${rawRatioP50.toFixed(2)} (p95: ${rawRatioP95.toFixed(2)})`,
    },
    import10000: {
      value: importFigures.totalMs,
      figure: `${(importFigures.totalMs / 1000).toFixed(2)} s${importValid ? "" : ` – ${importFigures.enrolledAfter} enrolled, ${importFigures.created} created!`}`,
      valid: importValid,
    },
    groups400Into50Max: { value: slowestGroups.max, figure: `max ${ms(slowestGroups.max)} (${slowestGroups.name}; p50 ${ms(slowestGroups.p50)})` },
    serverPeakRss: { value: memory.peakRssMb, figure: `${Math.round(memory.peakRssMb)} MB` },
  };
  const targets = evaluateTargets(measured, { national });

  // ---- report -------------------------------------------------------------
  const now = new Date();
  const localDate = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" }).format(now);
  const cpus = os.cpus();
  const results = {
    date: now.toISOString(),
    localDate,
    timeZone: "Europe/Stockholm",
    scale: manifest.scale,
    targetsApply: national,
    dataset: { file: path.relative(ROOT, file), generatorVersion: manifest.generatorVersion, counts: manifest.counts, targets: manifest.targets },
    machine: {
      node: process.version,
      cpu: cpus[0]?.model ?? "unknown",
      cores: cpus.length,
      totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
      platform: `${os.platform()} ${os.release()}`,
    },
    loaders,
    throughput: {
      connections: 10,
      warmupSeconds: 2,
      seconds: 10,
      ...throughput,
      seriesDashboardPageShareOfFloor: pageShare(throughput.seriesDashboardPage),
      rosterPageShareOfFloor: pageShare(throughput.rosterPage),
      seriesDashboardPageUncached,
      seriesDashboardPageUncachedShareOfFloor: pageShare(seriesDashboardPageUncached),
    },
    rawSql: {
      ...rawSql,
      measured: "in turns with the series dashboard loader, run by run",
      seriesDashboardLoaderInTurns: seriesDashboardInTurns,
      seriesDashboardLoaderOverRawP50: rawRatioP50,
      seriesDashboardLoaderOverRawP95: rawRatioP95,
    },
    import: importFigures,
    groups: { runsPerScenario: GROUPING_RUNS, judged: "slowest run of any scenario", scenarios: groups },
    memory,
    targets,
  };
  fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true });
  // Three decimals are more than the clock's noise; more only makes the committed file unreadable.
  const rounded = (_key: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
  fs.writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(results, rounded, 2) + "\n");

  const details = formatTable(
    ["Detail", "Figure"],
    [
      ...Object.entries(loaders).map(([key, s]) => [`Loader ${key} (${s.runs} runs)`, `min ${ms(s.min)}, p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)}`]),
      ...Object.entries({ ...throughput, seriesDashboardPageUncached }).map(([key, t]) => [
        `HTTP ${key}`,
        `${Math.round(t.requestsPerSecond)} req/s, latency p50 ${t.latencyMs.p50} ms, p97.5 ${t.latencyMs.p97_5} ms, p99 ${t.latencyMs.p99} ms, ${t.non2xx} non-2xx, ${t.errors} errors, ${Math.round(t.bodyBytes / 1024)} kB page`,
      ]),
      [`Raw SQL series dashboard (${rawSql.runs} runs, in turns)`, `min ${ms(rawSql.min)}, p50 ${ms(rawSql.p50)}, p95 ${ms(rawSql.p95)}, max ${ms(rawSql.max)}`],
      [`Loader seriesDashboard (${seriesDashboardInTurns.runs} runs, in turns)`, `min ${ms(seriesDashboardInTurns.min)}, p50 ${ms(seriesDashboardInTurns.p50)}, p95 ${ms(seriesDashboardInTurns.p95)}, max ${ms(seriesDashboardInTurns.max)}`],
      [
        `Import ${IMPORT_ROWS} rows (${Math.round(importFigures.csvBytes / 1024)} kB)`,
        `upload ${ms(importFigures.uploadMs)}, preview ${ms(importFigures.previewMs)}, confirm ${ms(importFigures.confirmMs)}; ${importFigures.enrolledAfter} enrolled`,
      ],
      ...groups.map((g) => [`Groups: ${g.name} (${g.runs} runs)`, `p50 ${ms(g.p50)}, p95 ${ms(g.p95)}, max ${ms(g.max)}`]),
      ["Server memory", `peak sampled RSS ${Math.round(memory.peakSampledRssMb)} MB (${memory.samples} samples), VmHWM ${memory.highWaterMarkMb === null ? "–" : Math.round(memory.highWaterMarkMb)} MB`],
      ...Object.entries(memory.phasePeaksMb).map(([phase, mb]) => [`Server RSS peak: ${phase}`, `${Math.round(mb)} MB`]),
    ],
  );
  console.log("");
  console.log(`Processtöd benchmark, ${localDate} (Europe/Stockholm), scale ${manifest.scale}${national ? "" : " – targets apply at the national scale only"}`);
  console.log(`${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.totalMemoryMb} MB, Node ${process.version}`);
  console.log("");
  console.log(targetTable(targets));
  console.log("");
  console.log(details);
  console.log("");
  console.log("Loader ÷ raw SQL: both timed in turns, run by run, judged on p50 (the p95 ratio in brackets); groups on the slowest run of any scenario.");
  log(`wrote bench/results.json`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error("[bench] the benchmark broke:", error);
    process.exit(1);
  },
);
