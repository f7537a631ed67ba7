/**
 * Self check-in in a real browser. The process leader opens the check-in
 * screen of Huddinge's seminar 3 (moved to start five minutes ago, so the
 * window is open), reads the code and the QR code off the screen; a
 * participant on a 390 px phone types the code and her e-mail address and is
 * welcomed; a second try says she is already checked in; a wrong code is
 * answered on the field. Personal links sent from the screen check a person
 * in with the code alone. axe finds nothing on any of these pages.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import jsQR from "jsqr";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, submit, textOf, visibleText } from "./support/page";
import { dbAll, dbGet, fieldError, forgePost, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

/** Where the screenshots go for a person to look at; SCREENSHOT_DIR moves them out of tests/.tmp, which each run empties. */
const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const TITLE = "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola";

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];
let seriesId: number;
let sessionId: number;
let screenPath: string;
let code: string;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer("e2e-checkin");
  browser = await launchBrowser();
  seriesId = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = 'Processtöd skolnärvaro Huddinge'")!.id;
  sessionId = dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? and position = 3", seriesId)!.id;
  screenPath = `/serier/${seriesId}/tillfallen/${sessionId}/incheckning`;
  // Seminar 3 started five minutes ago and goes on for three hours: check-in is open.
  const db = new Database(server.databaseFile);
  try {
    db.prepare("update series_sessions set starts_at = ?, ends_at = ? where id = ?").run(Date.now() - 5 * 60_000, Date.now() + 3 * 3_600_000, sessionId);
  } finally {
    db.close();
  }
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

async function open({ as, width, height }: { as?: string; width?: number; height?: number } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, { width, height });
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  if (as) await signIn(page, server.url, as);
  return page;
}

async function phone(): Promise<Page> {
  return open({ width: 390, height: 844 });
}

/** Enrolled Huddinge participants, in id order. */
function huddingeParticipants() {
  return dbAll<{ id: number; name: string; email: string }>(
    server.databaseFile,
    "select p.id, p.name, p.email from enrolments e join people p on p.id = e.person_id where e.series_id = ? and e.status = 'anmald' order by p.id",
    seriesId,
  );
}

function statusOf(personId: number): string | undefined {
  return dbGet<{ status: string }>(server.databaseFile, "select status from attendance where series_session_id = ? and person_id = ?", sessionId, personId)?.status;
}

