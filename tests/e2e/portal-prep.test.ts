/**
 * The preparation page on a 360 px phone: Sofia Hassan (Huddinge) marks seminar
 * 3's document read and sees "1 av N klara", writes a reflection containing
 * HTML and shares it; a colleague from the same municipality in the same
 * series sees it as literal text. A too-long reflection is answered on the
 * field and kept. Without JavaScript the same forms post and redirect. axe
 * finds nothing; screenshots at 360 and 1280 px go to SCREENSHOT_DIR.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser } from "./support/browser";
import { expectHeading, newPage, settle, submit, textOf } from "./support/page";
import { dbAll, dbGet, fieldError, watchBrowserErrors } from "./support/planning";
import { clearPreparation, signInParticipant } from "./support/portal";
import { startServer, type TestServer } from "./support/server";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SOFIA = "sofia.hassan76@huddinge.example";
const PAYLOAD = "<script>alert(1)</script><b>x</b>";

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];
let sessionId: number;
let pagePath: string;
let total: number;
let documentTitle: string;
let lectureTitle: string;
let firstQuestion: { id: number; text: string };
let colleague: string;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer("e2e-portal-prep");
  browser = await launchBrowser();
  const file = server.databaseFile;
  // The demo seeds preparation for Huddinge (db/seed-portal.ts); this test starts from nobody having prepared.
  clearPreparation(file);
  const seriesId = dbGet<{ id: number }>(file, "select id from series where name = 'Processtöd skolnärvaro Huddinge'")!.id;
  sessionId = dbGet<{ id: number }>(file, "select id from series_sessions where series_id = ? and position = 3", seriesId)!.id;
  pagePath = `/mina-sidor/tillfallen/${sessionId}/forberedelser`;
  const materials = dbAll<{ kind: string; title: string }>(file, "select kind, title from prep_materials where series_session_id = ? order by id", sessionId);
  const questions = dbAll<{ id: number; text: string }>(file, "select id, text from reflection_questions where series_session_id = ? order by id", sessionId);
  total = materials.length + questions.length;
  documentTitle = materials.find((m) => m.kind === "dokument")!.title;
  lectureTitle = materials.find((m) => m.kind === "forelasning")!.title;
  firstQuestion = questions[0];
  // A colleague: enrolled in the same series, same organisation as Sofia.
  colleague = dbGet<{ email: string }>(
    file,
    `select p.email from people p join enrolments e on e.person_id = p.id
     where e.series_id = ? and p.organisation_id = (select organisation_id from people where email_normalized = ?) and p.email_normalized != ?
     order by p.id limit 1`,
    seriesId,
    SOFIA,
    SOFIA,
  )!.email;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  const errors = browserErrors.flat();
  browserErrors = [];
  expect(errors, "fel i webbläsaren").toEqual([]);
});

async function phone(email: string): Promise<Page> {
  const { context, page } = await newPage(browser, { width: 360, height: 780 });
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  await signInParticipant(page, server.url, server.databaseFile, email, pagePath);
  await expectHeading(page, "Förberedelser");
  await settle(page);
  return page;
}

function question(page: Page) {
  return page.locator(`#fraga-${firstQuestion.id}`);
}

/** Nothing is wider than the viewport, and every button, link and checkbox row in the page's content is at least 44 px tall. */
async function expectPhoneFriendly(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "vågrät rullning").toBe(0);
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".portal button, .portal-nav a, .prep-back a, .prep-item__links a, .prep-question__share label"))
      .map((el) => ({ text: (el as HTMLElement).innerText.trim().slice(0, 40), height: el.getBoundingClientRect().height }))
      .filter((t) => t.height < 44),
  );
  expect(small, "för små tryckytor").toEqual([]);
}

