/**
 * The Nacka coordinator's participant workspace on series 3: a list exported
 * from Excel (Windows-1252, semicolons, CRLF) is previewed, refused while a
 * row is wrong, imported once when fixed; bad files are refused at the field
 * with nothing saved; one person is registered by hand (role suggested from
 * the title, an existing e-mail linked, never overwritten); and the list
 * downloads as CSV that Swedish Excel opens.
 *
 * The tests run in order on one server and build on each other: the people
 * imported first are the ones found in the list and in the export.
 */
import fs from "node:fs";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, submit, tableRows, textOf } from "./support/page";
import { dbAll, dbGet, fieldError, forgePost, htmlText, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";
import { uploadFile, type UploadFile } from "./support/upload";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

beforeAll(async () => {
  server = await startServer("e2e-participants-import");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// A new browser context (own cookies) for every test, signed in as Nacka's coordinator.
beforeEach(async () => {
  ({ context, page } = await newPage(browser));
  browserErrors = watchBrowserErrors(context);
  await signIn(page, server.url, DEMO.nacka);
});

afterEach(async () => {
  await context?.close();
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

const SERIES = "Processtöd skolnärvaro Nacka";
const PARTICIPANTS = "/serier/3/deltagare";
const IMPORT = "/serier/3/deltagare/import";
const HEADER = "Namn;E-post;Arbetsplats;Kommun;Verksamhet;Yrkesroll;Titel;Nivå";

/** Nacka's list as Excel saves it: Windows-1252, semicolons, CRLF; `bad` keeps Per Gran's row wrong. */
function nackaList({ bad }: { bad: boolean }): Buffer {
  const text = [
    HEADER,
    "Åsa Öberg;asa.oberg@nacka.example;Järlaskolan;Nacka;Skola;;Rektor;Strategisk",
    "Jörgen Ek;jorgen.ek@nacka.example;Socialkontoret;Nacka;Socialtjänst;;Socialsekreterare;Operativ",
    "Märta Lind;marta.lind@regionstockholm.example;BUP Nacka;;Hälso- och sjukvård;;Psykolog, BUP;Operativ",
    bad
      ? "Per Gran;per.gran@nacka;Älta skola;Nacka;Skolan;;Lärare;Operativ"
      : "Per Gran;per.gran@nacka.example;Älta skola;Nacka;Skola;;Lärare;Operativ",
    "Lena Ström;lena.strom@nacka.example;Elevhälsan;Nacka;Skola;Medicinsk elevhälsa;Skolsköterska;",
  ].join("\r\n");
  return Buffer.from(`${text}\r\n`, "latin1");
}

type Snapshot = { people: number; enrolled: number; imports: number; imported: number };

/** What an import could change: people, series 3's enrolments, and stored previews. */
function snapshot(): Snapshot {
  const n = (sql: string) => dbGet<{ n: number }>(server.databaseFile, sql)!.n;
  return {
    people: n("select count(*) as n from people"),
    enrolled: n("select count(*) as n from enrolments where series_id = 3 and status = 'anmald'"),
    imports: n("select count(*) as n from participant_imports"),
    imported: n("select count(*) as n from participant_imports where imported_at is not null"),
  };
}

function fileField() {
  return page.getByLabel("CSV-fil (högst 10 MB)");
}

/** Uploads a file on the import page and returns the server's answer once the page has settled. */
function upload(file: UploadFile | null): Promise<Response> {
  return uploadFile(page, { path: IMPORT, file });
}

/**
 * The file field's error once it reads `message` (a new message replaces the previous one
 * in the same element, possibly a frame after Remix goes idle), checked as a screen reader finds it.
 */
async function fileError(message: string): Promise<string | null> {
  await page
    .locator("#field-file-error", { hasText: message })
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined);
  return fieldError(fileField());
}

/** The preview the last upload redirected to. */
async function expectPreviewPage(): Promise<string> {
  await page.waitForURL((url) => /^\/serier\/3\/deltagare\/import\/\d+$/.test(url.pathname));
  await expectHeading(page, "Förhandsvisning: deltagare-nacka.csv");
  return new URL(page.url()).pathname;
}

const SUGGESTED = "(föreslagen)";
const CSV_FILE = { name: "deltagare-nacka.csv", mimeType: "text/csv" };

describe("importing a list exported from Excel", () => {
  it("a file with a bad row is previewed with its messages and cannot be imported; fixed, it is imported once", async () => {
    const before = snapshot();
    await page.goto(`${server.url}${PARTICIPANTS}`);
    await expectHeading(page, `Deltagare: ${SERIES}`);
    await page.getByRole("link", { name: "Importera från fil" }).click();
    await page.waitForURL(`${server.url}${IMPORT}`);
    await expectHeading(page, `Importera deltagare: ${SERIES}`);

    // First upload: Per Gran's address has no domain ending and "Skolan" is no sector.
    const withErrors = await upload({ ...CSV_FILE, buffer: nackaList({ bad: true }) });
    expect(withErrors.status(), "svar på uppladdningen").toBeLessThan(400);
    const badPreview = await expectPreviewPage();
    const main = page.locator("main");
    expect(await textOf(main.locator("p", { hasText: /^\d+ rader:/ }))).toBe(
      "5 rader: 4 nya personer, 0 finns redan och kopplas, 0 är redan anmälda, 1 rader med fel.",
    );
    expect(await textOf(page.getByRole("alert"))).toBe(
      "Rätta raderna med fel i filen och ladda upp den igen. Inget har sparats. Ladda upp en ny fil",
    );
    const rows = await tableRows(main.locator("table"));
    expect(rows).toEqual([
      ["2", "Ny", "Åsa Öberg", "asa.oberg@nacka.example", "Skola", `Chefer/Ledning ${SUGGESTED}`, "Rektor"],
      ["3", "Ny", "Jörgen Ek", "jorgen.ek@nacka.example", "Socialtjänst", `Professioner som möter barn/familj ${SUGGESTED}`, "Socialsekreterare"],
      ["4", "Ny", "Märta Lind", "marta.lind@regionstockholm.example", "Hälso- och sjukvård", `Sjukvård ${SUGGESTED}`, "Psykolog, BUP"],
      [
        "5",
        "Fel E-postadressen är ogiltig. Okänd verksamhet (använd Skola, Socialtjänst, Hälso- och sjukvård, Annat eller Vill ej uppge).",
        "Per Gran",
        "per.gran@nacka",
        "–",
        `Professioner som möter barn/familj ${SUGGESTED}`,
        "Lärare",
      ],
      ["6", "Ny", "Lena Ström", "lena.strom@nacka.example", "Skola", "Medicinsk elevhälsa", "Skolsköterska"],
    ]);
    expect(await main.locator("tr.row-error li").allInnerTexts()).toEqual([
      "E-postadressen är ogiltig.",
      "Okänd verksamhet (använd Skola, Socialtjänst, Hälso- och sjukvård, Annat eller Vill ej uppge).",
    ]);
    expect(await page.getByRole("button", { name: /^Importera/ }).count(), "ingen importknapp").toBe(0);
    // Only the preview is stored; not one person.
    expect(snapshot()).toEqual({ ...before, imports: before.imports + 1 });
    await expectNoAxeViolations(page);

    // Even a confirmation posted by hand imports nothing while a row is wrong.
    const forcedBad = await forgePost(page, badPreview, {});
    expect(forcedBad.status).toBe(400);
    expect(htmlText(forcedBad.text)).toContain("Rätta raderna med fel i filen och ladda upp den igen. Inget har sparats.");
    expect(snapshot()).toEqual({ ...before, imports: before.imports + 1 });

    // The row fixed in the file, uploaded again.
    await page.getByRole("link", { name: "Ladda upp en ny fil" }).click();
    await page.waitForURL(`${server.url}${IMPORT}`);
    await upload({ ...CSV_FILE, buffer: nackaList({ bad: false }) });
    const preview = await expectPreviewPage();
    expect(preview).not.toBe(badPreview);
    expect(await textOf(main.locator("p", { hasText: /^\d+ rader:/ }))).toBe(
      "5 rader: 5 nya personer, 0 finns redan och kopplas, 0 är redan anmälda, 0 rader med fel.",
    );
    expect(await page.getByRole("alert").count()).toBe(0);
    expect((await tableRows(main.locator("table")))[3]).toEqual([
      "5",
      "Ny",
      "Per Gran",
      "per.gran@nacka.example",
      "Skola",
      `Professioner som möter barn/familj ${SUGGESTED}`,
      "Lärare",
    ]);
    await expectNoAxeViolations(page);
    expect(snapshot()).toEqual({ ...before, imports: before.imports + 2 });

    const confirm = page.getByRole("button", { name: "Importera 5 deltagare" });
    const imported = await submit(page, preview, confirm);
    expect(imported.status(), "svar på Importera").toBeLessThan(400);
    await page.waitForURL((url) => url.pathname === preview && url.searchParams.get("nya") === "5");
    expect(await textOf(page.getByRole("status"))).toBe(
      "Importen är klar: 5 nya, 0 befintliga kopplade, 0 redan anmälda. Tillbaka till deltagarna",
    );
    expect(await page.getByRole("button", { name: /^Importera/ }).count()).toBe(0);
    const after = snapshot();
    expect(after).toEqual({
      people: before.people + 5,
      enrolled: before.enrolled + 5,
      imports: before.imports + 2,
      imported: before.imported + 1,
    });

    // Stored as read from Windows-1252, with the suggested roles and Nacka as municipality.
    const stored = dbAll<Record<string, unknown>>(
      server.databaseFile,
      `select p.name, p.email, p.workplace, o.name as organisation, p.sector, p.role_category, p.job_title, p.level
       from people p left join organisations o on o.id = p.organisation_id
       where p.email in ('asa.oberg@nacka.example', 'jorgen.ek@nacka.example', 'marta.lind@regionstockholm.example',
                         'per.gran@nacka.example', 'lena.strom@nacka.example')
       order by p.id`,
    );
    expect(stored).toEqual([
      { name: "Åsa Öberg", email: "asa.oberg@nacka.example", workplace: "Järlaskolan", organisation: "Nacka", sector: "skola", role_category: "chef", job_title: "Rektor", level: "strategisk" },
      { name: "Jörgen Ek", email: "jorgen.ek@nacka.example", workplace: "Socialkontoret", organisation: "Nacka", sector: "socialtjanst", role_category: "profession", job_title: "Socialsekreterare", level: "operativ" },
      { name: "Märta Lind", email: "marta.lind@regionstockholm.example", workplace: "BUP Nacka", organisation: "Nacka", sector: "halso_sjukvard", role_category: "sjukvard", job_title: "Psykolog, BUP", level: "operativ" },
      { name: "Per Gran", email: "per.gran@nacka.example", workplace: "Älta skola", organisation: "Nacka", sector: "skola", role_category: "profession", job_title: "Lärare", level: "operativ" },
      { name: "Lena Ström", email: "lena.strom@nacka.example", workplace: "Elevhälsan", organisation: "Nacka", sector: "skola", role_category: "medicinsk_elevhalsa", job_title: "Skolsköterska", level: null },
    ]);

    // The list shows them, Swedish letters intact.
    await page.getByRole("status").getByRole("link", { name: "Tillbaka till deltagarna" }).click();
    await page.waitForURL(`${server.url}${PARTICIPANTS}`);
    await expectHeading(page, `Deltagare: ${SERIES}`);
    expect(await textOf(page.locator("main h2", { hasText: "Anmälda deltagare" }))).toBe(`Anmälda deltagare (${after.enrolled})`);
    const list = await tableRows(page.getByRole("region", { name: "Deltagare", exact: true }).locator("table"));
    expect(list).toHaveLength(after.enrolled);
    expect(list).toContainEqual(["Åsa Öberg", "asa.oberg@nacka.example", "Järlaskolan", "Nacka", "Skola", "Chefer/Ledning", "Rektor", "Strategisk"]);
    expect(list).toContainEqual(["Jörgen Ek", "jorgen.ek@nacka.example", "Socialkontoret", "Nacka", "Socialtjänst", "Professioner som möter barn/familj", "Socialsekreterare", "Operativ"]);
    expect(list).toContainEqual(["Märta Lind", "marta.lind@regionstockholm.example", "BUP Nacka", "Nacka", "Hälso- och sjukvård", "Sjukvård", "Psykolog, BUP", "Operativ"]);
    expect(list).toContainEqual(["Lena Ström", "lena.strom@nacka.example", "Elevhälsan", "Nacka", "Skola", "Medicinsk elevhälsa", "Skolsköterska", "–"]);

    // A second confirmation of the same preview, posted by hand: refused, nothing imported twice.
    const again = await forgePost(page, preview, {});
    expect(again.status).toBe(400);
    expect(htmlText(again.text)).toContain("Den här filen är redan importerad.");
    expect(snapshot()).toEqual(after);
    expect(dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from people where email = 'asa.oberg@nacka.example'")!.n).toBe(1);

    // Opening the preview again says it is done, and offers no button.
    await page.goto(`${server.url}${preview}`);
    expect(await textOf(page.getByRole("status"))).toBe("Den här filen är redan importerad. Tillbaka till deltagarna");
    expect(await page.getByRole("button", { name: /^Importera/ }).count()).toBe(0);
  });
});

describe("bad files on the import page", () => {
  const cases: { what: string; file: { name: string; mimeType: string; buffer: Buffer } | null; message: string }[] = [
    { what: "no file chosen", file: null, message: "Välj en fil att ladda upp." },
    { what: "an empty file", file: { name: "tom.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) }, message: "Filen är tom." },
    {
      what: "a spreadsheet (.xlsx, bytes with NUL)",
      file: {
        name: "deltagare.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from("PK\x03\x04\x00\x00\x08\x00Namn;E-post", "latin1"),
      },
      message: 'Filen är inte en textfil. Spara listan i Excel som "CSV (semikolonavgränsad)" och försök igen.',
    },
    {
      what: "a file missing required columns",
      file: { name: "kolumner.csv", mimeType: "text/csv", buffer: Buffer.from("Namn;Telefon\r\nÅsa Öberg;070-123 45 67\r\n", "latin1") },
      message: "Filen saknar kolumnerna: E-post, Verksamhet. Första raden måste innehålla rubrikerna.",
    },
    {
      what: "headers but no rows",
      file: { name: "rubriker.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\n`, "latin1") },
      message: "Filen har rubriker men inga deltagare.",
    },
    {
      what: "a quote that is never closed",
      file: {
        name: "citat.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          `${HEADER}\r\nÅsa Öberg;asa.oberg2@nacka.example;;Nacka;Skola;;Rektor;\r\n"Per Gran;per.gran2@nacka.example;;Nacka;Skola;;Lärare;\r\nLena Ström;lena.strom2@nacka.example;;Nacka;Skola;;;\r\n`,
          "latin1",
        ),
      },
      message: "Ett citattecken på rad 3 avslutas aldrig. Kontrollera raden i Excel och spara igen.",
    },
    {
      what: "a cell of 100 kB",
      file: {
        name: "lang.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`${HEADER}\r\n${"Å".repeat(100_000)};lang@nacka.example;;Nacka;Skola;;;\r\n`, "latin1"),
      },
      message: "En cell på rad 2 är för lång (högst 2000 tecken).",
    },
  ];

  it("each is refused at the file field with its message (400), and nothing is saved", async () => {
    await page.goto(`${server.url}${IMPORT}`);
    await expectHeading(page, `Importera deltagare: ${SERIES}`);
    for (const { what, file, message } of cases) {
      const before = snapshot();
      const response = await upload(file);
      expect(response.status(), what).toBe(400);
      expect(new URL(page.url()).pathname, what).toBe(IMPORT);
      expect(await fileError(message), what).toBe(message);
      expect(snapshot(), what).toEqual(before);
      if (what === "a file missing required columns") await expectNoAxeViolations(page);
    }

    // Over 10 MB: refused before it is read.
    const before = snapshot();
    const big = Buffer.concat([Buffer.from(`${HEADER}\r\n`, "latin1"), Buffer.alloc(10 * 1024 * 1024 + 1024, "a")]);
    expect((await upload({ name: "stor.csv", mimeType: "text/csv", buffer: big })).status()).toBe(400);
    expect(await fileError("Filen är för stor. Den får vara högst 10 MB.")).toBe("Filen är för stor. Den får vara högst 10 MB.");
    expect(snapshot()).toEqual(before);

    // Posted by hand without a file (not even multipart): the same message, 400, not an error page.
    const forged = await forgePost(page, IMPORT, { file: "Namn;E-post;Verksamhet" });
    expect(forged.status).toBe(400);
    expect(htmlText(forged.text)).toContain("Välj en fil att ladda upp.");
    expect(snapshot()).toEqual(before);
  });
});

describe("registering one person", () => {
  it("refuses an empty form at the fields (400); a Rektor gets Chefer/Ledning suggested from the title", async () => {
    const before = snapshot();
    await page.goto(`${server.url}${PARTICIPANTS}`);
    await expectHeading(page, `Deltagare: ${SERIES}`);
    await expectNoAxeViolations(page);
    const form = page.getByRole("region", { name: "Registrera deltagare" });
    expect(await form.getByLabel("Yrkesroll").inputValue()).toBe("");
    expect(await form.getByLabel("Yrkesroll").evaluate((el) => (el as HTMLSelectElement).selectedOptions[0].text)).toBe(
      "Föreslå utifrån titeln",
    );

    const empty = await submit(page, PARTICIPANTS, form.getByRole("button", { name: "Registrera" }));
    expect(empty.status()).toBe(400);
    expect(await textOf(form.getByRole("alert"))).toBe("Formuläret innehåller fel. Rätta fälten som är markerade.");
    expect(await fieldError(form.getByLabel("Namn"))).toBe("Fältet måste fyllas i.");
    expect(await fieldError(form.getByLabel("E-postadress"))).toBe("Ange en e-postadress.");
    expect(snapshot()).toEqual(before);
    await expectNoAxeViolations(page);

    await form.getByLabel("Namn").fill("Ingrid Ålund");
    await form.getByLabel("E-postadress").fill("ingrid.alund@nacka.example");
    await form.getByLabel("Arbetsplats (skola eller enhet)").fill("Sickla skola");
    await form.getByLabel("Titel").fill("Rektor");
    const created = await submit(page, PARTICIPANTS, form.getByRole("button", { name: "Registrera" }));
    expect(created.status()).toBeLessThan(400);
    await page.waitForURL((url) => url.searchParams.get("resultat") === "created");
    expect(await textOf(page.getByRole("status"))).toBe("Ingrid Ålund är registrerad och anmäld till serien.");
    const list = await tableRows(page.getByRole("region", { name: "Deltagare", exact: true }).locator("table"));
    expect(list).toContainEqual(["Ingrid Ålund", "ingrid.alund@nacka.example", "Sickla skola", "Nacka", "Skola", "Chefer/Ledning", "Rektor", "–"]);
    // The form is empty again for the next person.
    expect(await form.getByLabel("Namn").inputValue()).toBe("");
    expect(
      dbGet(server.databaseFile, "select name, sector, role_category, job_title, level from people where email = 'ingrid.alund@nacka.example'"),
    ).toEqual({ name: "Ingrid Ålund", sector: "skola", role_category: "chef", job_title: "Rektor", level: null });
    expect(snapshot()).toEqual({ ...before, people: before.people + 1, enrolled: before.enrolled + 1 });
  });

  it("an e-mail already in the system links that person with her own details; the name typed is not stored", async () => {
    // Someone from Huddinge's series, not yet in Nacka's.
    const existing = dbGet<{ id: number; name: string; email: string }>(
      server.databaseFile,
      `select p.id, p.name, p.email from people p join enrolments e on e.person_id = p.id
       where e.series_id = 2 and p.sector = 'skola' and p.workplace is not null and p.job_title is not null
         and p.id not in (select person_id from enrolments where series_id = 3)
       order by p.id limit 1`,
    )!;
    const personBefore = dbGet(server.databaseFile, "select * from people where id = ?", existing.id);
    const before = snapshot();
    await page.goto(`${server.url}${PARTICIPANTS}`);
    const form = page.getByRole("region", { name: "Registrera deltagare" });
    await form.getByLabel("Namn").fill("Helt Annat Namn");
    // Typed in capitals: still the same person.
    await form.getByLabel("E-postadress").fill(existing.email.toUpperCase());
    await form.getByLabel("Verksamhet").selectOption({ label: "Socialtjänst" });
    await form.getByLabel("Titel").fill("Socialsekreterare");
    const response = await submit(page, PARTICIPANTS, form.getByRole("button", { name: "Registrera" }));
    expect(response.status()).toBeLessThan(400);
    await page.waitForURL((url) => url.searchParams.get("resultat") === "linked");
    const notice = await textOf(page.getByRole("status"));
    expect(notice).toContain(`${existing.email} fanns redan i systemet och är nu anmäld till serien med sina befintliga uppgifter: ${existing.name}, `);
    expect(notice).not.toContain("Helt Annat Namn");

    expect(dbGet(server.databaseFile, "select * from people where id = ?", existing.id)).toEqual(personBefore);
    expect(dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from people where name = 'Helt Annat Namn'")!.n).toBe(0);
    expect(snapshot()).toEqual({ ...before, enrolled: before.enrolled + 1 });
    const list = await tableRows(page.getByRole("region", { name: "Deltagare", exact: true }).locator("table"));
    expect(list.filter((row) => row[1] === existing.email).map((row) => row[0])).toEqual([existing.name]);

    // Registering her once more says she is already enrolled and changes nothing.
    await form.getByLabel("Namn").fill("Helt Annat Namn");
    await form.getByLabel("E-postadress").fill(existing.email);
    await submit(page, PARTICIPANTS, form.getByRole("button", { name: "Registrera" }));
    await page.waitForURL((url) => url.searchParams.get("resultat") === "alreadyEnrolled");
    expect(await textOf(page.getByRole("status"))).toBe(`${existing.name} (${existing.email}) är redan anmäld till serien.`);
    expect(snapshot()).toEqual({ ...before, enrolled: before.enrolled + 1 });
  });
});

describe("exporting the list", () => {
  it("downloads as CSV for Swedish Excel: BOM, semicolons, CRLF, every enrolled person once", async () => {
    await page.goto(`${server.url}${PARTICIPANTS}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Ladda ner deltagarlistan (CSV för Excel)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("deltagare-serie-3.csv");
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    // Every line break is CRLF.
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.slice(0, -2).split("\r\n");
    expect(lines[0]).toBe("Namn;E-post;Arbetsplats;Kommun;Verksamhet;Yrkesroll;Titel;Nivå");
    const enrolled = snapshot().enrolled;
    expect(lines).toHaveLength(1 + enrolled);
    expect(lines.slice(1).every((line) => line.split(";").length === 8)).toBe(true);
    expect(lines).toContain("Åsa Öberg;asa.oberg@nacka.example;Järlaskolan;Nacka;Skola;Chefer/Ledning;Rektor;Strategisk");
    expect(lines).toContain("Märta Lind;marta.lind@regionstockholm.example;BUP Nacka;Nacka;Hälso- och sjukvård;Sjukvård;Psykolog, BUP;Operativ");
    expect(lines).toContain("Ingrid Ålund;ingrid.alund@nacka.example;Sickla skola;Nacka;Skola;Chefer/Ledning;Rektor;");
    // No one from another series.
    const emails = new Set(lines.slice(1).map((line) => line.split(";")[1]));
    const expected = dbAll<{ email: string }>(
      server.databaseFile,
      "select p.email from enrolments e join people p on p.id = e.person_id where e.series_id = 3 and e.status = 'anmald'",
    ).map((r) => r.email);
    expect([...emails].sort()).toEqual(expected.sort());

    // Fetched directly, it is served as UTF-8 CSV and never cached.
    const response = await page.evaluate(async () => {
      const res = await fetch("/serier/3/deltagare.csv");
      return { status: res.status, type: res.headers.get("content-type"), cache: res.headers.get("cache-control") };
    });
    expect(response).toEqual({ status: 200, type: "text/csv; charset=utf-8", cache: "private, no-store" });
  });
});
