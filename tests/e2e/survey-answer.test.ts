/**
 * Surveys reaching participants, in a real browser (issue #7, part 2). The
 * Huddinge förenkät (seminar 1, 2026-09-15) is closed by now, so the process
 * leader opens it again through the times form on the series' Enkäter page;
 * a participant on a 360 × 740 phone opens the room link, answers (Vet ej and
 * a pairing code included), corrects a refused code and is thanked; the page
 * then counts one more response. Personal links go out by e-mail to a real
 * SMTP server started by this file, and one is followed, once. A closed
 * survey says so. axe finds nothing on any of these pages.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parsePlainTextMessage } from "../support/mime";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, submit, textOf, visibleText } from "./support/page";
import { dbAll, dbGet, fieldError, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

/** Where the screenshots go for a person to look at; SCREENSHOT_DIR moves them out of tests/.tmp, which each run empties. */
const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Huddinge";

let smtp: TestSmtp;
let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];
let seriesId: number;
let surveysPath: string;
let preId: number;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  smtp = await startTestSmtp();
  server = await startServer("e2e-survey-answer", smtp.env);
  browser = await launchBrowser();
  seriesId = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = ?", SERIES)!.id;
  surveysPath = `/serier/${seriesId}/enkater`;
  preId = dbGet<{ id: number }>(server.databaseFile, "select id from surveys where public_code = 'HUDDPRE1'")!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  const errors = browserErrors.flat();
  browserErrors = [];
  expect(errors, "fel i webbläsaren").toEqual([]);
});

async function open({ as, width = 1280, height = 900 }: { as?: string; width?: number; height?: number } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, { width, height });
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  if (as) await signIn(page, server.url, as);
  return page;
}

