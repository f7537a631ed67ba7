/**
 * The participant's session page on a 360 px phone. Sofia (Huddinge) signs in
 * through a link, opens seminar 3 from her overview, downloads it as .ics,
 * replies that she cannot come and names a colleague, who waits for the
 * coordinator. axe finds nothing before and after; nothing scrolls sideways
 * and every control is at least 44 px tall. Screenshots are saved for a
 * person to look at.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "~/lib/format";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser } from "./support/browser";
import { expectHeading, newPage, submit, textOf, visibleText } from "./support/page";
import { dbAll, dbGet, watchBrowserErrors } from "./support/planning";
import { clearPreparation, signInParticipant } from "./support/portal";
import { startServer, type TestServer } from "./support/server";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SOFIA = "sofia.hassan76@huddinge.example";
const TITLE = "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let sessionId: number;
let sessionPath: string;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer("e2e-portal-session");
  // The demo seeds preparation for Huddinge (db/seed-portal.ts); this test starts from nobody having prepared.
  clearPreparation(server.databaseFile);
  browser = await launchBrowser();
  const series = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = 'Processtöd skolnärvaro Huddinge'")!.id;
  sessionId = dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? and position = 3", series)!.id;
  sessionPath = `/mina-sidor/tillfallen/${sessionId}`;
  ({ context, page } = await newPage(browser, { width: 360, height: 740 }));
  errors = watchBrowserErrors(context);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** Nothing wider than the phone, and every control in the page body at least 44 px tall. */
async function expectPhoneFriendly() {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, "vågrät rullning").toBeLessThanOrEqual(widths.client);
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("main a, main button, main input, main summary"))
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ text: (el.innerText || el.getAttribute("name") || "").trim().slice(0, 40), height: el.getBoundingClientRect().height }))
      .filter((el) => el.height < 44),
  );
  expect(small, "tryckytor under 44 px").toEqual([]);
}

