/**
 * axe-core (WCAG 2.1 A and AA) on every distinct page and state, and the two
 * most used pages at a phone's width. Zero violations is the bar.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, readDatabase, submit, textOf } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer("e2e-a11y");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function withPage(run: (page: Page) => Promise<void>, options: { width?: number; height?: number } = {}) {
  const { context, page } = await newPage(browser, options);
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

async function asUser(email: string, run: (page: Page) => Promise<void>, options: { width?: number } = {}) {
  return withPage(async (page) => {
    await signIn(page, server.url, email);
    await run(page);
  }, options);
}

/** Opens `path`, checks the heading so the right page is tested, then runs axe. */
async function check(page: Page, path: string, heading: string, status = 200) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(status);
  await expectHeading(page, heading);
  await expectNoAxeViolations(page);
}

/** The page fits the viewport: nothing but tables (inside their own scroll box) is wider than the screen. */
async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `sidan är bredare än skärmen på ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}

describe("signed out", () => {
  it("sign-in page, empty", () => withPage((page) => check(page, "/logga-in", "Logga in")));

  it("sign-in page with field errors and with a sign-in error", () =>
    withPage(async (page) => {
      await check(page, "/logga-in", "Logga in");
      const button = page.getByRole("button", { name: "Logga in" });
      expect((await submit(page, "/logga-in", button)).status()).toBe(400);
      await page.locator("#field-email-error").waitFor();
      await expectNoAxeViolations(page);

      await page.getByLabel("E-postadress").fill(DEMO.nacka);
      await page.getByLabel("Lösenord").fill("fel lösenord");
      expect((await submit(page, "/logga-in", button)).status()).toBe(401);
      await page.getByRole("alert").waitFor();
      await expectNoAxeViolations(page);
    }));

  it("signed-out notice after logging out", () =>
    asUser(DEMO.nacka, async (page) => {
      await Promise.all([
        page.waitForURL((url) => url.searchParams.has("utloggad")),
        page.getByRole("button", { name: "Logga ut" }).click(),
      ]);
      expect(await textOf(page.getByRole("status"))).toBe("Du är utloggad.");
      await expectNoAxeViolations(page);
    }));

  it("404 page", () => withPage((page) => check(page, "/finns-inte", "Sidan finns inte", 404)));

  it("invalid activation link", () =>
    withPage((page) => check(page, "/aktivera/ogiltig-lank-0123456789abcdef", "Aktivera ditt konto")));
});

describe("start pages", () => {
  it("process leader: Översikt", () => asUser(DEMO.admin, (page) => check(page, "/", "Översikt")));
  it("coordinator: Mina serier", () => asUser(DEMO.huddinge, (page) => check(page, "/", "Mina serier")));
  it("sponsor: Representation i korthet", () =>
    asUser(DEMO.sponsor, (page) => check(page, "/", "Representation i korthet")));
});

describe("series", () => {
  it("series list for each role", async () => {
    await asUser(DEMO.admin, (page) => check(page, "/serier", "Serier"));
    await asUser(DEMO.huddinge, (page) => check(page, "/serier", "Serier"));
    await asUser(DEMO.sponsor, (page) => check(page, "/serier", "Serier"));
  });

  it("series page as coordinator, also with the edit form open and showing an error", () =>
    asUser(DEMO.huddinge, async (page) => {
      await check(page, "/serier/2", "Processtöd skolnärvaro Huddinge");
      const sessionId = readDatabase(server.databaseFile, (db) =>
        db.prepare("select id from series_sessions where series_id = 2 order by position limit 1").pluck().get()
      ) as number;
      const card = page.locator(`#tillfalle-${sessionId}`);
      await card.getByText("Ändra praktiska uppgifter").click();
      await card.getByLabel("Möteslänk").fill("javascript:alert(1)");
      expect((await submit(page, "/serier/2", card.getByRole("button", { name: "Spara" }))).status()).toBe(400);
      await card.locator(".error").waitFor();
      await expectNoAxeViolations(page);

      await card.getByLabel("Möteslänk").fill("https://mote.example/huddinge");
      await submit(page, "/serier/2", card.getByRole("button", { name: "Spara" }));
      await page.getByRole("status").waitFor();
      await expectNoAxeViolations(page);
    }));

  it("series page as sponsor (suppressed figures)", () =>
    asUser(DEMO.sponsor, (page) => check(page, "/serier/2", "Processtöd skolnärvaro Huddinge")));

  it("series pages as process leader: finished, planned and cancelled series", () =>
    asUser(DEMO.admin, async (page) => {
      await check(page, "/serier/1", "Processtöd skolnärvaro Botkyrka");
      await check(page, "/serier/3", "Processtöd skolnärvaro Nacka");
      await check(page, "/serier/4", "Processtöd skolnärvaro Järfälla");
    }));

  it("403 page", () => asUser(DEMO.sponsor, (page) => check(page, "/personal", "Ingen behörighet", 403)));
});

