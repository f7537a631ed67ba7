/**
 * Invitations and representation on Nacka's series (3), with e-mail sent to a
 * real SMTP server started by this file: the coordinator invites a BUP
 * psychologist, the mail arrives in Swedish with the sessions and an .ics
 * file, the reply link declines on a phone and then stops working, and the
 * coordinator sees the answer, the per-sector summary and the gap against the
 * series' targets, which she can change. Other municipalities get 404, the
 * sponsor 403, and a made-up link the same page as a used one.
 *
 * The tests run in order on one server and build on each other: the
 * invitation declined first is the one counted on the series page.
 */
import type { AddressInfo } from "node:net";
import ICAL from "ical.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, fold, newPage, submit, tableRows, textOf, visibleText } from "./support/page";
import { createSeriesThroughForm, dbAll, dbGet, fieldError, forgePost, htmlText, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

type Received = { to: string; raw: Buffer };
const received: Received[] = [];
let smtp: SMTPServer;
let server: TestServer;
let browser: Browser;
let contexts: BrowserContext[] = [];
let browserErrors: string[][] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startServer("e2e-participants-invitations", { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
});

afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  const errors = browserErrors.flat();
  browserErrors = [];
  expect(errors, "fel i webbläsaren").toEqual([]);
});

/** A new context (own cookies), optionally signed in, at the given width. */
async function open({ as, width }: { as?: string; width?: number } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, width ? { width, height: 740 } : {});
  contexts.push(context);
  browserErrors.push(watchBrowserErrors(context));
  if (as) await signIn(page, server.url, as);
  return page;
}

// ---------------------------------------------------------------------------
// Reading a received message: headers, quoted-printable/base64 parts, encoded-word subject.

type MimePart = { headers: Record<string, string>; body: Buffer };

function splitHead(raw: Buffer): { headers: Record<string, string>; body: Buffer } {
  const text = raw.toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, end).replace(/\r?\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bodyStart = end + (text.slice(end).match(/^\r?\n\r?\n/)?.[0].length ?? 0);
  return { headers, body: raw.subarray(bodyStart) };
}

function decodeTransfer(body: Buffer, encoding = ""): Buffer {
  const text = body.toString("latin1");
  switch (encoding.toLowerCase()) {
    case "base64":
      return Buffer.from(text.replace(/\s+/g, ""), "base64");
    case "quoted-printable":
      return Buffer.from(
        text.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        "latin1",
      );
    default:
      return body;
  }
}

/** The leaf parts of a (possibly nested) multipart message, bodies decoded. */
function leafParts(raw: Buffer): MimePart[] {
  const { headers, body } = splitHead(raw);
  const type = headers["content-type"] ?? "text/plain";
  const boundary = type.match(/boundary="?([^";]+)"?/i)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) {
    return [{ headers, body: decodeTransfer(body, headers["content-transfer-encoding"]) }];
  }
  const text = body.toString("latin1");
  const pieces = text.split(`--${boundary}`).slice(1);
  const parts: MimePart[] = [];
  for (const piece of pieces) {
    if (piece.startsWith("--")) break;
    parts.push(...leafParts(Buffer.from(piece.replace(/^\r?\n/, "").replace(/\r?\n$/, ""), "latin1")));
  }
  return parts;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as in a Swedish subject. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === "B"
          ? Buffer.from(data, "base64")
          : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1");
      return new TextDecoder(charset).decode(bytes);
    });
}

function readMail(raw: Buffer) {
  const { headers } = splitHead(raw);
  const parts = leafParts(raw);
  const textPart = parts.find((p) => /^text\/plain/i.test(p.headers["content-type"] ?? "text/plain") && !/attachment/i.test(p.headers["content-disposition"] ?? ""));
  const attachments = parts
    .filter((p) => /attachment/i.test(p.headers["content-disposition"] ?? ""))
    .map((p) => ({
      filename: decodeHeader(p.headers["content-disposition"].match(/filename="?([^";]+)"?/i)?.[1] ?? ""),
      contentType: p.headers["content-type"] ?? "",
      content: p.body.toString("utf8"),
    }));
  return { subject: decodeHeader(headers.subject ?? ""), text: textPart ? textPart.body.toString("utf8") : "", attachments };
}

