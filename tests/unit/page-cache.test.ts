import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, nonceOf } from "~/lib/content-security-policy.server";
import { isCachedPage, PageCache, pageCacheSeconds, withFreshNonce, type PageCacheEntry } from "~/lib/page-cache.server";

const entry = (version: string, storedAt: number, body = "<html>sida</html>"): PageCacheEntry => ({
  version,
  storedAt,
  status: 200,
  headers: [["content-type", "text/html; charset=utf-8"]],
  body: Buffer.from(body),
  nonce: null,
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

  it("gives every served copy a fresh nonce, in the page and in the policy", () => {
    const old = "AAAAAAAAAAAAAAAAAAAAAA==";
    const fresh = "bmV3bm9uY2VuZXdub25jZQ==";
    const stored: PageCacheEntry = {
      ...entry("1.1", 0, `<script nonce="${old}">a</script><p>${"x".repeat(3000)}</p><script nonce="${old}" type="module">b</script>`),
      headers: [
        ["content-type", "text/html; charset=utf-8"],
        ["content-security-policy", contentSecurityPolicy(old)],
      ],
      nonce: old,
    };
    const served = withFreshNonce(stored, fresh);
    expect(served.body.toString().split(`nonce="${fresh}"`).length - 1).toBe(2);
    expect(served.body.toString()).not.toContain(old);
    expect(served.headers).toEqual([
      ["content-type", "text/html; charset=utf-8"],
      ["content-security-policy", contentSecurityPolicy(fresh)],
    ]);
    // The stored copy keeps its own nonce for the next hit.
    expect(stored.body.toString()).toContain(old);
    expect(nonceOf(contentSecurityPolicy(fresh))).toBe(fresh);
    expect(() => withFreshNonce(stored, "short")).toThrow();
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
