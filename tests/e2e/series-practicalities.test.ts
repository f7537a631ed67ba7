/**
 * A coordinator fills in the practical details of a session: format, venue
 * and meeting link, with unsafe links refused.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, readDatabase, submit, textOf, visibleText } from "./support/page";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer("e2e-series");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type SessionRow = { id: number; title: string; venue: string | null; format: string; meeting_link: string | null };

function session(id: number): SessionRow {
  return readDatabase(server.databaseFile, (db) =>
    db.prepare("select id, title, venue, format, meeting_link from series_sessions where id = ?").get(id)
  ) as SessionRow;
}

/** Huddinge's sessions, in order. */
function huddingeSessions(): SessionRow[] {
  return readDatabase(server.databaseFile, (db) =>
    db
      .prepare(
        "select id, title, venue, format, meeting_link from series_sessions where series_id = 2 order by position"
      )
      .all()
  ) as SessionRow[];
}

/** The card of one session on the series page, with its edit form opened. */
async function openEditForm(page: Page, sessionId: number): Promise<Locator> {
  const card = page.locator(`#tillfalle-${sessionId}`);
  await card.waitFor();
  const details = card.locator("details");
  if ((await details.getAttribute("open")) === null) {
    await card.getByText("Ändra praktiska uppgifter").click();
  }
  await card.getByLabel("Möteslänk").waitFor();
  return card;
}

describe("practical details of a session", () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage(browser));
    await signIn(page, server.url, DEMO.huddinge);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it("a javascript: meeting link is refused with a message (400) and nothing is saved", async () => {
    const [first] = huddingeSessions();
    expect(first).toMatchObject({ format: "pa_plats", venue: "Kommunhuset, Huddinge", meeting_link: null });

    await page.goto(`${server.url}/serier/2`);
    await expectHeading(page, "Processtöd skolnärvaro Huddinge");
    const card = await openEditForm(page, first.id);
    await card.getByLabel("Format").selectOption({ label: "Digitalt" });
    await card.getByLabel("Plats").fill("Huddinge gymnasium, aula");
    await card.getByLabel("Möteslänk").fill("javascript:alert(1)");
    const response = await submit(page, "/serier/2", card.getByRole("button", { name: "Spara" }));
    expect(response.status()).toBe(400);

    const error = card.locator(".error");
    expect(await textOf(error)).toBe("Länken måste vara en webbadress som börjar med http:// eller https://.");
    const linkInput = card.getByLabel("Möteslänk");
    expect(await linkInput.getAttribute("aria-invalid")).toBe("true");
    // What was typed is kept, so it can be corrected.
    expect(await linkInput.inputValue()).toBe("javascript:alert(1)");
    expect(await card.getByLabel("Plats").inputValue()).toBe("Huddinge gymnasium, aula");

    expect(session(first.id)).toEqual(first);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.getByRole("status").count()).toBe(0);
  });

  it("a valid https link is saved, confirmed, and still there after reload", async () => {
    const [first] = huddingeSessions();
    const link = "https://mote.example/huddinge-seminarium-1";
    await page.goto(`${server.url}/serier/2`);
    const card = await openEditForm(page, first.id);
    await card.getByLabel("Format").selectOption({ label: "Hybrid" });
    await card.getByLabel("Plats").fill("Huddinge gymnasium, aula");
    await card.getByLabel("Möteslänk").fill(link);
    await submit(page, "/serier/2", card.getByRole("button", { name: "Spara" }));

    await page.waitForURL((url) => url.searchParams.get("sparat") === String(first.id));
    expect(await textOf(page.getByRole("status"))).toBe(`Ändringarna för ${first.title} är sparade.`);
    const shown = async () => {
      const c = page.locator(`#tillfalle-${first.id}`);
      const text = await textOf(c.locator("dl"));
      expect(text).toContain("Format Hybrid");
      expect(text).toContain("Plats Huddinge gymnasium, aula");
      expect(text).toContain(`Möteslänk ${link}`);
      expect(await c.getByRole("link", { name: link }).getAttribute("href")).toBe(link);
    };
    await shown();

    expect(session(first.id)).toEqual({
      ...first,
      format: "hybrid",
      venue: "Huddinge gymnasium, aula",
      meeting_link: link,
    });

    await page.reload();
    await expectHeading(page, "Processtöd skolnärvaro Huddinge");
    await shown();
    // And on a fresh visit without the confirmation in the address.
    await page.goto(`${server.url}/serier/2`);
    await expectHeading(page, "Processtöd skolnärvaro Huddinge");
    await shown();
    expect(await page.getByRole("status").count()).toBe(0);
    // The other sessions were not touched.
    const [, second, third] = huddingeSessions();
    expect(second).toMatchObject({ format: "pa_plats", venue: "Kommunhuset, Huddinge", meeting_link: null });
    expect(third).toMatchObject({ format: "pa_plats", venue: "Kommunhuset, Huddinge", meeting_link: null });
    expect(await visibleText(page)).not.toContain("javascript:");
  });

  it("clearing the link and venue removes them", async () => {
    const [first] = huddingeSessions();
    await page.goto(`${server.url}/serier/2`);
    const card = await openEditForm(page, first.id);
    await card.getByLabel("Plats").fill("");
    await card.getByLabel("Möteslänk").fill("   ");
    await submit(page, "/serier/2", card.getByRole("button", { name: "Spara" }));
    await page.waitForURL((url) => url.searchParams.get("sparat") === String(first.id));
    expect(await textOf(page.getByRole("status"))).toBe(`Ändringarna för ${first.title} är sparade.`);
    expect(session(first.id)).toMatchObject({ venue: null, meeting_link: null });
    const text = await textOf(page.locator(`#tillfalle-${first.id} dl`));
    expect(text).toContain("Plats –");
    expect(text).not.toContain("Möteslänk");
  });
});
