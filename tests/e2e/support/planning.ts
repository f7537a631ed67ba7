/**
 * Helpers for the series-planning e2e tests (tests/e2e/planning-*.test.ts):
 * creating a series through the form, forged posts from inside the page, and
 * reading rows back from the server's database.
 */
import type { BrowserContext, Locator, Page, Response } from "playwright-core";
import { expect } from "vitest";
import { readDatabase } from "./page";


import { settle, submit as send } from "./page";

export { send, settle };

/** Rows from the server's database (read-only). */
export function dbAll<T>(databaseFile: string, sql: string, ...params: unknown[]): T[] {
  return readDatabase(databaseFile, (db) => db.prepare(sql).all(...params)) as T[];
}

export function dbGet<T>(databaseFile: string, sql: string, ...params: unknown[]): T | undefined {
  return readDatabase(databaseFile, (db) => db.prepare(sql).get(...params)) as T | undefined;
}

export type SessionRow = {
  id: number;
  position: number;
  starts_at: number;
  ends_at: number;
  prep_hours: number | null;
  override_reason: string | null;
};

export function sessionsOf(databaseFile: string, seriesId: number): SessionRow[] {
  return dbAll<SessionRow>(
    databaseFile,
    "select id, position, starts_at, ends_at, prep_hours, override_reason from series_sessions where series_id = ? order by position",
    seriesId,
  );
}

/**
 * A POST made from inside the signed-in page (same origin, with its cookies),
 * as a hand-made form would send it, bypassing what the page offers.
 */
export async function forgePost(
  page: Page,
  path: string,
  fields: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ({ path, fields }) => {
      const response = await fetch(path, { method: "POST", body: new URLSearchParams(fields) });
      return { status: response.status, text: await response.text() };
    },
    { path, fields },
  );
}

/** The text a person would read in an HTML document (scripts and tags removed). */
export function htmlText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

export type NewSeriesInput = {
  organisation: string;
  term: string;
  firstDate: string;
  template?: string;
  processLeader?: string;
};

/** Fills in /serier/ny as a process leader would and returns the new series' id. */
export async function createSeriesThroughForm(page: Page, baseUrl: string, input: NewSeriesInput): Promise<number> {
  await page.goto(`${baseUrl}/serier/ny`);
  if (input.template) await page.getByLabel("Mall", { exact: true }).selectOption({ label: input.template });
  await page.getByLabel("Kommun eller stadsdelsområde").selectOption({ label: input.organisation });
  await page.getByLabel("Termin", { exact: true }).fill(input.term);
  await page.getByLabel("Datum för första tillfället").fill(input.firstDate);
  if (input.processLeader) {
    await page.getByLabel("Ansvarig processledare").selectOption({ label: input.processLeader });
  }
  const response = await send(page, "/serier/ny", page.getByRole("button", { name: "Skapa serien" }));
  // A created series answers with a redirect (single fetch reports it as 204/202/200 on .data).
  expect(response.status(), "svar på Skapa serien").toBeLessThan(400);
  await page.waitForURL((url) => /^\/serier\/\d+$/.test(url.pathname) && url.searchParams.has("skapad"));
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

/** A small but well-formed one-page PDF. */
export function smallPdf(): Buffer {
  const objects = [
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += object;
  }
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * The error message tied to a field, found the way a screen reader finds it:
 * through the field's aria-describedby. Also checks aria-invalid.
 */
export async function fieldError(field: Locator): Promise<string | null> {
  await field.waitFor();
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(/\s+/).find((id) => id.endsWith("-error"));
  if (!errorId) return null;
  expect(await field.getAttribute("aria-invalid"), "aria-invalid på fältet med fel").toBe("true");
  const page = field.page();
  return (await page.locator(`[id="${errorId}"]`).innerText()).replace(/\s+/g, " ").trim();
}

/**
 * Collects what the browser reports as going wrong in the context's pages:
 * uncaught exceptions and console errors. Failed resource loads are left
 * out, since tests open 403 and 404 pages on purpose.
 */
export function watchBrowserErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  context.on("weberror", (error) => errors.push(`uncaught: ${error.error().message}`));
  context.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`console.error on ${message.page()?.url() ?? "?"}: ${message.text()}`);
    }
  });
  return errors;
}
