/**
 * Retention and erasure in a real browser (issue #11 item 6, decision 017).
 * The server runs the retention job at start (nothing to remove in the demo
 * data). The process leader then sees a dry-run preview of two old records
 * planted in the database, gets a Swedish error for a bad value, saves a
 * longer mail retention (the preview changes), and runs retention now. A
 * Huddinge coordinator carries out an erasure request: confirmation page,
 * then the person's name is gone from the participant list while the
 * series' attendance figures are the same. Coordinators and sponsors get 403
 * on the settings page. axe at 1280 and 360 px on both new pages.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, settle, submit, tableRows, visibleText } from "./support/page";
import { dbAll, dbGet, fieldError, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SIZES = [
  [1280, 900],
  [360, 780],
] as const;

let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];

function write(run: (db: Database.Database) => void) {
  const db = new Database(server.databaseFile);
  try {
    db.pragma("busy_timeout = 5000");
    run(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer("e2e-retention");
  browser = await launchBrowser();
  // The scheduled job's first run, at start, on the demo data.
  const deadline = Date.now() + 10_000;
  while (!server.output().includes("Gallring klar") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  const errors = browserErrors.flat();
  browserErrors = [];
  expect(errors, "fel i webbläsaren").toEqual([]);
});

async function open({ as, width, height }: { as?: string; width?: number; height?: number } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, { width, height });
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  if (as) await signIn(page, server.url, as);
  return page;
}

describe("the scheduled job", () => {
  it("ran once when the server started, found nothing to remove in the demo data, and logged it", () => {
    expect(server.output()).toContain("Gallring klar: 0 poster borttagna eller avidentifierade. Nästa om 24 h.");
    expect(dbAll<{ actor_label: string; details: string }>(server.databaseFile, "select actor_label, details from audit_log where action = 'retention.apply'")).toEqual([
      {
        actor_label: "gallring i servern",
        details: JSON.stringify({ counts: { participant_identity: 0, unenrolled_invitations: 0, sign_in_links: 0, uploaded_lists: 0, accessibility_reports: 0, data_requests: 0, sent_mail: 0, audit_log: 0 } }),
      },
    ]);
  });
});

describe("retention settings", () => {
  it("are 403 for coordinators and sponsors, and not in their menu", async () => {
    for (const who of [DEMO.huddinge, DEMO.sponsor]) {
      const page = await open({ as: who });
      expect(await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Gallring" }).count()).toBe(0);
      const response = await page.goto(`${server.url}/installningar/gallring`);
      expect(response?.status()).toBe(403);
    }
  });

  it("the process leader sees the dry-run preview, fixes a bad value, saves, and the preview follows", async () => {
    // Two old records: a mail from 2026-01-10 (older than 6 months, younger than 12) and a report from 2024-01-10.
    write((db) => {
      db.prepare("insert into mail_outbox (to_address, subject, text_body, created_at) values (?, ?, ?, ?)").run("gammal@example.se", "Gammalt utskick", "Hej", Date.parse("2026-01-10T09:00:00Z"));
      db.prepare("insert into accessibility_reports (description, created_at) values (?, ?)").run("Gammal rapport", Date.parse("2024-01-10T09:00:00Z"));
    });
    for (const [width, height] of SIZES) {
      const page = await open({ as: DEMO.admin, width, height });
      await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Gallring" }).click();
      await page.waitForURL(`${server.url}/installningar/gallring`);
      await expectHeading(page, "Gallring av personuppgifter");
      expect(await visibleText(page)).toContain("Om gallringen körs i dag tas följande bort:");
      const rows = await tableRows(page.locator("table.retention-preview").first());
      expect(rows).toContainEqual(["Skickade e-postmeddelanden", "1"]);
      expect(rows).toContainEqual(["Rapporter om tillgänglighet", "1"]);
      expect(rows).toContainEqual(["Deltagare som anonymiseras", "0"]);
      expect(await page.getByLabel("Deltagares identitet").inputValue()).toBe("24");
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `retention-settings-${width}.png`), fullPage: true });
    }

    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}/installningar/gallring`);
    const mail = page.getByLabel("Skickad e-post (utkorgen)");
    await mail.fill("0");
    const bad = await submit(page, "/installningar/gallring", page.getByRole("button", { name: "Spara inställningarna" }));
    expect(bad.status()).toBe(400);
    expect(await fieldError(mail)).toBe("Ange ett helt antal månader mellan 1 och 120.");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "retention-settings-error-1280.png"), fullPage: true });
    expect(dbAll(server.databaseFile, "select * from retention_settings")).toEqual([]);

    await mail.fill("12");
    await submit(page, "/installningar/gallring", page.getByRole("button", { name: "Spara inställningarna" }));
    await expect.poll(() => page.getByRole("status").first().innerText()).toBe("Inställningarna är sparade.");
    const rows = await tableRows(page.locator("table.retention-preview").first());
    expect(rows).toContainEqual(["Skickade e-postmeddelanden", "0"]);
    expect(rows).toContainEqual(["Rapporter om tillgänglighet", "1"]);
    expect(dbAll(server.databaseFile, "select kind, value from retention_settings")).toEqual([{ kind: "sent_mail", value: 12 }]);
    const entry = dbGet<{ details: string }>(server.databaseFile, "select details from audit_log where action = 'settings.update' order by id desc limit 1");
    expect(JSON.parse(entry!.details)).toEqual({ changes: { sent_mail: { from: 6, to: 12 } } });
  });

  it("the process leader runs retention now: the old report goes, the mail stays, and the run is logged", async () => {
    const page = await open({ as: DEMO.admin });
    await page.goto(`${server.url}/installningar/gallring`);
    await submit(page, "/installningar/gallring", page.getByRole("button", { name: "Kör gallringen nu" }));
    await expect.poll(() => page.getByRole("status").first().innerText()).toBe("Gallringen är klar. 1 poster togs bort eller avidentifierades.");
    expect(await visibleText(page)).toContain("Om gallringen körs i dag tas ingenting bort.");
    expect(dbAll(server.databaseFile, "select description from accessibility_reports where description = 'Gammal rapport'")).toEqual([]);
    expect(dbAll(server.databaseFile, "select subject from mail_outbox where subject = 'Gammalt utskick'")).toEqual([{ subject: "Gammalt utskick" }]);
    const runs = dbAll<{ actor_user_id: number | null }>(server.databaseFile, "select actor_user_id from audit_log where action = 'retention.apply' order by id");
    expect(runs).toHaveLength(2);
    expect(runs[1].actor_user_id).toBe(dbGet<{ id: number }>(server.databaseFile, "select id from users where email = ?", DEMO.admin)!.id);
  });
});

describe("erasure on request", () => {
  let huddinge: number;
  let person: { id: number; name: string; email: string };
  let requestId: number;

  /** The series overview's attendance figures, as the coordinator sees them. */
  async function attendanceFigures(page: Page): Promise<string[][]> {
    await page.goto(`${server.url}/serier/${huddinge}/oversikt`);
    await settle(page);
    return tableRows(page.locator("main table").first());
  }

  function attendanceCounts() {
    return dbAll(server.databaseFile, "select a.series_session_id as s, p.sector, a.status, count(*) as n from attendance a join people p on p.id = a.person_id where a.series_id = ? group by 1, 2, 3 order by 1, 2, 3", huddinge);
  }

  beforeAll(() => {
    huddinge = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = 'Processtöd skolnärvaro Huddinge'")!.id;
    // A Huddinge participant who was present at a seminar and is in no other series.
    person = dbGet<{ id: number; name: string; email: string }>(
      server.databaseFile,
      `select p.id, p.name, p.email from people p join attendance a on a.person_id = p.id and a.status = 'narvarande'
       where a.series_id = ? and not exists (select 1 from enrolments e where e.person_id = p.id and e.series_id != ?)
       order by p.id limit 1`,
      huddinge,
      huddinge,
    )!;
    write((db) => {
      requestId = Number(
        db.prepare("insert into data_requests (person_id, name, email, kind, message, status) values (?, ?, ?, 'radering', 'Ta bort mina uppgifter', 'ny')").run(person.id, person.name, person.email).lastInsertRowid,
      );
      db.prepare("insert into data_request_series (data_request_id, series_id) values (?, ?)").run(requestId, huddinge);
    });
  });

  it("the coordinator confirms the anonymisation; the name is gone from the participant list and the figures are the same", async () => {
    const page = await open({ as: DEMO.huddinge });
    const figuresBefore = await attendanceFigures(page);
    const countsBefore = attendanceCounts();
    await page.goto(`${server.url}/serier/${huddinge}/deltagare`);
    expect(await visibleText(page)).toContain(person.name);

    await page.goto(`${server.url}/personuppgiftsbegaran`);
    const card = page.locator("li.data-request", { has: page.getByRole("heading", { name: `Radering: ${person.name}` }) });
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 360, height: 780 });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "erasure-queue-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await card.getByRole("link", { name: "Anonymisera personens uppgifter" }).click();
    await page.waitForURL(`${server.url}/personuppgiftsbegaran/${requestId}/anonymisera`);
    await expectHeading(page, `Anonymisera ${person.name}`);
    const text = await visibleText(page);
    expect(text).toContain("ersätts med ”Anonymiserad deltagare”");
    expect(text).toContain("Det går inte att ångra.");
    await expectNoAxeViolations(page);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `erasure-confirm-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await submit(page, `/personuppgiftsbegaran/${requestId}/anonymisera`, page.getByRole("button", { name: "Ja, anonymisera personens uppgifter" }));
    await page.waitForURL((url) => url.pathname === "/personuppgiftsbegaran");
    expect(await visibleText(page)).toContain("Personens uppgifter är anonymiserade och begäran är markerad som genomförd.");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "erasure-done-1280.png"), fullPage: true });

    await page.goto(`${server.url}/serier/${huddinge}/deltagare`);
    const list = await visibleText(page);
    expect(list).not.toContain(person.name);
    expect(list).toContain("Anonymiserad deltagare");
    expect(await attendanceFigures(page)).toEqual(figuresBefore);
    expect(attendanceCounts()).toEqual(countsBefore);
    expect(dbGet(server.databaseFile, "select status from data_requests where id = ?", requestId)).toEqual({ status: "genomford" });
    expect(dbAll(server.databaseFile, "select action from audit_log where entity_kind = 'person' and entity_id = ?", String(person.id))).toEqual([{ action: "person.anonymise" }]);
  });
});
