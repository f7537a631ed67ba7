/**
 * The county dashboard (Länsöversikt) as the sponsor uses it: from the menu,
 * with the county filter changed and changed back, a CSV download that holds
 * the page's numbers, charts drawn after hydration, a clean printout, no
 * participant's name or address anywhere in the HTML, no axe violations, and
 * the same page in English.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countyDashboardSv } from "../../app/i18n/county-dashboard.sv";
import { sv } from "../../app/i18n/sv";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, fold, navLinks, newPage, settle, textOf } from "./support/page";
import { dbAll, dbGet, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

/** Where the screenshots go for a person to look at; SCREENSHOT_DIR moves them out of tests/.tmp, which each run empties. */
const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");

beforeAll(async () => {
  server = await startServer("e2e-county-dashboard");
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

/**
 * The body rows of a table as the eye reads them: a hidden figure by its
 * visible mark ("<5", "dold", "–"), not by the words for screen readers.
 */
async function visibleRows(page: Page, tableId: string): Promise<string[][]> {
  const table = page.locator(`#${tableId}`);
  await table.waitFor();
  return table.locator("tbody tr, tfoot tr").evaluateAll((rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll("th, td")).map((cell) => {
        const mark = cell.querySelector('[aria-hidden="true"]');
        return ((mark ?? cell).textContent ?? "").replace(/\s+/g, " ").trim();
      }),
    ),
  );
}

/** The heading rows of a table, as the eye reads them. */
async function headRows(page: Page, tableId: string): Promise<string[][]> {
  const table = page.locator(`#${tableId}`);
  await table.waitFor();
  return table.locator("thead tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th")).map((cell) => (cell.textContent ?? "").replace(/\s+/g, " ").trim())),
  );
}

/** Whether each chart's canvas exists and has something drawn on it. */
async function chartsDrawn(page: Page): Promise<boolean[]> {
  await page.waitForFunction(() => document.querySelectorAll(".chart-figure__canvas canvas").length >= 3);
  return page.locator(".chart-figure__canvas canvas").evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((canvas) => {
      if (canvas.width === 0 || canvas.height === 0) return false;
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
      return false;
    }),
  );
}

async function openFromMenu(page: Page) {
  await signIn(page, server.url, DEMO.sponsor);
  expect(await navLinks(page)).toContain("Länsöversikt");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Länsöversikt" }).click();
  await page.waitForURL("**/lan");
  await settle(page);
  await expectHeading(page, "Länsöversikt");
}

/** The CSV as cells, after checking it is UTF-8 with BOM for Excel. */
function readCsv(file: string): string[][] {
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes
    .subarray(3)
    .toString("utf8")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(";"));
}

