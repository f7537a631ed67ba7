/**
 * Loader time measured in-process: the route module's own `loader` from the
 * production server build, called as Remix calls it, timed with
 * performance.now(). No HTTP, no rendering – only what the loader costs.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";

/**
 * Imports build/index.js. The app opens its database (and decides on the
 * scheduler) from the environment, so set `env` first – once per process:
 * the build keeps one connection for the process.
 */
export async function loadServerBuild(root: string, env: Record<string, string>): Promise<ServerBuild> {
  Object.assign(process.env, env);
  return (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
}

export type LoaderCase = {
  name: string;
  /** e.g. "routes/serier.$seriesId.oversikt" */
  routeId: string;
  /** The URL path with its query, e.g. "/lan?lan=01". */
  path: string;
  params: Record<string, string>;
  cookie: string;
  /**
   * Says what is wrong with the loader's data, or null when it looks right, so
   * a broken sign-in or an empty page cannot give fake-fast numbers.
   */
  check: (data: any) => string | null;
};

/** One call of the loader: its data, or an Error for a thrown or returned error/redirect Response. */
async function callLoader(build: ServerBuild, c: LoaderCase): Promise<{ ms: number; result: unknown }> {
  const loader = build.routes[c.routeId]?.module.loader;
  if (!loader) throw new Error(`${c.name}: no loader for route ${c.routeId} in the build`);
  // The loaders are synchronous underneath (better-sqlite3), so without this a run of them is
  // one long chain of microtasks and the event loop never turns: timers (the memory sampler)
  // stall, and the HTTP client misses the server closing its idle keep-alive sockets, so the
  // next request goes out on a dead one ("other side closed"). A server turns its loop
  // between requests too. Outside the timed part.
  await new Promise((resolve) => setImmediate(resolve));
  const request = new Request(`http://localhost${c.path}`, { headers: { Cookie: c.cookie } });
  const start = performance.now();
  let result: unknown;
  try {
    result = await loader({ request, params: c.params, context: { clientIp: "127.0.0.1" } });
  } catch (thrown) {
    result = thrown;
  }
  return { ms: performance.now() - start, result };
}

/** The loader's data; throws when the loader answered with an error, a redirect, or data that fails the check. */
async function dataOf(c: LoaderCase, result: unknown): Promise<unknown> {
  if (result instanceof Error) throw new Error(`${c.name}: the loader threw: ${result.stack ?? result.message}`);
  let data = result;
  if (result instanceof Response) {
    if (result.status >= 300) {
      const where = result.headers.get("Location");
      throw new Error(`${c.name}: the loader answered ${result.status}${where ? ` → ${where}` : ""} for ${c.path}`);
    }
    data = await result.clone().json();
  }
  const problem = c.check(data);
  if (problem) throw new Error(`${c.name}: unexpected data for ${c.path}: ${problem}`);
  return data;
}

/**
 * Times `runs` calls after `warmup` untimed ones (JIT, statement caches). Every
 * call's answer is checked; the check runs outside the timed part.
 */
export async function timeLoader(build: ServerBuild, c: LoaderCase, { runs = 50, warmup = 5 } = {}): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await dataOf(c, (await callLoader(build, c)).result);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, result } = await callLoader(build, c);
    await dataOf(c, result);
    times.push(ms);
  }
  return times;
}

/**
 * Times the loader and `other` in turns, run by run, so both are measured under the same load
 * on a shared machine: the loader ÷ raw SQL ratio compares like with like even when the
 * machine is busier in one minute than in the next.
 */
export async function timeLoaderInTurns(
  build: ServerBuild,
  c: LoaderCase,
  other: () => void,
  { runs = 50, warmup = 5 } = {},
): Promise<{ loader: number[]; other: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await dataOf(c, (await callLoader(build, c)).result);
    other();
  }
  const loader: number[] = [];
  const otherTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, result } = await callLoader(build, c);
    await dataOf(c, result);
    loader.push(ms);
    const start = performance.now();
    other();
    otherTimes.push(performance.now() - start);
  }
  return { loader, other: otherTimes };
}
