/**
 * The health check GET /halsa of the production server (server.js): what
 * monitoring polls and the benchmark's floor route. It answers without
 * sign-in and without the database, through the same shared middleware as
 * every page.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer("e2e-health");
});

afterAll(async () => {
  await server?.stop();
});

it("answers 200 ok as plain text, never cached, with the shared security headers", async () => {
  const response = await fetch(`${server.url}/halsa`, { redirect: "manual" });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("ok");
  expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  expect(response.headers.get("Set-Cookie")).toBeNull();
});

it("answers HEAD too, as monitoring tools often ask", async () => {
  const response = await fetch(`${server.url}/halsa`, { method: "HEAD" });
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
});

// The request-body ceilings in server.js (decision 019), checked before anything reads a body.
it("refuses a form body over 512 KiB with 413 and a Swedish page, and accepts one just under", async () => {
  const post = (size: number) =>
    fetch(`${server.url}/logga-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: `email=${"a".repeat(size)}&password=x`,
    });
  const big = await post(512 * 1024);
  expect(big.status).toBe(413);
  expect(await big.text()).toContain("ett formulär får vara högst 512 kB");
  // Just under the ceiling the app itself answers (a failed sign-in, not a refusal of the body).
  const under = await post(500 * 1024);
  expect(under.status).not.toBe(413);
  expect(under.status).toBeLessThan(500);
});

it("refuses an upload over 32 MiB with 413, and lets a 21 MB one through to the app's own limit", async () => {
  const upload = (size: number) => {
    const form = new FormData();
    form.set("title", "Stor fil");
    form.set("file", new Blob([Buffer.alloc(size, 0x20)], { type: "application/pdf" }), "stor.pdf");
    return fetch(`${server.url}/mallar`, { method: "POST", redirect: "manual", headers: { Origin: server.url }, body: form });
  };
  const huge = await upload(33 * 1024 * 1024);
  expect(huge.status).toBe(413);
  expect(await huge.text()).toContain("en uppladdning får vara högst 20 MB");
  // 21 MB passes the ceiling and reaches Remix (here: not signed in, so the sign-in redirect).
  const big = await upload(21 * 1024 * 1024);
  expect(big.status).toBe(302);
});
