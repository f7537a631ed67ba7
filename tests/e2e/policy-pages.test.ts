/**
 * The privacy notice and the accessibility statement in a real browser
 * (issue #11, item 6). Anonymous visitors reach both from the footer of the
 * start page; both have their headings and no axe violations at 1280 and
 * 360 px; a problem report goes through the form as a person would send it
 * (a missing description first, then the confirmation); the process leader
 * finds it in the report list, and a coordinator gets 403 there.
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
import { expectHeading, newPage, tableRows, textOf } from "./support/page";
import { dbAll, fieldError, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer("e2e-policy");
  browser = await launchBrowser();
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

async function h2s(page: Page): Promise<string[]> {
  return (await page.locator("main h2").allInnerTexts()).map((s) => s.trim());
}

describe("the pages, for anyone", () => {
  it("are linked from the footer of the start page", async () => {
    const page = await open();
    await page.goto(server.url);
    const footer = page.getByRole("navigation", { name: "Om tjänsten" });
    await footer.getByRole("link", { name: "Personuppgiftspolicy" }).click();
    await page.waitForURL(`${server.url}/personuppgiftspolicy`);
    await expectHeading(page, "Personuppgiftspolicy");
    await page.getByRole("navigation", { name: "Om tjänsten" }).getByRole("link", { name: "Tillgänglighetsredogörelse" }).click();
    await page.waitForURL(`${server.url}/tillganglighetsredogorelse`);
    await expectHeading(page, "Tillgänglighetsredogörelse");
  });

  it("the privacy notice names the controller, the data, the rights and the cookies", async () => {
    for (const [width, height] of [
      [1280, 900],
      [360, 780],
    ]) {
      const page = await open({ width, height });
      const response = await page.goto(`${server.url}/personuppgiftspolicy`);
      expect(response?.status()).toBe(200);
      await expectHeading(page, "Personuppgiftspolicy");
      expect(await h2s(page)).toEqual([
        "Vem är personuppgiftsansvarig?",
        "Vilka uppgifter vi sparar",
        "Varför vi behandlar uppgifterna",
        "Rättslig grund",
        "Vem ser vad",
        "Hur länge uppgifterna sparas",
        "Dina rättigheter",
        "Klagomål",
        "Kakor (cookies)",
      ]);
      expect(await textOf(page.locator("main p").filter({ hasText: "Personuppgiftsansvarig för" }))).toBe(
        "Personuppgiftsansvarig för Processtöd är Ifous (Innovation, forskning och utveckling i skola och förskola), som tillhandahåller tjänsten.",
      );
      await expect(page.getByRole("link", { name: "dataskydd@ifous.example" }).first().getAttribute("href")).resolves.toBe("mailto:dataskydd@ifous.example");
      expect(await page.locator(".policy-cookies dt").allInnerTexts()).toEqual([
        "processtod_auth",
        "processtod_deltagare",
        "processtod_checkin",
        "lang",
        "processtod_paper",
      ]);
      expect(await textOf(page.locator("li").filter({ hasText: "Uppdragsgivare ser" }))).toContain("Grupper med färre än 5 personer visas inte.");
      // No horizontal scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `personuppgiftspolicy-${width}.png`), fullPage: true });
    }
  });

  it("the accessibility statement follows DIGG's model and links to DIGG", async () => {
    for (const [width, height] of [
      [1280, 900],
      [360, 780],
    ]) {
      const page = await open({ width, height });
      const response = await page.goto(`${server.url}/tillganglighetsredogorelse`);
      expect(response?.status()).toBe(200);
      await expectHeading(page, "Tillgänglighetsredogörelse");
      expect(await h2s(page)).toEqual([
        "Hur tillgänglig är tjänsten?",
        "Vad kan du göra om du inte kan använda delar av tjänsten?",
        "Rapportera brister i tjänstens tillgänglighet",
        "Tillsyn",
        "Teknisk information om tjänstens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat tjänsten",
      ]);
      await expect(page.getByRole("link", { name: "Anmäl till DIGG (digg.se)" }).getAttribute("href")).resolves.toBe("https://www.digg.se/tdosanmalan");
      expect(await textOf(page.locator("main li").filter({ hasText: "Samtalsgrupper" }))).toContain("Använd Flytta till bredvid varje namn");
      // Anonymous visitors are not offered the report list.
      expect(await page.getByRole("link", { name: "Se inkomna rapporter" }).count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `tillganglighetsredogorelse-${width}.png`), fullPage: true });
    }
  });
});

describe("reporting a problem", () => {
  it("goes through the form on a phone: a missing description is said on the field, then the report is sent", async () => {
    const page = await open({ width: 360, height: 780 });
    // Coming from the portal's sign-in page fills in where the problem is.
    await page.goto(`${server.url}/mina-sidor/logga-in`);
    await page.getByRole("navigation", { name: "Om tjänsten" }).getByRole("link", { name: "Tillgänglighetsredogörelse" }).click();
    await expectHeading(page, "Tillgänglighetsredogörelse");
    const pageField = page.getByLabel("Sidans adress (frivilligt)");
    expect(await pageField.inputValue()).toBe("/mina-sidor/logga-in");

    await page.getByLabel("Ditt namn (frivilligt)").fill("Karin Berg");
    await page.getByLabel("Din e-postadress (frivilligt)").fill("karin.berg@nacka.example");
    await page.getByRole("button", { name: "Skicka rapporten" }).click();
    const description = page.getByLabel("Beskriv problemet");
    await expect.poll(() => fieldError(description)).toBe("Beskriv problemet.");
    // What was typed is kept.
    expect(await page.getByLabel("Ditt namn (frivilligt)").inputValue()).toBe("Karin Berg");
    await expectNoAxeViolations(page);
    expect(dbAll(server.databaseFile, "select id from accessibility_reports")).toEqual([]);

    await description.fill("Knappen Skicka inloggningslänk syns inte när texten är förstorad till 200 %.");
    await page.getByRole("button", { name: "Skicka rapporten" }).click();
    const confirmation = page.getByRole("status").filter({ hasText: "Tack för din rapport" });
    expect(await textOf(confirmation)).toBe(
      "Tack för din rapport Rapporten är skickad. Har du lämnat en e-postadress svarar vi dig där. Skicka en rapport till",
    );
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "tillganglighetsredogorelse-skickad-360.png"), fullPage: true });

    expect(dbAll(server.databaseFile, "select name, email, page_url, description from accessibility_reports")).toEqual([
      {
        name: "Karin Berg",
        email: "karin.berg@nacka.example",
        page_url: "/mina-sidor/logga-in",
        description: "Knappen Skicka inloggningslänk syns inte när texten är förstorad till 200 %.",
      },
    ]);
    const id = dbAll<{ id: number }>(server.databaseFile, "select id from accessibility_reports")[0].id;
    expect(dbAll(server.databaseFile, "select to_address, subject from mail_outbox where subject like 'Rapport om tillgänglighet%'")).toEqual([
      { to_address: "tillganglighet@ifous.example", subject: `Rapport om tillgänglighet i Processtöd (nr ${id})` },
    ]);
  });

  it("shows the process leader the report in the list", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}/tillganglighetsredogorelse`);
    await page.getByRole("link", { name: "Se inkomna rapporter" }).click();
    await expectHeading(page, "Rapporter om tillgänglighet");
    const rows = await tableRows(page.getByRole("table"));
    expect(rows.map((r) => r.slice(1))).toEqual([
      ["/mina-sidor/logga-in", "Knappen Skicka inloggningslänk syns inte när texten är förstorad till 200 %.", "Karin Berg karin.berg@nacka.example"],
    ]);
    expect(rows[0][0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "tillganglighetsrapporter-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "tillganglighetsrapporter-360.png"), fullPage: true });
  });

  it("answers a coordinator 403 on the list, and still shows them both pages", async () => {
    const page = await open({ as: DEMO.huddinge });
    const list = await page.goto(`${server.url}/tillganglighetsredogorelse/rapporter`);
    expect(list?.status()).toBe(403);
    await expectHeading(page, "Ingen behörighet");
    expect(await page.getByRole("navigation", { name: "Om tjänsten" }).getByRole("link").allInnerTexts()).toEqual([
      "Personuppgiftspolicy",
      "Tillgänglighetsredogörelse",
    ]);
    const statement = await page.goto(`${server.url}/tillganglighetsredogorelse`);
    expect(statement?.status()).toBe(200);
    expect(await page.getByRole("link", { name: "Se inkomna rapporter" }).count()).toBe(0);
    expect((await page.goto(`${server.url}/personuppgiftspolicy`))?.status()).toBe(200);
  });

  it("sends an anonymous visitor of the list to the sign-in page", async () => {
    const page = await open();
    await page.goto(`${server.url}/tillganglighetsredogorelse/rapporter`);
    await page.waitForURL((url) => url.pathname === "/logga-in");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/tillganglighetsredogorelse/rapporter");
  });
});
