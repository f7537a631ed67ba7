/**
 * Self check-in, called as Remix calls the routes (the IP comes from
 * server.js's load context). The routes use the real clock, so each test
 * moves Huddinge's seminar 3 (2026-11-24 in the demo data) around Date.now().
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ensureCheckinCode, type Occasion } from "~/models/attendance.server";
import { getDb } from "~/models/db.server";
import { CHECKIN_IP_RULE, checkinCookie } from "~/lib/checkin.server";
import { formatDate } from "~/lib/format";
import { hashToken } from "~/lib/tokens.server";
import { action as codeAction, loader as codeLoader } from "~/routes/incheckning.$code";
import { action as startAction, loader as startLoader } from "~/routes/incheckning._index";
import { loader as personalLoader } from "~/routes/incheckning.personlig.$token";
import { action as sessionScreenAction, loader as sessionScreenLoader } from "~/routes/serier.$seriesId.tillfallen.$sessionId.incheckning";
import { action as eventScreenAction, loader as eventScreenLoader } from "~/routes/utbyten.$eventId.incheckning";
import { DEMO_EMAILS, getRequest, postForm, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const MINUTE = 60_000;
const sql = () => getDb().$client;

let huddinge: number;
let sessionId: number;
let occasion: Occasion;
let code: string;

beforeEach(() => {
  sql().prepare("delete from login_throttle").run();
  huddinge = seriesId("Huddinge");
  sessionId = seriesSessionRows(huddinge).find((s) => s.position === 3)!.id;
  occasion = { kind: "session", seriesId: huddinge, sessionId };
  code = ensureCheckinCode(occasion);
  // Nobody is marked at seminar 3 in the demo data; each test starts from that.
  sql().prepare("delete from attendance_changes where series_session_id = ?").run(sessionId);
  sql().prepare("delete from attendance where series_session_id = ?").run(sessionId);
  sql().prepare("update series_sessions set checkin_margin_minutes = 30 where id = ?").run(sessionId);
  startedMinutesAgo(5);
});

/** Moves seminar 3 so it started `minutes` ago and ends three hours from now. */
function startedMinutesAgo(minutes: number, { endsIn = 180 } = {}) {
  const now = Date.now();
  sql().prepare("update series_sessions set starts_at = ?, ends_at = ? where id = ?").run(now - minutes * MINUTE, now + endsIn * MINUTE, sessionId);
}

function participants(series: number): { id: number; name: string; email: string }[] {
  return sql()
    .prepare(
      `select p.id, p.name, p.email from enrolments e join people p on p.id = e.person_id
       where e.series_id = ? and e.status = 'anmald' and trim(p.email) <> '' order by p.id`,
    )
    .all(series) as { id: number; name: string; email: string }[];
}

function attendanceRows() {
  return sql()
    .prepare("select person_id as personId, series_id as seriesId, status, updated_by_id as updatedBy from attendance where series_session_id = ? order by id")
    .all(sessionId);
}

function changeRows() {
  return sql()
    .prepare("select person_id as personId, status, source, changed_by_id as changedBy from attendance_changes where series_session_id = ? order by id")
    .all(sessionId);
}

const ctx = (clientIp: string) => ({ clientIp });

async function checkInWith(fields: Record<string, string>, { ip = "192.0.2.50", cookie, at = code }: { ip?: string; cookie?: string; at?: string } = {}) {
  return (await codeAction({ request: postForm(`/incheckning/${at}`, fields, cookie), params: { code: at }, context: ctx(ip) })) as Response;
}

async function submitCode(value: string, ip = "192.0.2.50") {
  return (await startAction({ request: postForm("/incheckning", { code: value }), params: {}, context: ctx(ip) })) as Response;
}

