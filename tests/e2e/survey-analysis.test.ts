/**
 * The survey analysis as a process leader and a coordinator use it, on the
 * demo's Botkyrka series (a förenkät answered online at seminar 1, an
 * efterenkät on paper at seminar 3): the published-style cross-table with the
 * numbers the database gives when recomputed here in SQL, a CSV that says the
 * same, free-text coding with ROS themes, suppressed cells for the coordinator,
 * and no free text or raw responses for anyone but process leaders.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isCsvError, parseCsv } from "~/lib/csv";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, fold, newPage, readDatabase, settle, tableRows, textOf, waitForPost } from "./support/page";
import { watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Botkyrka";
const SECTORS: [string, string][] = [
  ["skola", "Skola"],
  ["socialtjanst", "Socialtjänst"],
  ["halso_sjukvard", "Hälso- och sjukvård"],
  ["annat", "Annat"],
  ["vill_ej_uppge", "Vill ej uppge"],
  ["ej_angiven", "Ej angiven"],
];

beforeAll(async () => {
  server = await startServer("e2e-survey-analysis");
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

type Ids = { series: number; pre: number; kunskap: number; text5: number };

/** The Botkyrka series, its förenkät, the förenkät's Kunskap index and its free-text item 5. */
function ids(): Ids {
  return readDatabase(server.databaseFile, (db) => {
    const series = (db.prepare("select id from series where name = ?").get(SERIES) as { id: number }).id;
    const pre = db
      .prepare("select s.id, s.template_id as template from surveys s join survey_templates t on t.id = s.template_id where s.series_id = ? and t.key = 'forenkat'")
      .get(series) as { id: number; template: number };
    const kunskap = (db.prepare("select id from survey_indices where template_id = ? and name = 'Kunskap'").get(pre.template) as { id: number }).id;
    const text5 = (db.prepare("select id from survey_items where template_id = ? and code = '5'").get(pre.template) as { id: number }).id;
    return { series, pre: pre.id, kunskap, text5 };
  });
}

const percent = (part: number, whole: number) => (whole === 0 ? "–" : `${(Math.round((part * 1000) / whole) / 10).toFixed(1).replace(".", ",")} %`);

/**
 * The förenkät's Kunskap cross-table recomputed from the answers with SQL of
 * its own: mean of 4a and 4b over the answered ones, ≥ 3.5 högre.
 */
function expectedCrossTable(surveyId: number): { rows: string[][]; counts: Record<string, { lagre: number; hogre: number }> } {
  return readDatabase(server.databaseFile, (db) => {
    const present = (db.prepare("select distinct coalesce(sector, 'ej_angiven') as sector from survey_responses where survey_id = ?").all(surveyId) as { sector: string }[]).map(
      (r) => r.sector,
    );
    const rows = db
      .prepare(
        `select sector, sum(m >= 3.5) as hogre, sum(m < 3.5) as lagre from (
           select coalesce(r.sector, 'ej_angiven') as sector, avg(a.value * 1.0) as m
           from survey_responses r join survey_answers a on a.response_id = r.id join survey_items i on i.id = a.item_id
           where r.survey_id = ? and i.code in ('4a', '4b') and a.value is not null and a.dont_know = 0
           group by r.id)
         group by sector`,
      )
      .all(surveyId) as { sector: string; hogre: number; lagre: number }[];
    const counts: Record<string, { lagre: number; hogre: number }> = {};
    for (const [key] of SECTORS) if (present.includes(key)) counts[key] = { lagre: rows.find((r) => r.sector === key)?.lagre ?? 0, hogre: rows.find((r) => r.sector === key)?.hogre ?? 0 };
    const keys = Object.keys(counts);
    const n = (k: string) => counts[k].lagre + counts[k].hogre;
    const total = { lagre: keys.reduce((s, k) => s + counts[k].lagre, 0), hogre: keys.reduce((s, k) => s + counts[k].hogre, 0) };
    const all = total.lagre + total.hogre;
    const line = (label: string, c: "lagre" | "hogre") => [label, ...keys.flatMap((k) => [String(counts[k][c]), percent(counts[k][c], n(k))]), String(total[c]), percent(total[c], all)];
    return {
      rows: [
        line("Lägre förväntningar", "lagre"),
        line("Högre förväntningar", "hogre"),
        ["Totalt", ...keys.flatMap((k) => [String(n(k)), n(k) ? "100,0 %" : "–"]), String(all), "100,0 %"],
      ],
      counts,
    };
  });
}

/** Body and footer rows as a sighted reader sees them: hidden cells read "<5", "dold" or "–" (the words for screen readers left out). */
async function allRows(table: Locator): Promise<string[][]> {
  await table.waitFor();
  return table.locator("tbody tr, tfoot tr").evaluateAll((rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll("th, td")).map((cell) => {
        const copy = cell.cloneNode(true) as HTMLElement;
        copy.querySelectorAll(".visually-hidden").forEach((el) => el.remove());
        return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
      }),
    ),
  );
}

