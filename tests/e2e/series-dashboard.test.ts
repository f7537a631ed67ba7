/**
 * The series dashboard as Botkyrka's coordinator uses it: reached from the
 * series page, the health-care alert first (nobody from health care came to
 * seminar 3 in the demo), tables on the server with the database's numbers,
 * charts drawn after hydration, a CSV that says the same as the page, and a
 * print view without the site's navigation.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isCsvError, parseCsv } from "~/lib/csv";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, fold, newPage, settle, tableRows, textOf } from "./support/page";
import { dbAll, dbGet, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

/** Where the screenshots go for a person to look at; SCREENSHOT_DIR moves them out of tests/.tmp, which each run empties. */
const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Botkyrka";
const SECTOR_NAMES: Record<string, string> = {
  skola: "Skola",
  socialtjanst: "Socialtjänst",
  halso_sjukvard: "Hälso- och sjukvård",
  annat: "Annat",
  vill_ej_uppge: "Vill ej uppge",
};

beforeAll(async () => {
  server = await startServer("e2e-series-dashboard");
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  ({ context, page } = await newPage(browser));
  browserErrors = watchBrowserErrors(context);
});

afterEach(async () => {
  await context?.close();
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

const botkyrkaId = () => dbGet<{ id: number }>(server.databaseFile, "select id from series where name = ?", SERIES)!.id;

/** The footer rows of a table (the totals), as folded cell texts. */
async function footRows(table: Locator): Promise<string[][]> {
  return table.locator("tfoot tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => ((cell as HTMLElement).innerText ?? "").replace(/\s+/g, " ").trim())),
  );
}

/** "12,5 %" as the page shows it once non-breaking spaces are folded. */
const percent = (part: number, whole: number) => `${(Math.round((part / whole) * 1000) / 10).toFixed(1).replace(".", ",")} %`;

/** The sector table straight from the server's database: one row per sector, count and share per seminar, then the total. */
function expectedSectorRows(seriesId: number): string[][] {
  const sessions = dbAll<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? order by position", seriesId);
  const counts = dbAll<{ session: number; sector: string; n: number }>(
    server.databaseFile,
    `select a.series_session_id as session, p.sector, count(*) as n from attendance a join people p on p.id = a.person_id
     where a.series_id = ? and a.status in ('narvarande', 'sen') and a.series_session_id is not null group by 1, 2`,
    seriesId,
  );
  const total = (session: number) => counts.filter((c) => c.session === session).reduce((s, c) => s + c.n, 0);
  const rows = Object.entries(SECTOR_NAMES).map(([sector, name]) => [
    name,
    ...sessions.flatMap((s) => {
      const n = counts.find((c) => c.session === s.id && c.sector === sector)?.n ?? 0;
      return [String(n), percent(n, total(s.id))];
    }),
  ]);
  return [...rows, ["Totalt", ...sessions.flatMap((s) => [String(total(s.id)), "100,0 %"])]];
}

describe("the series dashboard", () => {
  it("is reached from the series page and opens with the health-care alert, with no axe violations", async () => {
    await signIn(page, server.url, DEMO.botkyrka);
    const id = botkyrkaId();
    await page.goto(`${server.url}/serier/${id}`);
    await page.getByRole("link", { name: "Översikt: representation och bortfall" }).click();
    await page.waitForURL(`**/serier/${id}/oversikt`);
    await settle(page);
    await expectHeading(page, `Översikt: ${SERIES}`);

    // The alerts come first, before any figures.
    expect(await textOf(page.locator("main h2").first())).toBe("Att åtgärda");
    const alerts = page.getByRole("status").getByRole("listitem");
    const seminar3 = dbGet<{ starts_at: number }>(server.databaseFile, "select starts_at from series_sessions where series_id = ? and position = 3", id)!;
    const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date(seminar3.starts_at));
    // textContent: the words as written (the severity label is only styled in capitals).
    expect(fold((await alerts.first().textContent()) ?? "")).toBe(
      `Allvarligt: Ingen från hälso- och sjukvården kom till tillfälle 3 (${day}), seriens sista seminarium – det som handlar om samverkan. ` +
        "Ta upp det med regionens kontaktperson, och bjud in BUP, vårdcentralen och elevhälsans medicinska del till erfarenhetsutbytet och det fortsatta arbetet.",
    );
    expect(await alerts.first().getAttribute("class")).toContain("notice--error");
    // And the database agrees: nobody from health care among seminar 3's attendees.
    const health = dbGet<{ n: number }>(
      server.databaseFile,
      `select count(*) as n from attendance a join people p on p.id = a.person_id join series_sessions s on s.id = a.series_session_id
       where s.series_id = ? and s.position = 3 and p.sector = 'halso_sjukvard' and a.status in ('narvarande', 'sen')`,
      id,
    )!.n;
    expect(health).toBe(0);
    // Social services' drop-off, 12 → 6, is among the warnings.
    expect((await alerts.allTextContents()).map(fold)).toContain(
      "Varning: Socialtjänst: 12 deltog vid tillfälle 1 men 6 vid tillfälle 3, ett bortfall på 50,0 % (larmgränsen är 25,0 %). " +
        "Fråga dem som slutat komma vad som hindrar dem, och påminn om att en kollega från samma verksamhet kan gå i deras ställe.",
    );

    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "series-dashboard.png"), fullPage: true });
  });

  it("renders its tables on the server and draws the three charts in the browser, with the database's numbers", async () => {
    await signIn(page, server.url, DEMO.botkyrka);
    const id = botkyrkaId();

    // The server's HTML already holds the tables and the summaries, but no canvas.
    const html = await (await page.request.get(`${server.url}/serier/${id}/oversikt`)).text();
    expect(html).toContain('id="tabell-sektorer"');
    expect(html).toContain('id="tabell-tratt"');
    expect(html).toContain('id="tabell-bortfall"');
    expect(html).not.toContain("<canvas");

    await page.goto(`${server.url}/serier/${id}/oversikt`);
    await settle(page);
    const canvases = page.locator(".chart-figure__canvas canvas");
    await canvases.nth(2).waitFor();
    expect(await canvases.count()).toBe(3);
    // Each canvas has coloured pixels: the chart was drawn, not just created.
    const drawn = await canvases.evaluateAll((els) =>
      els.map((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        return painted;
      }),
    );
    expect(drawn.every((n) => n > 1000), `målade pixlar ${drawn}`).toBe(true);
    // Hidden from screen readers, which read the table instead.
    expect(await page.locator(".chart-figure__canvas").first().getAttribute("aria-hidden")).toBe("true");

    expect([...(await tableRows(page.locator("#tabell-sektorer"))), ...(await footRows(page.locator("#tabell-sektorer")))]).toEqual(
      expectedSectorRows(id),
    );
    const [d1, , d3] = dbAll<{ starts_at: number }>(server.databaseFile, "select starts_at from series_sessions where series_id = ? order by position", id).map(
      (s) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date(s.starts_at)),
    );
    expect(await textOf(page.locator("#chart-sectors-summary"))).toBe(`Vid tillfälle 3 (${d3}) kom 0 av 49 deltagare (0,0 %) från hälso- och sjukvården.`);
    expect(d1).toBe("2026-02-10");
  });

  it("downloads the sector table as CSV for Swedish Excel, with the page's numbers", async () => {
    await signIn(page, server.url, DEMO.botkyrka);
    const id = botkyrkaId();
    await page.goto(`${server.url}/serier/${id}/oversikt`);
    const pageRows = [...(await tableRows(page.locator("#tabell-sektorer"))), ...(await footRows(page.locator("#tabell-sektorer")))];
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Ladda ner deltagare per verksamhet som CSV (Excel)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("oversikt-sektorer-processtod-skolnarvaro-botkyrka.csv");
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(bytes.subarray(3).toString("utf8"));
    if (isCsvError(table)) throw new Error(`CSV kunde inte läsas: ${table.code}`);
    expect(table.separator).toBe(";");
    expect(table.header).toEqual([
      "Verksamhet",
      "Tillfälle 1 (2026-02-10) antal",
      "Tillfälle 1 (2026-02-10) andel",
      "Tillfälle 2 (2026-03-17) antal",
      "Tillfälle 2 (2026-03-17) andel",
      "Tillfälle 3 (2026-04-21) antal",
      "Tillfälle 3 (2026-04-21) andel",
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual(pageRows);
    expect(table.rows.map((r) => r.cells)).toEqual(expectedSectorRows(id));
  });

  it("prints without navigation, buttons or download links, and keeps the alerts and tables", async () => {
    await signIn(page, server.url, DEMO.botkyrka);
    await page.goto(`${server.url}/serier/${botkyrkaId()}/oversikt`);
    await settle(page);
    await expect(page.getByRole("button", { name: "Skriv ut" }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Huvudmeny" }).isVisible()).toBe(false);
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Skriv ut" }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: /som CSV \(Excel\)/ }).first().isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Tillbaka till serien" }).isVisible()).toBe(false);
    expect(await page.getByRole("status").getByRole("listitem").first().isVisible()).toBe(true);
    expect(await page.locator("#tabell-sektorer").isVisible()).toBe(true);
    // A chart is never split across two printed pages.
    expect(await page.locator(".chart-figure").first().evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
    await page.screenshot({ path: path.join(SCREENSHOTS, "series-dashboard-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", path: path.join(SCREENSHOTS, "series-dashboard.pdf") });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("fits a phone without the page scrolling sideways", async () => {
    const { context: phoneContext, page: phone } = await newPage(browser, { width: 390, height: 844 });
    const errors = watchBrowserErrors(phoneContext);
    try {
      await signIn(phone, server.url, DEMO.botkyrka);
      await phone.goto(`${server.url}/serier/${botkyrkaId()}/oversikt`);
      await settle(phone);
      await expectHeading(phone, `Översikt: ${SERIES}`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectNoAxeViolations(phone);
      await phone.screenshot({ path: path.join(SCREENSHOTS, "series-dashboard-phone.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await phoneContext.close();
    }
  });

  it("is not shown to another municipality's coordinator (404) or to the sponsor (403), page, CSV and JSON alike", async () => {
    const id = botkyrkaId();
    await signIn(page, server.url, DEMO.huddinge);
    for (const url of [`/serier/${id}/oversikt`, `/serier/${id}/oversikt/sektorer.csv`, `/serier/${id}/oversikt.json`]) {
      expect((await page.goto(`${server.url}${url}`))?.status(), url).toBe(404);
    }
    const { context: sponsorContext, page: sponsor } = await newPage(browser);
    try {
      await signIn(sponsor, server.url, DEMO.sponsor);
      for (const url of [`/serier/${id}/oversikt`, `/serier/${id}/oversikt/tratt.csv`, `/serier/${id}/oversikt.json`]) {
        expect((await sponsor.request.get(`${server.url}${url}`)).status(), url).toBe(403);
      }
      await sponsor.goto(`${server.url}/serier/${id}`);
      await expectHeading(sponsor, SERIES);
      expect(await sponsor.getByRole("link", { name: /Översikt: representation/ }).count()).toBe(0);
    } finally {
      await sponsorContext.close();
    }
  });
});