// ---------------------------------------------------------------------------

const SERIES = "Processtöd skolnärvaro Nacka";
const INVITATIONS = "/serier/3/inbjudningar";
const EVA = { name: "Eva Nord", email: "eva.nord@regionstockholm.example", workplace: "BUP Nacka", title: "Psykolog, BUP" };
const REASON = "Vi har ingen psykolog ledig på tisdagsförmiddagar i vår. Fråga gärna vår kurator i stället.";
const MISSING_HEALTH = "Hälso- och sjukvården saknas, och seminarium 3 handlar om samverkan. Bjud in BUP eller vårdcentralen.";
const INVALID_LINK = "Länken fungerar inte Länken är ogiltig eller har redan använts. Har du frågor, kontakta den som bjöd in dig.";

/** Set by the invitation test: the reply link from the mail. */
let replyLink = "";

const stockholmDate = (ms: number) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date(ms));
const stockholmTime = (ms: number) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" }).format(new Date(ms));

type SessionRow = { id: number; title: string; starts_at: number; ends_at: number; venue: string | null };
function nackaSessions(): SessionRow[] {
  return dbAll<SessionRow>(server.databaseFile, "select id, title, starts_at, ends_at, venue from series_sessions where series_id = 3 order by position");
}

type Snapshot = Record<string, unknown>;
/** Everything a participant or invitation post could change, and the mail sent. */
function snapshot(): Snapshot {
  const n = (sql: string) => dbGet<{ n: number }>(server.databaseFile, sql)!.n;
  return {
    people: n("select count(*) as n from people"),
    enrolments: n("select count(*) as n from enrolments"),
    imports: n("select count(*) as n from participant_imports"),
    invitations: dbAll(server.databaseFile, "select * from invitations order by id"),
    targets: dbAll(server.databaseFile, "select * from representation_targets order by series_id, sector"),
    requireManager: dbAll(server.databaseFile, "select id, require_manager_per_sector from series order by id"),
    outbox: n("select count(*) as n from mail_outbox"),
    mails: received.length,
  };
}

function representation(page: Page) {
  return page.locator("section[aria-labelledby='representation-title']");
}