/** Decodes the QR code in a screenshot of the element, with the browser decoding the PNG. */
async function readQr(page: Page, selector: string): Promise<string | null> {
  const png = await page.locator(selector).screenshot();
  const { width, height, pixels } = await page.evaluate(async (dataUrl) => {
    const image = new Image();
    image.src = dataUrl;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    return { width: canvas.width, height: canvas.height, pixels: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
  }, `data:image/png;base64,${png.toString("base64")}`);
  return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data ?? null;
}

/** Nothing sticks out sideways on a phone. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `vågrät rullning på ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}

describe("self check-in", () => {
  it("shows the process leader the code, a QR code to the check-in page and the window", async () => {
    const page = await open({ as: DEMO.admin, width: 1280, height: 900 });
    const response = await page.goto(`${server.url}${screenPath}`);
    expect(response?.status()).toBe(200);
    await expectHeading(page, `Incheckning: 3. ${TITLE}`);
    code = await textOf(page.getByTestId("checkin-code"));
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(dbGet<{ code: string }>(server.databaseFile, "select checkin_code as code from series_sessions where id = ?", sessionId)!.code).toBe(code);

    const display = await textOf(page.getByRole("region", { name: "Visas på skärmen i lokalen" }));
    expect(display).toContain(`Checka in med din telefon Gå till ${new URL(server.url).host}/incheckning och skriv koden ${code}`);
    // The QR code is an image named by its <title>, as a screen reader finds it.
    await page.getByRole("img", { name: `QR-kod som leder till incheckningen: ${server.url}/incheckning/${code}`, exact: true }).waitFor();
    expect(await readQr(page, ".checkin-qr")).toBe(`${server.url}/incheckning/${code}`);

    expect(await textOf(page.locator(".feed-url"))).toBe(`${server.url}/incheckning/${code}`);
    expect(await visibleText(page)).toContain("Den är öppen nu.");
    const enrolled = huddingeParticipants().length;
    expect(enrolled, "anmälda i Huddinge enligt demodata").toBe(90);
    expect(await visibleText(page)).toContain(`Närvarande hittills: 0 (av ${enrolled} anmälda).`);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "checkin-staff.png"), fullPage: true });

    // As on a projector.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "checkin-staff-projector.png") });
    const codeBox = (await page.getByTestId("checkin-code").boundingBox())!;
    expect(codeBox.height, "koden på en rad").toBeLessThan(200);

    // And on a narrow laptop or tablet the code still fits on one line.
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await page.getByTestId("checkin-code").boundingBox())!.height, "koden på en rad").toBeLessThan(120);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "checkin-staff-narrow.png"), fullPage: true });
  });

  it("lets a participant on a 390 px phone check in with the code and her e-mail address", async () => {
    const anna = huddingeParticipants()[0];
    const firstName = anna.name.split(" ")[0];
    const page = await phone();
    await page.goto(`${server.url}/incheckning`);
    await expectHeading(page, "Incheckning");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);

    await page.getByLabel("Kod").fill(code.toLowerCase());
    await Promise.all([page.waitForURL(`${server.url}/incheckning/${code}`), page.getByRole("button", { name: "Fortsätt" }).click()]);
    expect(await textOf(page.getByRole("region", { name: "Tillfället du checkar in på" }))).toContain(`${TITLE} Processtöd skolnärvaro Huddinge`);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    const button = page.getByRole("button", { name: "Checka in" });
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect((await page.getByLabel("Din e-postadress").boundingBox())!.height).toBeGreaterThanOrEqual(44);

    await page.getByLabel("Din e-postadress").fill(anna.email);
    await page.screenshot({ path: path.join(SCREENSHOTS, "checkin-phone-email.png"), fullPage: true });
    const response = await submit(page, `/incheckning/${code}`, button);
    expect(response.status()).toBe(200);
    expect(await textOf(page.getByRole("status"))).toContain(`Välkommen, ${firstName}! Du är incheckad på ${TITLE}.`);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "checkin-phone-welcome.png"), fullPage: true });
    expect(statusOf(anna.id)).toBe("narvarande");
    expect(
      dbAll(server.databaseFile, "select source, changed_by_id as changedBy from attendance_changes where series_session_id = ? and person_id = ?", sessionId, anna.id),
    ).toEqual([{ source: "checkin", changedBy: null }]);

    // Once more: already checked in, nothing new written.
    await page.goto(`${server.url}/incheckning/${code}`);
    await page.getByLabel("Din e-postadress").fill(anna.email);
    await submit(page, `/incheckning/${code}`, page.getByRole("button", { name: "Checka in" }));
    expect(await textOf(page.getByRole("status"))).toContain(`Du är redan incheckad på ${TITLE}, ${firstName}. Välkommen!`);
    expect(dbAll(server.databaseFile, "select id from attendance_changes where series_session_id = ? and person_id = ?", sessionId, anna.id)).toHaveLength(1);
  });

  it("answers a wrong code on the field, and an address not on the roster without saying more", async () => {
    const page = await phone();
    await page.goto(`${server.url}/incheckning`);
    await page.getByLabel("Kod").fill("ZZZZZZ");
    const response = await submit(page, "/incheckning", page.getByRole("button", { name: "Fortsätt" }));
    expect(response.status()).toBe(400);
    expect(await fieldError(page.getByLabel("Kod"))).toBe("Koden finns inte. Kontrollera att du har skrivit av den rätt och försök igen.");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "checkin-phone-wrong-code.png"), fullPage: true });

    await page.goto(`${server.url}/incheckning/${code}`);
    await page.getByLabel("Din e-postadress").fill("finns.inte@example.org");
    const refused = await submit(page, `/incheckning/${code}`, page.getByRole("button", { name: "Checka in" }));
    expect(refused.status()).toBe(400);
    expect(await textOf(page.getByRole("alert"))).toBe(
      "Vi kunde inte checka in dig med de här uppgifterna. Kontrollera e-postadressen, eller prata med samordnaren vid dörren.",
    );
    await expectNoAxeViolations(page);
  });

  it("sends personal links; a participant opens hers on the phone and checks in with the code alone", async () => {
    const enrolled = huddingeParticipants().length;
    const staff = await open({ as: DEMO.huddinge });
    await staff.goto(`${server.url}${screenPath}`);
    expect(await visibleText(staff)).toContain(`${enrolled} anmälda deltagare med e-postadress får länken.`);
    const before = dbGet<{ id: number | null }>(server.databaseFile, "select max(id) as id from mail_outbox")!.id ?? 0;
    await submit(staff, screenPath, staff.getByRole("button", { name: "Skicka personliga incheckningslänkar" }));
    expect(await textOf(staff.getByRole("status"))).toBe(`${enrolled} personliga incheckningslänkar skickades.`);
    await expectNoAxeViolations(staff);
    const mails = dbAll<{ to: string; body: string }>(server.databaseFile, "select to_address as [to], text_body as body from mail_outbox where id > ?", before);
    expect(mails.map((m) => m.to).sort()).toEqual(huddingeParticipants().map((p) => p.email).sort());
    expect(dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from checkin_tokens")!.n).toBe(enrolled);

    const person = huddingeParticipants()[1];
    const firstName = person.name.split(" ")[0];
    const link = /http:\/\/\S+\/incheckning\/personlig\/\S+/.exec(mails.find((m) => m.to === person.email)!.body)![0];
    const page = await phone();
    await page.goto(link);
    await page.waitForURL(`${server.url}/incheckning?valkommen=1`);
    expect(await textOf(page.getByRole("status"))).toBe(`Hej ${firstName}! Din telefon är nu kopplad till dig. När du är på plats skriver du koden, så är du incheckad.`);
    await expectNoAxeViolations(page);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "processtod_checkin")).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/incheckning" });

    await page.getByLabel("Kod").fill(code);
    await Promise.all([page.waitForURL(`${server.url}/incheckning/${code}`), page.getByRole("button", { name: "Fortsätt" }).click()]);
    // The address changes before React has drawn the new page; wait for what it shows.
    expect(await textOf(page.locator(".checkin-linked"))).toBe(`Du checkar in som ${firstName}.`);
    expect(await page.getByLabel("Din e-postadress").count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "checkin-phone-linked.png"), fullPage: true });
    await submit(page, `/incheckning/${code}`, page.getByRole("button", { name: `Checka in som ${firstName}` }));
    expect(await textOf(page.getByRole("status"))).toContain(`Välkommen, ${firstName}! Du är incheckad på ${TITLE}.`);
    expect(statusOf(person.id)).toBe("narvarande");

    // A made-up link gets a friendly page.
    const forged = await page.goto(`${server.url}/incheckning/personlig/${"x".repeat(43)}`);
    expect(forged?.status()).toBe(404);
    await expectHeading(page, "Länken fungerar inte");
    await expectNoAxeViolations(page);
  });

  it("lets the coordinator change the margin, with a field error for a bad value; the exchange event has the same screen", async () => {
    const page = await open({ as: DEMO.huddinge });
    await page.goto(`${server.url}${screenPath}`);
    const field = page.getByLabel("Marginal i minuter");
    await field.fill("300");
    const bad = await submit(page, screenPath, page.getByRole("button", { name: "Spara marginalen" }));
    expect(bad.status()).toBe(400);
    expect(await fieldError(page.getByLabel("Marginal i minuter"))).toBe("Ange marginalen i hela minuter, från 0 till 240.");
    await expectNoAxeViolations(page);
    await page.getByLabel("Marginal i minuter").fill("45");
    await submit(page, screenPath, page.getByRole("button", { name: "Spara marginalen" }));
    const row = dbGet<{ s: number; e: number; m: number }>(server.databaseFile, "select starts_at as s, ends_at as e, checkin_margin_minutes as m from series_sessions where id = ?", sessionId)!;
    expect(row.m).toBe(45);
    const time = (ms: number) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
    expect(await textOf(page.getByRole("status"))).toContain(`Marginalen är sparad. Incheckningen är öppen`);
    // The session was moved to start a few minutes ago, so in the evening the window runs past midnight and both dates are shown.
    const day = (ms: number) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(ms);
    const [opens, closes] = [row.s - 45 * 60_000, row.e + 45 * 60_000];
    expect(await textOf(page.getByRole("status"))).toContain(
      day(opens) === day(closes) ? `${time(opens)}–${time(closes)}.` : `${day(opens)} ${time(opens)} – ${day(closes)} ${time(closes)}.`,
    );

    const eventId = dbGet<{ id: number }>(server.databaseFile, "select id from exchange_events order by id limit 1")!.id;
    const response = await page.goto(`${server.url}/utbyten/${eventId}/incheckning`);
    expect(response?.status()).toBe(200);
    await expectHeading(page, "Incheckning: Erfarenhetsutbyte 2026/2027");
    expect(await textOf(page.getByTestId("checkin-code"))).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(await visibleText(page)).toContain("Den har inte öppnat än.");
    await expectNoAxeViolations(page);
  });

  it("gives another municipality's coordinator 404 and refuses her forged margin post", async () => {
    const page = await open({ as: DEMO.nacka });
    const response = await page.goto(`${server.url}${screenPath}`);
    expect(response?.status()).toBe(404);
    const forged = await forgePost(page, screenPath, { intent: "margin", marginMinutes: "200" });
    expect(forged.status).toBe(404);
    expect(dbGet<{ m: number }>(server.databaseFile, "select checkin_margin_minutes as m from series_sessions where id = ?", sessionId)!.m, "marginalen som samordnaren sparade").toBe(45);
  });

  // Last: it locks this machine's address out of check-in for 15 minutes.
  it("locks out an address after 30 failed attempts with a clear message (429)", async () => {
    const page = await phone();
    await page.goto(`${server.url}/incheckning`);
    // Failures so far from 127.0.0.1 in this file: one wrong code, one unknown address, one made-up link.
    for (let i = 0; i < 27; i++) {
      const attempt = await forgePost(page, "/incheckning", { code: `FEL${i}` });
      expect(attempt.status).toBe(400);
    }
    const response = await page.goto(`${server.url}/incheckning/${code}`);
    expect(response?.status()).toBe(429);
    await expectHeading(page, "Försök igen senare");
    expect(await textOf(page.getByRole("alert"))).toBe(
      "För många felaktiga försök från den här uppkopplingen. Försök igen om 15 minuter, eller prata med samordnaren vid dörren.",
    );
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
  });
});
