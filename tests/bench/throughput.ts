/**
 * HTTP throughput of a page on the running server, measured with autocannon:
 * 10 connections, a warm-up run that is thrown away, then the measured run.
 * autocannon runs in the harness on the same two cores as the server, which
 * caps the floor; the page ÷ floor ratio compares two runs under that same cap.
 */
import autocannon from "autocannon";

export type Throughput = {
  url: string;
  /** Bytes of one answer's body (uncompressed), from a single request before the run. */
  bodyBytes: number;
  requestsPerSecond: number;
  totalRequests: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
};

/**
 * A browser's request headers that matter for the cost: the auth cookie and
 * Accept-Encoding, so the compression a real visitor gets is measured too.
 */
function headersFor(cookie?: string): Record<string, string> {
  return { "Accept-Encoding": "gzip, deflate, br", Accept: "text/html", ...(cookie ? { Cookie: cookie } : {}) };
}

/**
 * Refuses to measure a page that does not answer 200 with content: a redirect
 * to the login page would otherwise be measured as a very fast page.
 */
async function preflight(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { headers, redirect: "manual" });
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url} answered ${response.status} ${response.headers.get("Location") ?? ""} before the throughput run`);
  return body.length;
}

export async function measureThroughput(
  url: string,
  { cookie, connections = 10, warmupSeconds = 2, seconds = 10 }: { cookie?: string; connections?: number; warmupSeconds?: number; seconds?: number } = {},
): Promise<Throughput> {
  const headers = headersFor(cookie);
  const bodyBytes = await preflight(url, headers);
  await autocannon({ url, connections, duration: warmupSeconds, headers }); // warm-up: JIT, caches, connections
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    url,
    bodyBytes,
    requestsPerSecond: result.requests.mean,
    totalRequests: result.requests.total ?? 0,
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
  };
}
