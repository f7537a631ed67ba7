/**
 * A series' life after planning (cancelling needs a reason; a cancelled
 * series is rebooked to a later term and the two are linked both ways) and
 * the templates that new series are made from, which only process leaders
 * may see or change.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, navLinks, newPage, tableRows, textOf } from "./support/page";
import { dbAll, dbGet, fieldError, forgePost, htmlText, send, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;
let browserErrors: string[] = [];

beforeAll(async () => {
  server = await startServer("e2e-planning-lifecycle");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

/** A new browser context (own cookies), signed in as `email`. */
async function signedIn(email: string): Promise<Page> {
  const created = await newPage(browser);
  context = created.context;
  browserErrors = watchBrowserErrors(created.context);
  await signIn(created.page, server.url, email);
  return created.page;
}

/** The value next to a term in a description list (dt/dd). */
function described(page: Page, term: string): Locator {
  return page.locator("main dl dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
}

type SeriesRow = { id: number; name: string; term: string; status: string; cancel_reason: string | null; rebooked_from_id: number | null };

function seriesRows(): SeriesRow[] {
  return dbAll<SeriesRow>(server.databaseFile, "select id, name, term, status, cancel_reason, rebooked_from_id from series order by id");
}

describe("series status and rebooking", () => {
  it("cancelling a series without a reason is refused at the reason field (400); with a reason it is saved", async () => {
    const page = await signedIn(DEMO.admin);
    const before = seriesRows();
    await page.goto(`${server.url}/serier/3`);
    await expectHeading(page, "Processtöd skolnärvaro Nacka");
    const status = page.getByRole("region", { name: "Status" });
    await status.getByLabel("Ny status").selectOption({ label: "Avbruten" });
    await status.getByLabel("Anledning (krävs vid avbrott)").fill("   ");
    const refused = await send(page, "/serier/3", status.getByRole("button", { name: "Ändra status" }));
    expect(refused.status()).toBe(400);
    expect(await fieldError(status.getByLabel("Anledning (krävs vid avbrott)"))).toBe("Skriv varför serien avbryts.");
    expect(await status.getByLabel("Ny status").inputValue()).toBe("avbruten");
    expect(await page.getByRole("status").count()).toBe(0);
    expect(await textOf(page.locator("main h1 + p"))).toBe("Planerad VT 2027 · Nacka");
    expect(seriesRows()).toEqual(before);
    await expectNoAxeViolations(page);

    const reason = "Kommunen har inte hunnit förankra serien i socialtjänsten.";
    await status.getByLabel("Anledning (krävs vid avbrott)").fill(reason);
    await send(page, "/serier/3", status.getByRole("button", { name: "Ändra status" }));
    await page.waitForURL((url) => url.searchParams.get("status") === "avbruten");
    expect(await textOf(page.getByRole("status"))).toBe("Statusen är ändrad till Avbruten.");
    expect(await textOf(page.locator("main h1 + p"))).toBe("Avbruten VT 2027 · Nacka");
    expect(await textOf(described(page, "Anledning till avbrott"))).toBe(reason);
    expect(seriesRows().find((s) => s.id === 3)).toMatchObject({ status: "avbruten", cancel_reason: reason });
  });

  it("the cancelled Järfälla series is rebooked to HT 2027; the two series link to each other", async () => {
    const page = await signedIn(DEMO.admin);
    const before = seriesRows();
    await page.goto(`${server.url}/serier/4`);
    await expectHeading(page, "Processtöd skolnärvaro Järfälla");
    expect(await textOf(page.locator("main h1 + p"))).toBe("Avbruten HT 2025 · Järfälla");
    const status = page.getByRole("region", { name: "Status" });
    expect(await textOf(status.locator("h3"))).toBe("Boka om till en senare termin");

    // A date that has passed is refused first.
    await status.getByLabel("Termin", { exact: true }).fill("HT 2027");
    await status.getByLabel("Datum för första tillfället").fill("2026-09-08");
    expect((await send(page, "/serier/4", status.getByRole("button", { name: "Boka om" }))).status()).toBe(400);
    expect(await fieldError(status.getByLabel("Datum för första tillfället"))).toBe(
      "Datumet har redan passerat. Välj ett kommande datum.",
    );
    expect(seriesRows()).toEqual(before);

    await status.getByLabel("Datum för första tillfället").fill("2027-09-07");
    await send(page, "/serier/4", status.getByRole("button", { name: "Boka om" }));
    await page.waitForURL((url) => /^\/serier\/\d+$/.test(url.pathname) && url.searchParams.has("skapad"));
    const newId = Number(new URL(page.url()).pathname.split("/")[2]);
    expect(newId).not.toBe(4);
    await expectHeading(page, "Processtöd skolnärvaro Järfälla");
    expect(await textOf(page.getByRole("status"))).toBe(
      "Serien är skapad. Gå igenom datum och praktiska uppgifter för varje tillfälle.",
    );
    expect(await textOf(page.locator("main h1 + p"))).toBe("Utkast HT 2027 · Järfälla");
    const from = described(page, "Ombokad från").getByRole("link");
    expect(await textOf(from)).toBe("Processtöd skolnärvaro Järfälla (HT 2025)");
    expect(await from.getAttribute("href")).toBe("/serier/4");
    // The same template and its month rule, on the same weekday as the first date.
    const dates = await page.locator("section[id^='tillfalle-'] dl").evaluateAll((lists) =>
      lists.map((dl) => (dl.querySelector("dd") as HTMLElement).innerText.trim()),
    );
    expect(dates).toEqual([
      "2027-09-07 (v. 36), 08:30–12:00",
      "2027-10-12 (v. 41), 08:30–12:00",
      "2027-11-16 (v. 46), 08:30–12:00",
    ]);
    expect(seriesRows().find((s) => s.id === newId)).toMatchObject({
      name: "Processtöd skolnärvaro Järfälla",
      term: "HT 2027",
      status: "utkast",
      rebooked_from_id: 4,
    });
    await expectNoAxeViolations(page);

    await from.click();
    await page.waitForURL(`${server.url}/serier/4`);
    await expectHeading(page, "Processtöd skolnärvaro Järfälla");
    const to = described(page, "Ombokad till").getByRole("link");
    expect(await textOf(to)).toBe("Processtöd skolnärvaro Järfälla (HT 2027)");
    expect(await to.getAttribute("href")).toBe(`/serier/${newId}`);
    // The old series stays cancelled.
    expect(await textOf(page.locator("main h1 + p"))).toBe("Avbruten HT 2025 · Järfälla");
  });
});

type TemplateSessionRow = { position: number; kind: string; title: string };

describe("templates", () => {
  it("a process leader creates a template without a month rule, adds two sessions and deletes one", async () => {
    const page = await signedIn(DEMO.admin);
    expect(await navLinks(page)).toContain("Mallar");
    await page.goto(`${server.url}/mallar`);
    await expectHeading(page, "Mallar");
    const table = page.locator("main table");
    expect((await tableRows(table)).map((r) => [r[1], r[2]])).toEqual([
      ["4", "Minst 1 månad mellan tillfällena"],
      ["2", "Förslag: var 7:e dag"],
      ["6", "Förslag: var 14:e dag"],
    ]);
    await expectNoAxeViolations(page);

    const form = page.getByRole("region", { name: "Ny mall" });
    await form.getByLabel("Namn").fill("Styrgrupp test");
    await form.getByLabel("Beskrivning").fill("Styrgruppen träffas varannan vecka under uppstarten.");
    await form.getByLabel("Minsta antal månader mellan tillfällena").fill("");
    await form.getByLabel("Föreslaget antal dagar mellan tillfällena").fill("14");
    await form.getByLabel("Förvald starttid").fill("13:00");
    await form.getByLabel("Förvald sluttid").fill("14:30");
    await send(page, "/mallar", form.getByRole("button", { name: "Spara mallen" }));
    await page.waitForURL((url) => /^\/mallar\/\d+$/.test(url.pathname));
    const templateId = Number(new URL(page.url()).pathname.split("/")[2]);
    await expectHeading(page, "Styrgrupp test");
    expect(await textOf(page.getByRole("status"))).toBe("Mallen är sparad.");
    expect(await textOf(page.locator("p.empty"))).toBe("Mallen har inga tillfällen ännu. Lägg till det första nedan.");
    expect(
      dbGet(
        server.databaseFile,
        "select name, minimum_months_between, interval_days, default_start_time, default_end_time from series_templates where id = ?",
        templateId,
      ),
    ).toEqual({
      name: "Styrgrupp test",
      minimum_months_between: null,
      interval_days: 14,
      default_start_time: "13:00",
      default_end_time: "14:30",
    });
    await expectNoAxeViolations(page);

    const addSession = async (title: string) => {
      const region = page.getByRole("region", { name: "Lägg till tillfälle" });
      await region.getByLabel("Typ").selectOption({ label: "Träff" });
      await region.getByLabel("Rubrik").fill(title);
      await send(page, `/mallar/${templateId}`, region.getByRole("button", { name: "Lägg till tillfälle" }));
    };
    await addSession("Styrgruppsmöte: uppstart");
    await addSession("Styrgruppsmöte: uppföljning");
    const cardTitles = () => page.locator("main section.card h3[id^='tpl-session-']").allInnerTexts();
    expect(await cardTitles()).toEqual(["1. Styrgruppsmöte: uppstart", "2. Styrgruppsmöte: uppföljning"]);

    await send(page, `/mallar/${templateId}`, page.getByRole("button", { name: "Ta bort tillfället 1" }));
    expect(await cardTitles()).toEqual(["1. Styrgruppsmöte: uppföljning"]);
    expect(
      dbAll<TemplateSessionRow>(
        server.databaseFile,
        "select position, kind, title from template_sessions where template_id = ? order by position",
        templateId,
      ),
    ).toEqual([{ position: 1, kind: "traff", title: "Styrgruppsmöte: uppföljning" }]);
    await expectNoAxeViolations(page);

    await page.goto(`${server.url}/mallar`);
    const rows = await tableRows(page.locator("main table"));
    expect(rows.find((r) => r[0].startsWith("Styrgrupp test"))).toEqual([
      "Styrgrupp test Styrgruppen träffas varannan vecka under uppstarten.",
      "1",
      "Förslag: var 14:e dag",
    ]);

    // The name is taken now.
    const again = page.getByRole("region", { name: "Ny mall" });
    await again.getByLabel("Namn").fill("Styrgrupp test");
    expect((await send(page, "/mallar", again.getByRole("button", { name: "Spara mallen" }))).status()).toBe(400);
    expect(await fieldError(page.getByRole("region", { name: "Ny mall" }).getByLabel("Namn"))).toBe(
      "Det finns redan en mall med det namnet.",
    );
  });

  it("a coordinator gets 'Ingen behörighet' (403) on /mallar, and a forged post is refused with 403", async () => {
    const page = await signedIn(DEMO.huddinge);
    expect(await navLinks(page)).not.toContain("Mallar");
    const templatesBefore = dbAll(server.databaseFile, "select * from series_templates order by id");
    const sessionsBefore = dbAll(server.databaseFile, "select * from template_sessions order by id");

    const response = await page.goto(`${server.url}/mallar`);
    expect(response?.status()).toBe(403);
    await expectHeading(page, "Ingen behörighet");
    expect(await textOf(page.locator("main p").first())).toBe("Din roll har inte tillgång till den här sidan.");
    expect((await page.goto(`${server.url}/mallar/1`))?.status()).toBe(403);
    await expectHeading(page, "Ingen behörighet");

    await page.goto(`${server.url}/`);
    const forged = await forgePost(page, "/mallar", {
      name: "Smugglad mall",
      description: "",
      minimumMonthsBetween: "",
      intervalDays: "7",
      defaultStartTime: "08:30",
      defaultEndTime: "12:00",
    });
    expect(forged.status).toBe(403);
    expect(htmlText(forged.text)).toContain("Ingen behörighet");
    const forgedDelete = await forgePost(page, "/mallar/1", { intent: "deleteSession", sessionId: "1" });
    expect(forgedDelete.status).toBe(403);

    expect(dbAll(server.databaseFile, "select * from series_templates order by id")).toEqual(templatesBefore);
    expect(dbAll(server.databaseFile, "select * from template_sessions order by id")).toEqual(sessionsBefore);
  });
});
