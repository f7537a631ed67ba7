/**
 * Huddinge's coordinator imports the attendance of seminar 3 from a file
 * saved by Excel (Windows-1252, semicolons): the preview shows the one row
 * with an unknown status and offers no import; the corrected file previews
 * clean, is saved in one go, and the page says what was saved.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { windows1252 } from "../support/windows-1252";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, submit, tableRows, textOf } from "./support/page";
import { dbAll, dbGet, forgePost, htmlText, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";
import { uploadFile } from "./support/upload";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Huddinge";
const IMPORT = "/serier/2/narvaro/import";

beforeAll(async () => {
  server = await startServer("e2e-attendance-import");
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
  await signIn(page, server.url, DEMO.huddinge);
});

afterEach(async () => {
  await context?.close();
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

type Person = { id: number; name: string; email: string };

/** The series' first four enrolled participants, and seminar 3 (2026-11-24, nobody marked yet). */
function fixture() {
  const people = dbAll<Person>(
    server.databaseFile,
    `select p.id, p.name, p.email from enrolments e join people p on p.id = e.person_id
     where e.series_id = 2 and e.status = 'anmald' order by p.id limit 4`,
  );
  const session3 = dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = 2 and position = 3")!.id;
  return { people, session3 };
}

function file(lines: string[]) {
  return { name: "narvaro-huddinge.csv", mimeType: "text/csv", buffer: windows1252(["E-post;Tillfälle;Status", ...lines]) };
}

const counts = (session3: number) => ({
  rows: dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from attendance where series_session_id = ?", session3)!.n,
  history: dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from attendance_changes where series_session_id = ?", session3)!.n,
});

async function expectPreviewPage(): Promise<string> {
  await page.waitForURL((url) => /^\/serier\/2\/narvaro\/import\/\d+$/.test(url.pathname));
  await expectHeading(page, "Förhandsvisning av närvaro: narvaro-huddinge.csv");
  return new URL(page.url()).pathname;
}