describe("the session page on a phone", () => {
  it("opens seminar 3 from the overview and shows when, where, the expert and the preparation", async () => {
    await signInParticipant(page, server.url, server.databaseFile, SOFIA);
    await expectHeading(page, "Mina tillfällen");
    await page.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(`${server.url}${sessionPath}`);
    await expectHeading(page, TITLE);

    const text = await visibleText(page);
    expect(text).toContain("Processtöd skolnärvaro Huddinge");
    expect(await textOf(page.locator(".portal-facts"))).toBe(
      "När 2026-11-24 08:30–12:00 Form På plats Plats Kommunhuset, Huddinge Expert Malin Gren Landell, leg. psykolog",
    );
    expect(await textOf(page.locator(".portal-session__prep"))).toBe(
      "Beräknad förberedelsetid: 3 timmar Förberedelser: 0 av 4 klara Till förberedelserna",
    );
    expect(await page.getByRole("link", { name: "Till förberedelserna" }).getAttribute("href")).toBe(`${sessionPath}/forberedelser`);
    expect(await textOf(page.locator(".portal-session__reply"))).toBe("Du har inte svarat ännu.");
    // Nothing to name before she has said she cannot come.
    expect(await page.getByRole("heading", { name: "Ersättare" }).count()).toBe(0);

    await expectNoAxeViolations(page);
    await expectPhoneFriendly();
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-session-360-before.png"), fullPage: true });
  });

  it("downloads the session as a calendar file", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Lägg till i kalendern" }).click()]);
    expect(download.suggestedFilename()).toBe(`tillfalle-${sessionId}.ics`);
    const lines = fs.readFileSync((await download.path())!, "utf8").replace(/\r\n /g, "").split("\r\n");
    expect(lines).toContain("DTSTART;TZID=Europe/Stockholm:20261124T083000");
    expect(lines).toContain(`SUMMARY:${TITLE} (Processtöd skolnärvaro Huddinge)`);
    expect(lines).toContain(`URL:${server.url}${sessionPath}`);
  });

  it("replies 'Jag kommer inte' and is thanked", async () => {
    await submit(page, sessionPath, page.getByRole("button", { name: "Jag kommer inte" }));
    expect(await textOf(page.getByRole("status"))).toBe("Tack! Vi har sparat ditt svar.");
    expect(await textOf(page.locator(".portal-session__reply"))).toBe(`Du har svarat att du inte kommer – ${formatDate(new Date())}`);
    const reply = dbGet<{ reply: string }>(
      server.databaseFile,
      "select r.reply from session_replies r join people p on p.id = r.person_id where p.email_normalized = ? and r.series_session_id = ?",
      SOFIA,
      sessionId,
    );
    expect(reply).toEqual({ reply: "kommer_inte" });
    await expectNoAxeViolations(page);
  });

  it("names a substitute: a bad address is answered on the field with the values kept, then the colleague waits for the coordinator", async () => {
    await expectHeading(page, TITLE);
    await page.getByLabel("Kollegans namn").fill("Eva Lind");
    await page.getByLabel("Kollegans e-postadress").fill("eva.lind@");
    await page.getByLabel("Arbetsplats (frivilligt)").fill("Vistaskolan");
    const bad = await submit(page, sessionPath, page.getByRole("button", { name: "Föreslå ersättare" }));
    expect(bad.status()).toBe(400);
    expect(await textOf(page.locator("#ersattare-epost-error"))).toBe("Ange en giltig e-postadress, till exempel namn@kommun.se.");
    expect(await page.getByLabel("Kollegans namn").inputValue()).toBe("Eva Lind");
    expect(await page.getByLabel("Arbetsplats (frivilligt)").inputValue()).toBe("Vistaskolan");
    await expectNoAxeViolations(page);
    await expectPhoneFriendly();
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-session-360-errors.png"), fullPage: true });

    await page.getByLabel("Kollegans e-postadress").fill("eva.lind@huddinge.example");
    await submit(page, sessionPath, page.getByRole("button", { name: "Föreslå ersättare" }));
    expect(await textOf(page.getByRole("status"))).toBe("Tack! Vi har sparat din ersättare och meddelat samordnaren.");
    expect(await textOf(page.locator(".portal-sub"))).toBe(
      "Din ersättare: Eva Lind, Vistaskolan eva.lind@huddinge.example Väntar på att samordnaren bekräftar Ta bort ersättaren",
    );
    expect(
      dbAll(
        server.databaseFile,
        "select name, email, workplace, status from substitutions where series_session_id = ?",
        sessionId,
      ),
    ).toEqual([{ name: "Eva Lind", email: "eva.lind@huddinge.example", workplace: "Vistaskolan", status: "foreslagen" }]);
    expect(dbAll(server.databaseFile, "select to_address as a from mail_outbox where lower(to_address) like 'eva.lind@%'")).toEqual([]);
    expect(dbAll(server.databaseFile, "select to_address as a from mail_outbox where subject like 'Ersättare att bekräfta:%'")).toEqual([
      { a: "samordnare@huddinge.example" },
    ]);

    await expectNoAxeViolations(page);
    await expectPhoneFriendly();
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-session-360-after.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "portal-session-1280-after.png"), fullPage: true });
    expect(errors, "fel i webbläsaren").toEqual([]);
  });

  it("works without JavaScript: the reply form posts and redirects to the thank-you notice", async () => {
    const plain = await browser.newContext({ locale: "sv-SE", viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    try {
      const phone = await plain.newPage();
      await signInParticipant(phone, server.url, server.databaseFile, "daniel.holm77@huddinge.example", sessionPath);
      await expectHeading(phone, TITLE);
      await Promise.all([phone.waitForURL(`${server.url}${sessionPath}?sparat=svar`), phone.getByRole("button", { name: "Jag kommer", exact: true }).click()]);
      expect(await textOf(phone.getByRole("status"))).toBe("Tack! Vi har sparat ditt svar.");
      expect(await textOf(phone.locator(".portal-session__reply"))).toBe(`Du har svarat att du kommer – ${formatDate(new Date())}`);
    } finally {
      await plain.close();
    }
  });

  it("shows a cancelled series' session with a notice and no reply buttons", async () => {
    const { context: other, page: phone } = await newPage(browser, { width: 360, height: 740 });
    try {
      const jarfalla = dbGet<{ id: number }>(
        server.databaseFile,
        "select ss.id from series_sessions ss join series s on s.id = ss.series_id where s.name = 'Processtöd skolnärvaro Järfälla' and ss.position = 3",
      )!.id;
      await signInParticipant(phone, server.url, server.databaseFile, "karl.eriksson236@jarfalla.example", `/mina-sidor/tillfallen/${jarfalla}`);
      await expectHeading(phone, TITLE);
      expect(await textOf(phone.locator(".notice--warn"))).toBe(
        "Serien är inställd. Tillfället blir inte av, och du behöver inte svara. Frågor besvaras av kommunens samordnare.",
      );
      expect(await phone.getByRole("button").filter({ hasText: "Jag kommer" }).count()).toBe(0);
      expect(await phone.getByRole("link", { name: "Lägg till i kalendern" }).count()).toBe(0);
      await expectNoAxeViolations(phone);
      await phone.screenshot({ path: path.join(SCREENSHOTS, "portal-session-360-cancelled.png"), fullPage: true });

      // Another series' session by direct URL: a friendly 404, for the page and the calendar file.
      const response = await phone.goto(`${server.url}${sessionPath}`);
      expect(response?.status()).toBe(404);
      await expectHeading(phone, "Sidan finns inte");
      expect(await visibleText(phone)).not.toMatch(/at .*\.js:\d+|Error:/);
      expect((await phone.request.get(`${server.url}${sessionPath}/kalender`)).status()).toBe(404);
    } finally {
      await other.close();
    }
  });
});
