/**
 * Signing in and out through the real form, as each role would.
 */
import crypto from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, DEMO_PASSWORD, launchBrowser, signIn } from "./support/browser";
import { expectHeading, navLinks, newPage, readDatabase, submit, textOf, visibleText } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer("e2e-sign-in");
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

/** Fills the sign-in form and submits it; returns the POST's HTTP status. */
async function trySignIn(page: Page, email: string, password: string): Promise<number> {
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  const response = await submit(page, "/logga-in", page.getByRole("button", { name: "Logga in" }));
  return response.status();
}

/** "Personal" and "Utkorg" are in the main menu for the process leader only. */
async function expectStaffLinks(page: Page, shown: boolean) {
  const links = await navLinks(page);
  expect(links.slice(0, 2)).toEqual(["Start", "Serier"]);
  for (const link of ["Personal", "Utkorg"]) {
    if (shown) expect(links).toContain(link);
    else expect(links).not.toContain(link);
  }
}

describe("each role lands on its own start page", () => {
  it("process leader (admin) sees Översikt and the staff and outbox links", () =>
    withPage(async (page) => {
      await signIn(page, server.url, DEMO.admin);
      expect(new URL(page.url()).pathname).toBe("/");
      await expectHeading(page, "Översikt");
      await expectStaffLinks(page, true);
      expect(await textOf(page.locator(".signed-in-as"))).toBe("Inloggad som Karin Berg (processledare)");
      // The admin sees every series by status: 1 of each in the demo data.
      const stats = await page.locator(".stat-list li").allInnerTexts();
      expect(stats.map((s) => s.replace(/\s+/g, " ").trim())).toEqual([
        "1 Utkast",
        "1 Planerad",
        "1 Pågående",
        "1 Genomförd",
        "1 Avbruten",
      ]);
    }));

  it("Huddinge coordinator sees Mina serier with Huddinge's series only", () =>
    withPage(async (page) => {
      await signIn(page, server.url, DEMO.huddinge);
      await expectHeading(page, "Mina serier");
      expect(await textOf(page.locator("main .lead"))).toBe("Du är kommunsamordnare för Huddinge.");
      const seriesHeadings = await page.locator("main .card h2").allInnerTexts();
      expect(seriesHeadings).toEqual(["Processtöd skolnärvaro Huddinge"]);
      const text = await visibleText(page);
      expect(text).not.toContain("Botkyrka");
      expect(text).not.toContain("Nacka");
      await expectStaffLinks(page, false);
    }));

  it("Nacka coordinator sees the Nacka series", () =>
    withPage(async (page) => {
      await signIn(page, server.url, DEMO.nacka);
      await expectHeading(page, "Mina serier");
      const seriesHeadings = await page.locator("main .card h2").allInnerTexts();
      expect(seriesHeadings).toEqual(["Processtöd skolnärvaro Nacka"]);
      const card = page.locator("main .card", { hasText: "Processtöd skolnärvaro Nacka" });
      expect(await textOf(card)).toContain("Planerad VT 2027");
      expect(await textOf(card)).toContain("Deltagare 70");
      expect(await visibleText(page)).not.toContain("Huddinge");
      await expectStaffLinks(page, false);
    }));

  it("sponsor sees Representation i korthet without staff or outbox links", () =>
    withPage(async (page) => {
      await signIn(page, server.url, DEMO.sponsor);
      await expectHeading(page, "Representation i korthet");
      await expectStaffLinks(page, false);
      expect(await textOf(page.locator(".signed-in-as"))).toBe("Inloggad som Per Holm (uppdragsgivare)");
    }));
});