describe("county dashboard (/lan)", () => {
  /** The page shows the county and term asked for, so axe checks that state and not the default one. */
  async function checkCounty(page: Page, path: string, showing: string) {
    await check(page, path, "Länsöversikt");
    expect(await textOf(page.locator(".county-showing"))).toContain(showing);
  }

  it("sponsor (suppressed figures): Stockholm, Västra Götaland and one term", () =>
    asUser(DEMO.sponsor, async (page) => {
      await checkCounty(page, "/lan", "Visar Stockholms län, alla terminer.");
      await checkCounty(page, "/lan?lan=14", "Visar Västra Götalands län, alla terminer.");
      await checkCounty(page, "/lan?termin=HT+2026", "Visar Stockholms län, HT 2026.");
    }));

  it("process leader (exact figures): Stockholm, and Västra Götaland in one term", () =>
    asUser(DEMO.admin, async (page) => {
      await checkCounty(page, "/lan", "Visar Stockholms län, alla terminer.");
      await checkCounty(page, "/lan?lan=14&termin=HT+2026", "Visar Västra Götalands län, HT 2026.");
    }));
});

describe("staff pages and activation", () => {
  it("/personal, with errors, after creating an account; /utkorg with the mail open; the activation page", async () => {
    let link = "";
    await asUser(DEMO.admin, async (page) => {
      await check(page, "/personal", "Personal");
      const button = page.getByRole("button", { name: "Skapa konto och skicka inbjudan" });
      expect((await submit(page, "/personal", button)).status()).toBe(400);
      await page.locator("#field-name-error").waitFor();
      await expectNoAxeViolations(page);

      await page.getByLabel("Namn").fill("Vera Tillgänglig");
      await page.getByLabel("E-postadress").fill("vera@sollentuna.example");
      await page
        .getByLabel("Kommuner och stadsdelsområden (för kommunsamordnare)")
        .selectOption({ label: "Sollentuna" });
      await submit(page, "/personal", button);
      await page.getByRole("status").waitFor();
      await expectNoAxeViolations(page);

      await check(page, "/utkorg", "Utkorg");
      const row = page.locator("tbody tr", { hasText: "vera@sollentuna.example" });
      await row.getByText("Visa meddelandet").click();
      const body = await textOf(row.locator("pre.mail-body"));
      link = body.match(/https?:\/\/\S+\/aktivera\/[A-Za-z0-9_-]+/)?.[0] ?? "";
      await expectNoAxeViolations(page);
    });
    expect(link).not.toBe("");

    await withPage(async (page) => {
      await check(page, new URL(link).pathname, "Aktivera ditt konto");
      await page.getByLabel("Nytt lösenord").fill("kort");
      const button = page.getByRole("button", { name: "Spara lösenord och logga in" });
      expect((await submit(page, new URL(link).pathname, button)).status()).toBe(400);
      await page.locator("#field-password-error").waitFor();
      await expectNoAxeViolations(page);

      // The new coordinator's start page, with no series yet.
      await page.getByLabel("Nytt lösenord").fill("ett långt och bra lösenord");
      await page.getByLabel("Upprepa lösenordet").fill("ett långt och bra lösenord");
      await Promise.all([page.waitForURL((url) => url.pathname === "/"), button.click()]);
      await expectHeading(page, "Mina serier");
      await page.locator("main .empty").first().waitFor();
      await expectNoAxeViolations(page);
    });
  });
});

describe("at 360 px wide", () => {
  it("sign-in page", () =>
    withPage(
      async (page) => {
        await check(page, "/logga-in", "Logga in");
        await expectNoHorizontalScroll(page);
      },
      { width: 360, height: 740 }
    ));

  it("county dashboard as sponsor", () =>
    asUser(
      DEMO.sponsor,
      async (page) => {
        await check(page, "/lan", "Länsöversikt");
        await expectNoHorizontalScroll(page);
      },
      { width: 360 }
    ));

  it("series page with participant table", () =>
    asUser(
      DEMO.huddinge,
      async (page) => {
        await check(page, "/serier/2", "Processtöd skolnärvaro Huddinge");
        await expectNoHorizontalScroll(page);
      },
      { width: 360 }
    ));
});
