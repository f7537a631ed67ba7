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