describe("failed sign-in", () => {
  it("a wrong password shows one neutral message with HTTP 401 and keeps the e-mail", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      expect(await trySignIn(page, DEMO.nacka, "fel-lösenord-123")).toBe(401);
      expect(await textOf(page.getByRole("alert"))).toBe("Fel e-postadress eller lösenord.");
      expect(await page.getByLabel("E-postadress").inputValue()).toBe(DEMO.nacka);
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      await expectHeading(page, "Logga in");
    }));

  it("an unknown e-mail shows exactly the same message and status", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      expect(await trySignIn(page, "finns.inte@nowhere.example", DEMO_PASSWORD)).toBe(401);
      expect(await textOf(page.getByRole("alert"))).toBe("Fel e-postadress eller lösenord.");
    }));

  it("empty fields show one message per field (400)", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      expect(await trySignIn(page, "", "")).toBe(400);
      expect(await textOf(page.locator("#field-email-error"))).toBe("Ange en e-postadress.");
      expect(await textOf(page.locator("#field-password-error"))).toBe("Ange ditt lösenord.");
      // The messages are tied to their fields for screen readers.
      expect(await page.getByLabel("E-postadress").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("E-postadress").getAttribute("aria-describedby")).toBe("field-email-error");
      expect(await page.getByLabel("Lösenord").getAttribute("aria-describedby")).toBe("field-password-error");
      expect(await page.getByRole("alert").count()).toBe(0);
    }));

  it("a 10,000-character e-mail is refused as too long (400)", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      const longEmail = `${"a".repeat(10_000 - "@huddinge.example".length)}@huddinge.example`;
      expect(longEmail).toHaveLength(10_000);
      expect(await trySignIn(page, longEmail, DEMO_PASSWORD)).toBe(400);
      expect(await textOf(page.locator("#field-email-error"))).toBe("Texten är för lång (högst 254 tecken).");
    }));

  it("six wrong passwords lock the account with HTTP 429, even for the right password", () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/logga-in`);
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect(await trySignIn(page, DEMO.botkyrka, `fel-lösenord-${attempt}`), `försök ${attempt}`).toBe(401);
        expect(await textOf(page.getByRole("alert"))).toBe("Fel e-postadress eller lösenord.");
      }
      expect(await trySignIn(page, DEMO.botkyrka, "fel-lösenord-6")).toBe(429);
      expect(await textOf(page.getByRole("alert"))).toBe(
        "För många misslyckade inloggningar. Vänta 15 minuter och försök igen."
      );
      // The lock holds even when the right password is tried now.
      expect(await trySignIn(page, DEMO.botkyrka, DEMO_PASSWORD)).toBe(429);
      expect(await textOf(page.getByRole("alert"))).toContain("För många misslyckade inloggningar");
      expect(new URL(page.url()).pathname).toBe("/logga-in");
    }));
});

/** Whether the server still holds the auth session a cookie value points to (only its SHA-256 is stored). */
function sessionExists(cookieValue: string): boolean {
  const token = JSON.parse(Buffer.from(decodeURIComponent(cookieValue), "base64").toString("utf8")) as string;
  const id = crypto.createHash("sha256").update(token).digest("hex");
  return readDatabase(server.databaseFile, (db) => !!db.prepare("select 1 from auth_sessions where id = ?").get(id));
}

describe("signing out", () => {
  it("after Logga ut, Back and Reload show the sign-in page, not the series", () =>
    withPage(async (page) => {
      const participant = readDatabase(server.databaseFile, (db) =>
        db
          .prepare(
            `select p.name from people p join enrolments e on e.person_id = p.id
             where e.series_id = 2 order by p.id limit 1`
          )
          .pluck()
          .get()
      ) as string;
      expect(participant).toMatch(/^\S+ \S+$/);

      await signIn(page, server.url, DEMO.huddinge);
      await page.goto(`${server.url}/serier/2`);
      await expectHeading(page, "Processtöd skolnärvaro Huddinge");
      expect(await visibleText(page)).toContain(participant);
      const [authCookie] = (await page.context().cookies()).filter((c) => c.name === "processtod_auth");
      expect(authCookie?.value).toBeTruthy();
      expect(sessionExists(authCookie!.value)).toBe(true);

      await Promise.all([
        page.waitForURL((url) => url.pathname === "/logga-in" && url.searchParams.has("utloggad")),
        page.getByRole("button", { name: "Logga ut" }).click(),
      ]);
      expect(await textOf(page.getByRole("status"))).toBe("Du är utloggad.");
      await expectHeading(page, "Logga in");

      // Back: the series page asks the server again and is sent to sign in.
      await page.goBack();
      await page.waitForURL(
        (url) => url.pathname === "/logga-in" && url.searchParams.get("redirectTo") === "/serier/2"
      );
      await page.waitForLoadState("networkidle");
      await expectHeading(page, "Logga in");
      expect(await page.content()).not.toContain(participant);

      await page.reload();
      await expectHeading(page, "Logga in");
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      expect(await page.content()).not.toContain(participant);

      // The session row is gone on the server, and the old cookie value no longer works.
      expect(sessionExists(authCookie!.value)).toBe(false);
      await page.context().addCookies([{ ...authCookie!, expires: -1 }]);
      const response = await page.goto(`${server.url}/serier/2`);
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      await expectHeading(page, "Logga in");
      expect(await page.content()).not.toContain(participant);
    }));

  it.each([
    ["garbage", "garbage"],
    ["a well-formed but unknown token", Buffer.from(JSON.stringify("x".repeat(43))).toString("base64")],
  ])("a tampered auth cookie (%s) means signed out, not an error", (_label, value) =>
    withPage(async (page) => {
      await page.context().addCookies([{ name: "processtod_auth", value, url: server.url }]);
      const response = await page.goto(`${server.url}/serier/2`);
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      await expectHeading(page, "Logga in");
      const text = await visibleText(page);
      expect(text).not.toContain("Något gick fel");
      expect(text).not.toContain("Processtöd skolnärvaro Huddinge");
      // And signing in still works from there, back to the page asked for.
      await page.getByLabel("E-postadress").fill(DEMO.huddinge);
      await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/serier/2"),
        page.getByRole("button", { name: "Logga in" }).click(),
      ]);
      await expectHeading(page, "Processtöd skolnärvaro Huddinge");
    })
  );
});
