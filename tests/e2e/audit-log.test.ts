/**
 * The audit log in a real browser (issue #11 item 5, decision 016): Huddinge's
 * coordinator marks one person on seminar 3; the process leader finds exactly
 * that change on /granskningslogg, filtered by action and by series, with the
 * time, who, what, series, entity, details and IP; a bad date gets a Swedish
 * message and 400; coordinators and the sponsor get 403 by direct URL; axe
 * finds nothing at 1280 and 360 px. Screenshots go to tests/.tmp/screenshots.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TMP_ROOT } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, navLinks, settle, tableRows, waitForPost } from "./support/page";
import { dbGet, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_ROOT, "screenshots");

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[] = [];
let huddinge: { id: number; name: string };
let sessionId: number;
let person: { id: number };
let coordinatorName: string;

beforeAll(async () => {
  server = await startServer("e2e-audit-log");
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  huddinge = dbGet<{ id: number; name: string }>(server.databaseFile, "select id, name from series where name = 'Processtöd skolnärvaro Huddinge'")!;
  sessionId = dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? and position = 3", huddinge.id)!.id;
  person = dbGet<{ id: number }>(
    server.databaseFile,
    `select p.id from enrolments e join people p on p.id = e.person_id
     where e.series_id = ? and e.status = 'anmald'
       and not exists (select 1 from attendance a where a.series_session_id = ? and a.person_id = p.id)
     order by p.id limit 1`,
    huddinge.id,
    sessionId,
  )!;
  coordinatorName = dbGet<{ name: string }>(server.databaseFile, "select name from users where email = ?", DEMO.huddinge)!.name;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  const errors = browserErrors;
  browserErrors = [];
  expect(errors, "fel i webbläsaren").toEqual([]);
});

async function signedIn(email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width, height: 900 } });
  contexts.push(context);
  const errors = watchBrowserErrors(context);
  context.on("close", () => browserErrors.push(...errors));
  const page = await context.newPage();
  await signIn(page, server.url, email);
  return page;
}

const LOG = "/granskningslogg";

describe("the audit log", () => {
  it("shows the coordinator's roster change to the process leader, filtered by action and by series", async () => {
    const coordinator = await signedIn(DEMO.huddinge);
    const roster = `/serier/${huddinge.id}/tillfallen/${sessionId}/narvaro`;
    await coordinator.goto(`${server.url}${roster}`);
    await settle(coordinator);
    const select = coordinator.locator(`select#status-${person.id}`);
    const [response] = await Promise.all([waitForPost(coordinator, roster), select.selectOption("sen")]);
    expect(response.status()).toBe(200);
    // The coordinator has no link to the log, and the page itself is forbidden.
    expect(await navLinks(coordinator)).not.toContain("Granskningslogg");

    const leader = await signedIn(DEMO.admin);
    expect(await navLinks(leader)).toContain("Granskningslogg");
    await leader.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Granskningslogg" }).click();
    await expectHeading(leader, "Granskningslogg");
    const table = leader.locator("table.audit-log");
    // Newest first: the leader's own sign-in, the roster change, the coordinator's sign-in, and
    // the retention run the server does when it starts (decision 017), which removed nothing.
    const all = await tableRows(table);
    expect(all.map((r) => r[2])).toEqual(["Inloggning", "Närvaro ändrad", "Inloggning", "Gallring genomförd"]);
    expect(all[3][1]).toBe("gallring i servern");

    await leader.getByLabel("Händelse").selectOption({ label: "Närvaro ändrad" });
    await Promise.all([leader.waitForURL(/action=attendance\.update/), leader.getByRole("button", { name: "Visa" }).click()]);
    await settle(leader);
    const byAction = await tableRows(table);
    expect(byAction).toHaveLength(1);
    const [time, who, what, series, entity, details, ip] = byAction[0];
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(who).toBe(`${coordinatorName} (kommunsamordnare)`);
    expect(what).toBe("Närvaro ändrad");
    expect(series).toBe(huddinge.name);
    expect(entity).toBe(`Tillfälle ${sessionId}`);
    expect(details).toBe(`person: ${person.id} status: Sen ankomst tidigare: –`);
    expect(ip).toMatch(/127\.0\.0\.1|::1/);
    expect(await leader.locator(".audit-count").innerText()).toBe("1 post");

    await leader.goto(`${server.url}${LOG}?series=${huddinge.id}`);
    await settle(leader);
    expect((await tableRows(table)).map((r) => r[2])).toEqual(["Närvaro ändrad"]);
    await expectNoAxeViolations(leader);
    await leader.screenshot({ path: path.join(SCREENSHOTS, "granskningslogg-1280.png"), fullPage: true });

    // A series with no entries: the empty state says what to do.
    const botkyrka = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = 'Processtöd skolnärvaro Botkyrka'")!.id;
    await leader.goto(`${server.url}${LOG}?series=${botkyrka}`);
    expect(await leader.locator("p.empty").innerText()).toBe("Inga poster matchar filtret. Ändra eller rensa filtret för att se fler.");
  });

  it("answers a bad date with 400 and a Swedish message on the field", async () => {
    const leader = await signedIn(DEMO.admin);
    const response = await leader.goto(`${server.url}${LOG}?from=2026-13-01`);
    expect(response!.status()).toBe(400);
    const field = leader.getByLabel("Från och med datum");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await leader.locator("#field-from-error").innerText()).toBe("Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15.");
    await expectNoAxeViolations(leader);
  });

  it("is 403 for coordinators and the sponsor by direct URL", async () => {
    for (const email of [DEMO.huddinge, DEMO.sponsor]) {
      const page = await signedIn(email);
      const response = await page.goto(`${server.url}${LOG}`);
      expect(response!.status(), email).toBe(403);
      expect(await page.locator("table.audit-log").count()).toBe(0);
    }
  });

  it("fits a 360 px phone without axe violations", async () => {
    const leader = await signedIn(DEMO.admin, 360);
    await leader.goto(`${server.url}${LOG}`);
    await settle(leader);
    await expectHeading(leader, "Granskningslogg");
    await expectNoAxeViolations(leader);
    const overflow = await leader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await leader.screenshot({ path: path.join(SCREENSHOTS, "granskningslogg-360.png"), fullPage: true });
  });
});
