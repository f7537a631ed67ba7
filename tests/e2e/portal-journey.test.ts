/**
 * The participant portal end to end, as issue #8 describes it. A Huddinge
 * participant from social services, on a 360 px phone, asks for a sign-in
 * link; the mail is read from a real SMTP server running in this process and
 * the link followed. She marks the prep document read, writes a reflection,
 * replies that she cannot come to seminar 3 and names a colleague. The
 * coordinator, at a desk, then sees the pending substitute and the
 * preparation figures on the session page. axe finds nothing on any portal
 * page, public or signed in.
 *
 * The tests run in order on one server and build on each other.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlainTextMessage } from "../support/mime";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, newPage, settle, submit, textOf, visibleText } from "./support/page";
import { dbGet, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Huddinge";
const TITLE = "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola";
const COLLEAGUE = { name: "Kim Berglund", email: "kim.berglund@huddinge.example", workplace: "Socialtjänsten, mottagningen" };
const REFLECTION = "Vi saknar en gemensam rutin för när skolan kontaktar socialtjänsten.";

let smtp: TestSmtp;
let server: TestServer;
let browser: Browser;
let phoneContext: BrowserContext;
let phone: Page;
let errors: string[];
let seriesId: number;
let sessionId: number;
let participant: { id: number; name: string; email: string };
const scripts: Promise<{ url: string; body: string }[] | { url: string; body: string }>[] = [];

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  smtp = await startTestSmtp();
  server = await startServer("e2e-portal-journey", smtp.env);
  browser = await launchBrowser();
  seriesId = dbGet<{ id: number }>(server.databaseFile, "select id from series where name = ?", SERIES)!.id;
  sessionId = dbGet<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? and position = 3", seriesId)!.id;
  // A social-services participant who has not started preparing for seminar 3.
  participant = dbGet<{ id: number; name: string; email: string }>(
    server.databaseFile,
    `select p.id, p.name, p.email from people p join enrolments e on e.person_id = p.id
      where e.series_id = ? and e.status = 'anmald' and p.sector = 'socialtjanst'
        and not exists (select 1 from prep_progress pp join prep_materials m on m.id = pp.prep_material_id where pp.person_id = p.id and m.series_session_id = ?)
        and not exists (select 1 from reflections r join reflection_questions q on q.id = r.reflection_question_id where r.person_id = p.id and q.series_session_id = ?)
      order by p.id limit 1`,
    seriesId,
    sessionId,
    sessionId,
  )!;
  ({ context: phoneContext, page: phone } = await newPage(browser, { width: 360, height: 760 }));
  errors = watchBrowserErrors(phoneContext);
  // Every script the phone loads, to show that portal pages never load chart.js.
  phone.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text().then((body) => ({ url: response.url(), body })).catch(() => ({ url: response.url(), body: "" })));
  });
});

afterAll(async () => {
  await phoneContext?.close();
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

async function waitForMail(to: string, after: number) {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.received.slice(after).find((m) => m.to === to);
    if (mail) return parsePlainTextMessage(mail.raw);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No mail to ${to}`);
}

async function shoot(name: string) {
  await phone.screenshot({ path: path.join(SCREENSHOTS, `portal-journey-${name}.png`), fullPage: true });
}

describe("a participant on her phone", () => {
  it("asks for a link, reads it from the mail and signs in", async () => {
    // Mina sidor without a sign-in sends her to the link form, and back afterwards.
    await phone.goto(`${server.url}/mina-sidor`);
    await expectHeading(phone, "Logga in på Mina sidor");
    await expectNoAxeViolations(phone);

    // A bad address is answered on the field.
    await phone.getByLabel("Din e-postadress").fill("inte en adress");
    const bad = await submit(phone, "/mina-sidor/logga-in", phone.getByRole("button", { name: "Skicka inloggningslänk" }));
    expect(bad.status()).toBe(400);
    expect(await textOf(phone.locator("#field-email-error"))).toBe("Ange en giltig e-postadress, till exempel namn@kommun.se.");
    await expectNoAxeViolations(phone);

    const before = smtp.received.length;
    await phone.getByLabel("Din e-postadress").fill(participant.email.toUpperCase());
    const sent = await submit(phone, "/mina-sidor/logga-in", phone.getByRole("button", { name: "Skicka inloggningslänk" }));
    expect(sent.status()).toBe(200);
    await expectHeading(phone, "Kolla din e-post");
    await expectNoAxeViolations(phone);

    const mail = await waitForMail(participant.email, before);
    expect(mail.subject).toBe("Din inloggningslänk till Processtöd");
    expect(mail.text).toContain(`Hej ${participant.name}!`);
    const link = new RegExp(`${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/mina-sidor/lank/[A-Za-z0-9_-]{43}`).exec(mail.text)![0];

    await phone.goto(link);
    await expectHeading(phone, "Logga in");
    await expectNoAxeViolations(phone);
    await Promise.all([phone.waitForURL(`${server.url}/mina-sidor`), phone.getByRole("button", { name: "Logga in" }).click()]);
    await expectHeading(phone, "Mina tillfällen");
    expect(await visibleText(phone)).toContain(`Hej ${participant.name}!`);
    await expectNoAxeViolations(phone);
    await shoot("1-overview");

    // The link is used up: opening it again gets the friendly page with a way to ask for a new one.
    const again = await phone.goto(link);
    expect(again!.status()).toBe(404);
    await expectHeading(phone, "Länken fungerar inte längre");
    expect(await phone.getByRole("link", { name: "Be om en ny länk" }).getAttribute("href")).toBe("/mina-sidor/logga-in");
    await expectNoAxeViolations(phone);
  });

  it("marks the document read and writes a reflection", async () => {
    await phone.goto(`${server.url}/mina-sidor`);
    await phone.getByRole("link", { name: TITLE }).click();
    await expectHeading(phone, TITLE);
    await expectNoAxeViolations(phone);
    await phone.getByRole("link", { name: "Till förberedelserna" }).click();
    await expectHeading(phone, "Förberedelser");
    await settle(phone);
    expect(await textOf(phone.locator(".prep-progress__count"))).toBe("0 av 4 klara");

    const document = dbGet<{ title: string }>(server.databaseFile, "select title from prep_materials where series_session_id = ? and kind = 'dokument'", sessionId)!.title;
    const prepPath = `/mina-sidor/tillfallen/${sessionId}/forberedelser`;
    await submit(phone, prepPath, phone.getByRole("button", { name: `Markera som läst: ${document}` }));
    await phone.getByRole("button", { name: `Ångra: ${document}` }).waitFor();
    expect(await textOf(phone.locator(".prep-progress__count"))).toBe("1 av 4 klara");

    const question = dbGet<{ id: number; text: string }>(server.databaseFile, "select id, text from reflection_questions where series_session_id = ? order by id limit 1", sessionId)!;
    const section = phone.locator(`#fraga-${question.id}`);
    await section.getByLabel(question.text).fill(REFLECTION);
    await submit(phone, prepPath, section.getByRole("button", { name: "Spara reflektionen" }));
    await section.locator(".prep-question__status").filter({ hasText: "Sparad" }).waitFor();
    expect(await textOf(phone.locator(".prep-progress__count"))).toBe("2 av 4 klara");
    await expectNoAxeViolations(phone);
    await shoot("2-prep");

    // Private by default: stored, not shared.
    expect(dbGet(server.databaseFile, "select text, shared from reflections where person_id = ? and reflection_question_id = ?", participant.id, question.id)).toEqual({
      text: REFLECTION,
      shared: 0,
    });
  });

  it("replies that she cannot come and names a colleague as substitute", async () => {
    const sessionPath = `/mina-sidor/tillfallen/${sessionId}`;
    await phone.goto(`${server.url}${sessionPath}`);
    await settle(phone);
    await submit(phone, sessionPath, phone.getByRole("button", { name: "Jag kommer inte" }));
    expect(await textOf(phone.getByRole("status"))).toBe("Tack! Vi har sparat ditt svar.");

    const before = smtp.received.length;
    await phone.getByLabel("Kollegans namn").fill(COLLEAGUE.name);
    await phone.getByLabel("Kollegans e-postadress").fill(COLLEAGUE.email);
    await phone.getByLabel("Arbetsplats (frivilligt)").fill(COLLEAGUE.workplace);
    await submit(phone, sessionPath, phone.getByRole("button", { name: "Föreslå ersättare" }));
    expect(await textOf(phone.getByRole("status"))).toBe("Tack! Vi har sparat din ersättare och meddelat samordnaren.");
    expect(await visibleText(phone)).toContain("Väntar på att samordnaren bekräftar");
    await expectNoAxeViolations(phone);
    await shoot("3-substitute");

    // The coordinator is told; the colleague is not mailed before the coordinator confirms.
    const notice = await waitForMail(DEMO.huddinge, before);
    expect(notice.text).toContain(COLLEAGUE.name);
    expect(smtp.received.slice(before).some((m) => m.to === COLLEAGUE.email)).toBe(false);
  });

  it("sees her data and the sign-out page without accessibility problems", async () => {
    await phone.goto(`${server.url}/mina-sidor/mina-uppgifter`);
    await expectHeading(phone, "Mina uppgifter");
    const text = await visibleText(phone);
    expect(text).toContain(REFLECTION);
    expect(text).toContain(COLLEAGUE.name);
    await expectNoAxeViolations(phone);
    await phone.goto(`${server.url}/mina-sidor/logga-ut`);
    await expectHeading(phone, "Logga ut");
    await expectNoAxeViolations(phone);
    expect(errors).toEqual([]);

    // Fast on a slow connection: none of the scripts loaded on the portal pages is chart.js.
    const loaded = (await Promise.all(scripts)).flat();
    expect(loaded.length).toBeGreaterThan(3);
    expect(loaded.filter((s) => s.body.includes("Chart.js v")).map((s) => s.url)).toEqual([]);
  });
});

describe("the coordinator", () => {
  it("sees the pending substitute and the preparation figures on the session page", async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 900 });
    try {
      await signIn(page, server.url, DEMO.huddinge);
      await page.goto(`${server.url}/serier/${seriesId}/tillfallen/${sessionId}`);
      await expectHeading(page, `Tillfälle 3: ${TITLE}`);
      const pending = page.locator("section", { has: page.getByRole("heading", { name: "Föreslagna ersättare" }) });
      const pendingText = await textOf(pending);
      expect(pendingText).toContain(participant.name);
      expect(pendingText).toContain(COLLEAGUE.name);
      expect(pendingText).toContain(COLLEAGUE.email);

      // Preparation per sector, counted independently here from the database.
      const expected = dbGet<{ people: number; started: number; done: number }>(
        server.databaseFile,
        `with items as (
           select (select count(*) from prep_materials where series_session_id = :s) + (select count(*) from reflection_questions where series_session_id = :s) as n),
         per as (
           select p.id,
             (select count(*) from prep_progress pp join prep_materials m on m.id = pp.prep_material_id where pp.person_id = p.id and m.series_session_id = :s)
             + (select count(*) from reflections r join reflection_questions q on q.id = r.reflection_question_id where r.person_id = p.id and q.series_session_id = :s) as done
           from people p join enrolments e on e.person_id = p.id
           where e.series_id = :series and e.status = 'anmald' and p.sector = 'socialtjanst')
         select count(*) as people, sum(done > 0 and done < (select n from items)) as started, sum(done = (select n from items)) as done from per`,
        { s: sessionId, series: seriesId },
      )!;
      expect(expected.started).toBeGreaterThanOrEqual(1);
      const row = page.locator(".prep-completion tbody tr", { hasText: "Socialtjänst" });
      const cells = (await row.locator("td").allInnerTexts()).map((c) => c.trim());
      expect(cells[0]).toBe(String(expected.people));
      expect(cells[1]).toBe(String(expected.done));
      expect(cells[3]).toBe(String(expected.started));
      // Nothing of the reflection's text reaches staff.
      expect(await visibleText(page)).not.toContain(REFLECTION);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, "portal-journey-4-coordinator.png"), fullPage: true });

      // The chart.js check on the portal pages can fail: the series dashboard does load it.
      const charts: Promise<string>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") charts.push(response.text().catch(() => ""));
      });
      await page.goto(`${server.url}/serier/${seriesId}/oversikt`);
      await settle(page);
      expect((await Promise.all(charts)).some((body) => body.includes("Chart.js v"))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
