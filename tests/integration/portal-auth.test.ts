/**
 * Participants' sign-in by e-mailed link (issue #8, decision 011), through the
 * real routes and a real SQLite file: the link works once and for a short
 * while, only its hash is stored, requests are rate limited without revealing
 * who is registered, a device stays signed in for 30 days, and "sign out
 * everywhere" ends every device.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { hashToken } from "~/lib/tokens.server";
import { requestMagicLink, requireParticipant } from "~/lib/participant-auth.server";
import { getDb } from "~/models/db.server";
import { consumeMagicLink, createMagicLink, participantBySession } from "~/models/participant-auth.server";
import { listPortalExchanges, listPortalSessions, portalSession } from "~/models/portal.server";
import { createInvitation } from "~/models/invitation.server";
import { action as requestAction, loader as requestLoader } from "~/routes/mina-sidor.logga-in";
import { action as linkAction, loader as linkLoader } from "~/routes/mina-sidor.lank.$token";
import { action as signOutAction } from "~/routes/mina-sidor.logga-ut";
import { loader as portalLoader } from "~/routes/mina-sidor._index";
import { loader as replyLoader } from "~/routes/svar.$token";
import { DEMO_EMAILS, getRequest, participantCookie, postForm, seriesId, thrownResponse, userId } from "../support/integration";

const db = () => getDb().$client;
const SOFIA = "sofia.hassan76@huddinge.example";

function personId(email: string): number {
  return (db().prepare("select id from people where email_normalized = ?").get(email) as { id: number }).id;
}

function outboxSince(id: number) {
  return db().prepare("select to_address as to_, subject, text_body as text from mail_outbox where id > ? order by id").all(id) as { to_: string; subject: string; text: string }[];
}

function lastOutboxId(): number {
  return (db().prepare("select coalesce(max(id), 0) as id from mail_outbox").get() as { id: number }).id;
}

/** The request header form of a Set-Cookie value. */
function cookieOf(response: Response): string {
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

beforeEach(() => {
  db().prepare("delete from login_throttle").run();
});

describe("asking for a link", () => {
  it("mails a registered participant a link that works once; only its SHA-256 is stored", async () => {
    const before = lastOutboxId();
    const response = (await requestAction({ request: postForm("/mina-sidor/logga-in", { email: " Sofia.Hassan76@huddinge.example " }), params: {}, context: { clientIp: "192.0.2.1" } })) as Response;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: {}, email: "Sofia.Hassan76@huddinge.example", sent: { minutes: 20 } });

    const mails = outboxSince(before);
    expect(mails.map((m) => [m.to_, m.subject])).toEqual([[SOFIA, "Din inloggningslänk till Processtöd"]]);
    const token = /http:\/\/localhost\/mina-sidor\/lank\/([A-Za-z0-9_-]{43})\n/.exec(mails[0].text)![1];
    expect(mails[0].text).toContain("Länken gäller i 20 minuter och kan bara användas en gång.");
    const stored = db().prepare("select token_hash, person_id from magic_links order by id desc limit 1").get() as { token_hash: string; person_id: number };
    expect(stored).toEqual({ token_hash: hashToken(token), person_id: personId(SOFIA) });
    expect(JSON.stringify(db().prepare("select * from magic_links").all())).not.toContain(token);

    // Opening the link only shows the button (mail scanners open links too) …
    const opened = await linkLoader({ request: getRequest(`/mina-sidor/lank/${token}`), params: { token }, context: { clientIp: "" } });
    expect(opened.status).toBe(200);
    expect(db().prepare("select used_at from magic_links where token_hash = ?").get(hashToken(token))).toEqual({ used_at: null });
    // … pressing it signs the device in for 30 days and goes to Mina sidor.
    const signedIn = (await linkAction({ request: postForm(`/mina-sidor/lank/${token}`, {}), params: { token }, context: { clientIp: "" } })) as Response;
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/mina-sidor");
    expect(signedIn.headers.get("Set-Cookie")).toMatch(/^processtod_deltagare=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);
    const page = await portalLoader({ request: getRequest("/mina-sidor", cookieOf(signedIn)), params: {}, context: { clientIp: "" } });
    expect(page.name).toBe("Sofia Hassan");

    // Used: a second press and a second opening both get the friendly 404 page.
    const again = (await linkAction({ request: postForm(`/mina-sidor/lank/${token}`, {}), params: { token }, context: { clientIp: "" } })) as Response;
    expect(again.status).toBe(404);
    expect((await linkLoader({ request: getRequest(`/mina-sidor/lank/${token}`), params: { token }, context: { clientIp: "" } })).status).toBe(404);
  });

  it("refuses an expired or made-up link the same way", async () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const token = createMagicLink({ personId: personId(SOFIA), ttlMs: 20 * 60_000, now });
    expect(consumeMagicLink({ token, now: new Date(now.getTime() + 20 * 60_000 + 1) })).toBeNull();
    expect(consumeMagicLink({ token: "hittepa", now })).toBeNull();
    expect(consumeMagicLink({ token, now: new Date(now.getTime() + 19 * 60_000) })).toEqual({ personId: personId(SOFIA), redirectTo: null });
  });

  it("answers an unknown address exactly like a known one, and mails nothing", async () => {
    const before = lastOutboxId();
    const response = (await requestAction({ request: postForm("/mina-sidor/logga-in", { email: "ingen.alls@example.se" }), params: {}, context: { clientIp: "192.0.2.2" } })) as Response;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: {}, email: "ingen.alls@example.se", sent: { minutes: 20 } });
    expect(outboxSince(before)).toEqual([]);
  });

  it("answers a bad address with 400 and a Swedish message on the field", async () => {
    const response = (await requestAction({ request: postForm("/mina-sidor/logga-in", { email: "inte-en-adress" }), params: {}, context: { clientIp: "192.0.2.3" } })) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: { email: "Ange en giltig e-postadress, till exempel namn@kommun.se." }, email: "inte-en-adress" });
  });

  it("limits links to five per address per hour, from any IP, with 429 and a Swedish message", async () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const before = lastOutboxId();
    for (let i = 0; i < 5; i++) {
      expect(await requestMagicLink({ email: SOFIA, ip: `198.51.100.${i}`, baseUrl: "http://localhost/", now })).toEqual({ ok: true });
    }
    expect(await requestMagicLink({ email: SOFIA, ip: "198.51.100.99", baseUrl: "http://localhost/", now })).toEqual({ ok: false, retryAfterMinutes: 60 });
    expect(outboxSince(before)).toHaveLength(5);
    // An unknown address is counted the same, so the limit reveals nothing either.
    for (let i = 0; i < 5; i++) await requestMagicLink({ email: "ingen@example.se", ip: `203.0.113.${i}`, baseUrl: "http://localhost/", now });
    expect(await requestMagicLink({ email: "ingen@example.se", ip: "203.0.113.99", baseUrl: "http://localhost/", now })).toEqual({ ok: false, retryAfterMinutes: 60 });
    // After the hour the address may ask again.
    expect(await requestMagicLink({ email: SOFIA, ip: "198.51.100.99", baseUrl: "http://localhost/", now: new Date(now.getTime() + 3_600_001) })).toEqual({ ok: true });

    db().prepare("delete from login_throttle").run();
    for (let i = 0; i < 30; i++) await requestMagicLink({ email: `person${i}@example.se`, ip: "192.0.2.50", baseUrl: "http://localhost/" });
    const limited = (await requestAction({ request: postForm("/mina-sidor/logga-in", { email: SOFIA }), params: {}, context: { clientIp: "192.0.2.50" } })) as Response;
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("900");
    expect((await limited.json()).formError).toBe("Du har bett om många länkar på kort tid. Försök igen om 15 minuter.");
  });

  it("keeps where the participant was going", async () => {
    const before = lastOutboxId();
    await requestMagicLink({ email: SOFIA, ip: "192.0.2.4", baseUrl: "http://localhost/", redirectTo: "/mina-sidor/mina-uppgifter" });
    const token = /lank\/([A-Za-z0-9_-]{43})/.exec(outboxSince(before)[0].text)![1];
    const signedIn = (await linkAction({ request: postForm(`/mina-sidor/lank/${token}`, {}), params: { token }, context: { clientIp: "" } })) as Response;
    expect(signedIn.headers.get("Location")).toBe("/mina-sidor/mina-uppgifter");
    // Never another site, however the link was asked for.
    await requestMagicLink({ email: SOFIA, ip: "192.0.2.4", baseUrl: "http://localhost/", redirectTo: "//evil.example/" });
    const evil = /lank\/([A-Za-z0-9_-]{43})/.exec(outboxSince(before).at(-1)!.text)![1];
    const safe = (await linkAction({ request: postForm(`/mina-sidor/lank/${evil}`, {}), params: { token: evil }, context: { clientIp: "" } })) as Response;
    expect(safe.headers.get("Location")).toBe("/mina-sidor");
  });
});