describe("the sponsor's county dashboard", () => {
  it("opens from the menu on Stockholm County, with the states from the database, drawn charts and no axe violations", async () => {
    await openFromMenu(page);
    expect(await page.getByLabel("Län", { exact: true }).inputValue()).toBe("01");
    expect(fold(await textOf(page.locator(".county-showing")))).toBe("Visar Stockholms län, alla terminer. 5 serier i urvalet (alla statusar).");

    // States: Botkyrka completed, Huddinge running, Nacka planned, the other 23 none; 13 districts none.
    const states = await visibleRows(page, "tabell-lage");
    expect(states).toEqual([
      ["Har genomfört en serie", "1", "0"],
      ["Har en pågående serie", "1", "0"],
      ["Har en planerad serie", "1", "0"],
      ["Ingen serie", "23", "13"],
      ["Totalt", "26", "13"],
      ["Har genomfört minst en serie, oavsett läge i dag", "1", "0"],
    ]);
    const municipalities = await visibleRows(page, "tabell-kommuner");
    expect(municipalities).toHaveLength(26 + 1);
    const byName = (name: string) => municipalities.find((r) => r[0] === name)!;
    expect(byName("Botkyrka").slice(0, 3)).toEqual(["Botkyrka", "1 genomförd", "Genomförd"]);
    expect(byName("Huddinge").slice(0, 3)).toEqual(["Huddinge", "1 pågående", "Pågående"]);
    expect(byName("Järfälla").slice(0, 3)).toEqual(["Järfälla", "1 avbruten", "Ingen serie"]);
    // The sponsor sees small groups as "<5", and their partners as "dold"; Huddinge's 66 from school stays.
    const enrolledHuddinge = dbGet<{ n: number }>(
      server.databaseFile,
      "select count(*) as n from enrolments e join series s on s.id = e.series_id where s.name = 'Processtöd skolnärvaro Huddinge' and e.status = 'anmald'",
    )!.n;
    expect(byName("Huddinge")[3]).toBe(String(enrolledHuddinge));
    expect(byName("Huddinge")[6]).toBe("<5");
    expect(municipalities.flat()).toContain("dold");
    expect(await page.getByText("färre än 5 personer").first().count()).toBe(1);

    // Charts are drawn in the browser after hydration, beside their tables.
    expect(await chartsDrawn(page)).toEqual([true, true, true]);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "county-dashboard-stockholm.png"), fullPage: true });
  });

  it("changes the county (Skåne: no series, honest empty states) and back", async () => {
    await openFromMenu(page);
    await page.getByLabel("Län", { exact: true }).selectOption({ label: "Skåne län" });
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL((url) => url.searchParams.get("lan") === "12");
    await settle(page);
    expect(fold(await textOf(page.locator(".county-showing")))).toBe("Visar Skåne län, alla terminer. 0 serier i urvalet (alla statusar).");
    await expect(page.getByText("Det finns inga serier i Skåne län med de här filtren, så alla kommuner står som ”Ingen serie”.").isVisible()).resolves.toBe(true);
    // Sponsors do not plan series, so they are not told to.
    expect(await page.getByText("Planera en serie").count()).toBe(0);
    await expect(page.getByText("Ingen närvaro vid seminarier är registrerad i Skåne län").isVisible()).resolves.toBe(true);
    expect((await visibleRows(page, "tabell-lage"))[3]).toEqual(["Ingen serie", "33"]);
    expect(await visibleRows(page, "tabell-kommuner")).toHaveLength(33 + 1);
    // No district table in a county without districts.
    expect(await page.locator("#tabell-stadsdelar").count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "county-dashboard-skane.png"), fullPage: true });

    await page.getByLabel("Län", { exact: true }).selectOption({ label: "Stockholms län" });
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL((url) => url.searchParams.get("lan") === "01");
    await settle(page);
    expect(await visibleRows(page, "tabell-kommuner")).toHaveLength(26 + 1);
    expect(await chartsDrawn(page)).toEqual([true, true, true]);
  });

  it("downloads the municipality table as CSV with the same numbers as the page", async () => {
    await openFromMenu(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Ladda ner kommuntabellen som CSV (Excel)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("lan-01-kommuner.csv");
    const csv = readCsv((await download.path())!);
    expect(csv[0][0]).toBe("Kommun");
    expect(csv[0]).toHaveLength(11);
    // The page writes shares as "2,7 %" and the CSV "2,7" under a (%) heading; everything else is identical.
    const pageRows = (await visibleRows(page, "tabell-kommuner")).map((r) => r.map((cell) => cell.replace(/\s%$/, "").replace(/\s/g, "")));
    const csvRows = csv.slice(1).map((r) => r.map((cell) => cell.replace(/\s/g, "")));
    expect(csvRows).toEqual(pageRows);

    // And the terms table, with its hidden health-care figures.
    const [termsDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Ladda ner verksamheter per termin som CSV (Excel)" }).click(),
    ]);
    const terms = readCsv((await termsDownload.path())!);
    const termsPage = (await visibleRows(page, "tabell-terminer")).map((r) => r.map((cell) => cell.replace(/\s%$/, "").replace(/\s/g, "")));
    expect(terms.slice(1).map((r) => r.map((c) => c.replace(/\s/g, "")))).toEqual(termsPage);
    expect(terms.slice(1).map((r) => r[0])).toEqual(["HT 2025", "VT 2026", "HT 2026", "Summa av terminerna"]);
  });

  it("prints without the menu, the filters or the download links", async () => {
    await openFromMenu(page);
    await chartsDrawn(page);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Huvudmeny" }).isVisible()).toBe(false);
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByLabel("Län", { exact: true }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Ladda ner kommuntabellen som CSV (Excel)" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Skriv ut" }).isVisible()).toBe(false);
    expect(await page.locator("#tabell-kommuner").isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, "county-dashboard-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", path: path.join(SCREENSHOTS, "county-dashboard.pdf") });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("has no participant's name, e-mail address or workplace anywhere in the HTML", async () => {
    await openFromMenu(page);
    const people = dbAll<{ name: string; email: string; workplace: string | null }>(server.databaseFile, "select name, email, workplace from people");
    expect(people.length).toBeGreaterThan(250);
    const needles = [...new Set(people.flatMap((p) => [p.name, p.email, p.workplace].filter((v): v is string => !!v)))];
    for (const query of ["", "?termin=HT+2026", "?lan=12"]) {
      // The server's HTML, loader data included, as a fresh request gets it.
      const response = await page.request.get(`${server.url}/lan${query}`);
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toContain("Länsöversikt");
      expect({ query, found: needles.filter((n) => html.includes(n)) }).toEqual({ query, found: [] });
    }
    // And what the browser holds after hydration.
    const live = await page.content();
    expect(needles.filter((n) => live.includes(n))).toEqual([]);
  });

  it("fits a phone: the page does not scroll sideways", async () => {
    const { context: phoneContext, page: phone } = await newPage(browser, { width: 390, height: 844 });
    const errors = watchBrowserErrors(phoneContext);
    try {
      await signIn(phone, server.url, DEMO.sponsor);
      await phone.goto(`${server.url}/lan`);
      await expectHeading(phone, "Länsöversikt");
      await chartsDrawn(phone);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectNoAxeViolations(phone);
      await phone.screenshot({ path: path.join(SCREENSHOTS, "county-dashboard-phone.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await phoneContext.close();
    }
  });
});

describe("who else", () => {
  it("shows the process leader exact figures, and refuses a coordinator with 403", async () => {
    await signIn(page, server.url, DEMO.admin);
    await page.goto(`${server.url}/lan`);
    await expectHeading(page, "Länsöversikt");
    const huddinge = (await visibleRows(page, "tabell-kommuner")).find((r) => r[0] === "Huddinge")!;
    const health = dbGet<{ n: number }>(
      server.databaseFile,
      `select count(distinct a.person_id) as n from attendance a join people p on p.id = a.person_id
       join series_sessions ss on ss.id = a.series_session_id and ss.kind = 'seminarium'
       join series s on s.id = a.series_id where s.name = 'Processtöd skolnärvaro Huddinge'
       and a.status in ('narvarande', 'sen') and p.sector = 'halso_sjukvard'`,
    )!.n;
    expect(huddinge[6]).toBe(String(health));
    expect((await visibleRows(page, "tabell-kommuner")).flat()).not.toContain("<5");
    await expectNoAxeViolations(page);

    const { context: coordinatorContext, page: coordinator } = await newPage(browser);
    try {
      await signIn(coordinator, server.url, DEMO.huddinge);
      expect(await navLinks(coordinator)).not.toContain("Länsöversikt");
      const response = await coordinator.goto(`${server.url}/lan`);
      expect(response?.status()).toBe(403);
    } finally {
      await coordinatorContext.close();
    }
  });
});

/**
 * Swedish catalogue text that must not turn up on the English page: each
 * Swedish message of the dashboard (and the sector and status names it uses)
 * split at its {placeholders}, keeping the pieces that hold a word. A key left
 * untranslated (its English text a copy of the Swedish) shows up here.
 */
function swedishFragments(): string[] {
  const shared = Object.entries(sv).filter(([key]) => key.startsWith("sector.") || key.startsWith("seriesStatus."));
  const fragments = [...Object.values(countyDashboardSv), ...shared.map(([, value]) => value)]
    .flatMap((message) => message.split(/\{\w+\}/))
    .map((piece) => piece.trim())
    .filter((piece) => /\p{L}{4}/u.test(piece));
  return [...new Set(fragments)];
}

describe("in English", () => {
  it("switches to English on the page and shows English headings, labels, hidden-cell words and English number format", async () => {
    await openFromMenu(page);
    const swedishMunicipalities = await visibleRows(page, "tabell-kommuner");
    await Promise.all([
      page.waitForFunction(() => document.documentElement.lang === "en"),
      page.locator("form.lang-switch button").click(),
    ]);
    await settle(page);
    expect(new URL(page.url()).pathname).toBe("/lan");
    await expectHeading(page, "County overview");
    expect(await page.title()).toBe("County overview – Processtöd");
    const menu = page.getByRole("navigation", { name: "Main menu" });
    expect(await menu.getByRole("link", { name: "County overview" }).getAttribute("aria-current")).toBe("page");

    // Filters: labels, the default choices and the button.
    const filters = page.getByRole("form", { name: "Filters" });
    expect(await filters.getByLabel("County", { exact: true }).inputValue()).toBe("01");
    expect(fold(await filters.getByLabel("Term", { exact: true }).locator("option:checked").innerText())).toBe("All terms");
    expect(fold(await filters.getByLabel("Process leader", { exact: true }).locator("option:checked").innerText())).toBe("All process leaders");
    expect(await filters.getByRole("button", { name: "Show" }).isVisible()).toBe(true);
    expect(fold(await textOf(page.locator(".county-showing")))).toBe("Showing Stockholms län, all terms. 5 series selected (every status).");
    expect(await textOf(page.locator(".county-dashboard > p.help"))).toBe(
      "The figures are aggregated. A group of fewer than 5 people is shown as “<5”. Where a total would otherwise give such a group away, the next smallest figure in that row or column is hidden too, shown as “hidden”.",
    );

    // Section headings.
    expect((await page.locator("main h2").allInnerTexts()).map(fold)).toEqual([
      "Where the municipalities stand",
      "Sectors per term",
      "The municipalities",
      "The district areas",
      "Export and print",
    ]);

    // The states table: English headings and state names, the same counts.
    expect(await textOf(page.locator("#tabell-lage caption"))).toBe("Municipalities and district areas by state – Stockholms län, all terms");
    expect(await headRows(page, "tabell-lage")).toEqual([["State", "Municipalities (26)", "District areas (13)"]]);
    expect(await visibleRows(page, "tabell-lage")).toEqual([
      ["Has completed a series", "1", "0"],
      ["Has a series in progress", "1", "0"],
      ["Has a planned series", "1", "0"],
      ["No series", "23", "13"],
      ["Total", "26", "13"],
      ["Has completed at least one series, whatever its state today", "1", "0"],
    ]);

    // Sectors per term: grouped English headings; shares as "74.2%", hidden groups as "<5" and "hidden".
    expect(await headRows(page, "tabell-terminer")).toEqual([
      ["Term", "School", "Social services", "Health care", "Other", "Prefer not to say", "Total"],
      ["Number", "Share", "Number", "Share", "Number", "Share", "Number", "Share", "Number", "Share"],
    ]);
    expect(await visibleRows(page, "tabell-terminer")).toEqual([
      ["HT 2025", "hidden", "–", "<5", "–", "0", "0.0%", "0", "0.0%", "0", "0.0%", "15"],
      ["VT 2026", "hidden", "–", "hidden", "–", "<5", "–", "<5", "–", "<5", "–", "75"],
      ["HT 2026", "66", "74.2%", "16", "18.0%", "<5", "–", "<5", "–", "<5", "–", "89"],
      ["Sum of the terms", "133", "74.3%", "34", "19.0%", "hidden", "–", "5", "2.8%", "<5", "–", "179"],
    ]);
    expect(await textOf(page.locator("#chart-sectors-summary"))).toBe(
      "In the latest term, HT 2026, 74.2% of those present came from schools, 18.0% from social services and a hidden share from health care.",
    );
    expect(await textOf(page.locator("#chart-health-summary"))).toBe(
      "Health care made up 0.0% of those present in HT 2025. Terms where the group is too small to show are missing from the chart.",
    );
    expect(await headRows(page, "tabell-halsoandel")).toEqual([["Term", "Health care, number", "Total", "Health care share"]]);

    // The municipality table: English headings and words, the Swedish page's numbers in English format.
    expect(await headRows(page, "tabell-kommuner")).toEqual([
      ["Municipality", "Series", "State", "Enrolled", "Present at seminars", "Health care share"],
      ["School", "Social services", "Health care", "Other", "Prefer not to say", "Total"],
    ]);
    const municipalities = await visibleRows(page, "tabell-kommuner");
    const byName = (name: string) => municipalities.find((r) => r[0] === name)!;
    expect(byName("Botkyrka").slice(0, 3)).toEqual(["Botkyrka", "1 completed", "Completed"]);
    expect(byName("Huddinge").slice(0, 3)).toEqual(["Huddinge", "1 in progress", "In progress"]);
    expect(byName("Järfälla")).toEqual(["Järfälla", "1 cancelled", "No series", "15", "hidden", "<5", "0", "0", "0", "15", "0.0%"]);
    expect(byName("Nacka").slice(0, 3)).toEqual(["Nacka", "1 planned", "Planned"]);
    expect(municipalities[municipalities.length - 1].slice(0, 2)).toEqual(["Sum", "4 series"]);
    const inEnglish = (cell: string) =>
      cell === "dold" ? "hidden" : cell.replace(/^(\d+),(\d) %$/, "$1.$2%").replace(/^(\d{1,3}) (\d{3})$/, "$1,$2");
    expect(municipalities.map((r) => r.slice(3))).toEqual(swedishMunicipalities.map((r) => r.slice(3).map(inEnglish)));
    expect(municipalities.map((r) => r[0]).slice(0, -1)).toEqual(swedishMunicipalities.map((r) => r[0]).slice(0, -1));
    // Every share on the page is "n.n%" or "–": no decimal comma, no space before the sign.
    const shares = await page.locator("main td.num").evaluateAll((cells) =>
      cells.map((c) => (c.textContent ?? "").trim()).filter((text) => text.includes("%")),
    );
    expect(shares).toHaveLength(10); // 8 in the terms table, 1 in the health table, Järfälla in the municipality table
    expect(shares.filter((text) => !/^\d{1,3}\.\d%$/.test(text))).toEqual([]);

    // Hidden cells: the eye sees "<5" or "hidden", a screen reader hears why.
    const hiddenCells = await page.locator("main td.county-hidden").evaluateAll((cells) =>
      cells.map((c) => [c.querySelector('[aria-hidden="true"]')?.textContent, c.querySelector(".visually-hidden")?.textContent].join(" | ")),
    );
    expect(new Set(hiddenCells)).toEqual(
      new Set(["<5 | fewer than 5 people", "hidden | hidden, so that a total does not give a small group away"]),
    );
    expect(await page.locator("main td.num .visually-hidden", { hasText: "no share to show" }).count()).toBeGreaterThan(0);

    // Downloads, export and print in English.
    for (const name of [
      "Download the states as CSV (Excel)",
      "Download sectors per term as CSV (Excel)",
      "Download health care's share as CSV (Excel)",
      "Download the municipality table as CSV (Excel)",
      "Download the district table as CSV (Excel)",
      "The whole overview as JSON (for integrations)",
    ]) {
      expect(await page.getByRole("link", { name, exact: true }).count(), name).toBe(1);
    }
    expect(await page.getByRole("button", { name: "Print", exact: true }).isVisible()).toBe(true);

    // No Swedish message of the dashboard is left on the page.
    const text = fold(await page.locator("main").innerText());
    const fragments = swedishFragments();
    expect(fragments.length).toBeGreaterThan(50);
    const asWords = (fragment: string) => new RegExp(`(?<!\\p{L})${fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\p{L})`, "u");
    expect(fragments.filter((fragment) => asWords(fragment).test(text))).toEqual([]);
    expect(text).not.toMatch(/\b(dold|färre än|Antal|Andel|Totalt|Summa|Läge|Visar|Ladda ner|Skriv ut|Ingen serie|pågående|genomförd)\b/i);

    expect(await chartsDrawn(page)).toEqual([true, true, true]);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "county-dashboard-english.png"), fullPage: true });
  });
});
