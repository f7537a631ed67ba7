/**
 * The process leader creates a coordinator; the invitation lands in the
 * outbox; the new coordinator activates the account through the one-time link.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, readDatabase, submit, tableRows, textOf, visibleText } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

const NEW_NAME = "Ebba Strand";
const NEW_EMAIL = "ebba.strand@sollentuna.example";
const NEW_PASSWORD = "Sollentuna ringer på tisdag";

beforeAll(async () => {
  server = await startServer("e2e-staff");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh context per test, signed in as the process leader. */
async function asAdmin(run: (admin: Page) => Promise<void>) {
  const { context, page } = await newPage(browser);
  try {
    await signIn(page, server.url, DEMO.admin);
    await run(page);
  } finally {
    await context.close();
  }
}

function outboxTo(address: string) {
  return readDatabase(server.databaseFile, (db) =>
    db.prepare("select subject, text_body as text from mail_outbox where to_address = ? order by id").all(address)
  ) as { subject: string; text: string }[];
}

describe("creating a coordinator and activating the account", () => {
  let activationLink = "";

  it("the process leader creates a coordinator for Sollentuna and sees it confirmed", () =>
    asAdmin(async (admin) => {
      await admin.goto(`${server.url}/personal`);
      await expectHeading(admin, "Personal");
      await admin.getByLabel("Namn").fill(NEW_NAME);
      await admin.getByLabel("E-postadress").fill(NEW_EMAIL);
      await admin.getByLabel("Roll").selectOption({ label: "kommunsamordnare" });
      await admin
        .getByLabel("Kommuner och stadsdelsområden (för kommunsamordnare)")
        .selectOption({ label: "Sollentuna" });
      await submit(admin, "/personal", admin.getByRole("button", { name: "Skapa konto och skicka inbjudan" }));

      expect(await textOf(admin.getByRole("status"))).toBe(
        `Kontot är skapat och en inbjudan har skickats till ${NEW_EMAIL}.`
      );
      const rows = await tableRows(admin.locator("table"));
      expect(rows).toContainEqual([NEW_NAME, NEW_EMAIL, "kommunsamordnare", "Sollentuna", "Väntar på aktivering"]);
    }));

  it("the outbox shows the invitation, with a one-time link in the body", () =>
    asAdmin(async (admin) => {
      await admin.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Utkorg" }).click();
      await admin.waitForURL((url) => url.pathname === "/utkorg");
      await expectHeading(admin, "Utkorg");
      const row = admin.locator("tbody tr", { hasText: NEW_EMAIL });
      const cells = await row.locator("td").allInnerTexts();
      expect(cells[1]).toBe(NEW_EMAIL);
      expect(cells[2]).toContain("Aktivera ditt konto i Processtöd");
      expect(cells[3]).toBe("I utkorgen (ej skickat)");

      await row.getByText("Visa meddelandet").click();
      const body = row.locator("pre.mail-body");
      await body.waitFor({ state: "visible" });
      const text = await body.innerText();
      expect(text).toContain(`Hej ${NEW_NAME}!`);
      expect(text).toContain("Karin Berg har skapat ett konto åt dig i Processtöd som kommunsamordnare.");
      const match = text.match(/https?:\/\/\S+\/aktivera\/[A-Za-z0-9_-]{20,}/);
      expect(match, text).not.toBeNull();
      activationLink = match![0];
      expect(activationLink.startsWith(`${server.url}/aktivera/`)).toBe(true);
      // Exactly one mail to that address.
      expect(outboxTo(NEW_EMAIL).map((m) => m.subject)).toEqual(["Aktivera ditt konto i Processtöd"]);
    }));

  it("the new coordinator chooses a password through the link and lands on Mina serier", async () => {
    expect(activationLink).not.toBe("");
    const { context, page } = await newPage(browser);
    try {
      await page.goto(activationLink);
      await expectHeading(page, "Aktivera ditt konto");
      expect(await visibleText(page)).toContain(
        `Välkommen, ${NEW_NAME}! Välj ett lösenord för ditt konto (${NEW_EMAIL}).`
      );

      await page.getByLabel("Nytt lösenord").fill("kort");
      await page.getByLabel("Upprepa lösenordet").fill("kort");
      const tooShort = await submit(
        page,
        new URL(activationLink).pathname,
        page.getByRole("button", { name: "Spara lösenord och logga in" })
      );
      expect(tooShort.status()).toBe(400);
      expect(await textOf(page.locator("#field-password-error"))).toBe("Lösenordet måste ha minst 12 tecken.");

      await page.getByLabel("Nytt lösenord").fill(NEW_PASSWORD);
      await page.getByLabel("Upprepa lösenordet").fill(`${NEW_PASSWORD}!`);
      await submit(
        page,
        new URL(activationLink).pathname,
        page.getByRole("button", { name: "Spara lösenord och logga in" })
      );
      expect(await textOf(page.locator("#field-confirm-error"))).toBe("Lösenorden är inte likadana.");

      await page.getByLabel("Nytt lösenord").fill(NEW_PASSWORD);
      await page.getByLabel("Upprepa lösenordet").fill(NEW_PASSWORD);
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/"),
        page.getByRole("button", { name: "Spara lösenord och logga in" }).click(),
      ]);
      await expectHeading(page, "Mina serier");
      expect(await textOf(page.locator("main .lead"))).toBe("Du är kommunsamordnare för Sollentuna.");
      expect(await textOf(page.locator("main .empty").first())).toBe(
        "Det finns ännu ingen serie för Sollentuna. När processledaren har lagt upp serien visas den här, och du kan börja förbereda er del."
      );
      expect(await textOf(page.locator(".signed-in-as"))).toBe(`Inloggad som ${NEW_NAME} (kommunsamordnare)`);
    } finally {
      await context.close();
    }
  });

  it("the link works only once", async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(activationLink);
      await expectHeading(page, "Aktivera ditt konto");
      expect(await textOf(page.getByRole("alert"))).toBe(
        "Länken är ogiltig, redan använd eller har gått ut. Be din processledare om en ny inbjudan."
      );
      expect(await page.getByLabel("Nytt lösenord").count()).toBe(0);
      // A forged post with the burned token changes nothing either.
      const before = readDatabase(server.databaseFile, (db) =>
        db.prepare("select password_hash from users where email = ?").pluck().get(NEW_EMAIL)
      );
      const status = await page.evaluate(async (path) => {
        const body = new URLSearchParams({ password: "ett helt annat lösenord", confirm: "ett helt annat lösenord" });
        return (await fetch(path, { method: "POST", body })).status;
      }, new URL(activationLink).pathname);
      expect(status).toBe(400);
      const after = readDatabase(server.databaseFile, (db) =>
        db.prepare("select password_hash from users where email = ?").pluck().get(NEW_EMAIL)
      );
      expect(after).toBe(before);
    } finally {
      await context.close();
    }
  });

  it("the new coordinator can sign in with the chosen password, and the list shows the account as active", async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.url, NEW_EMAIL, NEW_PASSWORD);
      await expectHeading(page, "Mina serier");
    } finally {
      await context.close();
    }
    await asAdmin(async (admin) => {
      await admin.goto(`${server.url}/personal`);
      const rows = await tableRows(admin.locator("table"));
      expect(rows).toContainEqual([NEW_NAME, NEW_EMAIL, "kommunsamordnare", "Sollentuna", "Aktivt"]);
    });
  });
});

