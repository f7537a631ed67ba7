/**
 * The survey template builder in a real browser. The process leader finds
 * Enkätmallar in the menu, creates a template, adds a Likert item, a
 * single-choice sector question filled with the standard options, a free-text
 * item (first with a code that is taken, then right – and without
 * JavaScript), and an index chosen by keyboard; then views the template and
 * its participant preview. A built-in template is read-only and can be copied.
 * Coordinators get 403. axe finds nothing on any page, error states included.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, navLinks, newPage, submit, tableRows, textOf, visibleText } from "./support/page";
import { dbAll, dbGet, fieldError, forgePost, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const NAME = "Nätverksträffar HT 2026";

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];
let templateId: number;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer("e2e-survey-templates");
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

async function open({ as, width = 1280, javaScript = true }: { as?: string; width?: number; javaScript?: boolean } = {}): Promise<Page> {
  let context: BrowserContext;
  let page: Page;
  if (javaScript) ({ context, page } = await newPage(browser, { width }));
  else {
    context = await browser.newContext({ locale: "sv-SE", viewport: { width, height: 900 }, javaScriptEnabled: false });
    page = await context.newPage();
  }
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  if (as) await signIn(page, server.url, as);
  return page;
}

const editPath = () => `/enkatmallar/${templateId}/redigera`;

function items() {
  return dbAll<{ position: number; code: string; kind: string; prompt: string; lead_in: string | null; options: string | null; low_label: string | null; respondent_field: string | null }>(
    server.databaseFile,
    "select position, code, kind, prompt, lead_in, options, low_label, respondent_field from survey_items where template_id = ? order by position",
    templateId,
  );
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** Nothing sticks out sideways on a phone. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `vågrät rullning på ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}

describe("survey templates", () => {
  it("lists the built-in templates for the process leader, from the main menu", async () => {
    const page = await open({ as: DEMO.admin });
    expect(await navLinks(page)).toContain("Enkätmallar");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Enkätmallar" }).click();
    await expectHeading(page, "Enkätmallar");
    expect(new URL(page.url()).pathname).toBe("/enkatmallar");
    expect(await tableRows(page.getByRole("region", { name: "Inbyggda mallar" }).locator("table"))).toEqual([
      ["Förenkät", "Förenkät", "11", "3", "2"],
      ["Efterenkät", "Efterenkät", "12", "3", "2"],
      ["Samverkan nu jämfört med vid start", "Övrig enkät", "13", "6", "0"],
    ]);
    expect(await visibleText(page)).toContain("Det finns inga egna mallar än.");
    await expectNoAxeViolations(page);
  });

  it("creates a template, refusing an empty name on the field", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}/enkatmallar`);
    await page.getByRole("link", { name: "Ny enkätmall" }).click();
    await expectHeading(page, "Ny enkätmall");
    await expectNoAxeViolations(page);

    const response = await submit(page, "/enkatmallar/ny", page.getByRole("button", { name: "Skapa mallen" }));
    expect(response.status()).toBe(400);
    expect(await fieldError(page.getByLabel("Namn", { exact: true }))).toBe("Ge mallen ett namn.");
    expect(await textOf(page.getByRole("alert"))).toBe("Formuläret innehåller fel. Rätta fälten som är markerade.");
    await expectNoAxeViolations(page);

    await page.getByLabel("Namn", { exact: true }).fill(NAME);
    await page.getByRole("radio", { name: /^Efterenkät/ }).check();
    await page.getByLabel("Inledning").fill("Enkäten är anonym.");
    await submit(page, "/enkatmallar/ny", page.getByRole("button", { name: "Skapa mallen" }));
    await page.waitForURL((url) => /^\/enkatmallar\/\d+\/redigera$/.test(url.pathname));
    templateId = Number(new URL(page.url()).pathname.split("/")[2]);
    await expectHeading(page, "Redigera enkätmall");
    expect(await textOf(page.getByRole("status"))).toBe("Mallen är skapad. Lägg till frågorna.");
    expect(dbGet(server.databaseFile, "select name, phase, intro, built_in from survey_templates where id = ?", templateId)).toEqual({
      name: NAME,
      phase: "post",
      intro: "Enkäten är anonym.",
      built_in: 0,
    });
    await expectNoAxeViolations(page);
  });

  it("adds a Likert item and a sector question with the standard options", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}${editPath()}`);
    const form = page.getByRole("region", { name: "Lägg till en fråga" });
    // The code is proposed; a Likert item shows end labels but no options.
    expect(await form.getByLabel("Kod", { exact: true }).inputValue()).toBe("1");
    // Fields show or hide once the page has hydrated; waitFor fails if they never do.
    await form.getByLabel("Svarsalternativ").waitFor({ state: "hidden", timeout: 10_000 });
    // Without a prompt: HTTP 400, the message on the field, and nothing saved.
    const refused = await submit(page, editPath(), form.getByRole("button", { name: "Lägg till frågan" }));
    expect(refused.status()).toBe(400);
    expect(await fieldError(page.getByRole("region", { name: "Lägg till en fråga" }).getByLabel("Fråga eller påstående"))).toBe("Skriv frågan eller påståendet.");
    expect(items()).toEqual([]);
    await expectNoAxeViolations(page);
    await shoot(page, "survey-template-edit-error-1280.png");
    await form.getByLabel("Fråga eller påstående").fill("Jag har fått nya kontakter i andra verksamheter");
    await form.getByLabel("Inledande text (valfri)").fill("Jag upplever att träffarna har:");
    await form.getByLabel("Text vid 1 (valfri)").fill("Inte alls");
    await submit(page, editPath(), form.getByRole("button", { name: "Lägg till frågan" }));
    expect(await textOf(page.getByRole("status"))).toBe("Frågan är sparad.");

    const next = page.getByRole("region", { name: "Lägg till en fråga" });
    expect(await next.getByLabel("Kod", { exact: true }).inputValue()).toBe("2");
    expect(await next.getByLabel("Fråga eller påstående").inputValue()).toBe("");
    await next.getByLabel("Frågetyp").selectOption({ label: "Enkelval" });
    // Fields show or hide once the page has hydrated; waitFor fails if they never do.
    await next.getByLabel("Svarsalternativ").waitFor({ state: "visible", timeout: 10_000 });
    // Fields show or hide once the page has hydrated; waitFor fails if they never do.
    await next.getByLabel("Text vid 1 (valfri)").waitFor({ state: "hidden", timeout: 10_000 });
    await next.getByLabel("Fråga eller påstående").fill("Inom vilken verksamhet arbetar du?");
    const filled = await submit(page, editPath(), next.getByRole("button", { name: "Fyll i verksamheterna" }));
    expect(filled.status()).toBe(200);
    const after = page.getByRole("region", { name: "Lägg till en fråga" });
    expect(await after.getByLabel("Svarsalternativ").inputValue()).toBe("skola | Skola/elevhälsa\nSocialtjänst\nhalso_sjukvard | Hälso- och sjukvård\nVill ej uppge");
    expect(await after.getByLabel("Fråga eller påstående").inputValue()).toBe("Inom vilken verksamhet arbetar du?");
    expect(await after.getByLabel("Frågar efter svarandens verksamhet eller roll").inputValue()).toBe("sector");
    expect(await visibleText(page)).toContain("Standardalternativen är ifyllda. Kontrollera frågan och spara den.");
    expect(items()).toHaveLength(1);
    await submit(page, editPath(), after.getByRole("button", { name: "Lägg till frågan" }));

    expect(items()).toEqual([
      { position: 1, code: "1", kind: "likert", prompt: "Jag har fått nya kontakter i andra verksamheter", lead_in: "Jag upplever att träffarna har:", options: null, low_label: "Inte alls", respondent_field: null },
      {
        position: 2,
        code: "2",
        kind: "single",
        prompt: "Inom vilken verksamhet arbetar du?",
        lead_in: null,
        options: JSON.stringify([
          { value: "skola", label: "Skola/elevhälsa" },
          { value: "socialtjanst", label: "Socialtjänst" },
          { value: "halso_sjukvard", label: "Hälso- och sjukvård" },
          { value: "vill_ej_uppge", label: "Vill ej uppge" },
        ]),
        low_label: null,
        respondent_field: "sector",
      },
    ]);
    expect(await textOf(page.locator("#fragor"))).toBe("Frågor (2)");
  });

  it("refuses a taken code on the field, and adds the free-text item without JavaScript", async () => {
    const page = await open({ as: DEMO.admin, javaScript: false });
    await page.goto(`${server.url}${editPath()}`);
    const form = page.getByRole("region", { name: "Lägg till en fråga" });
    // Without JavaScript every field is there; the help texts say which kinds use them.
    expect(await form.getByLabel("Svarsalternativ").isVisible()).toBe(true);
    await form.getByLabel("Kod", { exact: true }).fill("2");
    await form.getByLabel("Frågetyp").selectOption({ label: "Fritext" });
    await form.getByLabel("Fråga eller påstående").fill("Vad saknade du?");
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), form.getByRole("button", { name: "Lägg till frågan" }).click()]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState("load");
    const again = page.getByRole("region", { name: "Lägg till en fråga" });
    expect(await fieldError(again.getByLabel("Kod", { exact: true }))).toBe("Koden 2 används redan av en annan fråga i mallen.");
    expect(await again.getByLabel("Fråga eller påstående").inputValue()).toBe("Vad saknade du?");
    expect(items()).toHaveLength(2);
    // axe needs JavaScript; the item form's error state is checked with it in the test above.

    await again.getByLabel("Kod", { exact: true }).fill("3");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("sparat") === "fraga"), again.getByRole("button", { name: "Lägg till frågan" }).click()]);
    expect(await textOf(page.getByRole("status"))).toBe("Frågan är sparad.");
    expect(items().map((i) => [i.code, i.kind, i.prompt])).toEqual([
      ["1", "likert", "Jag har fått nya kontakter i andra verksamheter"],
      ["2", "single", "Inom vilken verksamhet arbetar du?"],
      ["3", "text", "Vad saknade du?"],
    ]);
  });

  it("adds an index with the keyboard alone, after refusing one without items", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}${editPath()}`);
    const form = page.getByRole("region", { name: "Lägg till ett index" });
    // Only Likert items can be chosen.
    expect(await form.getByRole("checkbox").count()).toBe(1);
    await form.getByLabel("Indexets namn").focus();
    await page.keyboard.type("Kontakter");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#field-index-items-error") !== null);
    expect(await textOf(page.locator("#field-index-items-error"))).toBe("Välj minst en fråga till indexet.");
    expect(await page.getByLabel("Indexets namn").inputValue()).toBe("Kontakter");
    await expectNoAxeViolations(page);

    await page.getByLabel("Indexets namn").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^index-item-\d+$/);
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Lägg till indexet");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("sparat") === "index"), page.keyboard.press("Enter")]);
    expect(await textOf(page.getByRole("status"))).toBe("Indexet är sparat.");
    expect(
      dbAll(server.databaseFile, "select x.name, i.code from survey_indices x join survey_index_items m on m.index_id = x.id join survey_items i on i.id = m.item_id where x.template_id = ?", templateId),
    ).toEqual([{ name: "Kontakter", code: "1" }]);
    await expectNoAxeViolations(page);
    await shoot(page, "survey-template-edit-1280.png");
    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoSidewaysScroll(page);
    await shoot(page, "survey-template-edit-360.png");
  });

  it("edits one item at a time from its Ändra link", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}${editPath()}`);
    await page.getByRole("link", { name: "Ändra 3" }).click();
    const form = page.getByRole("region", { name: "Ändra fråga 3" });
    expect(await form.getByLabel("Fråga eller påstående").inputValue()).toBe("Vad saknade du?");
    expect(await form.getByLabel("Frågetyp").inputValue()).toBe("text");
    // A free-text item has neither end labels nor options.
    // Fields show or hide once the page has hydrated; waitFor fails if they never do.
    await form.getByLabel("Text vid 1 (valfri)").waitFor({ state: "hidden", timeout: 10_000 });
    // Fields show or hide once the page has hydrated; waitFor fails if they never do.
    await form.getByLabel("Svarsalternativ").waitFor({ state: "hidden", timeout: 10_000 });
    await form.getByLabel("Fråga eller påstående").fill("Vad saknade du mest?");
    await submit(page, editPath(), form.getByRole("button", { name: "Spara frågan" }));
    expect(await textOf(page.getByRole("status"))).toBe("Frågan är sparad.");
    expect(await page.getByRole("region", { name: "Lägg till en fråga" }).count()).toBe(1);
    expect(items().map((i) => [i.position, i.code, i.prompt])).toEqual([
      [1, "1", "Jag har fått nya kontakter i andra verksamheter"],
      [2, "2", "Inom vilken verksamhet arbetar du?"],
      [3, "3", "Vad saknade du mest?"],
    ]);
  });

  it("shows the template with its items, index and a preview of what participants see", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}/enkatmallar`);
    expect(await tableRows(page.getByRole("region", { name: "Egna mallar" }).locator("table"))).toEqual([[NAME, "Efterenkät", "3", "1", "0"]]);
    await page.getByRole("link", { name: NAME }).click();
    await expectHeading(page, NAME);
    expect(await tableRows(page.getByRole("region", { name: "Frågor" }).locator("table"))).toEqual([
      ["1", "Likert 1–5", "Jag upplever att träffarna har: Jag har fått nya kontakter i andra verksamheter", "1 Inte alls – 5 Stämmer helt, eller Vet ej"],
      [
        "2",
        "Enkelval",
        "Inom vilken verksamhet arbetar du? Svaret blir svarandens verksamhet i analysen.",
        "Skola/elevhälsa (skola) Socialtjänst (socialtjanst) Hälso- och sjukvård (halso_sjukvard) Vill ej uppge (vill_ej_uppge)",
      ],
      ["3", "Fritext", "Vad saknade du mest?", "Fritt svar"],
    ]);
    expect(await textOf(page.locator(".survey-tpl-indices"))).toBe("Kontakter 1 Jag har fått nya kontakter i andra verksamheter");
    expect(await visibleText(page)).toContain("Ett index på 1–3 redovisas som ”Bidragit i lägre grad”, 3,5–5 som ”Bidragit i hög grad”.");

    const preview = page.locator(".survey-preview");
    await page.getByRole("link", { name: "Gå till förhandsvisningen" }).click();
    expect(await textOf(preview.getByRole("heading"))).toBe(NAME);
    expect(await textOf(preview.locator(".survey-preview__lead"))).toBe("Jag upplever att träffarna har:");
    expect(await preview.getByRole("group", { name: "1. Jag har fått nya kontakter i andra verksamheter" }).getByRole("radio").count()).toBe(6);
    const sector = preview.getByRole("group", { name: "2. Inom vilken verksamhet arbetar du?" });
    expect((await sector.locator("label").allInnerTexts()).map((s) => s.trim())).toEqual(["Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård", "Vill ej uppge"]);
    expect(await preview.getByLabel("3. Vad saknade du mest?").isDisabled()).toBe(true);
    expect(await preview.locator("input:not([disabled]), textarea:not([disabled]), button:not([disabled])").count()).toBe(0);
    await expectNoAxeViolations(page);
    await shoot(page, "survey-template-view-1280.png");
    await preview.screenshot({ path: path.join(SCREENSHOTS, "survey-template-preview-1280.png") });

    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoSidewaysScroll(page);
    await preview.screenshot({ path: path.join(SCREENSHOTS, "survey-template-preview-360.png") });
    await page.goto(`${server.url}/enkatmallar`);
    await expectNoSidewaysScroll(page);
    await shoot(page, "survey-template-list-360.png");
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, "survey-template-list-1280.png");
  });

  it("keeps a built-in template read-only and copies it to a new template", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}/enkatmallar`);
    await page.getByRole("link", { name: "Efterenkät" }).click();
    await expectHeading(page, "Efterenkät");
    expect(await textOf(page.getByRole("note"))).toContain("Det här är en inbyggd mall.");
    expect(await page.getByRole("link", { name: "Redigera mallen" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    const source = Number(new URL(page.url()).pathname.split("/")[2]);

    await submit(page, `/enkatmallar/${source}`, page.getByRole("button", { name: "Kopiera till ny mall" }));
    await page.waitForURL((url) => url.searchParams.get("sparat") === "kopierad");
    await expectHeading(page, "Redigera enkätmall");
    expect(await textOf(page.locator("main .lead"))).toBe("Efterenkät (kopia)");
    const copy = Number(new URL(page.url()).pathname.split("/")[2]);
    const codes = (id: number) => dbAll<{ code: string }>(server.databaseFile, "select code from survey_items where template_id = ? order by position", id).map((r) => r.code);
    expect(codes(copy)).toEqual(["1", "2", "3", "3b", "4a", "4b", "4c", "4d", "4e", "4f", "5", "6"]);
    expect(codes(copy)).toEqual(codes(source));
    expect(await page.getByRole("button", { name: "Flytta upp 4a" }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it("freezes the items once a series has a response, and says so", async () => {
    // A series uses the template and one paper response has come in.
    const db = new Database(server.databaseFile);
    try {
      const series = (db.prepare("select id from series where name = 'Processtöd skolnärvaro Huddinge'").get() as { id: number }).id;
      const survey = db.prepare("insert into surveys (series_id, template_id, public_code, created_at) values (?, ?, 'E2ELOCK1', ?)").run(series, templateId, Date.now()).lastInsertRowid;
      db.prepare("insert into survey_responses (id, survey_id, series_id, channel, submission_key, submitted_on) values ('e2e-lock', ?, ?, 'paper', 'e2e-lock', '2026-11-23')").run(survey, series);
    } finally {
      db.close();
    }
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}${editPath()}`);
    expect(await textOf(page.getByRole("note"))).toBe(
      "Mallen har 1 svar i 1 serie. Svaren hänvisar till frågorna, så frågorna kan inte längre läggas till, ändras, flyttas eller tas bort, och typen kan inte ändras. Namn, inledning och index kan fortfarande ändras. Behöver du andra frågor: kopiera mallen.",
    );
    expect(await page.getByRole("region", { name: "Lägg till en fråga" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Flytta|^Ta bort \d/ }).count()).toBe(0);
    expect(await page.getByRole("radio").count()).toBe(0);
    expect(await visibleText(page)).toContain("Mallen används i 1 serie och kan därför inte tas bort.");
    await expectNoAxeViolations(page);

    // The name can still change.
    await page.getByLabel("Namn", { exact: true }).fill(`${NAME} (ändrad)`);
    await submit(page, editPath(), page.getByRole("button", { name: "Spara namn, typ och inledning" }));
    expect(await textOf(page.getByRole("status"))).toBe("Namn, typ och inledning är sparade.");
    expect(dbGet(server.databaseFile, "select name, phase from survey_templates where id = ?", templateId)).toEqual({ name: `${NAME} (ändrad)`, phase: "post" });
  });

  it("answers a coordinator with 403, by link and by forged post, and shows no menu link", async () => {
    const page = await open({ as: DEMO.huddinge });
    expect(await navLinks(page)).not.toContain("Enkätmallar");
    for (const pathname of ["/enkatmallar", "/enkatmallar/ny", `/enkatmallar/${templateId}`, `${editPath()}`]) {
      const response = await page.goto(`${server.url}${pathname}`);
      expect(response?.status(), pathname).toBe(403);
      await expectHeading(page, "Ingen behörighet");
    }
    const before = items();
    expect((await forgePost(page, editPath(), { intent: "saveItem", code: "9", kind: "text", prompt: "Smyg" })).status).toBe(403);
    expect((await forgePost(page, "/enkatmallar/ny", { name: "Smygmall", phase: "pre" })).status).toBe(403);
    expect(items()).toEqual(before);
    expect(dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from survey_templates where name = 'Smygmall'")!.n).toBe(0);
  });
});
