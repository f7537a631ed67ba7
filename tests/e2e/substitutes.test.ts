/**
 * Substitutes named in the portal, staff side, in a real browser (issue #8
 * item 3). Sofia Hassan (Huddinge) has named Lena Berg for seminar 3
 * (2026-11-24); the row is written to the server's database as the portal's
 * form would leave it. The Huddinge coordinator sees it on the session page,
 * confirms it with a sector, and Lena's invitation arrives at a real SMTP
 * server started by this file. Lena follows the link on her phone, signs in
 * and lands on the session's portal page; /mina-sidor lists the session. On
 * the roster, Lena is expected as Sofia's substitute and the coordinator
 * records her arrival. axe finds nothing; screenshots at 1280 and 360 px.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parsePlainTextMessage } from "../support/mime";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, settle, textOf, visibleText } from "./support/page";
import { dbGet, forgePost, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Huddinge";
const TITLE = "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola";

let smtp: TestSmtp;
let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];
let seriesId: number;
let sessionId: number;
let substitutionId: number;
let sessionPath: string;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  smtp = await startTestSmtp();
  server = await startServer("e2e-substitutes", smtp.env);
  browser = await launchBrowser();
  seriesId = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = ?", SERIES)!.id;
  sessionId = dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? and position = 3", seriesId)!.id;
  sessionPath = `/serier/${seriesId}/tillfallen/${sessionId}`;
  // What the portal's form leaves behind (proposeSubstitute): a pending row, and Sofia's "kommer inte".
  const db = new Database(server.databaseFile);
  try {
    const sofia = db.prepare("select id from people where email_normalized = 'sofia.hassan76@huddinge.example'").get() as { id: number };
    substitutionId = Number(
      db
        .prepare(
          "insert into substitutions (series_id, series_session_id, for_person_id, name, email, email_normalized, workplace, status, created_at) values (?, ?, ?, ?, ?, ?, ?, 'foreslagen', ?)",
        )
        .run(seriesId, sessionId, sofia.id, "Lena Berg", "lena.berg@huddinge.example", "lena.berg@huddinge.example", "Björkskolan, Huddinge", Date.UTC(2026, 10, 20, 12, 5)).lastInsertRowid,
    );
    db.prepare("insert into session_replies (person_id, series_session_id, reply, replied_at) values (?, ?, 'kommer_inte', ?)").run(sofia.id, sessionId, Date.UTC(2026, 10, 20, 12, 0));
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  const errors = browserErrors.flat();
  browserErrors = [];
  expect(errors, "fel i webbläsaren").toEqual([]);
});

async function open({ as, width = 1280, height = 900 }: { as?: string; width?: number; height?: number } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, { width, height });
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  if (as) await signIn(page, server.url, as);
  return page;
}

async function waitForMail(to: string, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const mail = smtp.received.find((m) => m.to === to);
    if (mail) return parsePlainTextMessage(mail.raw);
    if (Date.now() > until) throw new Error(`Inget mejl till ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const section = (page: Page) => page.locator("#foreslagna-ersattare");

describe("the Huddinge coordinator confirms a named substitute", () => {
  it("shows the pending substitute on the session page, with a screenshot at 1280 and 360 px", async () => {
    const page = await open({ as: DEMO.huddinge });
    await page.goto(`${server.url}${sessionPath}`);
    await expectHeading(page, `Tillfälle 3: ${TITLE}`);
    const card = section(page).locator("li.substitute-card");
    expect(await textOf(section(page).locator("h2"))).toBe("Föreslagna ersättare");
    expect(await textOf(card.locator("h3"))).toBe("Lena Berg i stället för Sofia Hassan");
    expect(await textOf(card.locator("dl"))).toBe(
      "Kan inte komma Sofia Hassan (Skola, Huddinge) Föreslagen ersättare Lena Berg, lena.berg@huddinge.example, Björkskolan, Huddinge Föreslagen 2026-11-20 13:05",
    );
    expect(await card.getByLabel("Kollegans verksamhet").inputValue()).toBe("skola");
    await expectNoAxeViolations(page);
    await section(page).screenshot({ path: path.join(SCREENSHOTS, "substitutes-staff-1280.png") });
    await page.setViewportSize({ width: 360, height: 740 });
    await section(page).screenshot({ path: path.join(SCREENSHOTS, "substitutes-staff-360.png") });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });

  it("refuses a forged post from the Botkyrka coordinator with 404", async () => {
    const page = await open({ as: DEMO.botkyrka });
    await page.goto(`${server.url}/`);
    const forged = await forgePost(page, `${sessionPath}/foreslagna-ersattare/${substitutionId}`, { intent: "confirm", from: "tillfalle", sector: "skola" });
    expect(forged.status).toBe(404);
    expect(dbGet<{ status: string }>(server.databaseFile, "select status from substitutions where id = ?", substitutionId)!.status).toBe("foreslagen");
  });

  it("confirms with the sector chosen, sends Lena the invitation, and lists her as expected", async () => {
    const page = await open({ as: DEMO.huddinge });
    await page.goto(`${server.url}${sessionPath}`);
    const card = section(page).locator("li.substitute-card");
    await card.getByLabel("Kollegans verksamhet").selectOption("socialtjanst");
    await card.getByLabel("Kollegans titel (valfri)").fill("Skolkurator");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("forslag") === "bekraftad"),
      card.getByRole("button", { name: "Bekräfta Lena Berg som ersättare för Sofia Hassan" }).click(),
    ]);
    await settle(page);
    expect(await textOf(section(page).getByRole("status"))).toBe(
      "Lena Berg är bekräftad som ersättare för Sofia Hassan. Inbjudan med förberedelserna har skickats till lena.berg@huddinge.example.",
    );
    expect(await textOf(section(page).locator(".empty"))).toBe("Inga föreslagna ersättare väntar på besked.");
    expect(await textOf(section(page).locator(".substitute-card--confirmed .substitute-status"))).toBe("Väntas som ersättare för Sofia Hassan");
    await expectNoAxeViolations(page);
    await section(page).screenshot({ path: path.join(SCREENSHOTS, "substitutes-staff-confirmed-1280.png") });

    const person = dbGet<{ sector: string; role: string; org: string }>(
      server.databaseFile,
      "select p.sector, p.role_category as role, o.name as org from people p join organisations o on o.id = p.organisation_id where p.email_normalized = 'lena.berg@huddinge.example'",
    );
    expect(person).toEqual({ sector: "socialtjanst", role: "profession", org: "Huddinge" });

    const invitation = await waitForMail("lena.berg@huddinge.example");
    expect(invitation.subject).toBe("Inbjudan: du ersätter en kollega på seminariet 2026-11-24");
    expect(invitation.text).toContain(`Seminarium: 3. ${TITLE}\nDatum: 2026-11-24, kl. 08:30–12:00\nPlats: Kommunhuset, Huddinge`);
    const confirmation = await waitForMail("sofia.hassan76@huddinge.example");
    expect(confirmation.subject).toBe("Din ersättare 2026-11-24 är bekräftad");
  });

  it("lets Lena follow the link on her phone to the session in the portal", async () => {
    const invitation = await waitForMail("lena.berg@huddinge.example");
    const link = new RegExp(`${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/mina-sidor/lank/[A-Za-z0-9_-]{43}`).exec(invitation.text)![0];
    const phone = await open({ width: 360, height: 740 });
    await phone.goto(link);
    await Promise.all([phone.waitForURL((url) => !url.pathname.startsWith("/mina-sidor/lank/")), phone.getByRole("button", { name: "Logga in" }).click()]);
    expect(new URL(phone.url()).pathname).toBe(`/mina-sidor/tillfallen/${sessionId}`);
    await phone.goto(`${server.url}/mina-sidor`);
    expect(await visibleText(phone)).toContain(TITLE);
    // The link is single use.
    expect(dbGet<{ n: number }>(server.databaseFile, "select count(*) as n from magic_links where used_at is not null and redirect_to = ?", `/mina-sidor/tillfallen/${sessionId}`)!.n).toBe(1);
  });

  it("shows Sofia's reply and Lena as expected on the roster, and records Lena's arrival", async () => {
    const page = await open({ as: DEMO.huddinge });
    await page.goto(`${server.url}${sessionPath}/narvaro`);
    expect(await textOf(page.locator(".roster-summary__replies"))).toBe("1 har meddelat förhinder");
    const sofiaRow = page.locator("tr", { has: page.locator(".roster-name", { hasText: "Sofia Hassan" }) });
    expect(await textOf(sofiaRow.locator("th"))).toBe("Sofia Hassan Kommer inte (meddelat 2026-11-20) Bekräftad ersättare: Lena Berg");
    expect(await textOf(page.getByRole("button", { name: /^Markera alla omarkerade som närvarande/ }))).toBe("Markera alla omarkerade som närvarande (89)");
    expect(await textOf(section(page).locator(".substitute-card--confirmed .substitute-status"))).toBe("Väntas som ersättare för Sofia Hassan");
    await expectNoAxeViolations(page);
    await page.locator(".roster-summary").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "substitutes-roster-summary-1280.png") });
    await sofiaRow.screenshot({ path: path.join(SCREENSHOTS, "substitutes-roster-row-1280.png") });
    await section(page).screenshot({ path: path.join(SCREENSHOTS, "substitutes-roster-1280.png") });
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("klart") === "ersattare"),
      section(page).getByRole("button", { name: "Registrera som närvarande: Lena Berg i stället för Sofia Hassan" }).click(),
    ]);
    await settle(page);
    expect(await textOf(page.locator(".notice").first())).toContain("Lena Berg");
    expect(await textOf(section(page).locator(".substitute-card--confirmed .substitute-status"))).toBe("Närvarande som ersättare för Sofia Hassan");
    await expectNoAxeViolations(page);

    const phone = await open({ as: DEMO.huddinge, width: 360, height: 740 });
    await phone.goto(`${server.url}${sessionPath}/narvaro`);
    await settle(phone);
    await expectNoAxeViolations(phone);
    await section(phone).screenshot({ path: path.join(SCREENSHOTS, "substitutes-roster-360.png") });
  });
});