describe("checking in with the code and an e-mail address", () => {
  it("marks an enrolled participant present inside the window, with a history line from the check-in itself", async () => {
    const anna = participants(huddinge)[0];
    const response = await checkInWith({ email: anna.email.toUpperCase() });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ kind: "result", outcome: "checkedIn", late: false, name: anna.name.split(" ")[0], title: "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola" });
    expect(attendanceRows()).toEqual([{ personId: anna.id, seriesId: huddinge, status: "narvarande", updatedBy: null }]);
    expect(changeRows()).toEqual([{ personId: anna.id, status: "narvarande", source: "checkin", changedBy: null }]);
  });

  it("marks someone arriving more than 15 minutes after the start as late (sen)", async () => {
    startedMinutesAgo(16);
    const person = participants(huddinge)[1];
    const body = await (await checkInWith({ email: person.email })).json();
    expect(body).toMatchObject({ kind: "result", outcome: "checkedIn", late: true });
    expect(attendanceRows()).toEqual([{ personId: person.id, seriesId: huddinge, status: "sen", updatedBy: null }]);
    expect(changeRows()).toEqual([{ personId: person.id, status: "sen", source: "checkin", changedBy: null }]);
  });

  it("tells someone already checked in so, and writes nothing more", async () => {
    const person = participants(huddinge)[2];
    await checkInWith({ email: person.email });
    const again = await checkInWith({ email: person.email });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ kind: "result", outcome: "already" });
    expect(changeRows()).toHaveLength(1);
  });

  it("accepts the code typed in lower case with a dash, as the page's URL", async () => {
    const person = participants(huddinge)[3];
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`;
    const response = await checkInWith({ email: person.email }, { at: typed });
    expect(response.status).toBe(200);
    expect(attendanceRows()).toHaveLength(1);
  });

  it("refuses before the window opens and after it closes (400), saying when, and writes nothing", async () => {
    const person = participants(huddinge)[0];
    // Starts in 31 minutes; with the 30-minute margin check-in opens in one minute.
    startedMinutesAgo(-31);
    let response = await checkInWith({ email: person.email });
    expect(response.status).toBe(400);
    let body = await response.json();
    expect(body).toMatchObject({ kind: "window", occasion: { state: "notYetOpen" } });
    // Ended 31 minutes ago: closed one minute ago.
    startedMinutesAgo(240, { endsIn: -31 });
    response = await checkInWith({ email: person.email });
    expect(response.status).toBe(400);
    body = await response.json();
    expect(body).toMatchObject({ kind: "window", occasion: { state: "closed" } });
    expect(attendanceRows()).toEqual([]);
    expect(changeRows()).toEqual([]);
    // The page itself says the same thing on GET.
    const page = (await codeLoader({ request: getRequest(`/incheckning/${code}`), params: { code }, context: ctx("192.0.2.50") })) as Response;
    expect(page.status).toBe(200);
    expect((await page.json()).occasion.state).toBe("closed");
  });

  it("a wider margin opens the window earlier", async () => {
    startedMinutesAgo(-31);
    sql().prepare("update series_sessions set checkin_margin_minutes = 60 where id = ?").run(sessionId);
    const response = await checkInWith({ email: participants(huddinge)[0].email });
    expect(response.status).toBe(200);
  });

  it("refuses someone not on the roster, and an unknown address, with the same answer and without writing", async () => {
    const botkyrkaPerson = participants(seriesId("Botkyrka"))[0];
    const onOtherRoster = await checkInWith({ email: botkyrkaPerson.email });
    const unknown = await checkInWith({ email: "finns.inte@example.org" });
    expect(onOtherRoster.status).toBe(400);
    expect(unknown.status).toBe(400);
    const a = await onOtherRoster.json();
    const b = await unknown.json();
    expect(a.formError).toBe("Vi kunde inte checka in dig med de här uppgifterna. Kontrollera e-postadressen, eller prata med samordnaren vid dörren.");
    expect({ ...a, email: "" }).toEqual({ ...b, email: "" });
    expect(JSON.stringify(a)).not.toContain(botkyrkaPerson.name);
    expect(attendanceRows()).toEqual([]);
  });

  it("answers a malformed e-mail with 400 on the field, not counted as a guess", async () => {
    const response = await checkInWith({ email: "inte-en-adress" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ email: "Ange en giltig e-postadress, till exempel namn@kommun.se." });
    expect(sql().prepare("select count(*) as n from login_throttle").get()).toEqual({ n: 0 });
  });
});

describe("wrong codes and rate limiting", () => {
  it("answers a wrong code with 400 and a message on the field, both on the form and on a made-up code page", async () => {
    const response = await submitCode("ZZZZZZ");
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ code: "Koden finns inte. Kontrollera att du har skrivit av den rätt och försök igen." });
    const page = (await codeLoader({ request: getRequest("/incheckning/ZZZZZZ"), params: { code: "ZZZZZZ" }, context: ctx("192.0.2.50") })) as Response;
    expect(page.status).toBe(400);
    expect(await page.json()).toEqual({ kind: "unknown", code: "ZZZZZZ" });
  });

  it("answers an empty code with 400 'write the code'", async () => {
    const response = await submitCode("  ");
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ code: "Skriv koden som visas på skärmen." });
  });

  it("sends a right code on to its page", async () => {
    const response = await submitCode(` ${code.toLowerCase()} `);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/incheckning/${code}`);
  });

  it("locks an address out after 30 failures: the next attempt gets 429 with the minutes, even with the right code", async () => {
    const ip = "198.51.100.7";
    expect(CHECKIN_IP_RULE.limit).toBe(30);
    for (let i = 0; i < 15; i++) expect((await submitCode(`WRONG${i}`, ip)).status).toBe(400);
    for (let i = 0; i < 15; i++) expect((await checkInWith({ email: `gissning${i}@example.org` }, { ip })).status).toBe(400);
    const locked = await submitCode(code, ip);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("Retry-After")).toBe("900");
    expect((await locked.json()).formError).toBe(
      "För många felaktiga försök från den här uppkopplingen. Försök igen om 15 minuter, eller prata med samordnaren vid dörren.",
    );
    const person = participants(huddinge)[0];
    expect((await checkInWith({ email: person.email }, { ip })).status).toBe(429);
    const page = (await codeLoader({ request: getRequest(`/incheckning/${code}`), params: { code }, context: ctx(ip) })) as Response;
    expect(page.status).toBe(429);
    expect(await page.json()).toEqual({ kind: "locked", minutes: 15 });
    expect(attendanceRows()).toEqual([]);
    // Another address is not affected.
    expect((await checkInWith({ email: person.email }, { ip: "198.51.100.8" })).status).toBe(200);
  });

  it("counts made-up code pages opened directly as failures too", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < CHECKIN_IP_RULE.limit; i++) {
      const response = (await codeLoader({ request: getRequest(`/incheckning/AAAA${i}`), params: { code: `AAAA${i}` }, context: ctx(ip) })) as Response;
      expect(response.status).toBe(400);
    }
    expect((await submitCode(code, ip)).status).toBe(429);
  });
});

