/**
 * Small helpers for reading what a person sees, shared by the e2e test files.
 * vitest's `expect` does not wait, so every helper waits for its element first.
 */
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Locator, Page, Response } from "playwright-core";
import { expect } from "vitest";

/** The part of Remix's router state that tells whether the page is still busy. */
type RouterState = {
  navigation: { state: string };
  revalidation: string;
  fetchers: Map<string, { state: string }>;
};

/** A new, isolated browser context and page (own cookies), at the given width if any. */
export async function newPage(
  browser: Browser,
  { width, height }: { width?: number; height?: number } = {}
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: width ?? 1280, height: height ?? 900 },
  });
  const page = await context.newPage();
  return { context, page };
}

/** Visible text of an element, whitespace (also non-breaking spaces) folded to single spaces. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor();
  return fold(await locator.first().innerText());
}

export function fold(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The h1 of the page, once there is one. */
export function heading(page: Page): Promise<string> {
  return textOf(page.locator("main h1"));
}

/**
 * Waits (up to `timeout`) for the page's h1 to read exactly `expected`, then
 * asserts it, so a client-side navigation that is still rendering is not a
 * false failure and a wrong page fails with the heading it did show.
 */
export async function expectHeading(page: Page, expected: string, timeout = 10_000) {
  const exact = new RegExp(`^\\s*${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  await page
    .locator("main h1")
    .filter({ hasText: exact })
    .waitFor({ timeout })
    .catch(() => undefined);
  expect(await heading(page), `rubrik på ${page.url()}`).toBe(expected);
}

/** Everything a person can read on the page (not hidden elements). */
export async function visibleText(page: Page): Promise<string> {
  return fold(await page.locator("body").innerText());
}

/** Waits for the POST that a form submission makes to `pathname` (Remix single fetch adds ".data"). */
export function waitForPost(page: Page, pathname: string): Promise<Response> {
  return page.waitForResponse((response) => {
    if (response.request().method() !== "POST") return false;
    const path = new URL(response.url()).pathname.replace(/\.data$/, "");
    return path === pathname;
  });
}

/**
 * Waits until the page has finished what a click started: the document is
 * loaded, Remix's router has no navigation, revalidation or fetcher under way,
 * and the browser has painted once since.
 */
export async function settle(page: Page) {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => {
    const router = (window as unknown as { __remixRouter?: { state: RouterState } }).__remixRouter;
    if (!router) return false;
    const { navigation, revalidation, fetchers } = router.state;
    return navigation.state === "idle" && revalidation === "idle" && [...fetchers.values()].every((f) => f.state === "idle");
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

/** Submits by clicking `button` and returns the POST's response once the page has settled. */
export async function submit(page: Page, pathname: string, button: Locator): Promise<Response> {
  const [response] = await Promise.all([waitForPost(page, pathname), button.click()]);
  await settle(page);
  return response;
}

/** Rows of a table as arrays of folded cell texts (th and td), body rows only. */
export async function tableRows(table: Locator): Promise<string[][]> {
  await table.waitFor();
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("th, td")).map((cell) =>
          ((cell as HTMLElement).innerText ?? "").replace(/\s+/g, " ").trim()
        )
      )
    );
}

/** The links in the main navigation, by their text. */
export async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Huvudmeny" });
  await nav.waitFor();
  return (await nav.getByRole("link").allInnerTexts()).map(fold);
}

/** Opens the server's database file read-only, for checking what was (not) saved. */
export function readDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Text that would betray a stack trace or internal detail on an error page. */
export const STACK_TRACE = /\bat [\w.<>]+ \(|\w+Error\b|node_modules|\/app\/|\.tsx?:\d+|\.js:\d+:\d+/;