describe("mistakes when creating an account", () => {
  it("an e-mail that already has an account is refused, whatever its letter case", () =>
    asAdmin(async (admin) => {
      const before = readDatabase(server.databaseFile, (db) => db.prepare("select count(*) from users").pluck().get());
      await admin.goto(`${server.url}/personal`);
      await admin.getByLabel("Namn").fill("Lena Ek igen");
      await admin.getByLabel("E-postadress").fill("Samordnare@Huddinge.example");
      await admin
        .getByLabel("Kommuner och stadsdelsområden (för kommunsamordnare)")
        .selectOption({ label: "Huddinge" });
      const response = await submit(
        admin,
        "/personal",
        admin.getByRole("button", { name: "Skapa konto och skicka inbjudan" })
      );
      expect(response.status()).toBe(400);
      expect(await textOf(admin.getByRole("alert"))).toBe("Formuläret innehåller fel. Rätta fälten som är markerade.");
      expect(await textOf(admin.locator("#field-email-error"))).toBe(
        "Det finns redan ett konto med den e-postadressen."
      );
      // What was typed is kept.
      expect(await admin.getByLabel("Namn").inputValue()).toBe("Lena Ek igen");
      expect(readDatabase(server.databaseFile, (db) => db.prepare("select count(*) from users").pluck().get())).toBe(
        before
      );
      expect(outboxTo("Samordnare@Huddinge.example")).toEqual([]);
      expect(outboxTo(DEMO.huddinge)).toEqual([]);
    }));

  it("an empty form shows a message at each field", () =>
    asAdmin(async (admin) => {
      await admin.goto(`${server.url}/personal`);
      const response = await submit(
        admin,
        "/personal",
        admin.getByRole("button", { name: "Skapa konto och skicka inbjudan" })
      );
      expect(response.status()).toBe(400);
      expect(await textOf(admin.locator("#field-name-error"))).toBe("Fältet måste fyllas i.");
      expect(await textOf(admin.locator("#field-email-error"))).toBe("Ange en e-postadress.");
      expect(await textOf(admin.locator("#field-organisationIds-error"))).toBe(
        "Välj minst en kommun eller ett stadsdelsområde för samordnaren."
      );
    }));
});