describe("staff screen and personal links", () => {
  async function cookieOf(email: string) {
    return signedInCookie(userId(email));
  }
  const sessionParams = () => ({ seriesId: String(huddinge), sessionId: String(sessionId) });

  async function screen(email: string) {
    return sessionScreenLoader({ request: getRequest(`/serier/${huddinge}/tillfallen/${sessionId}/incheckning`, await cookieOf(email)), params: sessionParams(), context: ctx("192.0.2.1") });
  }

  async function screenPost(email: string, fields: Record<string, string>) {
    return sessionScreenAction({
      request: postForm(`/serier/${huddinge}/tillfallen/${sessionId}/incheckning`, fields, await cookieOf(email)),
      params: sessionParams(),
      context: ctx("192.0.2.1"),
    });
  }

  it("shows the coordinator the code, a QR code with a title, the address and the window", async () => {
    const data = await screen(DEMO_EMAILS.huddinge);
    expect(data.code).toBe(code);
    expect(data.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(data.checkinUrl).toBe(`http://localhost/incheckning/${code}`);
    expect(data.entryAddress).toBe("localhost/incheckning");
    expect(data.qrSvg).toMatch(/^<svg role="img" aria-labelledby="checkin-qr-title"/);
    expect(data.qrSvg).toContain(`<title id="checkin-qr-title">QR-kod som leder till incheckningen: http://localhost/incheckning/${code}</title>`);
    expect(data.state).toBe("open");
    expect(data.canUpdate).toBe(true);
    expect(data.recipients).toBe(participants(huddinge).length);
  });

  it("gives another municipality's coordinator 404 and the sponsor 403, also for the exchange event", async () => {
    expect((await thrownResponse(screen(DEMO_EMAILS.nacka))).status).toBe(404);
    expect((await thrownResponse(screen(DEMO_EMAILS.sponsor))).status).toBe(403);
    const eventId = (sql().prepare("select id from exchange_events order by id limit 1").get() as { id: number }).id;
    const eventScreen = async (email: string) =>
      eventScreenLoader({ request: getRequest(`/utbyten/${eventId}/incheckning`, await cookieOf(email)), params: { eventId: String(eventId) }, context: ctx("192.0.2.1") });
    expect((await thrownResponse(eventScreen(DEMO_EMAILS.botkyrka))).status).toBe(404);
    expect((await thrownResponse(eventScreen(DEMO_EMAILS.sponsor))).status).toBe(403);
    expect((await eventScreen(DEMO_EMAILS.huddinge)).code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });

  it("validates the margin (400 with a Swedish field error) and saves a good one", async () => {
    for (const bad of ["241", "-5", "abc", "", "1e2"]) {
      const response = (await screenPost(DEMO_EMAILS.huddinge, { intent: "margin", marginMinutes: bad })) as Response;
      expect(response.status, `marginal ${bad}`).toBe(400);
      expect((await response.json()).errors).toEqual({ marginMinutes: "Ange marginalen i hela minuter, från 0 till 240." });
    }
    const saved = (await screenPost(DEMO_EMAILS.huddinge, { intent: "margin", marginMinutes: " 45 " })) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/serier/${huddinge}/tillfallen/${sessionId}/incheckning?klart=marginal`);
    expect(sql().prepare("select checkin_margin_minutes as m from series_sessions where id = ?").get(sessionId)).toEqual({ m: 45 });
  });

  it("refuses a forged margin post from another municipality's coordinator (404) and the sponsor (403)", async () => {
    expect((await thrownResponse(screenPost(DEMO_EMAILS.nacka, { intent: "margin", marginMinutes: "200" }))).status).toBe(404);
    expect((await thrownResponse(screenPost(DEMO_EMAILS.sponsor, { intent: "margin", marginMinutes: "200" }))).status).toBe(403);
    expect((await thrownResponse(screenPost(DEMO_EMAILS.nacka, { intent: "send-links" }))).status).toBe(404);
    expect(sql().prepare("select checkin_margin_minutes as m from series_sessions where id = ?").get(sessionId)).toEqual({ m: 30 });
    expect(sql().prepare("select count(*) as n from checkin_tokens").get()).toEqual({ n: 0 });
  });

  it("mails every enrolled participant a personal link, storing only token hashes, and the link checks in with the code alone", async () => {
    const expected = participants(huddinge);
    expect(expected.length).toBeGreaterThan(0);
    const outboxBefore = (sql().prepare("select max(id) as id from mail_outbox").get() as { id: number | null }).id ?? 0;
    const response = (await screenPost(DEMO_EMAILS.huddinge, { intent: "send-links" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/serier/${huddinge}/tillfallen/${sessionId}/incheckning?klart=lankar&antal=${expected.length}&fel=0`);

    const mails = sql().prepare("select to_address as toAddress, subject, text_body as body from mail_outbox where id > ? order by id").all(outboxBefore) as {
      toAddress: string;
      subject: string;
      body: string;
    }[];
    expect(mails.map((m) => m.toAddress).sort()).toEqual(expected.map((p) => p.email).sort());
    const anna = expected[0];
    const annaMail = mails.find((m) => m.toAddress === anna.email)!;
    const startsAt = (sql().prepare("select starts_at as s from series_sessions where id = ?").get(sessionId) as { s: number }).s;
    expect(annaMail.subject).toBe(`Din incheckningslänk till 3. Samverkan och samordnat stöd vid närvaroproblem i förskola och skola ${formatDate(startsAt)}`);
    expect(annaMail.body).toContain(`Hej ${anna.name}!`);
    expect(annaMail.body).toContain("(Processtöd skolnärvaro Huddinge)");
    expect(annaMail.body).toContain(", Kommunhuset, Huddinge.");
    expect(annaMail.body).toContain("Skriv koden som visas på skärmen i lokalen, eller skanna QR-koden.");
    expect(annaMail.body).not.toContain(code);
    const token = /http:\/\/localhost\/incheckning\/personlig\/([A-Za-z0-9_-]{43})/.exec(annaMail.body)![1];

    const tokens = sql().prepare("select person_id as personId, token_hash as tokenHash from checkin_tokens order by person_id").all() as { personId: number; tokenHash: string }[];
    expect(tokens.map((r) => r.personId)).toEqual(expected.map((p) => p.id));
    expect(tokens.find((r) => r.personId === anna.id)!.tokenHash).toBe(hashToken(token));
    expect(tokens.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
    expect(JSON.stringify(sql().prepare("select * from checkin_tokens").all())).not.toContain(token);

    // The link puts the token in an HttpOnly cookie on the phone and sends the browser on.
    const opened = await thrownResponse(personalLoader({ request: getRequest(`/incheckning/personlig/${token}`), params: { token }, context: ctx("192.0.2.60") }));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/incheckning?valkommen=1");
    const setCookie = opened.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^processtod_checkin=/);
    expect(setCookie).toContain("Path=/incheckning");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Max-Age=2592000");
    const cookie = setCookie.split(";")[0];

    const welcome = await startLoader({ request: getRequest("/incheckning?valkommen=1", cookie), params: {}, context: ctx("192.0.2.60") });
    expect(welcome).toEqual({ person: { name: anna.name.split(" ")[0] }, welcome: true, forgotten: false });
    const page = (await codeLoader({ request: getRequest(`/incheckning/${code}`, cookie), params: { code }, context: ctx("192.0.2.60") })) as Response;
    expect((await page.json()).person).toEqual({ name: anna.name.split(" ")[0] });

    const checkedIn = await checkInWith({}, { cookie, ip: "192.0.2.60" });
    expect(checkedIn.status).toBe(200);
    expect(await checkedIn.json()).toMatchObject({ kind: "result", outcome: "checkedIn" });
    expect(attendanceRows()).toEqual([{ personId: anna.id, seriesId: huddinge, status: "narvarande", updatedBy: null }]);

    // With ?kod= the link goes straight to the code's page.
    const straight = await thrownResponse(
      personalLoader({ request: getRequest(`/incheckning/personlig/${token}?kod=${code.toLowerCase()}`), params: { token }, context: ctx("192.0.2.60") }),
    );
    expect(straight.headers.get("Location")).toBe(`/incheckning/${code}`);

    // Sending again replaces the token: the old link stops working.
    await screenPost(DEMO_EMAILS.huddinge, { intent: "send-links" });
    const old = (await personalLoader({ request: getRequest(`/incheckning/personlig/${token}`), params: { token }, context: ctx("192.0.2.60") })) as Response;
    expect(old.status).toBe(404);
    expect(sql().prepare("select count(*) as n from checkin_tokens").get()).toEqual({ n: expected.length });
  });

  it("answers a forged personal link with a friendly 404 page, no cookie, and counts it", async () => {
    const forged = "A".repeat(43);
    const response = (await personalLoader({ request: getRequest(`/incheckning/personlig/${forged}`), params: { token: forged }, context: ctx("192.0.2.70") })) as Response;
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ kind: "invalid" });
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(sql().prepare("select failures from login_throttle where key = 'checkin-ip:192.0.2.70'").get()).toEqual({ failures: 1 });
    // A forged cookie is simply no cookie: the page asks for the e-mail address.
    const page = (await codeLoader({ request: getRequest(`/incheckning/${code}`, (await checkinCookie.serialize(forged)).split(";")[0]), params: { code }, context: ctx("192.0.2.70") })) as Response;
    expect((await page.json()).person).toBeNull();
    const noEmail = await checkInWith({}, { ip: "192.0.2.70" });
    expect(noEmail.status).toBe(400);
    expect((await noEmail.json()).errors).toEqual({ email: "Ange en e-postadress." });
  });

  it("'not you?' forgets the person on the phone: the cookie is cleared", async () => {
    const response = (await startAction({ request: postForm("/incheckning", { intent: "forget" }), params: {}, context: ctx("192.0.2.80") })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/incheckning?glomd=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/^processtod_checkin=; Max-Age=0; Path=\/incheckning;/);
  });

  it("at the exchange event a coordinator mails only the people of her own series", async () => {
    const eventId = (sql().prepare("select id from exchange_events order by id limit 1").get() as { id: number }).id;
    const outboxBefore = (sql().prepare("select max(id) as id from mail_outbox").get() as { id: number | null }).id ?? 0;
    const response = (await eventScreenAction({
      request: postForm(`/utbyten/${eventId}/incheckning`, { intent: "send-links" }, await cookieOf(DEMO_EMAILS.huddinge)),
      params: { eventId: String(eventId) },
      context: ctx("192.0.2.1"),
    })) as Response;
    expect(response.status).toBe(302);
    const sent = sql().prepare("select to_address as a from mail_outbox where id > ?").all(outboxBefore) as { a: string }[];
    expect(sent.map((r) => r.a).sort()).toEqual(participants(huddinge).map((p) => p.email).sort());
  });
});
