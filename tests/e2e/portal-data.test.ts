/**
 * Mina uppgifter in a real browser (issue #8 item 6). Sofia, on a 360 px
 * phone, opens her data, downloads it as JSON and CSV, and asks for erasure;
 * Huddinge's coordinator, at a desktop, finds the request in the queue (the
 * menu counts it) and handles it; Sofia then reads the handling note on her
 * page. axe finds nothing on either page.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, navLinks, newPage, settle, submit, textOf, visibleText } from "./support/page";
import { dbAll, dbGet, watchBrowserErrors } from "./support/planning";
import { signInParticipant } from "./support/portal";
import { startServer, type TestServer } from "./support/server";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SOFIA = "sofia.hassan76@huddinge.example";
const NOTE = "Dina uppgifter raderas av processledaren inom en vecka.";

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];
let sofia: Page;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer("e2e-portal-data");
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

afterEach(() => {
  const errors = browserErrors.flat();
  browserErrors = [];
  expect(errors, "fel i webbläsaren").toEqual([]);
});

async function open(width: number, height: number): Promise<Page> {
  const { context, page } = await newPage(browser, { width, height });
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  return page;
}

async function downloadText(page: Page, linkName: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file!) };
}

describe("Mina uppgifter and the request queue", () => {
  it("Sofia sees her data on a 360 px phone, grouped under headings, with the note on anonymous surveys", async () => {
    sofia = await open(360, 740);
    await signInParticipant(sofia, server.url, server.databaseFile, SOFIA, "/mina-sidor/mina-uppgifter");
    await expectHeading(sofia, "Mina uppgifter");
    const personId = dbGet<{ id: number }>(server.databaseFile, "select id from people where email_normalized = ?", SOFIA)!.id;
    const attended = dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from attendance where person_id = ?", personId)!.n;
    expect(attended).toBeGreaterThan(0);
    await expect(textOf(sofia.getByRole("heading", { level: 2, name: /^Personuppgifter/ }))).resolves.toBe("Personuppgifter (1)");
    await expect(textOf(sofia.getByRole("heading", { level: 2, name: /^Närvaro/ }))).resolves.toBe(`Närvaro (${attended})`);
    await expect(textOf(sofia.getByRole("heading", { level: 2, name: /^Dina begäranden/ }))).resolves.toBe("Dina begäranden om rättelse eller radering (0)");
    const text = await visibleText(sofia);
    expect(text).toContain("Sofia Hassan");
    expect(text).toContain(SOFIA);
    expect(text).toContain("de sparas anonymt och är inte kopplade till dig");
    // Nothing wider than the phone.
    const overflow = await sofia.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await expectNoAxeViolations(sofia);
    await sofia.screenshot({ path: path.join(SCREENSHOTS, "portal-data-360.png"), fullPage: true });
  });

  it("downloads her data as JSON and as CSV for Excel", async () => {
    const json = await downloadText(sofia, "Ladda ner som JSON");
    expect(json.name).toMatch(/^mina-uppgifter-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(json.bytes.toString("utf8")) as { person: { email: string; name: string }; enrolments: unknown[]; attendance: { date: string }[] };
    expect(data.person).toMatchObject({ name: "Sofia Hassan", email: SOFIA });
    expect(data.enrolments).toHaveLength(1);
    const attended = dbAll(server.databaseFile, "select 1 from attendance a join people p on p.id = a.person_id where p.email_normalized = ?", SOFIA).length;
    expect(data.attendance).toHaveLength(attended);
    expect(data.attendance[0].date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const csv = await downloadText(sofia, "Ladda ner som CSV (Excel)");
    expect(csv.name).toMatch(/^mina-uppgifter-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("Kategori;Post;Fält;Värde");
    expect(lines).toContain(`Personuppgifter;1;E-post;${SOFIA}`);
    expect(lines).toContain("Anmälningar till serier;1;Status;Anmäld");
  });

  it("asks for erasure with a radio choice and no message", async () => {
    await sofia.getByRole("radio", { name: "Radering" }).check();
    await submit(sofia, "/mina-sidor/mina-uppgifter", sofia.getByRole("button", { name: "Skicka begäran" }));
    expect(new URL(sofia.url()).search).toBe("?skickad=radering");
    await expect(textOf(sofia.getByRole("status"))).resolves.toContain("Din begäran om radering är skickad.");
    await expect(textOf(sofia.getByRole("heading", { level: 2, name: /^Dina begäranden/ }))).resolves.toBe("Dina begäranden om rättelse eller radering (1)");
    const rows = dbAll<{ kind: string; status: string }>(server.databaseFile, "select kind, status from data_requests where email = ?", SOFIA);
    expect(rows).toEqual([{ kind: "radering", status: "ny" }]);
    const mails = dbAll<{ subject: string }>(server.databaseFile, "select subject from mail_outbox where to_address = ?", DEMO.huddinge);
    expect(mails.map((m) => m.subject)).toContain("Ny begäran om radering av personuppgifter");
  });

  it("Huddinge's coordinator sees the request in the counted menu link and handles it", async () => {
    const page = await open(1280, 900);
    await signIn(page, server.url, DEMO.huddinge);
    expect(await navLinks(page)).toContain("Begäranden (1)");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Begäranden (1)" }).click();
    await expectHeading(page, "Begäranden om personuppgifter");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Radering: Sofia Hassan" }) });
    const cardText = await textOf(card);
    expect(cardText).toContain("Processtöd skolnärvaro Huddinge");
    // The erasure itself can be carried out from here (decision 017; tests/e2e/retention.test.ts does it).
    expect(cardText).toContain("Anonymisera personens uppgifter (statistiken finns kvar utan namn)");
    expect(await card.getByRole("link", { name: "Radera personen helt" }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-data-queue-1280.png"), fullPage: true });

    // Without an outcome and a note: errors on the fields, nothing recorded.
    const response = await submit(page, "/personuppgiftsbegaran", card.getByRole("button", { name: "Spara hanteringen" }));
    expect(response.status()).toBe(400);
    await expect(textOf(card.locator(".error").first())).resolves.toBe("Välj Genomförd eller Avslagen.");
    await expectNoAxeViolations(page);

    await card.getByRole("radio", { name: "Genomförd" }).check();
    await card.getByLabel("Kommentar till deltagaren").fill(NOTE);
    await submit(page, "/personuppgiftsbegaran", card.getByRole("button", { name: "Spara hanteringen" }));
    expect(new URL(page.url()).searchParams.get("hanterad")).toMatch(/^\d+$/);
    await expect(textOf(page.getByRole("status"))).resolves.toContain("Begäran är hanterad");
    expect(await navLinks(page)).toContain("Begäranden");

    await Promise.all([page.waitForURL((url) => url.searchParams.get("status") === "hanterade"), page.getByRole("link", { name: "Hanterade" }).click()]);
    await settle(page);
    await expectHeading(page, "Begäranden om personuppgifter");
    const handled = await visibleText(page);
    const coordinator = dbGet<{ name: string }>(server.databaseFile, "select name from users where email = ?", DEMO.huddinge)!.name;
    expect(handled).toMatch(new RegExp(`Genomförd\\. Hanterad \\d{4}-\\d{2}-\\d{2} av ${coordinator}: ${NOTE}`));
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-data-queue-handled-1280.png"), fullPage: true });
    const mails = dbAll<{ subject: string }>(server.databaseFile, "select subject from mail_outbox where to_address = ?", SOFIA);
    expect(mails.map((m) => m.subject)).toEqual(["Din begäran om radering har hanterats"]);
  });

  it("Sofia sees how her request was handled", async () => {
    await sofia.reload();
    await expectHeading(sofia, "Mina uppgifter");
    const section = sofia.getByRole("region", { name: /^Dina begäranden/ });
    const text = await textOf(section);
    expect(text).toContain("Genomförd");
    expect(text).toContain(NOTE);
    await expectNoAxeViolations(sofia);
  });
});
