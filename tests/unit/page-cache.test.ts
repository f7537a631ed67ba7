import { describe, expect, it } from "vitest";
import { isCachedPage, PageCache, pageCacheSeconds, type PageCacheEntry } from "~/lib/page-cache.server";

const entry = (version: string, storedAt: number, body = "<html>sida</html>"): PageCacheEntry => ({
  version,
  storedAt,
  status: 200,
  headers: [["content-type", "text/html; charset=utf-8"]],
  body: Buffer.from(body),
});

describe("page cache", () => {
  it("serves a page only while the database version is the one it was rendered at", () => {
    const cache = new PageCache(10_000);
    cache.set("a", entry("5.1", 1_000));
    expect(cache.get("a", "5.1", 2_000)?.body.toString()).toBe("<html>sida</html>");
    // A write through the app (5 → 6 changes) or by another connection (data_version 1 → 2).
    expect(cache.get("a", "6.1", 2_000)).toBeNull();
    cache.set("a", entry("5.1", 1_000));
    expect(cache.get("a", "5.2", 2_000)).toBeNull();
    // A stale entry is dropped, not kept for a later match.
    expect(cache.size).toBe(0);
  });

  it("forgets a page when it is older than the time to live", () => {
    const cache = new PageCache(10_000);
    cache.set("a", entry("1.1", 1_000));
    expect(cache.get("a", "1.1", 10_999)).not.toBeNull();
    expect(cache.get("a", "1.1", 11_000)).toBeNull();
  });

  it("drops the oldest pages when the stored bytes pass the limit", () => {
    const cache = new PageCache(10_000, 25);
    cache.set("a", entry("1.1", 0, "x".repeat(10)));
    cache.set("b", entry("1.1", 0, "y".repeat(10)));
    cache.set("c", entry("1.1", 0, "z".repeat(10)));
    expect(cache.size).toBe(2);
    expect(cache.get("a", "1.1", 1)).toBeNull();
    expect(cache.get("b", "1.1", 1)?.body.toString()).toBe("yyyyyyyyyy");
    expect(cache.get("c", "1.1", 1)?.body.toString()).toBe("zzzzzzzzzz");
  });

  it("gzips a page once, at the first hit that accepts gzip, and counts it in the memory limit", async () => {
    const { gunzipSync } = await import("node:zlib");
    const cache = new PageCache(10_000, 10_000);
    cache.set("a", entry("1.1", 0, "<html>" + "rad ".repeat(1000) + "</html>"));
    const hit = cache.get("a", "1.1", 1)!;
    const gzipped = cache.gzipped(hit);
    expect(gunzipSync(gzipped).toString()).toBe(hit.body.toString());
    expect(cache.gzipped(hit)).toBe(gzipped);
    // 4 013 bytes of page plus its gzip; a second page of 6 000 bytes passes the 10 000 limit only with the gzip counted.
    cache.set("b", entry("1.1", 0, "x".repeat(10_000 - 4_013 - gzipped.length + 1)));
    expect(cache.get("a", "1.1", 1)).toBeNull();
    expect(cache.size).toBe(1);
  });

  it("caches only the listed read-only pages", () => {
    expect(isCachedPage("/serier/12/oversikt")).toBe(true);
    expect(isCachedPage("/serier/12/tillfallen/40/narvaro")).toBe(true);
    expect(isCachedPage("/serier/12/enkater/analys")).toBe(true);
    expect(isCachedPage("/lan")).toBe(true);
    expect(isCachedPage("/serier/12/oversikt.json")).toBe(false);
    expect(isCachedPage("/serier/12/deltagare")).toBe(false);
    expect(isCachedPage("/mina-sidor")).toBe(false);
    expect(isCachedPage("/serier/12/oversikt/extra")).toBe(false);
  });

  it("reads PAGE_CACHE_SECONDS, 0 turning it off, 10 when unset or unreadable", () => {
    expect(pageCacheSeconds({})).toBe(10);
    expect(pageCacheSeconds({ PAGE_CACHE_SECONDS: "0" })).toBe(0);
    expect(pageCacheSeconds({ PAGE_CACHE_SECONDS: "30" })).toBe(30);
    expect(pageCacheSeconds({ PAGE_CACHE_SECONDS: "-1" })).toBe(10);
    expect(pageCacheSeconds({ PAGE_CACHE_SECONDS: "tio" })).toBe(10);
  });
});
