/**
 * Preparation material on a session page (documents by link or uploaded PDF,
 * recorded lectures, reflection questions, expected preparation time), and
 * the session page's answers to bad input: a Swedish message at the field,
 * HTTP 400, and nothing written.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, textOf } from "./support/page";
import { createSeriesThroughForm, dbAll, dbGet, fieldError, forgePost, htmlText, send, smallPdf, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];
let seriesId = 0;
let sessionId = 0;

const TITLE = "Tillfälle 1: Skolnärvaro. En översikt av forskning om att främja alla barns och ungas närvaro i skolan";
const PDF = smallPdf();

beforeAll(async () => {
  server = await startServer("e2e-planning-prep");
  browser = await launchBrowser();
  // A fresh series, so the session starts without any material.
  const setup = await newPage(browser);
  await signIn(setup.page, server.url, DEMO.admin);
  seriesId = await createSeriesThroughForm(setup.page, server.url, {
    organisation: "Sollentuna",
    term: "VT 2027",
    firstDate: "2027-02-02",
  });
  await setup.context.close();
  sessionId = dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? and position = 1", seriesId)!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  ({ context, page } = await newPage(browser));
  browserErrors = watchBrowserErrors(context);
  await signIn(page, server.url, DEMO.admin);
});

afterEach(async () => {
  await context?.close();
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

const sessionPath = () => `/serier/${seriesId}/tillfallen/${sessionId}`;

async function openSession() {
  await page.goto(`${server.url}${sessionPath()}`);
  await expectHeading(page, TITLE);
}

type MaterialRow = {
  id: number;
  kind: string;
  title: string;
  author: string | null;
  year: number | null;
  url: string | null;
  file_key: string | null;
  file_name: string | null;
  file_size: number | null;
  duration_minutes: number | null;
};

function materials(): MaterialRow[] {
  return dbAll<MaterialRow>(
    server.databaseFile,
    `select id, kind, title, author, year, url, file_key, file_name, file_size, duration_minutes
     from prep_materials where series_session_id = ? order by id`,
    sessionId,
  );
}

function questions(): { id: number; text: string }[] {
  return dbAll(server.databaseFile, "select id, text from reflection_questions where series_session_id = ? order by id", sessionId);
}

function sessionRow(): Record<string, unknown> {
  return dbGet<Record<string, unknown>>(server.databaseFile, "select * from series_sessions where id = ?", sessionId)!;
}

function uploadedFiles(): string[] {
  const dir = path.join(path.dirname(server.databaseFile), "uploads");
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** Everything the prep material consists of, to check that a refused form wrote nothing. */
function prepSnapshot() {
  return { materials: materials(), questions: questions(), session: sessionRow(), files: uploadedFiles() };
}

/** The list under one of the material headings ("Dokument", "Inspelade föreläsningar", "Reflektionsfrågor"). */
function listUnder(heading: string): Locator {
  return page
    .locator("#material h3", { hasText: new RegExp(`^${heading}$`) })
    .locator("xpath=following-sibling::*[self::ul or self::ol][1]");
}