describe("importing attendance from a file", () => {
  it("shows the row with an unknown status, imports nothing until the file is fixed, then saves every row once", async () => {
    const { people, session3 } = fixture();
    const [a, b, c, d] = people;
    expect(counts(session3)).toEqual({ rows: 0, history: 0 });

    await page.goto(`${server.url}${IMPORT}`);
    await expectHeading(page, `Importera närvaro: ${SERIES}`);
    await expectNoAxeViolations(page);
    expect(await page.getByRole("link", { name: "Ladda ner en mall med seriens anmälda deltagare (CSV)" }).getAttribute("href")).toBe(
      `${IMPORT}/mall.csv`,
    );

    // "Frånvarnde" is a typo: the status does not exist.
    const bad = await uploadFile(page, {
      path: IMPORT,
      file: file([`${a.email};3;Närvarande`, `${b.email};3;Frånvarande – anmält`, `${c.email};3;Frånvarnde`, `${d.email};3;Sen ankomst`]),
    });
    expect(bad.status()).toBeLessThan(400);
    const badPreview = await expectPreviewPage();
    const main = page.locator("main");
    expect(await textOf(main.locator("p", { hasText: /^\d+ rader:/ }))).toBe(
      "4 rader: 3 nya markeringar, 0 ändringar, 0 oförändrade, 1 rader med fel.",
    );
    expect(await textOf(page.getByRole("alert"))).toBe(
      "Rätta raderna med fel i filen och ladda upp den igen. Ingen närvaro har sparats. Ladda upp en ny fil",
    );
    expect(await tableRows(main.locator("table"))).toEqual([
      ["2", "Ny markering", `${a.name} ${a.email}`, "3 (2026-11-24)", "Närvarande", ""],
      ["3", "Ny markering", `${b.name} ${b.email}`, "3 (2026-11-24)", "Frånvarande – anmält", ""],
      [
        "4",
        'Fel Okänd status "Frånvarnde". Använd Närvarande, Sen ankomst, Frånvarande – anmält eller Frånvarande – ej anmält.',
        `${c.name} ${c.email}`,
        "3 (2026-11-24)",
        "",
        "",
      ],
      ["5", "Ny markering", `${d.name} ${d.email}`, "3 (2026-11-24)", "Sen ankomst", ""],
    ]);
    expect(await main.locator("tr.row-error li").allInnerTexts()).toEqual([
      'Okänd status "Frånvarnde". Använd Närvarande, Sen ankomst, Frånvarande – anmält eller Frånvarande – ej anmält.',
    ]);
    expect(await page.getByRole("button", { name: /^Spara närvaron/ }).count(), "ingen sparaknapp").toBe(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "attendance-import-preview.png"), fullPage: true });

    // A confirmation posted by hand is refused while a row is wrong.
    const forced = await forgePost(page, badPreview, {});
    expect(forced.status).toBe(400);
    expect(htmlText(forced.text)).toContain("Rätta raderna med fel i filen och ladda upp den igen. Ingen närvaro har sparats.");
    expect(counts(session3)).toEqual({ rows: 0, history: 0 });

    // The typo fixed, uploaded again.
    await page.getByRole("link", { name: "Ladda upp en ny fil" }).click();
    await page.waitForURL(`${server.url}${IMPORT}`);
    await uploadFile(page, {
      path: IMPORT,
      file: file([`${a.email};3;Närvarande`, `${b.email};3;Frånvarande – anmält`, `${c.email};3;Frånvarande – ej anmält`, `${d.email};3;Sen ankomst`]),
    });
    const preview = await expectPreviewPage();
    expect(preview).not.toBe(badPreview);
    expect(await textOf(main.locator("p", { hasText: /^\d+ rader:/ }))).toBe(
      "4 rader: 4 nya markeringar, 0 ändringar, 0 oförändrade, 0 rader med fel.",
    );
    expect(await page.getByRole("alert").count()).toBe(0);
    expect((await tableRows(main.locator("table")))[2]).toEqual(["4", "Ny markering", `${c.name} ${c.email}`, "3 (2026-11-24)", "Frånvarande – ej anmält", ""]);
    await expectNoAxeViolations(page);

    const saved = await submit(page, preview, page.getByRole("button", { name: "Spara närvaron (4 nya eller ändrade rader)" }));
    expect(saved.status()).toBeLessThan(400);
    await page.waitForURL((url) => url.pathname === preview && url.searchParams.get("sparade") === "4");
    expect(await textOf(page.getByRole("status"))).toBe("Närvaron är importerad: 4 markeringar sparades. Tillbaka till närvaron");
    expect(await page.getByRole("button", { name: /^Spara närvaron/ }).count()).toBe(0);
    // Looked at again, every row is now as the database has it.
    expect(await textOf(main.locator("p", { hasText: /^\d+ rader:/ }))).toBe(
      "4 rader: 0 nya markeringar, 0 ändringar, 4 oförändrade, 0 rader med fel.",
    );
    await expectNoAxeViolations(page);

    const coordinator = dbGet<{ id: number }>(server.databaseFile, "select id from users where email = ?", DEMO.huddinge)!.id;
    expect(
      dbAll(
        server.databaseFile,
        "select person_id as personId, series_id as seriesId, status, updated_by_id as by from attendance where series_session_id = ? order by person_id",
        session3,
      ),
    ).toEqual([
      { personId: a.id, seriesId: 2, status: "narvarande", by: coordinator },
      { personId: b.id, seriesId: 2, status: "franvarande_anmalt", by: coordinator },
      { personId: c.id, seriesId: 2, status: "franvarande_ej_anmalt", by: coordinator },
      { personId: d.id, seriesId: 2, status: "sen", by: coordinator },
    ]);
    expect(dbAll(server.databaseFile, "select distinct source, changed_by_id as by from attendance_changes where series_session_id = ?", session3)).toEqual([
      { source: "import", by: coordinator },
    ]);
    expect(counts(session3)).toEqual({ rows: 4, history: 4 });

    // Confirmed once more by hand: refused, nothing written twice.
    const again = await forgePost(page, preview, {});
    expect(again.status).toBe(400);
    expect(htmlText(again.text)).toContain("Den här filen är redan importerad.");
    expect(counts(session3)).toEqual({ rows: 4, history: 4 });
  });
});