describe("signed-in devices", () => {
  it("sends a visitor without a device session to the sign-in page, and back afterwards", async () => {
    const response = await thrownResponse(requireParticipant(getRequest("/mina-sidor/tillfallen/5?x=1")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/mina-sidor/logga-in?redirectTo=%2Fmina-sidor%2Ftillfallen%2F5%3Fx%3D1");
    // A staff cookie is not a participant sign-in.
    const forged = await thrownResponse(portalLoader({ request: getRequest("/mina-sidor", "processtod_deltagare=hittepa-hittepa-hittepa-hittepa"), params: {}, context: { clientIp: "" } }));
    expect(forged.status).toBe(302);
  });

  it("keeps a device signed in for 30 days and not a moment longer", async () => {
    const cookie = await participantCookie(personId(SOFIA));
    const token = decodeURIComponent(cookie.split("=")[1]);
    const value = JSON.parse(Buffer.from(token, "base64").toString()) as string;
    const start = Date.now();
    expect(participantBySession({ token: value, now: new Date(start + 29 * 86_400_000) })?.name).toBe("Sofia Hassan");
    expect(participantBySession({ token: value, now: new Date(start + 30 * 86_400_000 + 60_000) })).toBeNull();
    // Expired devices are removed on sight.
    expect(db().prepare("select count(*) as n from participant_sessions where id = ?").get(hashToken(value))).toEqual({ n: 0 });
  });

  it("signs out this device, or every device and every unused link", async () => {
    const id = personId(SOFIA);
    db().prepare("delete from participant_sessions where person_id = ?").run(id);
    const phone = await participantCookie(id);
    const laptop = await participantCookie(id);
    const tablet = await participantCookie(id);
    createMagicLink({ personId: id, ttlMs: 60_000 });

    const here = (await signOutAction({ request: postForm("/mina-sidor/logga-ut", { intent: "here" }, phone), params: {}, context: { clientIp: "" } })) as Response;
    expect(here.headers.get("Location")).toBe("/mina-sidor/logga-in?utloggad=1");
    expect(here.headers.get("Set-Cookie")).toMatch(/^processtod_deltagare=; Max-Age=0/);
    expect(db().prepare("select count(*) as n from participant_sessions where person_id = ?").get(id)).toEqual({ n: 2 });
    expect((await thrownResponse(portalLoader({ request: getRequest("/mina-sidor", phone), params: {}, context: { clientIp: "" } }))).status).toBe(302);
    expect((await portalLoader({ request: getRequest("/mina-sidor", tablet), params: {}, context: { clientIp: "" } })).name).toBe("Sofia Hassan");

    const everywhere = (await signOutAction({ request: postForm("/mina-sidor/logga-ut", { intent: "everywhere" }, laptop), params: {}, context: { clientIp: "" } })) as Response;
    expect(everywhere.headers.get("Location")).toBe("/mina-sidor/logga-in?utloggad=alla");
    expect(db().prepare("select count(*) as n from participant_sessions where person_id = ?").get(id)).toEqual({ n: 0 });
    expect(db().prepare("select count(*) as n from magic_links where person_id = ? and used_at is null").get(id)).toEqual({ n: 0 });
    expect((await thrownResponse(portalLoader({ request: getRequest("/mina-sidor", tablet), params: {}, context: { clientIp: "" } }))).status).toBe(302);
  });

  it("shows a signed-in participant's sign-in page as a redirect to Mina sidor", async () => {
    const cookie = await participantCookie(personId(SOFIA));
    const response = await thrownResponse(requestLoader({ request: getRequest("/mina-sidor/logga-in?redirectTo=%2Fmina-sidor%2Fmina-uppgifter", cookie), params: {}, context: { clientIp: "" } }));
    expect(response.headers.get("Location")).toBe("/mina-sidor/mina-uppgifter");
  });
});

describe("invitation links", () => {
  it("sign a registered invitee in to Mina sidor on the device that opens them", async () => {
    const nacka = seriesId("Nacka");
    const created = createInvitation({
      seriesId: nacka,
      input: { name: "Sofia Hassan", email: SOFIA, workplace: null, sector: "skola", jobTitle: null },
      userId: userId(DEMO_EMAILS.admin),
    });
    if (!created.ok) throw new Error("not created");
    const page = await replyLoader({ request: getRequest(`/svar/${created.token}`), params: { token: created.token }, context: { clientIp: "" } });
    expect(page.data.signedIn).toBe(true);
    const cookie = new Headers(page.init?.headers).get("Set-Cookie")!;
    expect(cookie).toMatch(/^processtod_deltagare=/);
    const portal = await portalLoader({ request: getRequest("/mina-sidor", cookie.split(";")[0]), params: {}, context: { clientIp: "" } });
    expect(portal.name).toBe("Sofia Hassan");
    // Opened again on the same device: no second device session.
    const again = await replyLoader({ request: getRequest(`/svar/${created.token}`, cookie.split(";")[0]), params: { token: created.token }, context: { clientIp: "" } });
    expect(new Headers(again.init?.headers).get("Set-Cookie")).toBeNull();
  });
});

describe("what a participant may see", () => {
  it("lists exactly the sessions of their own series, and finds no one else's", () => {
    const huddinge = seriesId("Huddinge");
    const botkyrka = seriesId("Botkyrka");
    const own = db().prepare("select id from series_sessions where series_id = ? order by starts_at, id").all(huddinge) as { id: number }[];
    const sessions = listPortalSessions({ personId: personId(SOFIA) });
    expect(sessions.map((s) => s.id)).toEqual(own.map((s) => s.id));
    const other = db().prepare("select id from series_sessions where series_id = ? limit 1").get(botkyrka) as { id: number };
    expect(portalSession({ personId: personId(SOFIA), sessionId: other.id })).toBeNull();
    expect(portalSession({ personId: personId(SOFIA), sessionId: own[0].id })?.seriesName).toBe("Processtöd skolnärvaro Huddinge");
    expect(portalSession({ personId: personId(SOFIA), sessionId: -1 })).toBeNull();
  });

  it("lists the exchange session her series takes part in, and none to a participant whose series does not", async () => {
    expect(listPortalExchanges({ personId: personId(SOFIA) }).map((e) => [e.title, e.startsAt.toISOString()])).toEqual([
      ["Erfarenhetsutbyte 2026/2027", new Date(1810623600000).toISOString()],
    ]);
    const botkyrkaPerson = db().prepare("select e.person_id as id from enrolments e where e.series_id = ? order by e.person_id limit 1").get(seriesId("Botkyrka")) as { id: number };
    expect(listPortalExchanges({ personId: botkyrkaPerson.id })).toEqual([]);
    const cookie = await participantCookie(personId(SOFIA));
    const page = await portalLoader({ request: getRequest("/mina-sidor", cookie), params: {}, context: { clientIp: "" } });
    expect(page.exchanges.map((e) => e.title)).toEqual(["Erfarenhetsutbyte 2026/2027"]);
  });
});

describe("housekeeping", () => {
  it("removes expired devices and links used or expired more than a day ago, and nothing else", async () => {
    const { deleteExpiredParticipantAuth, createParticipantSession } = await import("~/models/participant-auth.server");
    const id = personId(SOFIA);
    db().prepare("delete from participant_sessions").run();
    db().prepare("delete from magic_links").run();
    const now = new Date("2026-11-23T12:00:00Z");
    const day = 86_400_000;
    createParticipantSession({ personId: id, maxAgeMs: 30 * day, now: new Date(now.getTime() - 31 * day) }); // expired
    createParticipantSession({ personId: id, maxAgeMs: 30 * day, now: new Date(now.getTime() - 29 * day) }); // live
    createMagicLink({ personId: id, ttlMs: 20 * 60_000, now: new Date(now.getTime() - 2 * day) }); // expired two days ago
    createMagicLink({ personId: id, ttlMs: 20 * 60_000, now: new Date(now.getTime() - 60 * 60_000) }); // expired an hour ago: kept a day
    const used = createMagicLink({ personId: id, ttlMs: 20 * 60_000, now: new Date(now.getTime() - 2 * day) });
    consumeMagicLink({ token: used, now: new Date(now.getTime() - 2 * day + 60_000) }); // used two days ago
    createMagicLink({ personId: id, ttlMs: 20 * 60_000, now }); // live
    deleteExpiredParticipantAuth({ now });
    expect(db().prepare("select count(*) as n from participant_sessions").get()).toEqual({ n: 1 });
    expect(db().prepare("select count(*) as n from magic_links").get()).toEqual({ n: 2 });
  });
});