describe("inviting a BUP contact by e-mail", () => {
  it("sends a Swedish mail with the sessions and an .ics file; the link declines on a phone once; the list shows the answer", async () => {
    const page = await open({ as: DEMO.nacka });
    await page.goto(`${server.url}${INVITATIONS}`);
    await expectHeading(page, `Inbjudningar: ${SERIES}`);
    expect(await textOf(page.locator("main p.empty"))).toBe("Inga inbjudningar ännu.");
    await expectNoAxeViolations(page);

    const form = page.getByRole("region", { name: "Bjud in" });
    await form.getByLabel("Namn").fill(EVA.name);
    await form.getByLabel("E-postadress").fill(EVA.email);
    await form.getByLabel("Arbetsplats (skola eller enhet)").fill(EVA.workplace);
    await form.getByLabel("Verksamhet").selectOption({ label: "Hälso- och sjukvård" });
    await form.getByLabel("Titel").fill(EVA.title);
    const mailsBefore = received.length;
    const sent = await submit(page, INVITATIONS, form.getByRole("button", { name: "Skicka inbjudan" }));
    expect(sent.status(), "svar på Skicka inbjudan").toBeLessThan(400);
    await page.waitForURL((url) => url.searchParams.get("skickad") === EVA.email);
    expect(await textOf(page.getByRole("status"))).toBe(`Inbjudan är skickad till ${EVA.email}.`);
    expect(await textOf(page.locator("main ul li", { hasText: "inbjudna" }))).toBe(
      "Hälso- och sjukvård: 1 inbjudna, 0 accepterat, 0 avböjt, 0 utan svar",
    );
    const invited = await tableRows(page.getByRole("region", { name: "Inbjudna (1)" }).locator("table"));
    const today = stockholmDate(Date.now());
    expect(invited).toEqual([[`${EVA.name} ${EVA.email}, ${EVA.workplace}`, "Hälso- och sjukvård", today, "Inbjuden – väntar på svar", "0", "Påminn"]]);

    // The mail, as the SMTP server received it.
    expect(received.length).toBe(mailsBefore + 1);
    const message = received.at(-1)!;
    expect(message.to).toBe(EVA.email);
    const mail = readMail(message.raw);
    expect(mail.subject).toBe(`Inbjudan: ${SERIES}`);
    expect(mail.text).toContain(`Hej ${EVA.name}!`);
    expect(mail.text).toContain(`Du är inbjuden till ${SERIES}, en seminarieserie om att främja skolnärvaro`);
    const sessions = nackaSessions();
    expect(sessions.map((s) => stockholmDate(s.starts_at))).toEqual(["2027-02-09", "2027-03-16", "2027-04-20"]);
    for (const s of sessions) {
      expect(mail.text).toContain(
        `– ${stockholmDate(s.starts_at)} ${stockholmTime(s.starts_at)}–${stockholmTime(s.ends_at)}: ${s.title} (${s.venue})`,
      );
    }
    expect(mail.text).toContain("Tillfällena finns också i den bifogade kalenderfilen.");
    expect(mail.text).toMatch(/Vänliga hälsningar\r?\nSara Lind/);
    const link = mail.text.match(new RegExp(`${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/svar/([A-Za-z0-9_-]+)`));
    expect(link, "svarslänk i brevet").not.toBeNull();
    replyLink = link![0];
    const token = link![1];

    expect(mail.attachments.map((a) => a.filename)).toEqual(["tillfallen.ics"]);
    const ics = mail.attachments[0];
    expect(ics.contentType).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(ics.content));
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(sessions.map((s) => `${s.title} (${SERIES})`));
    expect(events.map((e) => e.startDate.toJSDate().getTime())).toEqual(sessions.map((s) => s.starts_at));

    // Saved as sent, and the token only as its hash.
    const row = dbGet<{ status: string; token_hash: string; sector: string; job_title: string }>(
      server.databaseFile,
      "select status, token_hash, sector, job_title from invitations where series_id = 3 and email = ?",
      EVA.email,
    )!;
    expect(row).toMatchObject({ status: "inbjuden", sector: "halso_sjukvard", job_title: EVA.title });
    expect(row.token_hash).not.toBe(token);
    expect(dbGet(server.databaseFile, "select status from mail_outbox where to_address = ?", EVA.email)).toEqual({ status: "sent" });

    // Eva opens the link on her phone, not signed in.
    const phone = await open({ width: 360 });
    const opened = await phone.goto(replyLink);
    expect(opened?.status()).toBe(200);
    await expectHeading(phone, "Svara på inbjudan");
    expect(await visibleText(phone)).toContain(`Hej ${EVA.name}! Du är inbjuden till ${SERIES}.`);
    expect(await phone.locator("main li").allInnerTexts()).toEqual(
      sessions.map((s) => `${stockholmDate(s.starts_at)} ${stockholmTime(s.starts_at)}–${stockholmTime(s.ends_at)}: ${s.title} (${s.venue})`),
    );
    // Nothing wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(phone);

    await phone.getByLabel("Anledning (frivilligt)").fill(REASON);
    const declined = await submit(phone, `/svar/${token}`, phone.getByRole("button", { name: "Nej, jag kan inte" }));
    expect(declined.status()).toBe(200);
    expect(await textOf(phone.getByRole("status"))).toBe("Tack för ditt svar. Vi har noterat att du inte kan delta.");
    expect(
      dbGet(server.databaseFile, "select status, decline_reason, token_hash from invitations where series_id = 3 and email = ?", EVA.email),
    ).toEqual({ status: "avbojt", decline_reason: REASON, token_hash: null });
    // Declining registers no one.
    expect(dbGet(server.databaseFile, "select id from people where email = ?", EVA.email)).toBeUndefined();

    // The link is used up: opened again, it is the dead-link page, and posting to it changes nothing.
    await phone.goto(replyLink);
    await expectHeading(phone, "Länken fungerar inte");
    expect(await textOf(phone.locator("main"))).toBe(INVALID_LINK);
    expect(await phone.getByRole("button").filter({ hasText: /Ja, jag kommer|Nej, jag kan inte/ }).count()).toBe(0);
    await expectNoAxeViolations(phone);
    const before = snapshot();
    const again = await forgePost(phone, `/svar/${token}`, { answer: "ja" });
    expect(again.status).toBe(404);
    expect(htmlText(again.text)).toContain("Länken fungerar inte");
    expect(snapshot()).toEqual(before);

    // Back with the coordinator: the answer and its reason, and the summary per sector.
    await page.goto(`${server.url}${INVITATIONS}`);
    expect(await textOf(page.locator("main ul li", { hasText: "inbjudna" }))).toBe(
      "Hälso- och sjukvård: 1 inbjudna, 0 accepterat, 1 avböjt, 0 utan svar",
    );
    expect(await tableRows(page.getByRole("region", { name: "Inbjudna (1)" }).locator("table"))).toEqual([
      [`${EVA.name} ${EVA.email}, ${EVA.workplace}`, "Hälso- och sjukvård", today, `Avböjt ${today} ”${REASON}”`, "0", ""],
    ]);
    expect(await page.getByRole("button", { name: /^Påminn/ }).count()).toBe(0);
    await expectNoAxeViolations(page);

    // The same address cannot be invited twice.
    const form2 = page.getByRole("region", { name: "Bjud in" });
    await form2.getByLabel("Namn").fill(EVA.name);
    await form2.getByLabel("E-postadress").fill(EVA.email.toUpperCase());
    const twice = await submit(page, INVITATIONS, form2.getByRole("button", { name: "Skicka inbjudan" }));
    expect(twice.status()).toBe(400);
    expect(await fieldError(form2.getByLabel("E-postadress"))).toBe(`${EVA.email.toUpperCase()} är redan inbjuden till serien.`);
    expect(snapshot()).toEqual(before);
    await expectNoAxeViolations(page);
  });
});