describe("the survey analysis", () => {
  it("shows the process leader the förenkät's cross-table and response rate as the database gives them, with no axe violations", async () => {
    await signIn(page, server.url, DEMO.admin);
    const { series, pre, kunskap } = ids();
    await page.goto(`${server.url}/serier/${series}`);
    await page.getByRole("link", { name: "Enkätanalys" }).click();
    await page.waitForURL(`**/serier/${series}/enkater/analys`);
    await settle(page);
    await expectHeading(page, `Enkätanalys: ${SERIES}`);

    const expected = expectedCrossTable(pre);
    const table = page.locator(`#tabell-sektorer-${pre}-${kunskap}`);
    expect(await textOf(table.locator("caption"))).toBe("Kunskap: Förenkät, tillfälle 1 (2026-02-10) per verksamhet");
    expect(await allRows(table)).toEqual(expected.rows);
    // The published layout: one Antal and one % inom verksamhet column per sector, then Totalt.
    const headings = (await table.locator("thead tr").nth(1).locator("th").allInnerTexts()).map(fold);
    expect(headings.slice(0, 2)).toEqual(["Antal", "% inom verksamhet"]);

    // Response rate: respondents ÷ present (närvarande or sen) at seminar 1.
    const { respondents, attendees } = readDatabase(server.databaseFile, (db) => ({
      respondents: (db.prepare("select count(*) as n from survey_responses where survey_id = ?").get(pre) as { n: number }).n,
      attendees: (
        db
          .prepare("select count(*) as n from attendance a join surveys s on s.series_session_id = a.series_session_id where s.id = ? and a.status in ('narvarande', 'sen')")
          .get(pre) as { n: number }
      ).n,
    }));
    expect(respondents).toBeGreaterThan(0);
    expect((await tableRows(page.locator("#tabell-svarsfrekvens")))[0]).toEqual([
      "Förenkät",
      "Tillfälle 1 (2026-02-10)",
      String(respondents),
      String(attendees),
      percent(respondents, attendees),
    ]);

    // The distribution chart is drawn after hydration and the exact figures are said to be exact.
    await page.locator(`figure[aria-labelledby="chart-${pre}-title"] canvas`).waitFor();
    expect(await textOf(page.locator(".survey-analysis .notice").first())).toContain("Du ser exakta tal");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-analysis.png"), fullPage: true });
  });

  it("downloads the cross-table as CSV for Swedish Excel, with the same numbers", async () => {
    await signIn(page, server.url, DEMO.admin);
    const { series, pre, kunskap } = ids();
    await page.goto(`${server.url}/serier/${series}/enkater/analys`);
    const table = page.locator(`#tabell-sektorer-${pre}-${kunskap}`);
    const pageRows = await allRows(table);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".survey-table", { has: table }).getByRole("link", { name: /Ladda ner tabellen som CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`enkat-sektorer-${pre}-${kunskap}-processtod-skolnarvaro-botkyrka.csv`);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(bytes.subarray(3).toString("utf8"));
    if (isCsvError(csv)) throw new Error(`CSV kunde inte läsas: ${csv.code}`);
    expect(csv.separator).toBe(";");
    expect(csv.header[2]).toBe("Skola: % inom verksamhet");
    // In the file, shares are plain numbers ("30,0") with the unit in the heading.
    const asPage = csv.rows.map((r) => r.cells.map((c, i) => (i > 0 && i % 2 === 0 && c !== "–" ? `${c} %` : c)));
    expect(asPage).toEqual(pageRows);
    expect(asPage).toEqual(expectedCrossTable(pre).rows);
  });

  it("lets the process leader tag a free-text answer with a ROS theme and counts it", async () => {
    await signIn(page, server.url, DEMO.admin);
    const { series, pre, text5 } = ids();
    const answers = readDatabase(server.databaseFile, (db) =>
      (
        db
          .prepare("select a.text from survey_answers a join survey_responses r on r.id = a.response_id where r.survey_id = ? and a.item_id = ? and trim(a.text) <> ''")
          .all(pre, text5) as { text: string }[]
      ).map((r) => r.text),
    );
    expect(answers.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/serier/${series}/enkater/analys`);
    await page.getByRole("link", { name: "Fritextsvar och ROS-teman" }).click();
    await page.waitForURL(`**/serier/${series}/enkater/fritext`);
    await settle(page);
    await expectHeading(page, `Fritextsvar: ${SERIES}`);

    const section = page.locator(`section[aria-labelledby="fraga-${pre}-${text5}"]`);
    const counts = section.locator(".freetext-item__counts");
    expect(await textOf(counts)).toBe(`${answers.length} svar · Regelverk 0 · Organisation 0 · Synsätt 0`);
    expect((await section.locator("blockquote").allInnerTexts()).sort()).toEqual([...answers].sort());
    // No response id anywhere in the page.
    const html = await page.content();
    const responseIds = readDatabase(server.databaseFile, (db) => (db.prepare("select id from survey_responses where survey_id = ?").all(pre) as { id: string }[]).map((r) => r.id));
    for (const id of responseIds) expect(html).not.toContain(id);
    await expectNoAxeViolations(page);

    // Ticking the box saves at once (a fetcher), and the count follows.
    const first = section.getByRole("group", { name: "ROS-teman för svar 1", exact: true });
    await Promise.all([waitForPost(page, `/serier/${series}/enkater/fritext`), first.getByLabel("Regelverk").check()]);
    await settle(page);
    expect(await textOf(counts)).toBe(`${answers.length} svar · Regelverk 1 · Organisation 0 · Synsätt 0`);
    expect(await textOf(first.getByRole("status"))).toBe("Sparat");
    const row = (await tableRows(page.locator("#tabell-ros-teman"))).find((r) => r[0].startsWith("Förenkät 5:"))!;
    expect(row.slice(1)).toEqual([String(answers.length), "1", "0", "0"]);
    const tags = readDatabase(server.databaseFile, (db) => db.prepare("select theme from survey_text_tags").all());
    expect(tags).toEqual([{ theme: "regelverk" }]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-freetext.png"), fullPage: true });
  });

  it("shows Botkyrka's coordinator the same tables with small groups hidden, and no free text", async () => {
    const { series, pre, kunskap } = ids();
    await signIn(page, server.url, DEMO.botkyrka);
    await page.goto(`${server.url}/serier/${series}/enkater/analys`);
    await settle(page);
    await expectHeading(page, `Enkätanalys: ${SERIES}`);
    expect(await page.getByRole("link", { name: "Fritextsvar och ROS-teman" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /Alla svar/ }).count()).toBe(0);

    const { rows: exact, counts } = expectedCrossTable(pre);
    const shown = await allRows(page.locator(`#tabell-sektorer-${pre}-${kunskap}`));
    // Every figure is either the exact one or hidden; each sector of 1–4 respondents is "<5".
    shown.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (cell !== exact[i][j]) expect(["<5", "dold", "–"], `rad ${i}, kolumn ${j}: ${exact[i][j]} → ${cell}`).toContain(cell);
      }),
    );
    const keys = Object.keys(counts);
    keys.forEach((k, s) => {
      const n = counts[k].lagre + counts[k].hogre;
      if (n > 0 && n < 5) expect(shown[2][1 + s * 2], k).toBe("<5");
      for (const [i, c] of [[0, "lagre"], [1, "hogre"]] as const) if (counts[k][c] > 0 && counts[k][c] < 5) expect(shown[i][1 + s * 2]).toBe("<5");
    });
    expect(shown.flat()).toContain("<5");
    expect(await textOf(page.locator(".survey-analysis .notice").first())).toContain("färre än 5 svarande");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-analysis-coordinator.png"), fullPage: true });

    for (const url of [`/serier/${series}/enkater/fritext`, `/serier/${series}/enkater/svar.csv`, `/serier/${series}/enkater/analys/ros-teman.csv`]) {
      expect((await page.request.get(`${server.url}${url}`)).status(), url).toBe(403);
    }
  });

  it("is 404 for another municipality's coordinator and keeps free text and raw responses from the sponsor", async () => {
    const { series } = ids();
    await signIn(page, server.url, DEMO.huddinge);
    for (const url of [`/serier/${series}/enkater/analys`, `/serier/${series}/enkater/analys/svarsfrekvens.csv`]) {
      expect((await page.goto(`${server.url}${url}`))?.status(), url).toBe(404);
    }
    const { context: sponsorContext, page: sponsor } = await newPage(browser);
    try {
      await signIn(sponsor, server.url, DEMO.sponsor);
      const response = await sponsor.request.get(`${server.url}/serier/${series}/enkater/analys`);
      expect(response.status()).toBe(200);
      const html = await response.text();
      const texts = readDatabase(server.databaseFile, (db) => (db.prepare("select distinct text from survey_answers where text is not null").all() as { text: string }[]).map((r) => r.text));
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(html).not.toContain(text);
      for (const url of [`/serier/${series}/enkater/fritext`, `/serier/${series}/enkater/svar.csv`]) {
        expect((await sponsor.request.get(`${server.url}${url}`)).status(), url).toBe(403);
      }
    } finally {
      await sponsorContext.close();
    }
  });

  it("prints without navigation or download links, and fits a 360 px phone", async () => {
    const { series } = ids();
    await signIn(page, server.url, DEMO.admin);
    await page.goto(`${server.url}/serier/${series}/enkater/analys`);
    await settle(page);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Skriv ut" }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: /Ladda ner tabellen som CSV/ }).first().isVisible()).toBe(false);
    expect(await page.locator("#tabell-svarsfrekvens").isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-analysis-print.png"), fullPage: true });

    const { context: phoneContext, page: phone } = await newPage(browser, { width: 360, height: 780 });
    const errors = watchBrowserErrors(phoneContext);
    try {
      await signIn(phone, server.url, DEMO.admin);
      for (const [url, name] of [
        [`/serier/${series}/enkater/analys`, "survey-analysis-phone.png"],
        [`/serier/${series}/enkater/fritext`, "survey-freetext-phone.png"],
      ]) {
        await phone.goto(`${server.url}${url}`);
        await settle(phone);
        expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), url).toBe(true);
        await expectNoAxeViolations(phone);
        await phone.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
      }
      expect(errors).toEqual([]);
    } finally {
      await phoneContext.close();
    }
  });
});
