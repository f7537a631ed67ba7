/**
 * Who may do what in planning: a coordinator answers the readiness checklist
 * for her own series, cannot see or write another municipality's, and cannot
 * change the schedule; a sponsor sees schedules but changes nothing and does
 * not see the readiness answers.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, textOf, visibleText } from "./support/page";
import { dbAll, dbGet, forgePost, htmlText, send, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;
let browserErrors: string[] = [];

beforeAll(async () => {
  server = await startServer("e2e-planning-access");
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

async function signedIn(email: string): Promise<Page> {
  const created = await newPage(browser);
  context = created.context;
  browserErrors = watchBrowserErrors(created.context);
  await signIn(created.page, server.url, email);
  return created.page;
}

const QUESTIONS = [
  ["I vilket syfte deltar vi?", "purpose", "Att få en gemensam bild av närvaroarbetet i skola och socialtjänst."],
  ["Vem har tagit initiativ till deltagandet, och med vilket mandat?", "initiator_mandate", "Skolchefen och socialchefen, med beslut i ledningsgruppen."],
  ["Vilka funktioner ska delta på strategisk och operativ nivå?", "participating_functions", "Rektorer och enhetschefer strategiskt; kuratorer och socialsekreterare operativt."],
  ["Hur motiverar och engagerar vi deltagarna?", "motivation", "Seminarierna ligger i arbetstid och cheferna deltar."],
  ["Hur fortsätter arbetet efter serien?", "continuation", "En arbetsgrupp tar fram en gemensam rutin under våren."],
  ["Vilket pågående närvaroarbete kan serien kopplas till?", "ongoing_work", "Huddinges närvaroteam och SIP-överenskommelsen."],
] as const;

function readiness(seriesId: number) {
  return dbGet<Record<string, unknown>>(server.databaseFile, "select * from series_readiness where series_id = ?", seriesId);
}

const SESSION_3_TITLE = "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola";

function huddingeSessions() {
  return dbAll<Record<string, unknown> & { id: number }>(
    server.databaseFile,
    "select * from series_sessions where series_id = 2 order by position",
  );
}

describe("readiness checklist", () => {
  it("the Huddinge coordinator answers all six questions; the series page shows 6 of 6", async () => {
    const page = await signedIn(DEMO.huddinge);
    await page.goto(`${server.url}/serier/2`);
    await expectHeading(page, "Processtöd skolnärvaro Huddinge");
    const card = page.getByRole("region", { name: "Förankring" });
    expect(await textOf(card.locator("#readiness-progress"))).toBe("3 av 6 frågor besvarade");
    await card.getByRole("link", { name: "Fyll i förankringen" }).click();
    await page.waitForURL(`${server.url}/serier/2/forankring`);
    await expectHeading(page, "Förankring: Processtöd skolnärvaro Huddinge");
    expect(await textOf(page.locator("#readiness-progress"))).toBe("3 av 6 frågor besvarade");
    await expectNoAxeViolations(page);

    for (const [label, , answer] of QUESTIONS) await page.getByLabel(label).fill(answer);
    await send(page, "/serier/2/forankring", page.getByRole("button", { name: "Spara förankringen" }));
    await page.waitForURL((url) => url.searchParams.has("sparat"));
    expect(await textOf(page.getByRole("status"))).toBe("Förankringen är sparad.");
    expect(await textOf(page.locator("#readiness-progress"))).toBe("6 av 6 frågor besvarade");
    expect(await textOf(page.locator("#readiness-progress").locator("xpath=.."))).toMatch(
      /^6 av 6 frågor besvarade · Senast sparad \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/,
    );
    for (const [label, , answer] of QUESTIONS) expect(await page.getByLabel(label).inputValue()).toBe(answer);
    await expectNoAxeViolations(page);

    const row = readiness(2)!;
    for (const [, column, answer] of QUESTIONS) expect(row[column]).toBe(answer);
    const huddinge = dbGet<{ id: number }>(server.databaseFile, "select id from users where email = ?", DEMO.huddinge)!;
    expect(row.updated_by_id).toBe(huddinge.id);

    await page.goto(`${server.url}/serier/2`);
    expect(await textOf(page.getByRole("region", { name: "Förankring" }).locator("#readiness-progress"))).toBe(
      "6 av 6 frågor besvarade",
    );
  });

  it("another municipality's series and readiness are 'Sidan finns inte' (404) to her, and a forged post writes nothing", async () => {
    const page = await signedIn(DEMO.huddinge);
    const before = readiness(1);
    expect(before).toBeDefined();

    for (const path of ["/serier/1/forankring", "/serier/1"]) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(404);
      await expectHeading(page, "Sidan finns inte");
      expect(await visibleText(page)).not.toContain("Botkyrka");
    }

    await page.goto(`${server.url}/serier/2`);
    const forged = await forgePost(page, "/serier/1/forankring", Object.fromEntries(QUESTIONS.map(([, column]) => [
      column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
      "Överskrivet av fel kommun",
    ])));
    expect(forged.status).toBe(404);
    expect(htmlText(forged.text)).toContain("Sidan finns inte");
    expect(readiness(1)).toEqual(before);
  });
});

describe("schedule changes are for process leaders", () => {
  it("a coordinator sees the session read-only, and a forged save is refused with 403", async () => {
    const page = await signedIn(DEMO.huddinge);
    const before = huddingeSessions();
    const third = before[2];
    const prepBefore = dbAll(server.databaseFile, "select * from reflection_questions where series_session_id = ? order by id", third.id);

    await page.goto(`${server.url}/serier/2/tillfallen/${third.id}`);
    await expectHeading(page, `Tillfälle 3: ${SESSION_3_TITLE}`);
    expect(await page.locator("main p.help").getByText("Datum, tider och experter ändras av processledaren.", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("region", { name: "Ändra tillfället" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Spara tillfället" }).count()).toBe(0);
    expect(await page.getByLabel("Motivering till undantag").count()).toBe(0);
    // The material is there to read, not to change.
    expect(await page.getByRole("region", { name: "Lägg till dokument" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Ta bort/ }).count()).toBe(0);
    expect(await textOf(page.locator("main > dl"))).toContain("Datum 2026-11-24 (v. 48), 08:30–12:00");

    const forged = await forgePost(page, `/serier/2/tillfallen/${third.id}`, {
      intent: "save",
      date: "2027-01-12",
      startTime: "08:30",
      endTime: "12:00",
      format: "digitalt",
      overrideReason: "Flyttat av samordnaren",
    });
    expect(forged.status).toBe(403);
    expect(htmlText(forged.text)).toContain("Ingen behörighet");
    const forgedPrep = await forgePost(page, `/serier/2/tillfallen/${third.id}`, { intent: "addQuestion", text: "Smugglad fråga" });
    expect(forgedPrep.status).toBe(403);

    expect(huddingeSessions()).toEqual(before);
    expect(dbAll(server.databaseFile, "select * from reflection_questions where series_session_id = ? order by id", third.id)).toEqual(
      prepBefore,
    );
  });

  it("a sponsor sees the schedule of /serier/2 but no edit forms, and /serier/2/forankring is 403", async () => {
    const page = await signedIn(DEMO.sponsor);
    const response = await page.goto(`${server.url}/serier/2`);
    expect(response?.status()).toBe(200);
    await expectHeading(page, "Processtöd skolnärvaro Huddinge");
    const dates = await page.locator("section[id^='tillfalle-'] dl").evaluateAll((lists) =>
      lists.map((dl) => (dl.querySelector("dd") as HTMLElement).innerText.trim()),
    );
    expect(dates).toEqual([
      "2026-09-15 (v. 38), 08:30–12:00",
      "2026-10-20 (v. 43), 08:30–12:00",
      "2026-11-24 (v. 48), 08:30–12:00",
    ]);
    const text = await visibleText(page);
    expect(text).not.toContain("Ändra praktiska uppgifter");
    expect(text).not.toContain("Ändra status");
    expect(await page.getByRole("region", { name: "Förankring" }).count()).toBe(0);
    expect(await page.locator("form[method='post' i]").filter({ hasNot: page.locator("[name=locale]") }).count()).toBe(
      1, // only "Logga ut"
    );

    const readinessPage = await page.goto(`${server.url}/serier/2/forankring`);
    expect(readinessPage?.status()).toBe(403);
    await expectHeading(page, "Ingen behörighet");

    const before = readiness(2);
    await page.goto(`${server.url}/serier/2`);
    const forged = await forgePost(page, "/serier/2/forankring", { purpose: "Ändrat av uppdragsgivaren" });
    expect(forged.status).toBe(403);
    expect(readiness(2)).toEqual(before);
  });
});