describe("representation on the series page", () => {
  it("shows invited, answers and registered per sector against the targets, and the coordinator changes the targets", async () => {
    const page = await open({ as: DEMO.nacka });
    await page.goto(`${server.url}/serier/3`);
    await expectHeading(page, SERIES);
    const section = representation(page);
    expect(await textOf(section.locator("h2"))).toBe("Representation");

    // Registered per sector from the database; invited and answers from the test above.
    const registered = new Map(
      dbAll<{ sector: string; n: number; managers: number }>(
        server.databaseFile,
        `select p.sector, count(*) as n, sum(p.role_category = 'chef') as managers from enrolments e join people p on p.id = e.person_id
         where e.series_id = 3 and e.status = 'anmald' group by p.sector`,
      ).map((r) => [r.sector, r]),
    );
    const total = [...registered.values()].reduce((sum, r) => sum + r.n, 0);
    const health = registered.get("halso_sjukvard")?.n ?? 0;
    const social = registered.get("socialtjanst")!.n;
    const share = (part: number) => `${new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((part / total) * 100)} %`;
    const row = (label: string, sector: string, invited: number, declined: number, target: string) => [
      label,
      String(invited),
      "0",
      String(declined),
      "0",
      String(registered.get(sector)?.n ?? 0),
      target,
      String(registered.get(sector)?.managers ?? 0),
    ];
    const table = section.getByRole("region", { name: "Representation" }).locator("table");
    expect(await tableRows(table)).toEqual([
      row("Skola", "skola", 0, 0, "–"),
      row("Socialtjänst", "socialtjanst", 0, 0, "minst 20,0 %"),
      row("Hälso- och sjukvård", "halso_sjukvard", 1, 1, "minst 2"),
      row("Annat", "annat", 0, 0, "–"),
      row("Vill ej uppge", "vill_ej_uppge", 0, 0, "–"),
    ]);
    // The demo enrols one person from health care in Nacka: below the target of two, and no manager.
    expect(health).toBe(1);
    expect((await section.locator(".notice--warn li").allInnerTexts()).map(fold)).toEqual([
      `Hälso- och sjukvård: ${health} anmälda, målet är minst 2. Bjud in fler från Hälso- och sjukvård.`,
      "Hälso- och sjukvård: ingen chef är anmäld. Bjud in en chef (Chefer/Ledning) från Hälso- och sjukvård, eller be verksamheten skicka en ersättare med mandat.",
    ]);
    expect(await section.getByRole("note").count()).toBe(1);
    // Under the section, the way to the participants and the invitations.
    const links = page.locator("section[aria-labelledby='representation-title'] + p.link-row").getByRole("link");
    expect(await links.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]))).toEqual([
      ["Hantera deltagare", "/serier/3/deltagare"],
      ["Inbjudningar och svar", INVITATIONS],
    ]);

    // "Ändra mål" opened: the current targets in the fields.
    const details = section.locator("details");
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await details.locator("summary", { hasText: "Ändra mål" }).click();
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await section.getByLabel("Hälso- och sjukvård: minsta antal").inputValue()).toBe("2");
    expect(await section.getByLabel("Socialtjänst: minsta andel (%)").inputValue()).toBe("20");
    expect(await section.getByLabel("Skola: minsta antal").inputValue()).toBe("");
    expect(await section.getByLabel("Varje verksamhet ska skicka minst en chef").isChecked()).toBe(true);
    await expectNoAxeViolations(page);

    // Not a number: refused at the field, 400, the details stay open, nothing saved.
    const before = snapshot();
    await section.getByLabel("Socialtjänst: minsta andel (%)").fill("abc");
    const invalid = await submit(page, "/serier/3", section.getByRole("button", { name: "Spara målen" }));
    expect(invalid.status()).toBe(400);
    expect(await fieldError(section.getByLabel("Socialtjänst: minsta andel (%)"))).toBe("Ange ett tal mellan 1 och 100.");
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(snapshot()).toEqual(before);
    await expectNoAxeViolations(page);
    const forged = await forgePost(page, "/serier/3", { intent: "targets", "count-halso_sjukvard": "2", "share-socialtjanst": "101" });
    expect(forged.status).toBe(400);
    expect(snapshot()).toEqual(before);

    // Social services at least 50 %: saved, and the share warning appears.
    await section.getByLabel("Socialtjänst: minsta andel (%)").fill("50");
    const saved = await submit(page, "/serier/3", section.getByRole("button", { name: "Spara målen" }));
    expect(saved.status()).toBeLessThan(400);
    await page.waitForURL((url) => url.searchParams.has("mal"));
    expect(await textOf(page.getByRole("status").filter({ hasText: "Målen är sparade." }))).toBe("Målen är sparade.");
    expect((await section.locator(".notice--warn li").allInnerTexts()).map(fold)).toEqual([
      `Socialtjänst: ${share(social)} av de anmälda, målet är minst 50,0 %. Bjud in fler från Socialtjänst.`,
      `Hälso- och sjukvård: ${health} anmälda, målet är minst 2. Bjud in fler från Hälso- och sjukvård.`,
      "Hälso- och sjukvård: ingen chef är anmäld. Bjud in en chef (Chefer/Ledning) från Hälso- och sjukvård, eller be verksamheten skicka en ersättare med mandat.",
    ]);
    expect((await tableRows(table))[1][6]).toBe("minst 50,0 %");
    expect(dbAll(server.databaseFile, "select sector, min_count, min_share_percent from representation_targets where series_id = 3 order by sector")).toEqual([
      { sector: "halso_sjukvard", min_count: 2, min_share_percent: null },
      { sector: "socialtjanst", min_count: null, min_share_percent: 50 },
    ]);
  });

  it("a Nacka series with no one from health care shows the health-care warning for seminar 3", async () => {
    // Nacka's demo series has one person from health care, so the warning needs a series without:
    // the process leader creates one for Nacka from the template, and Nacka's coordinator opens it.
    const leader = await open({ as: DEMO.admin });
    const seriesId = await createSeriesThroughForm(leader, server.url, { organisation: "Nacka", term: "HT 2027", firstDate: "2027-09-14" });

    const page = await open({ as: DEMO.nacka });
    await page.goto(`${server.url}/serier/${seriesId}`);
    const section = representation(page);
    const warnings = (await section.locator(".notice--warn li").allInnerTexts()).map(fold);
    expect(warnings).toContain(MISSING_HEALTH);
    expect(warnings).toContain("Skola: ingen är anmäld. Bjud in någon från Skola i tid.");
    const rows = await tableRows(section.getByRole("region", { name: "Representation" }).locator("table"));
    expect(rows.find((r) => r[0] === "Hälso- och sjukvård")).toEqual(["Hälso- och sjukvård", "0", "0", "0", "0", "0", "minst 2", "0"]);
    await section.locator("summary", { hasText: "Ändra mål" }).click();
    await expectNoAxeViolations(page);
  });
});