async function listItems(heading: string): Promise<string[]> {
  return (await listUnder(heading).locator(":scope > li").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
}

const documentForm = () => page.getByRole("region", { name: "Lägg till dokument" });
const lectureForm = () => page.getByRole("region", { name: "Lägg till föreläsning" });
const questionForm = () => page.getByRole("region", { name: "Lägg till reflektionsfråga" });
const sessionForm = () => page.getByRole("region", { name: "Ändra tillfället" });

const add = (form: Locator) => send(page, sessionPath(), form.getByRole("button", { name: "Lägg till" }));
const saveSession = () => send(page, sessionPath(), sessionForm().getByRole("button", { name: "Spara tillfället" }));

describe("preparation material", () => {
  it("starts empty, and a document with a link is added and listed", async () => {
    await openSession();
    expect(await listUnder("Dokument").locator("li").count()).toBe(0);
    expect(await textOf(page.locator("#material h3:has-text('Dokument') + p.empty"))).toBe("Inget förberedelsematerial ännu.");
    expect(await textOf(page.locator("#material h3:has-text('Reflektionsfrågor') + p.empty"))).toBe("Inga reflektionsfrågor ännu.");

    const form = documentForm();
    await form.getByLabel("Titel").fill("Skolnärvaro i praktiken");
    await form.getByLabel("Författare").fill("Anna Svensson");
    await form.getByLabel("År").fill("2024");
    await form.getByLabel("Länk").fill("https://example.org/skolnarvaro-i-praktiken");
    await add(form);
    await page.waitForURL((url) => url.searchParams.get("material") === "tillagt");
    expect(await textOf(page.getByRole("status"))).toBe("Materialet är tillagt.");
    expect(await listItems("Dokument")).toEqual([
      "Skolnärvaro i praktiken (Anna Svensson, 2024) https://example.org/skolnarvaro-i-praktiken Ta bort",
    ]);
    expect(await page.getByRole("link", { name: "https://example.org/skolnarvaro-i-praktiken" }).getAttribute("href")).toBe(
      "https://example.org/skolnarvaro-i-praktiken",
    );
    expect(materials()).toEqual([
      expect.objectContaining({
        kind: "dokument",
        title: "Skolnärvaro i praktiken",
        author: "Anna Svensson",
        year: 2024,
        url: "https://example.org/skolnarvaro-i-praktiken",
        file_key: null,
      }),
    ]);
  });

  it("a document with an uploaded PDF is listed and downloads as application/pdf", async () => {
    await openSession();
    const form = documentForm();
    await form.getByLabel("Titel").fill("Handbok om närvaroarbete");
    await form.getByLabel("PDF-fil (högst 20 MB)").setInputFiles({ name: "handbok.pdf", mimeType: "application/pdf", buffer: PDF });
    await add(form);
    expect(await textOf(page.getByRole("status"))).toBe("Materialet är tillagt.");

    const rows = materials();
    expect(rows).toHaveLength(2);
    const pdf = rows[1];
    expect(pdf).toMatchObject({ kind: "dokument", title: "Handbok om närvaroarbete", url: null, file_name: "handbok.pdf", file_size: PDF.length });
    expect(await listItems("Dokument")).toEqual([
      "Skolnärvaro i praktiken (Anna Svensson, 2024) https://example.org/skolnarvaro-i-praktiken Ta bort",
      "Handbok om närvaroarbete handbok.pdf (PDF, 1 kB) Ta bort",
    ]);
    const link = page.getByRole("link", { name: "handbok.pdf (PDF, 1 kB)" });
    expect(await link.getAttribute("href")).toBe(`/material/${pdf.id}`);

    const response = await context.request.get(`${server.url}/material/${pdf.id}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await response.body()).equals(PDF)).toBe(true);
    // Stored under a random name, not the uploader's.
    expect(uploadedFiles()).toEqual([pdf.file_key]);
    expect(pdf.file_key).toMatch(/^[A-Za-z0-9_-]+\.pdf$/);
    expect(pdf.file_key).not.toBe("handbok.pdf");
  });

  it("a recorded lecture with link and duration, and a reflection question, are added", async () => {
    await openSession();
    const lecture = lectureForm();
    await lecture.getByLabel("Titel").fill("Inspelad föreläsning: Närvarofrämjande arbete");
    await lecture.getByLabel("Länk").fill("https://example.org/forelasning/narvaro");
    await lecture.getByLabel("Längd (minuter)").fill("45");
    await add(lecture);
    expect(await textOf(page.getByRole("status"))).toBe("Materialet är tillagt.");
    expect(await listItems("Inspelade föreläsningar")).toEqual(["Inspelad föreläsning: Närvarofrämjande arbete (45 min) Ta bort"]);
    expect(
      await page.getByRole("link", { name: "Inspelad föreläsning: Närvarofrämjande arbete" }).getAttribute("href"),
    ).toBe("https://example.org/forelasning/narvaro");

    const question = questionForm();
    await question.getByLabel("Fråga").fill("Vilka tidiga signaler på frånvaro fångar ni upp i dag?");
    await add(question);
    expect(await textOf(page.getByRole("status"))).toBe("Materialet är tillagt.");
    expect(await listItems("Reflektionsfrågor")).toEqual(["Vilka tidiga signaler på frånvaro fångar ni upp i dag? Ta bort"]);

    expect(materials().map((m) => [m.kind, m.title, m.url, m.duration_minutes])).toEqual([
      ["dokument", "Skolnärvaro i praktiken", "https://example.org/skolnarvaro-i-praktiken", null],
      ["dokument", "Handbok om närvaroarbete", null, null],
      ["forelasning", "Inspelad föreläsning: Närvarofrämjande arbete", "https://example.org/forelasning/narvaro", 45],
    ]);
    expect(questions().map((q) => q.text)).toEqual(["Vilka tidiga signaler på frånvaro fångar ni upp i dag?"]);
  });

  it("an expected preparation time of 2,5 hours is shown to the participants and on the series page", async () => {
    await openSession();
    // From the template: 3 hours.
    expect(await textOf(page.locator("#material > p").first())).toBe("Deltagarna ser en förväntad förberedelsetid på 3 timmar.");
    await sessionForm().getByLabel("Förväntad förberedelsetid (timmar)").fill("2,5");
    await saveSession();
    await page.waitForURL((url) => url.searchParams.has("sparat"));
    expect(await textOf(page.getByRole("status"))).toBe("Tillfället är sparat.");
    expect(await textOf(page.locator("#material > p").first())).toBe("Deltagarna ser en förväntad förberedelsetid på 2,5 timmar.");
    expect(await sessionForm().getByLabel("Förväntad förberedelsetid (timmar)").inputValue()).toBe("2,5");
    expect(sessionRow().prep_hours).toBe(2.5);

    await page.goto(`${server.url}/serier/${seriesId}`);
    expect(await textOf(page.locator(`#tillfalle-${sessionId} p.help`))).toBe(
      "Förberedelse – dokument: 2, föreläsningar: 1, reflektionsfrågor: 1 · Beräknad förberedelsetid: 2,5 timmar",
    );
  });

  it("deleting the PDF document removes it from the list, the database and the disk", async () => {
    await openSession();
    const pdf = materials()[1];
    await send(page, sessionPath(), page.getByRole("button", { name: "Ta bort Handbok om närvaroarbete" }));
    await page.waitForURL((url) => url.searchParams.get("material") === "borttaget");
    expect(await textOf(page.getByRole("status"))).toBe("Borttaget.");
    expect(await listItems("Dokument")).toEqual([
      "Skolnärvaro i praktiken (Anna Svensson, 2024) https://example.org/skolnarvaro-i-praktiken Ta bort",
    ]);
    expect(materials().map((m) => m.title)).toEqual(["Skolnärvaro i praktiken", "Inspelad föreläsning: Närvarofrämjande arbete"]);
    expect(uploadedFiles()).toEqual([]);
    expect((await context.request.get(`${server.url}/material/${pdf.id}`)).status()).toBe(404);
  });
});

describe("bad input on the session page", () => {
  it("an impossible date (2026-02-30) is refused at the field with 400, also when posted by hand", async () => {
    const before = prepSnapshot();
    await openSession();
    const date = sessionForm().getByLabel("Datum", { exact: true });
    // A date input refuses to hold 2026-02-30, so type it as text, as an older browser would send it.
    await date.evaluate((el) => {
      (el as HTMLInputElement).type = "text";
      (el as HTMLInputElement).value = "2026-02-30";
    });
    const response = await saveSession();
    expect(response.status()).toBe(400);
    expect(await fieldError(sessionForm().getByLabel("Datum", { exact: true }))).toBe(
      "Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15.",
    );
    expect(await page.getByRole("status").count()).toBe(0);
    await expectNoAxeViolations(page);

    const forged = await forgePost(page, sessionPath(), {
      intent: "save",
      date: "2026-02-30",
      startTime: "08:30",
      endTime: "12:00",
      format: "pa_plats",
    });
    expect(forged.status).toBe(400);
    expect(htmlText(forged.text)).toContain("Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15.");
    expect(prepSnapshot()).toEqual(before);
  });

  it("an end time before the start time is refused at the end time (400)", async () => {
    const before = prepSnapshot();
    await openSession();
    await sessionForm().getByLabel("Starttid").fill("12:00");
    await sessionForm().getByLabel("Sluttid").fill("08:30");
    const response = await saveSession();
    expect(response.status()).toBe(400);
    expect(await fieldError(sessionForm().getByLabel("Sluttid"))).toBe("Sluttiden måste vara efter starttiden.");
    expect(await fieldError(sessionForm().getByLabel("Starttid"))).toBeNull();
    // What was typed is kept for correcting.
    expect(await sessionForm().getByLabel("Starttid").inputValue()).toBe("12:00");
    expect(await sessionForm().getByLabel("Sluttid").inputValue()).toBe("08:30");
    expect(prepSnapshot()).toEqual(before);
  });

  it("a lecture without a title is refused at the title (400)", async () => {
    const before = prepSnapshot();
    await openSession();
    const form = lectureForm();
    await form.getByLabel("Länk").fill("https://example.org/forelasning/utan-titel");
    await form.getByLabel("Längd (minuter)").fill("30");
    const response = await add(form);
    expect(response.status()).toBe(400);
    expect(await fieldError(lectureForm().getByLabel("Titel"))).toBe("Fältet måste fyllas i.");
    expect(await lectureForm().getByLabel("Länk").inputValue()).toBe("https://example.org/forelasning/utan-titel");
    expect(prepSnapshot()).toEqual(before);
  });

  it("a javascript: link is refused for a document and for a lecture (400), and never becomes a link", async () => {
    const before = prepSnapshot();
    await openSession();
    const doc = documentForm();
    await doc.getByLabel("Titel").fill("Farlig länk");
    await doc.getByLabel("Länk").fill("javascript:alert(1)");
    expect((await add(doc)).status()).toBe(400);
    expect(await fieldError(documentForm().getByLabel("Länk"))).toBe(
      "Länken måste vara en webbadress som börjar med http:// eller https://.",
    );
    await expectNoAxeViolations(page);

    const lecture = lectureForm();
    await lecture.getByLabel("Titel").fill("Farlig föreläsning");
    await lecture.getByLabel("Länk").fill("javascript:alert(1)");
    await lecture.getByLabel("Längd (minuter)").fill("20");
    expect((await add(lecture)).status()).toBe(400);
    expect(await fieldError(lectureForm().getByLabel("Länk"))).toBe(
      "Länken måste vara en webbadress som börjar med http:// eller https://.",
    );
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(prepSnapshot()).toEqual(before);
  });

  it("a text file renamed .pdf is refused: the file is not a PDF (400)", async () => {
    const before = prepSnapshot();
    await openSession();
    const form = documentForm();
    await form.getByLabel("Titel").fill("Inte en PDF");
    await form.getByLabel("PDF-fil (högst 20 MB)").setInputFiles({
      name: "anteckningar.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("Det här är bara text, inte en PDF.\n", "utf8"),
    });
    expect((await add(form)).status()).toBe(400);
    expect(await fieldError(documentForm().getByLabel("PDF-fil (högst 20 MB)"))).toBe(
      "Filen är inte en PDF. Ladda upp en fil i PDF-format.",
    );
    expect(await documentForm().getByLabel("Titel").inputValue()).toBe("Inte en PDF");
    expect(prepSnapshot()).toEqual(before);
  });

  it("a file over 20 MB is refused: the file is too large (400)", async () => {
    const before = prepSnapshot();
    await openSession();
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    PDF.copy(big, 0);
    const form = documentForm();
    await form.getByLabel("Titel").fill("För stor fil");
    await form.getByLabel("PDF-fil (högst 20 MB)").setInputFiles({ name: "stor.pdf", mimeType: "application/pdf", buffer: big });
    expect((await add(form)).status()).toBe(400);
    expect(await fieldError(documentForm().getByLabel("PDF-fil (högst 20 MB)"))).toBe(
      "Filen är för stor. Den får vara högst 20 MB.",
    );
    expect(prepSnapshot()).toEqual(before);
  });
});