const phone = () => open({ width: 360, height: 740 });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `vågrät rullning på ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}

const stockholmDate = (ms: number) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date(ms));
const preResponses = () => dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from survey_responses where survey_id = ?", preId)!.n;
const card = (page: Page, name: string) => page.getByRole("region", { name: new RegExp(`^${name} `) });
const item = (page: Page, code: string) => page.getByRole("group", { name: new RegExp(`^${code} `) });

let roomLink = "";

describe("the process leader opens the förenkät again and shows it in the room", () => {
  it("lists the series' surveys from the series page, refuses closing before opening, and saves new times", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}/serier/${seriesId}`);
    await Promise.all([page.waitForURL(`${server.url}${surveysPath}`), page.getByRole("link", { name: "Enkäter", exact: true }).click()]);
    await expectHeading(page, `Enkäter: ${SERIES}`);

    const pre = card(page, "Förenkät");
    expect(await textOf(pre.locator("h2"))).toBe("Förenkät Stängd");
    expect(await textOf(pre.locator("dl"))).toBe(
      "Typ Förenkät Tillfälle Seminarium 1: Skolnärvaro. En översikt av forskning om att främja alla barns och ungas närvaro i skolan, 2026-09-15 " +
        "Öppnar 2026-09-15 08:00 Stänger 2026-10-13 12:00 Tider Följer tillfället Svar hittills 61 Kod HUDDPRE1 " +
        `Länk i rummet ${server.url}/enkat/HUDDPRE1`,
    );
    roomLink = await textOf(pre.locator("code.feed-url"));
    expect(await textOf(card(page, "Efterenkät").locator("h2"))).toBe("Efterenkät Inte öppen än");
    await expectNoAxeViolations(page);

    // Closing before opening is refused on the field.
    const today = stockholmDate(Date.now());
    const inAWeek = stockholmDate(Date.now() + 7 * 86_400_000);
    await pre.getByText("Ändra tider").click();
    await pre.getByLabel("Öppnar datum").fill(today);
    await pre.getByLabel("Öppnar kl.").fill("00:00");
    await pre.getByLabel("Stänger datum").fill(today);
    await pre.getByLabel("Stänger kl.").fill("00:00");
    const refused = await submit(page, surveysPath, pre.getByRole("button", { name: "Spara tider" }));
    expect(refused.status()).toBe(400);
    expect(await fieldError(pre.getByLabel("Stänger kl."))).toBe("Enkäten måste stänga efter att den öppnar.");
    expect(await pre.getByLabel("Öppnar datum").inputValue()).toBe(today);
    await expectNoAxeViolations(page);

    await pre.getByLabel("Stänger datum").fill(inAWeek);
    await pre.getByLabel("Stänger kl.").fill("23:59");
    await submit(page, surveysPath, pre.getByRole("button", { name: "Spara tider" }));
    expect(await textOf(page.getByRole("status"))).toBe("Tiderna för Förenkät är sparade.");
    expect(await textOf(card(page, "Förenkät").locator("h2"))).toBe("Förenkät Öppen");
    expect(await visibleText(page)).toContain(`Öppnar ${today} 00:00 Stänger ${inAWeek} 23:59 Tider Egna tider Svar hittills 61`);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-staff-1280.png"), fullPage: true });

    // The room view: the code, the short address and a large QR code.
    await Promise.all([
      page.waitForURL(`${server.url}${surveysPath}/${preId}/visa`),
      card(page, "Förenkät").getByRole("link", { name: "Visa i rummet med stor QR-kod: Förenkät" }).click(),
    ]);
    await expectHeading(page, `Förenkät: ${SERIES}`);
    expect(await textOf(page.getByTestId("survey-code"))).toBe("HUDDPRE1");
    expect(await visibleText(page)).toContain(`Gå till localhost:${new URL(server.url).port}/enkat och skriv koden HUDDPRE1`);
    expect(await page.getByRole("img", { name: `QR-kod som leder till enkäten: ${roomLink}` }).count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}${surveysPath}`);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-staff-360.png"), fullPage: true });
  });

  it("answers another municipality's coordinator 404 and the sponsor 403", async () => {
    const botkyrka = await open({ as: DEMO.botkyrka });
    expect((await botkyrka.goto(`${server.url}${surveysPath}`))?.status()).toBe(404);
    const sponsor = await open({ as: DEMO.sponsor });
    expect((await sponsor.goto(`${server.url}${surveysPath}`))?.status()).toBe(403);
  });
});

describe("a participant answers on a 360 px phone", () => {
  it("answers through the room link with Vet ej and a pairing code, corrects a refused code and is thanked", async () => {
    const before = preResponses();
    const page = await phone();
    const opened = await page.goto(roomLink);
    expect(opened?.status()).toBe(200);
    await expectHeading(page, "Förenkät");
    expect(await visibleText(page)).toContain("Dina svar är anonyma: varken ditt namn eller tiden du svarade sparas med dem.");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);

    await item(page, "1").getByLabel("Inom kommun").check();
    await item(page, "2").getByLabel("Socialtjänst").check();
    await item(page, "3").getByLabel("Strateg/samordnare").check();
    await item(page, "4a").getByRole("radio", { name: "4", exact: true }).check();
    await item(page, "4b").getByRole("radio", { name: "Vet ej" }).check();
    await item(page, "4c").getByRole("radio", { name: "5 Stämmer helt" }).check();
    await item(page, "4d").getByRole("radio", { name: "3", exact: true }).check();
    await item(page, "4e").getByRole("radio", { name: "1 Stämmer inte alls" }).check();
    await item(page, "4f").getByRole("radio", { name: "2", exact: true }).check();
    await page.getByLabel("5 Vad önskar du att seminarieserien ska bidra med?").fill("Rutiner mellan skola och socialtjänst.");
    // Touch targets: each answer is at least 44 px tall.
    for (const box of [
      await item(page, "4a").getByText("Vet ej").locator("..").boundingBox(),
      await page.locator(".likert__option").first().boundingBox(),
      await page.locator(".survey-choice").first().boundingBox(),
    ]) {
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
    await page.getByLabel("Din kod (frivillig)").fill("ÅÄ");
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-answer-360.png"), fullPage: true });

    const refused = await submit(page, "/enkat/HUDDPRE1", page.getByRole("button", { name: "Skicka svaren" }));
    expect(refused.status()).toBe(400);
    expect(await fieldError(page.getByLabel("Din kod (frivillig)"))).toBe("Koden ska vara 4–12 bokstäver (A–Z) eller siffror.");
    expect(await textOf(page.getByRole("alert"))).toBe(
      "Formuläret innehåller fel. Rätta fälten som är markerade. Koden: Koden ska vara 4–12 bokstäver (A–Z) eller siffror.",
    );
    // Everything typed is still there.
    expect(await item(page, "4b").getByRole("radio", { name: "Vet ej" }).isChecked()).toBe(true);
    expect(await item(page, "2").getByLabel("Socialtjänst").isChecked()).toBe(true);
    expect(await page.getByLabel("5 Vad önskar du att seminarieserien ska bidra med?").inputValue()).toBe("Rutiner mellan skola och socialtjänst.");
    expect(preResponses()).toBe(before);
    await expectNoAxeViolations(page);

    await page.getByLabel("Din kod (frivillig)").fill("blabar-77");
    const sent = await submit(page, "/enkat/HUDDPRE1", page.getByRole("button", { name: "Skicka svaren" }));
    expect(sent.status()).toBeLessThan(400);
    await page.waitForURL(`${server.url}/enkat/HUDDPRE1?tack=1`);
    await expectHeading(page, "Tack!");
    expect(await textOf(page.getByRole("status"))).toBe("Tack för dina svar! Svaren är sparade. Du kan stänga sidan.");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-thanks-360.png"), fullPage: true });

    expect(preResponses()).toBe(before + 1);
    const row = dbGet<{ id: string; sector: string; role: string; pairCode: string; channel: string }>(
      server.databaseFile,
      "select id, sector, role_category as role, pair_code as pairCode, channel from survey_responses where survey_id = ? and channel = 'session_link' and pair_code = 'BLABAR77'",
      preId,
    )!;
    expect(row).toMatchObject({ sector: "socialtjanst", role: "strateg", channel: "session_link" });
    expect(page.url()).not.toContain(row.id);
    expect(
      dbAll(
        server.databaseFile,
        "select i.code, a.value, a.dont_know as dontKnow from survey_answers a join survey_items i on i.id = a.item_id where a.response_id = ? and i.kind = 'likert' order by i.position",
        row.id,
      ),
    ).toEqual([
      { code: "4a", value: 4, dontKnow: 0 },
      { code: "4b", value: null, dontKnow: 1 },
      { code: "4c", value: 5, dontKnow: 0 },
      { code: "4d", value: 3, dontKnow: 0 },
      { code: "4e", value: 1, dontKnow: 0 },
      { code: "4f", value: 2, dontKnow: 0 },
    ]);

    // The staff page counts it.
    const staff = await open({ as: DEMO.huddinge });
    await staff.goto(`${server.url}${surveysPath}`);
    expect(await textOf(staff.getByTestId(`responses-${preId}`))).toBe("62");
    await expectNoAxeViolations(staff);
  });

  it("looks right on a desktop too", async () => {
    const page = await open({ width: 1280, height: 900 });
    await page.goto(roomLink);
    await expectHeading(page, "Förenkät");
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-answer-1280.png"), fullPage: true });
  });

  it("says a closed survey is closed, with its times", async () => {
    const page = await phone();
    expect((await page.goto(`${server.url}/enkat/botkpre1`))?.status()).toBe(200);
    const { startsAt, endsAt } = dbGet<{ startsAt: number; endsAt: number }>(
      server.databaseFile,
      "select s.starts_at as startsAt, s.ends_at as endsAt from surveys v join series_sessions s on s.id = v.series_session_id where v.public_code = 'BOTKPRE1'",
    )!;
    const at = (ms: number) =>
      `${stockholmDate(ms)} kl. ${new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" }).format(new Date(ms))}`;
    expect(await textOf(page.getByRole("status"))).toBe(`Enkäten är stängd. Den var öppen från ${at(startsAt - 30 * 60_000)} till ${at(endsAt + 28 * 86_400_000)}`);
    expect(await page.getByRole("button", { name: "Skicka svaren" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-closed-360.png"), fullPage: true });
  });
});