describe("who may see and change participants and invitations", () => {
  const PAGES = ["/serier/3/deltagare", "/serier/3/deltagare/import", INVITATIONS];

  it("Huddinge's coordinator gets 404 on Nacka's pages and CSV, and her forged posts write and send nothing", async () => {
    const page = await open({ as: DEMO.huddinge });
    for (const path of PAGES) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(404);
      await expectHeading(page, "Sidan finns inte");
      expect(await visibleText(page), path).not.toContain("Nacka");
    }
    await page.goto(`${server.url}/serier/2`);
    const csv = await page.evaluate(async () => {
      const res = await fetch("/serier/3/deltagare.csv");
      return { status: res.status, text: await res.text() };
    });
    expect(csv.status).toBe(404);
    expect(csv.text).not.toContain("@nacka.example");

    const before = snapshot();
    const person = { name: "Smugglad Person", email: "smugglad@huddinge.example", sector: "skola", jobTitle: "Rektor" };
    const posts: [string, Record<string, string>][] = [
      ["/serier/3/deltagare", person],
      ["/serier/3/deltagare/import", { file: "Namn;E-post;Verksamhet" }],
      ["/serier/3/inbjudningar", { intent: "invite", ...person }],
      ["/serier/3/inbjudningar", { intent: "remindAll" }],
      ["/serier/3", { intent: "targets", "share-socialtjanst": "1" }],
    ];
    for (const [path, fields] of posts) {
      const forged = await forgePost(page, path, fields);
      expect(forged.status, path).toBe(404);
      expect(htmlText(forged.text), path).toContain("Sidan finns inte");
    }
    expect(snapshot()).toEqual(before);
  });

  it("the sponsor gets 403 on the participant pages and CSV, and sees no participant on /serier/3", async () => {
    const page = await open({ as: DEMO.sponsor });
    for (const path of PAGES) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(403);
      await expectHeading(page, "Ingen behörighet");
    }
    const response = await page.goto(`${server.url}/serier/3`);
    expect(response?.status()).toBe(200);
    await expectHeading(page, SERIES);
    const text = await visibleText(page);
    const people = dbAll<{ name: string; email: string }>(
      server.databaseFile,
      "select p.name, p.email from enrolments e join people p on p.id = e.person_id where e.series_id = 3",
    );
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      expect(text, p.email).not.toContain(p.email);
      expect(text, p.name).not.toContain(p.name);
    }
    expect(text).not.toContain(EVA.name);
    expect(await representation(page).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Hantera deltagare" }).count()).toBe(0);

    const csv = await page.evaluate(async () => (await fetch("/serier/3/deltagare.csv")).status);
    expect(csv).toBe(403);
    const before = snapshot();
    for (const [path, fields] of [
      ["/serier/3/deltagare", { name: "Smugglad Person", email: "smugglad@uph.example", sector: "skola" }],
      ["/serier/3/inbjudningar", { intent: "invite", name: "Smugglad Person", email: "smugglad@uph.example", sector: "skola" }],
      ["/serier/3", { intent: "targets", "share-socialtjanst": "1" }],
    ] as const) {
      const forged = await forgePost(page, path, fields);
      expect(forged.status, path).toBe(403);
    }
    expect(snapshot()).toEqual(before);
  });

  it("a made-up reply link shows the same page as a used one", async () => {
    const page = await open({ width: 360 });
    const response = await page.goto(`${server.url}/svar/abc`);
    expect(response?.status()).toBe(200);
    await expectHeading(page, "Länken fungerar inte");
    expect(await textOf(page.locator("main"))).toBe(INVALID_LINK);
    await expectNoAxeViolations(page);
    // The used link from the invitation test reads exactly the same.
    expect(replyLink).not.toBe("");
    await page.goto(replyLink);
    expect(await textOf(page.locator("main"))).toBe(INVALID_LINK);
  });
});