describe("preparation on a phone", () => {
  it("Sofia marks the document read and sees 1 av N klara", async () => {
    const page = await phone(SOFIA);
    expect(await textOf(page.locator(".prep-time"))).toBe("Beräknad förberedelsetid: 3 timmar");
    expect(await textOf(page.locator(".prep-progress__count"))).toBe(`0 av ${total} klara`);
    expect(await page.getByRole("link", { name: "Tillbaka till tillfället" }).getAttribute("href")).toBe(`/mina-sidor/tillfallen/${sessionId}`);

    await submit(page, pagePath, page.getByRole("button", { name: `Markera som läst: ${documentTitle}` }));

    expect(await textOf(page.locator(".prep-progress__count"))).toBe(`1 av ${total} klara`);
    expect(await page.locator("progress.prep-progress__bar").evaluate((el: HTMLProgressElement) => [el.value, el.max])).toEqual([1, total]);
    const item = page.locator(".prep-item", { hasText: documentTitle });
    expect(await textOf(item.locator(".prep-item__status"))).toBe("Läst ✓");
    await item.getByRole("button", { name: `Ångra: ${documentTitle}` }).waitFor();
    // The lecture still offers its own wording.
    await page.getByRole("button", { name: `Markera som sedd: ${lectureTitle}` }).waitFor();
    const marked = dbAll(server.databaseFile, "select 1 from prep_progress pp join people p on p.id = pp.person_id where p.email_normalized = ?", SOFIA);
    expect(marked).toHaveLength(1);
  });

  it("Sofia's too-long reflection is refused on the field and kept", async () => {
    const page = await phone(SOFIA);
    const field = question(page).getByLabel(firstQuestion.text);
    const long = "ö".repeat(5001);
    await field.fill(long);
    const response = await submit(page, pagePath, question(page).getByRole("button", { name: "Spara reflektionen" }));
    expect(response.status()).toBe(400);
    expect(await fieldError(field)).toBe("Reflektionen får vara högst 5 000 tecken. Din text är 5 001 tecken.");
    expect(await field.inputValue()).toBe(long);
    expect(dbAll(server.databaseFile, "select 1 from reflections where reflection_question_id = ?", firstQuestion.id)).toHaveLength(0);
  });

  it("Sofia writes a reflection with HTML in it and shares it", async () => {
    const page = await phone(SOFIA);
    const section = question(page);
    await section.getByLabel(firstQuestion.text).fill(PAYLOAD);
    const share = section.getByRole("checkbox", { name: "Dela med kollegor från min kommun i serien" });
    expect(await share.isChecked()).toBe(false);
    await share.check();
    await submit(page, pagePath, section.getByRole("button", { name: "Spara reflektionen" }));

    expect(await textOf(section.locator(".prep-question__status"))).toMatch(/^Sparad \d{4}-\d{2}-\d{2} \d{2}:\d{2} · delad med kollegor$/);
    expect(await textOf(page.locator(".prep-progress__count"))).toBe(`2 av ${total} klara`);
    const stored = dbGet<{ text: string; shared: number }>(server.databaseFile, "select text, shared from reflections where reflection_question_id = ?", firstQuestion.id);
    expect(stored).toEqual({ text: PAYLOAD, shared: 1 });

    // After a reload the text is back in the box, as text.
    await page.reload();
    await settle(page);
    expect(await question(page).getByLabel(firstQuestion.text).inputValue()).toBe(PAYLOAD);
    expect(await question(page).getByRole("checkbox", { name: "Dela med kollegor från min kommun i serien" }).isChecked()).toBe(true);
    // Her own reflection is not listed as a colleague's.
    expect(await textOf(question(page).locator(".prep-shared"))).toBe("Delat av kollegor Ingen kollega har delat något om den här frågan ännu.");

    await expectNoAxeViolations(page);
    await expectPhoneFriendly(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-prep-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-prep-1280.png"), fullPage: true });
  });

  it("a colleague from the same municipality and series sees it as literal text", async () => {
    const page = await phone(colleague);
    expect(await textOf(page.locator(".prep-progress__count"))).toBe(`0 av ${total} klara`);
    const shared = question(page).locator(".prep-shared__item");
    expect(await shared.count()).toBe(1);
    expect(await shared.locator(".prep-shared__text").textContent()).toBe(PAYLOAD);
    expect(await textOf(shared.locator(".prep-shared__by"))).toMatch(/^Sofia Hassan, \d{4}-\d{2}-\d{2}$/);
    // No element came out of the text: neither the <b> nor the <script>.
    expect(await question(page).locator(".prep-shared b, .prep-shared script").count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll("b").length)).toBe(0);
    await expectNoAxeViolations(page);
    await expectPhoneFriendly(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-prep-colleague-360.png"), fullPage: true });
  });
});

describe("without JavaScript", () => {
  it("marks the lecture watched and undoes it with plain posts and redirects", async () => {
    const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 360, height: 780 }, javaScriptEnabled: false });
    contexts.push(context);
    browserErrors.push(watchBrowserErrors(context));
    const page = await context.newPage();
    // The sign-in link's button is a plain form too.
    await signInParticipant(page, server.url, server.databaseFile, colleague, pagePath);
    expect(new URL(page.url()).pathname).toBe(pagePath);

    await Promise.all([page.waitForURL((url) => url.hash.startsWith("#material-")), page.getByRole("button", { name: `Markera som sedd: ${lectureTitle}` }).click()]);
    expect(await textOf(page.locator(".prep-progress__count"))).toBe(`1 av ${total} klara`);
    expect(await textOf(page.locator(".prep-item", { hasText: lectureTitle }).locator(".prep-item__status"))).toBe("Sedd ✓");

    await page.getByRole("button", { name: `Ångra: ${lectureTitle}` }).click();
    await page.waitForLoadState("load");
    expect(await textOf(page.locator(".prep-progress__count"))).toBe(`0 av ${total} klara`);
  });
});
