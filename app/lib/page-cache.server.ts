/**
 * A short-lived server-side cache of the heaviest staff pages (decision 013).
 *
 * Process leaders and coordinators keep the dashboards and the roster open and
 * reload them; between two writes to the database the page is the same. A
 * rendered page is kept per signed-in user, URL, cookies and language, and
 * served again only while
 * - the database has not changed at all since it was rendered
 *   (`databaseVersion()`: any write through the app, or a commit by another
 *   process, empties the cache in effect), and
 * - it is younger than PAGE_CACHE_SECONDS (default 10; 0 turns the cache off),
 *   which bounds what only the clock changes ("check-in open", "today").
 * The sign-in session is checked on every request as before, so signing out,
 * an expired session or another user's cookie never gets a stored page.
 *
 * Only GET requests for the HTML of the pages in CACHED_PAGES; never a
 * response that sets a cookie or is not 200. The browser still gets
 * `Cache-Control: no-store`: this cache is in the server's memory only.
 *
 * Every served copy gets a new CSP nonce (decision 015): the stored page's
 * nonce is overwritten in place (same length) and in the policy header. So a
 * hit cannot reuse a gzipped copy; it goes out uncompressed (`no-transform`
 * keeps the compression middleware from spending more on gzip than the hit
 * saves) – on the office networks these staff pages are used on, size matters
 * less than the render it spares.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { databaseVersion } from "~/models/db.server";
import { signedInUserId } from "./auth.server";
import { contentSecurityPolicy, createNonce, nonceOf } from "./content-security-policy.server";

/** Read-only pages that are expensive to build and opened again and again. */
export const CACHED_PAGES: RegExp[] = [
  /^\/serier\/\d+\/oversikt$/,
  /^\/serier\/\d+\/tillfallen\/\d+\/narvaro$/,
  /^\/serier\/\d+\/enkater\/analys$/,
  /^\/lan$/,
];

/** Memory the stored pages may take; the oldest go first. */
const MAX_BYTES = 32 * 1024 * 1024;

export type PageCacheEntry = {
  version: string;
  storedAt: number;
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** The CSP nonce the page was rendered with; null when the page had no policy. */
  nonce: string | null;
};

/** The stored page and policy with every occurrence of its nonce replaced by a fresh one of the same length. */
export function withFreshNonce(entry: PageCacheEntry, fresh: string): { body: Buffer; headers: [string, string][] } {
  if (!entry.nonce) return { body: entry.body, headers: entry.headers };
  if (fresh.length !== entry.nonce.length) throw new Error("A nonce must keep its length");
  const body = Buffer.from(entry.body);
  for (let at = body.indexOf(entry.nonce); at >= 0; at = body.indexOf(entry.nonce, at + fresh.length)) body.write(fresh, at, "latin1");
  const headers = entry.headers.map(([name, value]): [string, string] => [name, name === "content-security-policy" ? contentSecurityPolicy(fresh) : value]);
  return { body, headers };
}

/** Headers of the stored response that are the transport's business, not the page's. */
const TRANSPORT_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "vary", "connection", "date", "etag"]);

export function pageCacheSeconds(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.PAGE_CACHE_SECONDS ?? 10);
  return Number.isFinite(value) && value >= 0 ? value : 10;
}

export function isCachedPage(pathname: string): boolean {
  return CACHED_PAGES.some((pattern) => pattern.test(pathname));
}

export class PageCache {
  private entries = new Map<string, PageCacheEntry>();
  private bytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  get(key: string, version: string, now: number): PageCacheEntry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.version !== version || now - entry.storedAt >= this.ttlMs) {
      this.delete(key);
      return null;
    }
    return entry;
  }

  set(key: string, entry: PageCacheEntry) {
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.bytes -= old.body.length;
      this.entries.delete(oldest);
    }
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length;
    this.entries.delete(key);
  }
}

/** Express middleware placed just before the Remix handler (server.js). */
export function pageCacheMiddleware(ttlSeconds = pageCacheSeconds()) {
  const cache = new PageCache(ttlSeconds * 1000);
  return async function pageCache(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    if (ttlSeconds === 0 || req.method !== "GET" || !isCachedPage(req.path)) return next();
    try {
      const userId = await signedInUserId(req.headers.cookie ?? null);
      if (userId === null) return next();
      // Read after the session check, which may itself write (its idle timer).
      const version = databaseVersion();
      const key = [userId, req.originalUrl, req.headers.cookie, req.headers["accept-language"] ?? ""].join("\n");
      const hit = cache.get(key, version, Date.now());
      if (hit) {
        const { body, headers } = withFreshNonce(hit, createNonce());
        for (const [name, value] of headers) res.setHeader(name, value);
        res.setHeader("Cache-Control", "no-store, no-transform");
        res.setHeader("X-Page-Cache", "hit");
        res.status(hit.status).end(body);
        return;
      }
      captureResponse(res, (status, body) => {
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => !TRANSPORT_HEADERS.has(name))
          .map(([name, value]) => [name, String(value)] as [string, string]);
        const html = String(res.getHeader("content-type") ?? "").startsWith("text/html");
        if (status === 200 && html && !res.getHeader("set-cookie")) {
          // Stored under the version read before the loaders ran: a write during rendering makes it stale at once.
          const nonce = nonceOf(String(res.getHeader("content-security-policy") ?? ""));
          cache.set(key, { version, storedAt: Date.now(), status, headers, body, nonce });
        }
      });
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Collects what the handler writes, passing every byte on unchanged. */
function captureResponse(res: ExpressResponse, done: (status: number, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ExpressResponse;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    done(res.statusCode, Buffer.concat(chunks));
    return end(chunk, ...rest);
  }) as typeof res.end;
}
