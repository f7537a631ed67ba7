/**
 * Botkyrka's coordinator enters a stack of paper efterenkäter by keyboard
 * only: digits, Tab and Enter, one questionnaire per screen. Each Enter saves,
 * says "Enkät N sparad", counts, and gives an empty form with the cursor in the
 * first field; a wrong digit keeps what was typed and stores nothing. Exactly
 * the three typed questionnaires end up in the database. Then a CSV file is
 * imported through the preview: first with a bad row (nothing can be saved),
 * then fixed and confirmed.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { windows1252 } from "../support/windows-1252";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, readDatabase, settle, tableRows, textOf, waitForPost } from "./support/page";
import { dbAll, dbGet, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";
import { uploadFile } from "./support/upload";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];
let series: number;
let survey: number;

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");

beforeAll(async () => {
  server = await startServer("e2e-survey-entry");
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  series = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = 'Processtöd skolnärvaro Botkyrka'")!.id;
  survey = dbGet<{ id: number }>(
    server.databaseFile,
    "select s.id from surveys s join survey_templates t on t.id = s.template_id where s.series_id = ? and t.key = 'efterenkat'",
    series,
  )!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  ({ context, page } = await newPage(browser));
  browserErrors = watchBrowserErrors(context);
  await signIn(page, server.url, DEMO.botkyrka);
});

afterEach(async () => {
  await context?.close();
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

const entryPath = () => `/serier/${series}/enkater/${survey}/pappersenkater`;
const importPath = () => `/serier/${series}/enkater/${survey}/import`;

/** Presses the keys as a person at a keyboard: single characters and words are typed, key names pressed. */
async function keys(sequence: string[]) {
  for (const key of sequence) {
    if (["Tab", "Enter", "Backspace", "End"].includes(key)) await page.keyboard.press(key);
    else await page.keyboard.type(key);
  }
}

/** Presses Enter and waits for the save and the page after it. */
async function enter() {
  const [response] = await Promise.all([waitForPost(page, entryPath()), page.keyboard.press("Enter")]);
  await settle(page);
  return response;
}

const focusedId = () => page.evaluate(() => document.activeElement?.id ?? "");
const enteredCount = () => textOf(page.locator(".paper-counts li").first());

type StoredAnswer = { code: string; value: number | null; dont_know: number; choice: string | null; text: string | null };

function paperResponses() {
  const responses = dbAll<{ id: string; sector: string | null; role_category: string | null; pair_code: string | null; channel: string }>(
    server.databaseFile,
    "select id, sector, role_category, pair_code, channel from survey_responses where survey_id = ? and channel = 'paper' and submission_key not like 'demo-%' order by rowid",
    survey,
  );
  return responses.map(({ id, ...response }) => ({
    ...response,
    answers: dbAll<StoredAnswer>(
      server.databaseFile,
      "select i.code, a.value, a.dont_know, a.choice, a.text from survey_answers a join survey_items i on i.id = a.item_id where a.response_id = ? order by i.position",
      id,
    ).map((a) => `${a.code}=${a.dont_know ? "Vet ej" : (a.value ?? a.choice ?? a.text)}`),
  }));
}

