/**
 * Switching language, and what a person sees at an address that does not exist.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { sv } from "../../app/i18n/sv";
import { DEMO, DEMO_PASSWORD, launchBrowser, signIn } from "./support/browser";
import { expectHeading, navLinks, newPage, STACK_TRACE, submit, textOf, visibleText } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer("e2e-language");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function withPage(run: (page: Page) => Promise<void>) {
  const { context, page } = await newPage(browser);
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

/** app/i18n/en.ts started as a copy of sv.ts; the English checks only mean something once it is translated. */
const translated = en["login.title"] !== sv["login.title"] && en["lang.switchTo"] !== sv["lang.switchTo"];

const switchButton = (page: Page) => page.locator("form.lang-switch button");
const htmlLang = (page: Page) => page.locator("html").getAttribute("lang");

/** Clicks the language button and waits until the page is in `locale`. */
async function switchLanguage(page: Page, locale: "sv" | "en") {
  await Promise.all([
    page.waitForFunction((l) => document.documentElement.lang === l, locale),
    switchButton(page).click(),
  ]);
  await page.waitForLoadState("networkidle");
}

describe("language switch", () => {
  it("switches the sign-in page to English and back, marking the language in html lang", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      expect(await htmlLang(page)).toBe("sv");
      expect(await textOf(switchButton(page))).toBe("English");
      // The button's own text is in the language it switches to.
      expect(await switchButton(page).getAttribute("lang")).toBe("en");

      await switchLanguage(page, "en");
      expect(await htmlLang(page)).toBe("en");
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      expect(await textOf(switchButton(page))).toBe(en["lang.switchTo"]);
      expect(await switchButton(page).getAttribute("lang")).toBe("sv");
      await expectHeading(page, en["login.title"]);

      // The choice is remembered across a reload.
      await page.reload();
      expect(await htmlLang(page)).toBe("en");

      await switchLanguage(page, "sv");
      expect(await htmlLang(page)).toBe("sv");
      expect(await textOf(switchButton(page))).toBe("English");
      await expectHeading(page, "Logga in");
      expect(await visibleText(page)).toContain("Deltagare behöver inget lösenord");
    }));

  it.skipIf(!translated)("the English interface is really English, also in server-side messages", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      await switchLanguage(page, "en");
      await expectHeading(page, en["login.title"]);
      expect(await textOf(switchButton(page))).not.toBe("English");
      const text = await visibleText(page);
      expect(text).toContain(en["login.intro"]);
      expect(text).not.toContain(sv["login.intro"]);

      // A message made on the server is in English too.
      await page.getByLabel(en["login.email"]).fill(DEMO.nacka);
      await page.getByLabel(en["login.password"], { exact: true }).fill("wrong password");
      const response = await submit(
        page,
        "/logga-in",
        page.getByRole("button", { name: en["login.submit"], exact: true })
      );
      expect(response.status()).toBe(401);
      expect(await textOf(page.getByRole("alert"))).toBe(en["login.invalid"]);
      expect(en["login.invalid"]).not.toBe(sv["login.invalid"]);
    })
  );

  it("a signed-in user stays on the same page when switching, and the menu follows", () =>
    withPage(async (page) => {
      await signIn(page, server.url, DEMO.admin, DEMO_PASSWORD);
      await page.goto(`${server.url}/serier`);
      await expectHeading(page, "Serier");
      const swedishMenu = await navLinks(page);
      expect(swedishMenu).toEqual(expect.arrayContaining(["Start", "Serier", "Personal", "Utkorg"]));

      await switchLanguage(page, "en");
      expect(new URL(page.url()).pathname).toBe("/serier");
      expect(await htmlLang(page)).toBe("en");
      await expectHeading(page, en["series.title"]);
      const menu = page.getByRole("navigation", { name: en["nav.label"] });
      const englishMenu = (await menu.getByRole("link").allInnerTexts()).map((s) => s.trim());
      expect(englishMenu).toHaveLength(swedishMenu.length);
      expect(englishMenu).toEqual(
        expect.arrayContaining([en["nav.start"], en["nav.series"], en["nav.staff"], en["nav.outbox"]]),
      );

      await switchLanguage(page, "sv");
      expect(new URL(page.url()).pathname).toBe("/serier");
      expect(await navLinks(page)).toEqual(swedishMenu);
    }));
});

describe("unknown addresses", () => {
  it("an unknown URL shows the Swedish 404 page, without any stack trace", () =>
    withPage(async (page) => {
      const response = await page.goto(`${server.url}/finns/inte/alls`);
      expect(response?.status()).toBe(404);
      await expectHeading(page, "Sidan finns inte");
      const text = await visibleText(page);
      expect(text).toContain("Sidan du söker finns inte, eller så har du inte behörighet att se den.");
      expect(text).not.toMatch(STACK_TRACE);
      expect(await page.content()).not.toMatch(STACK_TRACE);
      // A way back.
      await page.getByRole("link", { name: "Till startsidan" }).click();
      await page.waitForURL((url) => url.pathname === "/logga-in");
      await expectHeading(page, "Logga in");
    }));

  it("signed in, unknown URLs and malformed series ids give the same 404 page", () =>
    withPage(async (page) => {
      await signIn(page, server.url, DEMO.huddinge);
      for (const path of ["/finns-inte", "/serier/abc", "/serier/-1", "/serier/1e3", `/serier/${"9".repeat(30)}`]) {
        const response = await page.goto(`${server.url}${path}`);
        expect(response?.status(), path).toBe(404);
        await expectHeading(page, "Sidan finns inte");
        expect(await page.content(), path).not.toMatch(STACK_TRACE);
      }
    }));

  it("a form post to an unknown URL is a 404 too, not a server error", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      const result = await page.evaluate(async () => {
        const response = await fetch("/finns-inte", { method: "POST", body: new URLSearchParams({ a: "b" }) });
        return { status: response.status, text: await response.text() };
      });
      expect(result.status).toBe(404);
      expect(result.text).toContain("Sidan finns inte");
      expect(result.text).not.toMatch(STACK_TRACE);
    }));
});
