/**
 * Preparation figures for staff (issue #8 item 5), as Huddinge's coordinator
 * sees them: the "Förberedelser" table on the session page of seminar 3 with
 * the demo's seeded numbers (db/seed-portal.ts), the empty state of
 * seminar 1, the series dashboard's table, no reflection text anywhere, and
 * nothing for the sponsor.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { fold, newPage, settle, tableRows, textOf } from "./support/page";
import { dbAll, dbGet, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Huddinge";
const MARKER = "E2E-HEMLIG-REFLEKTION-51c0";

beforeAll(async () => {
  server = await startServer("e2e-prep-stats");
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

const huddinge = () => dbGet<{ id: number }>(server.databaseFile, "select id from series where name = ?", SERIES)!.id;
const seminar = (position: number) =>
  dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? and position = ?", huddinge(), position)!.id;
const sessionUrl = (position: number) => `${server.url}/serier/${huddinge()}/tillfallen/${seminar(position)}`;

async function footRows(table: Locator): Promise<string[][]> {
  return table.locator("tfoot tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => ((cell as HTMLElement).innerText ?? "").replace(/\s+/g, " ").trim())),
  );
}

describe("preparation on the staff session page", () => {
  it("shows Huddinge's coordinator the seeded figures for seminar 3 per sector, with no axe violations", async () => {
    await signIn(page, server.url, DEMO.huddinge);
    await page.goto(sessionUrl(3));
    await settle(page);
    const section = page.locator("section.prep-completion");
    await expect(textOf(section.getByRole("heading", { level: 2 }))).resolves.toBe("Förberedelser");
    expect(fold((await section.locator("p").first().textContent()) ?? "")).toBe(
      "10 av 90 deltagare är klara (11,1 %) och 45 har påbörjat förberedelserna. " +
        "Tillfället har 4 delar att förbereda: material att läsa eller se och reflektionsfrågor att besvara.",
    );
    const table = section.getByRole("table", { name: "Förberedelser per verksamhet" });
    expect(await table.locator("thead th").allInnerTexts()).toEqual(["Verksamhet", "Deltagare", "Klara", "Andel klara", "Påbörjade"]);
    // db/seed-portal.ts: 10 did everything (positions 20–29 of a seeded shuffle), 45 started.
    expect(await tableRows(table)).toEqual([
      ["Skola", "66", "8", "12,1 %", "28"],
      ["Socialtjänst", "18", "1", "5,6 %", "12"],
      ["Hälso- och sjukvård", "2", "1", "50,0 %", "1"],
      ["Annat", "3", "0", "0,0 %", "3"],
      ["Vill ej uppge", "1", "0", "0,0 %", "1"],
    ]);
    expect(await footRows(table)).toEqual([["Totalt", "90", "10", "11,1 %", "45"]]);

    // The same totals straight from the database: people with all four items done.
    const done = dbAll<{ person: number }>(
      server.databaseFile,
      `select x.person_id as person from (
         select pp.person_id from prep_progress pp join prep_materials m on m.id = pp.prep_material_id where m.series_session_id = ?
         union all
         select r.person_id from reflections r join reflection_questions q on q.id = r.reflection_question_id where q.series_session_id = ? and trim(r.text) <> ''
       ) x group by x.person_id having count(*) = 4`,
      seminar(3),
      seminar(3),
    );
    expect(done).toHaveLength(10);

    await expectNoAxeViolations(page);
    await section.screenshot({ path: path.join(SCREENSHOTS, "prep-stats-session.png") });
    await page.setViewportSize({ width: 360, height: 800 });
    await settle(page);
    await expectNoAxeViolations(page);
    await section.screenshot({ path: path.join(SCREENSHOTS, "prep-stats-session-phone.png") });
  });

  it("says so when nobody has marked anything (seminar 1), and shows the sponsor no figures", async () => {
    await signIn(page, server.url, DEMO.huddinge);
    await page.goto(sessionUrl(1));
    await settle(page);
    const section = page.locator("section.prep-completion");
    await expect(textOf(section.locator("p.empty"))).resolves.toBe("Ingen har markerat något ännu.");
    await expect(section.getByRole("table").count()).resolves.toBe(0);
    await expectNoAxeViolations(page);

    const sponsor = await newPage(browser);
    try {
      await signIn(sponsor.page, server.url, DEMO.sponsor);
      await sponsor.page.goto(sessionUrl(3));
      await settle(sponsor.page);
      await expect(sponsor.page.locator("section.prep-completion").count()).resolves.toBe(0);
      await expect(sponsor.page.getByRole("heading", { name: "Förberedelsematerial" }).count()).resolves.toBe(1);
    } finally {
      await sponsor.context.close();
    }
  });
});

describe("preparation on the series dashboard", () => {
  it("has the share done per sector for every seminar, with no axe violations", async () => {
    await signIn(page, server.url, DEMO.huddinge);
    await page.goto(`${server.url}/serier/${huddinge()}/oversikt`);
    await settle(page);
    await expect(textOf(page.locator(".dashboard-prep-summary"))).resolves.toBe(
      "Inför tillfälle 3 (2026-11-24) är 10 av 90 deltagare klara med förberedelserna (11,1 %).",
    );
    const table = page.locator("#tabell-forberedelser");
    expect(await tableRows(table)).toEqual([
      ["Skola", "0", "0,0 %", "22", "33,3 %", "8", "12,1 %"],
      ["Socialtjänst", "0", "0,0 %", "8", "44,4 %", "1", "5,6 %"],
      ["Hälso- och sjukvård", "0", "0,0 %", "2", "100,0 %", "1", "50,0 %"],
      ["Annat", "0", "0,0 %", "0", "0,0 %", "0", "0,0 %"],
      ["Vill ej uppge", "0", "0,0 %", "0", "0,0 %", "0", "0,0 %"],
    ]);
    expect(await footRows(table)).toEqual([["Totalt", "0", "0,0 %", "32", "35,6 %", "10", "11,1 %"]]);
    await expectNoAxeViolations(page);
    const figure = page.locator(".dashboard-table", { has: table });
    await figure.screenshot({ path: path.join(SCREENSHOTS, "prep-stats-dashboard.png") });
    await page.setViewportSize({ width: 360, height: 800 });
    await settle(page);
    await figure.screenshot({ path: path.join(SCREENSHOTS, "prep-stats-dashboard-phone.png") });
  });
});

describe("reflections stay private", () => {
  it("never puts a reflection's text in the session page or the dashboard, only counts", async () => {
    // A participant's private reflection on seminar 3's second question, written straight into the server's database.
    const db = new Database(server.databaseFile);
    try {
      const question = db.prepare("select id from reflection_questions where series_session_id = ? order by id desc").get(seminar(3)) as { id: number };
      const person = db
        .prepare("select e.person_id as id from enrolments e where e.series_id = ? and e.status = 'anmald' and e.person_id not in (select person_id from reflections union select person_id from prep_progress) order by e.person_id")
        .get(huddinge()) as { id: number };
      db.prepare("insert into reflections (person_id, reflection_question_id, text, shared, updated_at) values (?, ?, ?, 0, ?)").run(person.id, question.id, `${MARKER} privat`, Date.now());
    } finally {
      db.close();
    }
    await signIn(page, server.url, DEMO.huddinge);
    for (const url of [sessionUrl(3), `${server.url}/serier/${huddinge()}/oversikt`, `${server.url}/serier/${huddinge()}/oversikt.json`, `${server.url}/serier/${huddinge()}/oversikt/forberedelser.csv`]) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(200);
      expect(await response.text(), url).not.toContain(MARKER);
    }
    // The new reflection is counted: someone who had done nothing has now started seminar 3.
    await page.goto(sessionUrl(3));
    const table = page.getByRole("table", { name: "Förberedelser per verksamhet" });
    expect((await footRows(table))[0][4]).toBe("46");
  });
});