// Last in the file: it adds an invitation that the representation counts above must not see.
describe("accepting an invitation", () => {
  it("the link in the mail accepts in the browser and registers and enrols the invitee", async () => {
    const page = await open({ as: DEMO.nacka });
    await page.goto(`${server.url}${INVITATIONS}`);
    const form = page.getByRole("region", { name: "Bjud in" });
    await form.getByLabel("Namn").fill("Nils Kurator");
    await form.getByLabel("E-postadress").fill("nils.kurator@regionstockholm.example");
    await form.getByLabel("Verksamhet").selectOption({ label: "Hälso- och sjukvård" });
    await form.getByLabel("Titel").fill("Kurator, vårdcentral");
    const sent = await submit(page, INVITATIONS, form.getByRole("button", { name: "Skicka inbjudan" }));
    expect(sent.status()).toBeLessThan(400);
    const mail = readMail(received.filter((m) => m.to === "nils.kurator@regionstockholm.example").at(-1)!.raw);
    const link = mail.text.match(/http:\/\/[^\s]+\/svar\/[A-Za-z0-9_-]+/)![0];

    const phone = await open({ width: 360 });
    await phone.goto(link);
    await expectHeading(phone, "Svara på inbjudan");
    const accepted = await submit(phone, new URL(link).pathname, phone.getByRole("button", { name: "Ja, jag kommer" }));
    expect(accepted.status()).toBe(200);
    expect(await textOf(phone.getByRole("status"))).toBe("Tack! Du är anmäld till serien. Du får mer information inför första tillfället.");
    const person = dbGet<{ id: number; sector: string; role_category: string }>(
      server.databaseFile,
      "select id, sector, role_category from people where email = ?",
      "nils.kurator@regionstockholm.example",
    );
    expect(person).toMatchObject({ sector: "halso_sjukvard", role_category: "sjukvard" });
    expect(dbGet(server.databaseFile, "select status from enrolments where series_id = 3 and person_id = ?", person!.id)).toEqual({ status: "anmald" });
    expect(dbGet(server.databaseFile, "select status from invitations where series_id = 3 and email = ?", "nils.kurator@regionstockholm.example")).toEqual({
      status: "accepterat",
    });
  });
});
