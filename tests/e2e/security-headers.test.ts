/**
 * Issue #11, item 2 (decision 015): every page carries a Content-Security-Policy
 * with a fresh nonce, Remix's own scripts run with it, a script injected into
 * the page does not, and the nonce never travels in loader data.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { newPage } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer("security-headers");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const nonceIn = (policy: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];

describe("security headers", () => {
  for (const path of ["/logga-in", "/mina-sidor/logga-in", "/enkat", "/incheckning"]) {
    it(`${path} has a policy with a nonce of its own, the directives the issue names, and the other headers`, async () => {
      const [first, second] = await Promise.all([fetch(server.url + path), fetch(server.url + path)]);
      expect(first.status).toBe(200);
      const policy = first.headers.get("content-security-policy")!;
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(policy.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("unsafe");
      const nonce = nonceIn(policy)!;
      expect(nonceIn(second.headers.get("content-security-policy"))).not.toBe(nonce);

      const html = await first.text();
      // Remix's inline scripts carry it …
      expect(html.split(`nonce="${nonce}"`).length - 1).toBeGreaterThanOrEqual(2);
      // … but the loader data (window.__remixContext) never holds it.
      const context = /window\.__remixContext = (.*?);\s*<\/script>/s.exec(html)?.[1] ?? "";
      expect(context.length).toBeGreaterThan(100);
      expect(context).not.toContain(nonce);

      expect(first.headers.get("x-content-type-options")).toBe("nosniff");
      expect(first.headers.get("referrer-policy")).toBe("same-origin");
      expect(first.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      expect(first.headers.get("cache-control")).toBe("no-store");
    });
  }

  it("in the browser: the app's scripts run (it hydrates), an injected inline script is blocked and reported", async () => {
    const { context, page } = await newPage(browser);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Content Security Policy")) violations.push(message.text());
    });
    await signIn(page, server.url, DEMO.admin);
    // Signed in through a client-side form submission: the app's scripts ran under the policy.
    expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)).toBe("object");
    expect(violations).toEqual([]);

    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect(violations.length).toBe(1);
    await context.close();
  });
});