describe("entering paper surveys by keyboard", () => {
  it("saves three questionnaires typed with digits, Tab and Enter, and stores exactly those three", async () => {
    const before = dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from survey_responses where survey_id = ?", survey)!.n;
    expect(before).toBe(39);
    await page.goto(`${server.url}${entryPath()}`);
    await settle(page);
    await expectHeading(page, "Mata in pappersenkäter: Efterenkät");
    expect(await focusedId()).toBe("q_1");
    expect(await enteredCount()).toBe("0 inmatade av dig nu");
    expect(await textOf(page.locator(".paper-counts li").nth(1))).toBe("39 svar på enkäten totalt");
    expect(await textOf(page.locator("#paper-form-title"))).toBe("Enkät 1");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-entry-1280.png"), fullPage: true });

    // 1: Ja; 2: Skola/elevhälsa; 3: Profession …; (3b empty); 4a–4f; 5 a text; (6 empty); a code.
    await keys(["1", "Tab", "1", "Tab", "3", "Tab", "Tab", "4", "Tab", "5", "Tab", "9", "Tab", "3", "Tab", "4", "Tab", "2", "Tab", "Vi har en samverkansgrupp nu", "Tab", "Tab", "bk5001"]);
    // 202: Remix single fetch's answer for a redirect.
    expect((await enter()).status()).toBe(202);
    expect(await textOf(page.getByRole("status"))).toBe("Enkät 1 sparad.");
    expect(await enteredCount()).toBe("1 inmatade av dig nu");
    expect(await textOf(page.locator("#paper-form-title"))).toBe("Enkät 2");
    expect(await focusedId()).toBe("q_1");
    expect(await page.locator("#q_1").inputValue()).toBe("");
    expect(await page.locator("#q_4a").inputValue()).toBe("");

    // 2: Nej; Socialtjänst; Chef/ledning; 4a–4f; Enter in 4f.
    await keys(["2", "Tab", "2", "Tab", "1", "Tab", "Tab", "5", "Tab", "5", "Tab", "4", "Tab", "4", "Tab", "3", "Tab", "3"]);
    await enter();
    expect(await textOf(page.getByRole("status"))).toBe("Enkät 2 sparad.");
    expect(await enteredCount()).toBe("2 inmatade av dig nu");
    expect(await focusedId()).toBe("q_1");

    // 3: a 7 in 4a is refused: nothing is stored, the typed digits stay, the cursor goes to 4a.
    await keys(["1", "Tab", "3", "Tab", "2", "Tab", "Tab", "7"]);
    expect((await enter()).status()).toBe(400);
    expect(await textOf(page.getByRole("alert"))).toBe("Enkäten sparades inte. Rätta 1 fel: Fråga 4a: Svara med en siffra 1–5, eller 9 för Vet ej.");
    expect(await textOf(page.locator("#q_4a-error"))).toBe("Svara med en siffra 1–5, eller 9 för Vet ej.");
    expect(await page.locator("#q_4a").getAttribute("aria-invalid")).toBe("true");
    expect(await focusedId()).toBe("q_4a");
    expect(await Promise.all(["#q_1", "#q_2", "#q_3", "#q_4a"].map((f) => page.locator(f).inputValue()))).toEqual(["1", "3", "2", "7"]);
    expect(paperResponses()).toHaveLength(2);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-entry-errors-1280.png"), fullPage: true });

    // The wrong digit is selected: typing the right one replaces it.
    await keys(["4", "Tab", "4"]);
    await enter();
    expect(await textOf(page.getByRole("status"))).toBe("Enkät 3 sparad.");
    expect(await enteredCount()).toBe("3 inmatade av dig nu");
    expect(await textOf(page.locator(".paper-counts li").nth(1))).toBe("42 svar på enkäten totalt");
    expect(await page.getByRole("alert").count()).toBe(0);

    expect(paperResponses()).toEqual([
      {
        sector: "skola",
        role_category: "profession",
        pair_code: "BK5001",
        channel: "paper",
        answers: ["1=ja", "2=skola", "3=profession", "4a=4", "4b=5", "4c=Vet ej", "4d=3", "4e=4", "4f=2", "5=Vi har en samverkansgrupp nu"],
      },
      {
        sector: "socialtjanst",
        role_category: "chef",
        pair_code: null,
        channel: "paper",
        answers: ["1=nej", "2=socialtjanst", "3=chef", "4a=5", "4b=5", "4c=4", "4d=4", "4e=3", "4f=3"],
      },
      { sector: "halso_sjukvard", role_category: "strateg", pair_code: null, channel: "paper", answers: ["1=ja", "2=halso_sjukvard", "3=strateg", "4a=4", "4b=4"] },
    ]);
    expect(readDatabase(server.databaseFile, (db) => db.prepare("select count(*) as n from survey_responses where survey_id = ?").get(survey) as { n: number }).n).toBe(42);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.url}${entryPath()}`);
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-entry-360.png"), fullPage: true });
  });

  it("moves on after a valid digit only when asked to, and remembers the choice", async () => {
    await page.goto(`${server.url}${entryPath()}`);
    await settle(page);
    // Off by default: a digit stays in its field, so Tab moves one field as usual.
    await keys(["1"]);
    expect(await focusedId()).toBe("q_1");
    await page.getByText("Så matar du in").click();
    const toggle = page.getByLabel("Gå automatiskt till nästa fält efter en giltig siffra (tryck då inte Tab)");
    expect(await toggle.isChecked()).toBe(false);
    await expectNoAxeViolations(page);
    await toggle.check();
    await page.locator("#q_2").focus();
    // 2 is an option of question 2: on to question 3. 9 is no option of question 3 (five options): it stays.
    await keys(["2"]);
    expect(await focusedId()).toBe("q_3");
    await keys(["9"]);
    expect(await focusedId()).toBe("q_3");
    await page.locator("#q_4a").focus();
    await keys(["9"]);
    expect(await focusedId()).toBe("q_4b");
    await page.reload();
    await settle(page);
    await page.getByText("Så matar du in").click();
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
  });
});

describe("importing paper surveys from a CSV file", () => {
  const file = (lines: string[]) => ({ name: "efterenkat-botkyrka.csv", mimeType: "text/csv", buffer: windows1252(lines) });
  const HEADER = "Löpnr;1;2;3;4a;4b;4c;4d;4e;4f;5;Kod";

  it("shows the bad row's problems and offers no import; the fixed file is saved in one go", async () => {
    const before = dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from survey_responses where survey_id = ? and channel = 'import'", survey)!.n;
    await page.goto(`${server.url}${entryPath()}`);
    await page.getByRole("link", { name: "Många enkäter i ett kalkylark? Importera en CSV-fil" }).click();
    await expectHeading(page, "Importera enkätsvar: Efterenkät");
    await expectNoAxeViolations(page);
    expect(await page.getByRole("link", { name: "Ladda ner en tom mall för enkäten (CSV)" }).getAttribute("href")).toBe(`${importPath()}/mall.csv`);

    await uploadFile(page, { path: importPath(), file: file([HEADER, "1;1;1;3;4;4;5;5;3;4;Vi träffas varje månad;BK6001", "2;2;Polisen;1;4;6;3;3;4;4;;"]) });
    await page.waitForURL((url) => new RegExp(`^${importPath()}/\\d+$`).test(url.pathname));
    await expectHeading(page, "Förhandsvisning av enkätsvar: efterenkat-botkyrka.csv");
    expect(await textOf(page.locator(".import-summary"))).toBe("2 enkätsvar i filen: 1 utan fel, 1 med fel.");
    expect(await textOf(page.getByRole("alert"))).toBe("Rätta raderna med fel i filen och ladda upp den igen. Inga svar har sparats. Ladda upp en ny fil");
    expect(await tableRows(page.locator("table.import-errors"))).toEqual([
      ["3", "2", "Polisen", "Välj ett av alternativen."],
      ["3", "4b", "6", "Svara med en siffra 1–5, eller 9 för Vet ej."],
    ]);
    expect(await page.getByRole("button", { name: /^Spara/ }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Ladda upp en ny fil" }).click();
    await expectHeading(page, "Importera enkätsvar: Efterenkät");
    await uploadFile(page, { path: importPath(), file: file([HEADER, "1;1;1;3;4;4;5;5;3;4;Vi träffas varje månad;BK6001", "2;2;Socialtjänst;1;4;Vet ej;3;3;4;4;;", "3;;;;;;;;;;;"]) });
    await page.waitForURL((url) => new RegExp(`^${importPath()}/\\d+$`).test(url.pathname));
    const preview = new URL(page.url()).pathname;
    expect(await textOf(page.locator(".import-summary"))).toBe("2 enkätsvar i filen: 2 utan fel, 0 med fel. Rader utan svar som hoppas över: 1.");
    expect(await tableRows(page.locator("table.import-rows"))).toEqual([
      ["2", "Ja", "Skola/elevhälsa", "Profession som möter barn/familj (ej medicinsk elevhälsa)", "4", "4", "5", "5", "3", "4", "Vi träffas varje månad", "BK6001"],
      ["3", "Nej", "Socialtjänst", "Chef/ledning", "4", "Vet ej", "3", "3", "4", "4", "", ""],
    ]);
    expect(await textOf(page.locator("main p.help", { hasText: "Läses inte" }))).toBe("Läses inte och sparas inte: Löpnr.");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-import-preview-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "survey-import-preview-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    // Nothing is saved before the confirmation.
    expect(dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from survey_responses where survey_id = ? and channel = 'import'", survey)!.n).toBe(before);

    const [response] = await Promise.all([waitForPost(page, preview), page.getByRole("button", { name: "Spara 2 enkätsvar" }).click()]);
    await settle(page);
    expect(response.status()).toBe(202);
    expect(await textOf(page.getByRole("status"))).toBe("Importen är klar: 2 enkätsvar sparades.");
    await expectNoAxeViolations(page);
    const imported = dbAll<{ sector: string; role_category: string; pair_code: string | null }>(
      server.databaseFile,
      "select sector, role_category, pair_code from survey_responses where survey_id = ? and channel = 'import' order by submission_key",
      survey,
    );
    expect(imported).toEqual([
      { sector: "skola", role_category: "profession", pair_code: "BK6001" },
      { sector: "socialtjanst", role_category: "chef", pair_code: null },
    ]);
  });
});
