/**
 * Issue #11, item 1: a real cross-site form post. Another site (a second local
 * origin, http://127.0.0.1:<port>, while the app is at http://localhost:<port>)
 * serves a page whose form posts to the app's roster as soon as it loads,
 * while a coordinator is signed in in the same browser. server.js refuses it
 * (Sec-Fetch-Site: cross-site) with 403 before any action runs.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { newPage, readDatabase } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let attacker: http.Server;
let attackerUrl: string;
let seriesId: number;
let sessionId: number;
let personId: number;

const statusOf = () =>
  readDatabase(server.databaseFile, (db) => db.prepare("select status from attendance where series_session_id = ? and person_id = ?").pluck().get(sessionId, personId));

beforeAll(async () => {
  server = await startServer("cross-site-post");
  browser = await launchBrowser();
  ({ seriesId, sessionId, personId } = readDatabase(server.databaseFile, (db) => {
    const series = Number(db.prepare("select id from series where name = 'Processtöd skolnärvaro Huddinge'").pluck().get());
    const session = Number(db.prepare("select id from series_sessions where series_id = ? and position = 2").pluck().get(series));
    const person = Number(db.prepare("select person_id from attendance where series_session_id = ? and status = 'narvarande' and substitute_for_person_id is null and walk_in = 0 order by person_id limit 1").pluck().get(session));
    return { seriesId: series, sessionId: session, personId: person };
  }));
  // The other site: one page with a form that submits itself to the app.
  attacker = http.createServer((req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="sv"><title>Annan webbplats</title><body>
      <form id="f" method="post" action="${server.url}/serier/${seriesId}/tillfallen/${sessionId}/narvaro">
        <input type="hidden" name="intent" value="mark"><input type="hidden" name="personId" value="${personId}">
        <input type="hidden" name="status" value="franvarande_ej_anmalt">
      </form><script>document.getElementById("f").submit()</script></body></html>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await server?.stop();
});

it("a form on another site cannot change attendance for a signed-in coordinator: 403 and nothing written", async () => {
  expect(new URL(attackerUrl).origin).not.toBe(new URL(server.url).origin);
  expect(statusOf()).toBe("narvarande");
  const { context, page } = await newPage(browser);
  await signIn(page, server.url, DEMO.huddinge);
  // The coordinator could make this very change herself: the roster page is hers.
  expect((await page.goto(`${server.url}/serier/${seriesId}/tillfallen/${sessionId}/narvaro`))!.status()).toBe(200);

  const refused = page.waitForResponse((response) => response.url().startsWith(server.url) && response.request().method() === "POST");
  await page.goto(attackerUrl);
  const response = await refused;
  expect(response.status()).toBe(403);
  expect(await response.request().headerValue("sec-fetch-site")).toBe("cross-site");
  await page.waitForLoadState();
  await expect(page.locator("body").innerText()).resolves.toBe("Förfrågan nekades: den kom från en annan webbplats.");
  expect(statusOf()).toBe("narvarande");
  await context.close();
});