describe("personal links by e-mail", () => {
  it("mails every enrolled participant a link; one is followed on a phone, answered once, and refused the second time", async () => {
    const enrolled = dbAll<{ email: string }>(
      server.databaseFile,
      "select p.email from enrolments e join people p on p.id = e.person_id where e.series_id = ? and e.status = 'anmald' and trim(p.email) <> '' order by p.id",
      seriesId,
    );
    expect(enrolled).toHaveLength(90);
    const staff = await open({ as: DEMO.huddinge });
    await staff.goto(`${server.url}${surveysPath}`);
    const pre = card(staff, "Förenkät");
    expect(await textOf(pre.locator(".survey-links"))).toContain("90 deltagare får en länk.");
    const mailsBefore = smtp.received.length;
    await submit(staff, surveysPath, pre.getByRole("button", { name: "Skicka personliga enkätlänkar" }));
    expect(await textOf(staff.getByRole("status"))).toBe("90 personliga länkar till Förenkät har skickats.");
    expect(await textOf(card(staff, "Förenkät").locator(".survey-links"))).toContain("Länkar har skickats till 90 deltagare.");
    await expectNoAxeViolations(staff);

    const mails = smtp.received.slice(mailsBefore);
    expect(mails.map((m) => m.to).sort()).toEqual(enrolled.map((p) => p.email).sort());
    const mail = parsePlainTextMessage(mails[0].raw);
    expect(mail.subject).toBe(`Enkät: Förenkät – ${SERIES}`);
    expect(mail.text).toContain(`Här är din personliga länk till Förenkät för ${SERIES} vid Skolnärvaro.`);
    expect(mail.text).toMatch(/Vänliga hälsningar\nLena Ek$/);
    const link = new RegExp(`${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/enkat/personlig/[A-Za-z0-9_-]{43}`).exec(mail.text)![0];

    const before = preResponses();
    const page = await phone();
    expect((await page.goto(link))?.status()).toBe(200);
    await expectHeading(page, "Förenkät");
    expect(await visibleText(page)).toContain("Länken är personlig och fungerar en gång.");
    expect(await visibleText(page)).not.toContain(mails[0].to);
    await item(page, "4a").getByRole("radio", { name: "3", exact: true }).check();
    await item(page, "4b").getByRole("radio", { name: "Vet ej" }).check();
    await submit(page, new URL(link).pathname, page.getByRole("button", { name: "Skicka svaren" }));
    await page.waitForURL(`${link}?tack=1`);
    await expectHeading(page, "Tack!");
    await expectNoAxeViolations(page);
    expect(preResponses()).toBe(before + 1);
    expect(dbGet(server.databaseFile, "select count(*) as n from survey_responses where survey_id = ? and channel = 'personal'", preId)).toEqual({ n: 1 });
    expect(dbGet(server.databaseFile, "select count(*) as n from survey_receipts where survey_id = ?", preId)).toEqual({ n: 1 });

    await page.goto(link);
    await expectHeading(page, "Du har redan svarat");
    expect(await textOf(page.getByRole("status"))).toBe("Du har redan svarat på den här enkäten med din personliga länk. Tack! Länken kan bara användas en gång.");
    expect(await page.getByRole("button", { name: "Skicka svaren" }).count()).toBe(0);
    await expectNoAxeViolations(page);

    const made = await page.goto(`${server.url}/enkat/personlig/${"x".repeat(43)}`);
    expect(made?.status()).toBe(404);
    await expectHeading(page, "Länken fungerar inte");
    await expectNoAxeViolations(page);
  });
});
