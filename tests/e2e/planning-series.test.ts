/**
 * Series planning as a process leader does it: a new series for Sollentuna
 * from the Ifous template, a seminar moved too close to the previous one (and
 * the written exception), the calendar files, the month calendar with its
 * filters and subscription link, and linking the series to the shared
 * exchange session.
 *
 * The tests run in order on one server and build on each other, like a
 * planner's morning: the series created first is the one moved, exported,
 * found in the calendar and linked to the exchange.
 */
import fs from "node:fs";
import ICAL from "ical.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, tableRows, textOf, visibleText } from "./support/page";
import { createSeriesThroughForm, dbAll, dbGet, fieldError, send, sessionsOf, settle, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

beforeAll(async () => {
  server = await startServer("e2e-planning-series");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// A new browser context (own cookies) for every test, signed in as the process leader.
beforeEach(async () => {
  ({ context, page } = await newPage(browser));
  browserErrors = watchBrowserErrors(context);
  await signIn(page, server.url, DEMO.admin);
});

afterEach(async () => {
  await context?.close();
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

const SERIES_NAME = "Ifous processtöd – skolnärvaro Sollentuna";
const TITLES = [
  "Skolnärvaro. En översikt av forskning om att främja alla barns och ungas närvaro i skolan",
  "Att utreda närvaroproblem i skolan",
  "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola",
];
const TOO_CLOSE =
  `2. ${TITLES[1]} ligger mindre än 1 månad efter föregående tillfälle (1. ${TITLES[0]}). ` +
  "Det behövs tid för förberedelser mellan tillfällena.";
const OVERRIDE_REASON = "Kommunens studiedag flyttades; deltagarna läser in materialet till seminarium 2 under jullovet.";

/** Set by the test that creates the series; the later tests work on it. */
let seriesId = 0;
let sessionIds: number[] = [];

function seriesCount(): number {
  return dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from series")!.n;
}

async function downloadText(trigger: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  return fs.readFileSync((await download.path())!, "utf8");
}

type ParsedEvent = { uid: string; dtstamp: string | null; tzid: string | null; summary: string; start: string; end: string };

/** Parses an .ics file with ical.js, the way a calendar program reads it. */
function parseCalendar(text: string): { timezones: string[]; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  const timezones = calendar.getAllSubcomponents("vtimezone").map((tz) => String(tz.getFirstPropertyValue("tzid")));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const dtstamp = vevent.getFirstProperty("dtstamp");
    return {
      uid: event.uid,
      dtstamp: dtstamp ? String(dtstamp.getFirstValue()) : null,
      tzid: (vevent.getFirstProperty("dtstart")?.getParameter("tzid") as string | undefined) ?? null,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
  return { timezones, events };
}

/** The card of one session on the series page. */
function sessionCard(sessionId: number) {
  return page.locator(`#tillfalle-${sessionId}`);
}

describe("planning a series", () => {
  it("the new-series form refuses empty and past input with messages at the fields (400), and is accessible", async () => {
    const before = seriesCount();
    await page.goto(`${server.url}/serier/ny`);
    await expectHeading(page, "Ny seminarieserie");
    await expectNoAxeViolations(page);

    const response = await send(page, "/serier/ny", page.getByRole("button", { name: "Skapa serien" }));
    expect(response.status()).toBe(400);
    expect(await textOf(page.getByRole("alert"))).toBe("Formuläret innehåller fel. Rätta fälten som är markerade.");
    expect(await fieldError(page.getByLabel("Kommun eller stadsdelsområde"))).toBe(
      "Välj minst en kommun eller ett stadsdelsområde.",
    );
    expect(await fieldError(page.getByLabel("Termin", { exact: true }))).toBe(
      "Skriv terminen som HT eller VT följt av årtal, till exempel HT 2026.",
    );
    expect(await fieldError(page.getByLabel("Datum för första tillfället"))).toBe(
      "Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15.",
    );
    await expectNoAxeViolations(page);

    // A date that has already passed (today is 2026-11-23).
    await page.getByLabel("Kommun eller stadsdelsområde").selectOption({ label: "Sollentuna" });
    await page.getByLabel("Termin", { exact: true }).fill("VT 2027");
    await page.getByLabel("Datum för första tillfället").fill("2026-11-02");
    const past = await send(page, "/serier/ny", page.getByRole("button", { name: "Skapa serien" }));
    expect(past.status()).toBe(400);
    expect(await fieldError(page.getByLabel("Datum för första tillfället"))).toBe(
      "Datumet har redan passerat. Välj ett kommande datum.",
    );
    expect(await fieldError(page.getByLabel("Termin", { exact: true }))).toBeNull();
    // What was chosen is kept.
    expect(await page.getByLabel("Termin", { exact: true }).inputValue()).toBe("VT 2027");
    expect(
      await page.getByLabel("Kommun eller stadsdelsområde").evaluate((el) =>
        Array.from((el as HTMLSelectElement).selectedOptions).map((o) => o.text),
      ),
    ).toEqual(["Sollentuna"]);
    expect(seriesCount()).toBe(before);
  });

  it("creates a Sollentuna series from the Ifous template with three proposed seminars and week numbers", async () => {
    const before = seriesCount();
    seriesId = await createSeriesThroughForm(page, server.url, {
      template: "Ifous processtöd – skolnärvaro",
      organisation: "Sollentuna",
      term: "VT 2027",
      firstDate: "2027-02-02",
    });
    expect(seriesCount()).toBe(before + 1);
    await expectHeading(page, SERIES_NAME);
    expect(await textOf(page.getByRole("status"))).toBe(
      "Serien är skapad. Gå igenom datum och praktiska uppgifter för varje tillfälle.",
    );
    expect(await textOf(page.locator("main h1 + p"))).toBe("Utkast VT 2027 · Sollentuna");

    const rows = sessionsOf(server.databaseFile, seriesId);
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3]);
    sessionIds = rows.map((r) => r.id);

    // The month rule keeps the weekday: 2 Feb, 2 Mar and 6 Apr 2027 are all Tuesdays.
    const expected = [
      { title: TITLES[0], date: "2027-02-02 (v. 5), 08:30–12:00" },
      { title: TITLES[1], date: "2027-03-02 (v. 9), 08:30–12:00" },
      { title: TITLES[2], date: "2027-04-06 (v. 14), 08:30–12:00" },
    ];
    for (const [i, id] of sessionIds.entries()) {
      const card = sessionCard(id);
      expect(await textOf(card.locator("h3"))).toBe(`${i + 1}. ${expected[i].title}`);
      expect(await textOf(card.locator("dl"))).toContain(`Datum ${expected[i].date} Format På plats`);
    }
    expect(await page.locator("section[id^='tillfalle-'] h3").allInnerTexts()).toHaveLength(3);

    // No clashes and no broken rules in a freshly proposed schedule.
    expect(await page.locator("section[id^='tillfalle-']").getByRole("note").count()).toBe(0);
    await expectNoAxeViolations(page);
  });

  it("moving seminar 2 to three weeks after seminar 1 warns and needs a written reason (400, nothing saved)", async () => {
    expect(seriesId).toBeGreaterThan(0);
    const before = sessionsOf(server.databaseFile, seriesId);
    await page.goto(`${server.url}/serier/${seriesId}`);
    await page.getByRole("link", { name: "Öppna tillfället 2" }).click();
    await page.waitForURL(`${server.url}/serier/${seriesId}/tillfallen/${sessionIds[1]}`);
    await expectHeading(page, `Tillfälle 2: ${TITLES[1]}`);

    const form = page.getByRole("region", { name: "Ändra tillfället" });
    // Nothing to explain yet: the reason field appears only when a rule is broken.
    expect(await form.getByLabel("Motivering till undantag").count()).toBe(0);
    await form.getByLabel("Datum", { exact: true }).fill("2027-02-23");
    const response = await send(
      page,
      `/serier/${seriesId}/tillfallen/${sessionIds[1]}`,
      form.getByRole("button", { name: "Spara tillfället" }),
    );
    expect(response.status()).toBe(400);
    expect(await form.getByRole("note").locator("li").allInnerTexts()).toEqual([TOO_CLOSE]);
    expect(await fieldError(form.getByLabel("Motivering till undantag"))).toBe(
      "Skriv en motivering för att spara trots varningen.",
    );
    expect(await form.getByLabel("Datum", { exact: true }).inputValue()).toBe("2027-02-23");
    expect(await page.getByRole("status").count()).toBe(0);
    expect(sessionsOf(server.databaseFile, seriesId)).toEqual(before);
    await expectNoAxeViolations(page);

    // A fresh visit still shows the old date.
    await page.goto(`${server.url}/serier/${seriesId}/tillfallen/${sessionIds[1]}`);
    await expectHeading(page, `Tillfälle 2: ${TITLES[1]}`);
    expect(await textOf(page.locator("main > dl"))).toContain("Datum 2027-03-02 (v. 9), 08:30–12:00");
    expect(await page.getByRole("region", { name: "Ändra tillfället" }).getByLabel("Datum", { exact: true }).inputValue()).toBe(
      "2027-03-02",
    );
  });

  it("with a reason the move is saved, and the series page shows the warning and the accepted exception", async () => {
    await page.goto(`${server.url}/serier/${seriesId}/tillfallen/${sessionIds[1]}`);
    const form = page.getByRole("region", { name: "Ändra tillfället" });
    const save = () =>
      send(page, `/serier/${seriesId}/tillfallen/${sessionIds[1]}`, form.getByRole("button", { name: "Spara tillfället" }));
    await form.getByLabel("Datum", { exact: true }).fill("2027-02-23");
    expect((await save()).status()).toBe(400);
    await form.getByLabel("Motivering till undantag").fill(OVERRIDE_REASON);
    await save();
    await page.waitForURL((url) => url.searchParams.has("sparat"));
    expect(await textOf(page.getByRole("status"))).toBe("Tillfället är sparat.");
    expect(await textOf(page.locator("main > dl"))).toContain("Datum 2027-02-23 (v. 8), 08:30–12:00");

    const saved = sessionsOf(server.databaseFile, seriesId)[1];
    expect(new Date(saved.starts_at).toISOString()).toBe("2027-02-23T07:30:00.000Z");
    expect(new Date(saved.ends_at).toISOString()).toBe("2027-02-23T11:00:00.000Z");
    expect(saved.override_reason).toBe(OVERRIDE_REASON);

    await page.goto(`${server.url}/serier/${seriesId}`);
    await expectHeading(page, SERIES_NAME);
    const card = sessionCard(sessionIds[1]);
    expect(await textOf(card.locator("dl"))).toContain("Datum 2027-02-23 (v. 8), 08:30–12:00");
    const note = card.getByRole("note");
    expect(await textOf(note.locator("strong"))).toBe("Schemat bryter mot en regel");
    expect(await note.locator("li").allInnerTexts()).toEqual([TOO_CLOSE]);
    expect(await textOf(note.locator("p"))).toBe(`Undantag godkänt: ${OVERRIDE_REASON}`);
    // Only the moved seminar breaks a rule.
    expect(await page.locator("section[id^='tillfalle-']").getByRole("note").count()).toBe(1);
  });

  it("the series .ics has three events with stable UIDs, DTSTAMP and Stockholm times; so has the single session", async () => {
    await page.goto(`${server.url}/serier/${seriesId}`);
    await expectHeading(page, SERIES_NAME);
    const link = page.getByRole("link", { name: "Hela serien i kalendern (.ics)" });
    expect(await link.getAttribute("href")).toBe(`/ics/serie/${seriesId}`);

    const first = parseCalendar(await downloadText(() => link.click()));
    expect(first.timezones).toEqual(["Europe/Stockholm"]);
    expect(first.events.map((e) => e.uid)).toEqual(sessionIds.map((id) => `tillfalle-${id}@processtod`));
    expect(first.events.map((e) => e.summary)).toEqual(TITLES.map((t) => `${t} (${SERIES_NAME})`));
    for (const event of first.events) {
      expect(event.dtstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(event.tzid).toBe("Europe/Stockholm");
    }
    // 08:30–12:00 in Stockholm: UTC+1 in winter, UTC+2 after the change on 28 March 2027.
    expect(first.events.map((e) => [e.start, e.end])).toEqual([
      ["2027-02-02T07:30:00.000Z", "2027-02-02T11:00:00.000Z"],
      ["2027-02-23T07:30:00.000Z", "2027-02-23T11:00:00.000Z"],
      ["2027-04-06T06:30:00.000Z", "2027-04-06T10:00:00.000Z"],
    ]);

    const second = parseCalendar(await downloadText(() => link.click()));
    expect(second.events.map((e) => e.uid)).toEqual(first.events.map((e) => e.uid));

    const response = await context.request.get(`${server.url}/ics/serie/${seriesId}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");

    await page.goto(`${server.url}/serier/${seriesId}/tillfallen/${sessionIds[0]}`);
    await expectHeading(page, `Tillfälle 1: ${TITLES[0]}`);
    const single = parseCalendar(await downloadText(() => page.getByRole("link", { name: "Lägg till i kalendern (.ics)" }).click()));
    expect(single.timezones).toEqual(["Europe/Stockholm"]);
    expect(single.events).toHaveLength(1);
    expect(single.events[0]).toMatchObject({
      uid: first.events[0].uid,
      tzid: "Europe/Stockholm",
      summary: first.events[0].summary,
      start: "2027-02-02T07:30:00.000Z",
      end: "2027-02-02T11:00:00.000Z",
    });
    expect(single.events[0].dtstamp).not.toBeNull();
  });

  it("the month calendar shows the new sessions with week numbers; the process-leader and municipality filters narrow it", async () => {
    // A second process leader with a series of her own in February, so the filter has something to tell apart.
    await page.goto(`${server.url}/personal`);
    await page.getByLabel("Namn").fill("Johanna Ström");
    await page.getByLabel("E-postadress").fill("johanna.strom@ifous.example");
    await page.getByLabel("Roll").selectOption({ label: "processledare" });
    await send(page, "/personal", page.getByRole("button", { name: "Skapa konto och skicka inbjudan" }));
    expect(await textOf(page.getByRole("status"))).toBe(
      "Kontot är skapat och en inbjudan har skickats till johanna.strom@ifous.example.",
    );
    await createSeriesThroughForm(page, server.url, {
      template: "Gemensamma utbildningsdagar",
      organisation: "Sigtuna",
      term: "VT 2027",
      firstDate: "2027-02-16",
      processLeader: "Johanna Ström",
    });
    await expectHeading(page, "Gemensamma utbildningsdagar Sigtuna");

    const response = await page.goto(`${server.url}/kalender?manad=2027-02`);
    expect(response?.status()).toBe(200);
    await expectHeading(page, "Kalender");
    expect(await textOf(page.getByRole("navigation", { name: "Månad" }).locator("strong"))).toBe("februari 2027");

    const grid = page.locator("table.month-grid");
    expect(await grid.locator("tbody th[scope=row]").allInnerTexts()).toEqual(["5", "6", "7", "8"]);
    expect(await textOf(grid.locator("td", { has: page.locator(".day-number", { hasText: /^2$/ }) }))).toBe("2 08:30 Sollentuna");

    const list = page.locator("h2", { hasText: "Tillfällen i februari 2027" }).locator("xpath=following-sibling::div[1]//table");
    const sollentuna1 = ["2027-02-02", "5", "08:30–12:00", `${TITLES[0]} ${SERIES_NAME}`, "Sollentuna", "Karin Berg"];
    const nacka1 = ["2027-02-09", "6", "08:30–12:00", `${TITLES[0]} Processtöd skolnärvaro Nacka`, "Nacka", "Karin Berg"];
    const sigtuna1 = ["2027-02-16", "7", "09:00–16:00", "Utbildningsdag 1: Gemensam kunskapsgrund Gemensamma utbildningsdagar Sigtuna", "Sigtuna", "Johanna Ström"];
    const sollentuna2 = ["2027-02-23", "8", "08:30–12:00", `${TITLES[1]} ${SERIES_NAME}`, "Sollentuna", "Karin Berg"];
    const sigtuna2 = ["2027-02-23", "8", "09:00–16:00", "Utbildningsdag 2: Samverkansdag med fall Gemensamma utbildningsdagar Sigtuna", "Sigtuna", "Johanna Ström"];
    expect(await tableRows(list)).toEqual([sollentuna1, nacka1, sigtuna1, sollentuna2, sigtuna2]);
    await expectNoAxeViolations(page);

    const filter = async (leader: string, organisation: string) => {
      await page.getByLabel("Processledare").selectOption({ label: leader });
      await page.getByLabel("Kommun", { exact: true }).selectOption({ label: organisation });
      const ledare = await page.getByLabel("Processledare").inputValue();
      const kommun = await page.getByLabel("Kommun", { exact: true }).inputValue();
      await page.getByRole("button", { name: "Visa" }).click();
      await page.waitForURL(
        (url) => url.searchParams.get("ledare") === ledare && url.searchParams.get("kommun") === kommun,
      );
      await settle(page);
    };
    await filter("Johanna Ström", "Alla");
    expect(await tableRows(list)).toEqual([sigtuna1, sigtuna2]);
    await filter("Karin Berg", "Alla");
    expect(await tableRows(list)).toEqual([sollentuna1, nacka1, sollentuna2]);
    await filter("Alla", "Sollentuna");
    expect(await tableRows(list)).toEqual([sollentuna1, sollentuna2]);
    await filter("Alla", "Nacka");
    expect(await tableRows(list)).toEqual([nacka1]);
    await filter("Karin Berg", "Sigtuna");
    expect(await page.locator("table").count()).toBe(1); // only the month grid
    expect(await textOf(page.locator("p.empty"))).toBe("Inga tillfällen i februari 2027 med de här filtren.");
  });

  it("a subscription link is shown once, works without signing in, and stops working when a new one is made", async () => {
    await page.goto(`${server.url}/kalender`);
    await expectHeading(page, "Kalender");
    const feed = page.getByRole("region", { name: "Prenumerera i din kalender" });
    await send(page, "/kalender", feed.getByRole("button", { name: "Skapa prenumerationslänk" }));
    const notice = feed.getByRole("status");
    expect(await textOf(notice.locator("p").first())).toBe(
      "Din nya prenumerationslänk. Kopiera den nu – av säkerhetsskäl visas den bara en gång:",
    );
    const oldUrl = await textOf(feed.locator("code"));
    expect(oldUrl).toMatch(new RegExp(`^${server.url}/ics/prenumeration/[A-Za-z0-9_-]{20,}$`));

    // No cookies: a calendar program fetching the link.
    const response = await fetch(oldUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const parsed = parseCalendar(await response.text());
    const now = Date.now();
    const from = now - 90 * 86_400_000;
    const to = now + 730 * 86_400_000;
    const expectedUids = [
      ...dbAll<{ id: number }>(
        server.databaseFile,
        `select s.id from series_sessions s join series se on se.id = s.series_id
         where s.starts_at >= ? and s.starts_at < ? and se.status != 'avbruten'`,
        from,
        to,
      ).map((r) => `tillfalle-${r.id}@processtod`),
      ...dbAll<{ id: number }>(server.databaseFile, "select id from exchange_events where starts_at >= ? and starts_at < ?", from, to).map(
        (r) => `utbyte-${r.id}@processtod`,
      ),
    ];
    expect(parsed.events.map((e) => e.uid).sort()).toEqual(expectedUids.sort());
    for (const id of sessionIds) expect(parsed.events.map((e) => e.uid)).toContain(`tillfalle-${id}@processtod`);

    // Shown once: a new visit only says that a link exists.
    await page.goto(`${server.url}/kalender`);
    expect(await feed.locator("code").count()).toBe(0);
    expect(await visibleText(page)).not.toContain(oldUrl);
    expect(await textOf(feed.locator("p.help"))).toBe(
      "Du har en prenumerationslänk. Skapa en ny om du har tappat bort den eller tror att någon annan har fått den.",
    );
    await send(page, "/kalender", feed.getByRole("button", { name: "Skapa ny länk (den gamla slutar fungera)" }));
    const newUrl = await textOf(feed.locator("code"));
    expect(newUrl).not.toBe(oldUrl);
    expect((await fetch(oldUrl)).status).toBe(404);
    const fresh = await fetch(newUrl);
    expect(fresh.status).toBe(200);
    expect(parseCalendar(await fresh.text()).events.length).toBe(expectedUids.length);
  });

  it("the exchange session lists 160 participants from 2 series; linking Sollentuna makes it 3 series", async () => {
    await page.goto(`${server.url}/utbyten`);
    await expectHeading(page, "Erfarenhetsutbyten");
    expect(await tableRows(page.locator("table"))).toEqual([
      [
        "Erfarenhetsutbyte 2026/2027",
        "2027-05-18 09:00–12:00",
        "Processtöd skolnärvaro Huddinge, Processtöd skolnärvaro Nacka",
        "160",
      ],
    ]);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Erfarenhetsutbyte 2026/2027" }).click();
    await page.waitForURL(`${server.url}/utbyten/1`);
    await expectHeading(page, "Erfarenhetsutbyte 2026/2027");
    const total = page.locator("main h2", { hasText: /^Kopplade serier$/ }).locator("xpath=following-sibling::p[1]");
    expect(await textOf(total)).toBe("160 deltagare från 2 serier");
    expect((await page.locator("main > ul li").allInnerTexts()).map((t) => t.replace(/\s+/g, " "))).toEqual([
      "Processtöd skolnärvaro Huddinge (HT 2026) – deltagare: 90",
      "Processtöd skolnärvaro Nacka (VT 2027) – deltagare: 70",
    ]);
    await expectNoAxeViolations(page);

    await page.getByLabel("Kopplade serier").selectOption([
      { label: "Processtöd skolnärvaro Huddinge (HT 2026)" },
      { label: "Processtöd skolnärvaro Nacka (VT 2027)" },
      { label: `${SERIES_NAME} (VT 2027)` },
    ]);
    await send(page, "/utbyten/1", page.getByRole("button", { name: "Spara kopplingar" }));
    await page.waitForURL((url) => url.searchParams.has("kopplat"));
    expect(await textOf(page.getByRole("status"))).toBe("Kopplingarna är sparade.");
    // Sollentuna has nobody enrolled yet: the series count changes, the participant count does not.
    expect(await textOf(total)).toBe("160 deltagare från 3 serier");
    expect((await page.locator("main > ul li").allInnerTexts()).map((t) => t.replace(/\s+/g, " "))).toEqual([
      `${SERIES_NAME} (VT 2027) – deltagare: 0`,
      "Processtöd skolnärvaro Huddinge (HT 2026) – deltagare: 90",
      "Processtöd skolnärvaro Nacka (VT 2027) – deltagare: 70",
    ]);

    await page.goto(`${server.url}/serier/${seriesId}`);
    const exchange = page.getByRole("link", { name: "Erfarenhetsutbyte 2026/2027, 2027-05-18" });
    expect(await exchange.getAttribute("href")).toBe("/utbyten/1");
    // The series' calendar file now carries the shared exchange session too.
    const ics = parseCalendar(await downloadText(() => page.getByRole("link", { name: "Hela serien i kalendern (.ics)" }).click()));
    expect(ics.events.map((e) => e.uid)).toEqual([...sessionIds.map((id) => `tillfalle-${id}@processtod`), "utbyte-1@processtod"]);
    expect(ics.events[3]).toMatchObject({ summary: "Erfarenhetsutbyte 2026/2027", start: "2027-05-18T07:00:00.000Z" });
  });
});
