/**
 * Who may see and change what, checked from the outside: direct URLs and
 * forged form posts, not only what the menus offer.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, readDatabase, tableRows, textOf, visibleText } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer("e2e-permissions");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function asUser(email: string, run: (page: Page) => Promise<void>) {
  const { context, page } = await newPage(browser);
  try {
    await signIn(page, server.url, email);
    await run(page);
  } finally {
    await context.close();
  }
}

type SessionRow = { id: number; title: string; venue: string | null; format: string; meeting_link: string | null };

function sessionsOf(seriesId: number): SessionRow[] {
  return readDatabase(server.databaseFile, (db) =>
    db
      .prepare(
        "select id, title, venue, format, meeting_link from series_sessions where series_id = ? order by position"
      )
      .all(seriesId)
  ) as SessionRow[];
}

function participantNames(seriesId: number): string[] {
  return readDatabase(server.databaseFile, (db) =>
    db
      .prepare(
        `select p.name from people p join enrolments e on e.person_id = p.id
         where e.series_id = ? and e.status = 'anmald' order by p.id`
      )
      .pluck()
      .all(seriesId)
  ) as string[];
}

/** Posts a form from inside the signed-in page, as a forged request from the same origin would. */
async function postForm(page: Page, path: string, fields: Record<string, string>) {
  return page.evaluate(
    async ({ path, fields }) => {
      const response = await fetch(path, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
      return { status: response.status, text: await response.text() };
    },
    { path, fields }
  );
}

const SECTOR_CAPTION = "Anmälda deltagare per verksamhet";

describe("a coordinator cannot reach another municipality's series", () => {
  it("opening /serier/1 (Botkyrka) as Huddinge's coordinator shows the Swedish 404 page", () =>
    asUser(DEMO.huddinge, async (page) => {
      const response = await page.goto(`${server.url}/serier/1`);
      expect(response?.status()).toBe(404);
      await expectHeading(page, "Sidan finns inte");
      const text = await visibleText(page);
      expect(text).toContain("Sidan du söker finns inte, eller så har du inte behörighet att se den.");
      expect(text).not.toContain("Botkyrka");
      // Exactly the answer for a series that does not exist, so ids cannot be probed.
      const missing = await page.goto(`${server.url}/serier/999`);
      expect(missing?.status()).toBe(404);
      await expectHeading(page, "Sidan finns inte");
    }));

  it("a forged post to /serier/1 is answered 404 and changes nothing", () =>
    asUser(DEMO.huddinge, async (page) => {
      const [botkyrkaSession] = sessionsOf(1);
      expect(botkyrkaSession.venue).toBe("Kommunhuset, Botkyrka");
      await page.goto(`${server.url}/serier/2`);
      const result = await postForm(page, "/serier/1", {
        sessionId: String(botkyrkaSession.id),
        format: "digitalt",
        venue: "Kapad lokal",
        meetingLink: "https://evil.example/mote",
      });
      expect(result.status).toBe(404);
      expect(result.text).toContain("Sidan finns inte");
      expect(sessionsOf(1)[0]).toEqual(botkyrkaSession);
    }));

  it("a Botkyrka session posted through Huddinge's own series is refused too (400)", () =>
    asUser(DEMO.huddinge, async (page) => {
      const [botkyrkaSession] = sessionsOf(1);
      await page.goto(`${server.url}/serier/2`);
      const result = await postForm(page, "/serier/2", {
        sessionId: String(botkyrkaSession.id),
        format: "digitalt",
        venue: "Kapad lokal",
      });
      expect(result.status).toBe(400);
      expect(result.text).toContain("Tillfället finns inte i den här serien.");
      expect(sessionsOf(1)[0]).toEqual(botkyrkaSession);
    }));
});

describe("the sponsor sees figures, never people", () => {
  it("on /serier/2 the sponsor sees suppressed sector figures and no names or edit forms", () =>
    asUser(DEMO.sponsor, async (page) => {
      const names = participantNames(2);
      expect(names).toHaveLength(90);
      const response = await page.goto(`${server.url}/serier/2`);
      expect(response?.status()).toBe(200);
      await expectHeading(page, "Processtöd skolnärvaro Huddinge");

      const table = page.locator("table", { has: page.locator("caption", { hasText: SECTOR_CAPTION }) });
      expect(await tableRows(table)).toEqual([
        ["Skola", "66", "73,3 %"],
        ["Socialtjänst", "18", "20,0 %"],
        ["Hälso- och sjukvård", "färre än 5", "–"],
        ["Annat", "färre än 5", "–"],
        ["Vill ej uppge", "färre än 5", "–"],
      ]);
      expect(await textOf(table.locator("tfoot tr"))).toBe("Totalt 90 100,0 %");
      expect(await visibleText(page)).toContain(
        "Grupper med färre än 5 personer visas inte, för att ingen ska kunna pekas ut."
      );

      // Not on screen, and not in the page's HTML or data either.
      const html = await page.content();
      for (const name of names) expect(html, name).not.toContain(name);
      expect(await page.getByRole("heading", { name: "Deltagare", exact: true }).count()).toBe(0);
      expect(await page.getByText("Ändra praktiska uppgifter").count()).toBe(0);
      expect(await page.locator("form[method=post] input[name=sessionId]").count()).toBe(0);
    }));

  it("the coordinator, by contrast, sees the exact figures and the names", () =>
    asUser(DEMO.huddinge, async (page) => {
      const names = participantNames(2);
      await page.goto(`${server.url}/serier/2`);
      await expectHeading(page, "Processtöd skolnärvaro Huddinge");
      const table = page.locator("table", { has: page.locator("caption", { hasText: SECTOR_CAPTION }) });
      expect((await tableRows(table)).map((row) => row.slice(0, 2))).toEqual([
        ["Skola", "66"],
        ["Socialtjänst", "18"],
        ["Hälso- och sjukvård", "2"],
        ["Annat", "3"],
        ["Vill ej uppge", "1"],
      ]);
      const text = await visibleText(page);
      expect(text).toContain(names[0]);
      expect(text).toContain(names[names.length - 1]);
      expect(await page.getByText("Ändra praktiska uppgifter").count()).toBe(3);
    }));

  it("a forged practicalities post from the sponsor is refused (403) and saves nothing", () =>
    asUser(DEMO.sponsor, async (page) => {
      const [session] = sessionsOf(2);
      await page.goto(`${server.url}/serier/2`);
      const result = await postForm(page, "/serier/2", {
        sessionId: String(session.id),
        format: "digitalt",
        venue: "Uppdragsgivarens lokal",
      });
      expect(result.status).toBe(403);
      expect(result.text).toContain("Ingen behörighet");
      expect(sessionsOf(2)[0]).toEqual(session);
    }));
});

describe("staff pages are for the process leader only", () => {
  for (const [role, email] of [
    ["sponsor", DEMO.sponsor],
    ["coordinator", DEMO.huddinge],
  ] as const) {
    it(`the ${role} gets "Ingen behörighet" (403) on /personal and /utkorg`, () =>
      asUser(email, async (page) => {
        for (const path of ["/personal", "/utkorg"]) {
          const response = await page.goto(`${server.url}${path}`);
          expect(response?.status(), path).toBe(403);
          await expectHeading(page, "Ingen behörighet");
          expect(await visibleText(page)).toContain("Din roll har inte tillgång till den här sidan.");
        }
      }));
  }

  it("a forged post to /personal by a coordinator is refused (403) and creates no account", () =>
    asUser(DEMO.huddinge, async (page) => {
      const countUsers = () =>
        readDatabase(server.databaseFile, (db) => db.prepare("select count(*) from users").pluck().get());
      const before = countUsers();
      await page.goto(`${server.url}/`);
      const result = await postForm(page, "/personal", {
        name: "Inte Behörig",
        email: "obehorig@huddinge.example",
        role: "admin",
      });
      expect(result.status).toBe(403);
      expect(countUsers()).toBe(before);
      const outbox = readDatabase(server.databaseFile, (db) =>
        db.prepare("select count(*) from mail_outbox where to_address like ?").pluck().get("obehorig%")
      );
      expect(outbox).toBe(0);
    }));
});
