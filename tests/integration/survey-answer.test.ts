/**
 * Answering surveys and getting them to participants (issue #7, part 2),
 * called the way Remix calls the routes. The routes use the real clock, so
 * each test opens Huddinge's efterenkät (HUDDPOST, seminar 3 is tomorrow in
 * the demo) around Date.now() with explicit times; the förenkät (HUDDPRE1,
 * seminar 1 on 2026-09-15) is closed by then.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/models/db.server";
import { SURVEY_IP_RULE } from "~/lib/survey-answer.server";
import { action as startAction } from "~/routes/enkat._index";
import { action as codeAction, loader as codeLoader } from "~/routes/enkat.$code";
import { action as personalAction, loader as personalLoader } from "~/routes/enkat.personlig.$token";
import { action as staffAction, loader as staffLoader } from "~/routes/serier.$seriesId.enkater._index";
import { loader as showLoader } from "~/routes/serier.$seriesId.enkater.$surveyId.visa";
import { DEMO_EMAILS, getRequest, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const HOUR = 3_600_000;
const sql = () => getDb().$client;
const IP = "192.0.2.80";
const ctx = (clientIp = IP) => ({ clientIp });

let huddinge: number;
let post: { id: number };
let pre: { id: number };

type Fields = [string, string][];

function form(path: string, fields: Fields, cookie?: string): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: cookie ? { Cookie: cookie } : {},
    body: new URLSearchParams(fields),
  });
}

/** A Response whether the route returned it or threw it. */
async function settle(work: Promise<unknown>): Promise<Response> {
  try {
    return (await work) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function count(query: string, ...params: unknown[]): number {
  return (sql().prepare(query).get(...params) as { n: number }).n;
}

function responses(surveyId: number) {
  return count("select count(*) as n from survey_responses where survey_id = ?", surveyId);
}

function openPost({ from = -HOUR, to = 24 * HOUR } = {}) {
  sql().prepare("update surveys set opens_at = ?, closes_at = ? where id = ?").run(Date.now() + from, Date.now() + to, post.id);
}

/** A complete efterenkät as the phone form posts it. */
function answers(key: string, extra: Fields = []): Fields {
  return [
    ["submissionKey", key],
    ["q_1", "ja"],
    ["q_2", "socialtjanst"],
    ["q_3", "strateg"],
    ["q_4a", "4"],
    ["q_4b", "9"],
    ["q_4c", "5"],
    ["q_4d", "3"],
    ["q_4e", "2"],
    ["q_4f", "1"],
    ["q_5", "Vi har börjat\r\nträffas varje månad."],
    ["q_6", ""],
    ...extra,
  ];
}

const KEY = "AAAAAAAAAAAAAAAAAAAAAA";
const key = (n: number) => `${KEY.slice(0, 20)}${String(n).padStart(2, "0")}`;

async function answerAnonymously(fields: Fields, { code = "HUDDPOST", ip = IP } = {}) {
  return settle(codeAction({ request: form(`/enkat/${code}`, fields), params: { code }, context: ctx(ip) }));
}

beforeEach(() => {
  sql().prepare("delete from login_throttle").run();
  huddinge = seriesId("Huddinge");
  post = sql().prepare("select id from surveys where public_code = 'HUDDPOST'").get() as { id: number };
  pre = sql().prepare("select id from surveys where public_code = 'HUDDPRE1'").get() as { id: number };
  sql().prepare("update surveys set opens_at = null, closes_at = null where id = ?").run(post.id);
  // The demo efterenkät has no answers and no links; each test starts from that.
  for (const table of ["survey_responses", "survey_receipts", "survey_links"]) sql().prepare(`delete from ${table} where survey_id = ?`).run(post.id);
  sql().prepare("update enrolments set status = 'anmald' where series_id = ?").run(huddinge);
});

describe("the anonymous room link", () => {
  it("shows the form with a fresh one-time key, not cached", async () => {
    openPost();
    const first = await settle(codeLoader({ request: getRequest("/enkat/huddpost"), params: { code: "huddpost" }, context: ctx() }));
    const second = await settle(codeLoader({ request: getRequest("/enkat/HUDDPOST"), params: { code: "HUDDPOST" }, context: ctx() }));
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const a = await first.json();
    const b = await second.json();
    expect(a.kind).toBe("form");
    expect(a.survey.name).toBe("Efterenkät");
    expect(a.survey.items.map((i: { code: string }) => i.code)).toEqual(["1", "2", "3", "3b", "4a", "4b", "4c", "4d", "4e", "4f", "5", "6"]);
    expect(a.survey.pairing).toBe(true);
    expect(a.submissionKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b.submissionKey).not.toBe(a.submissionKey);
  });

  it("stores one anonymous response with Vet ej, the pairing code and the session link channel, and thanks without any id in the URL", async () => {
    openPost();
    const before = responses(post.id);
    const response = await answerAnonymously(answers(key(1), [["pairCode", " ab-12 cd "]]));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/enkat/HUDDPOST?tack=1");
    expect(responses(post.id)).toBe(before + 1);

    const row = sql()
      .prepare("select id, series_id as seriesId, series_session_id as sessionId, sector, role_category as role, pair_code as pairCode, channel, submitted_on as day from survey_responses where submission_key = ?")
      .get(key(1)) as Record<string, unknown>;
    const seminar3 = seriesSessionRows(huddinge).find((s) => s.position === 3)!.id;
    expect(row).toMatchObject({ seriesId: huddinge, sessionId: seminar3, sector: "socialtjanst", role: "strateg", pairCode: "AB12CD", channel: "session_link" });
    expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const stored = sql()
      .prepare(
        "select i.code, a.value, a.dont_know as dontKnow, a.choice, a.text from survey_answers a join survey_items i on i.id = a.item_id where a.response_id = ? order by i.position",
      )
      .all(row.id);
    expect(stored).toEqual([
      { code: "1", value: null, dontKnow: 0, choice: "ja", text: null },
      { code: "2", value: null, dontKnow: 0, choice: "socialtjanst", text: null },
      { code: "3", value: null, dontKnow: 0, choice: "strateg", text: null },
      { code: "4a", value: 4, dontKnow: 0, choice: null, text: null },
      { code: "4b", value: null, dontKnow: 1, choice: null, text: null },
      { code: "4c", value: 5, dontKnow: 0, choice: null, text: null },
      { code: "4d", value: 3, dontKnow: 0, choice: null, text: null },
      { code: "4e", value: 2, dontKnow: 0, choice: null, text: null },
      { code: "4f", value: 1, dontKnow: 0, choice: null, text: null },
      // The browser's CRLF is stored as one line break.
      { code: "5", value: null, dontKnow: 0, choice: null, text: "Vi har börjat\nträffas varje månad." },
    ]);

    const thanks = await settle(codeLoader({ request: getRequest("/enkat/HUDDPOST?tack=1"), params: { code: "HUDDPOST" }, context: ctx() }));
    // Which survey it was, and nothing about the answer or when it came.
    expect(await thanks.json()).toEqual({
      kind: "thanks",
      code: "HUDDPOST",
      survey: {
        name: "Efterenkät",
        seriesName: "Processtöd skolnärvaro Huddinge",
        session: { position: 3, title: "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola", startsAt: "2026-11-24T07:30:00.000Z" },
      },
    });
  });

  it("stores a double submit of the same form once, and thanks both times", async () => {
    openPost();
    const before = responses(post.id);
    const first = await answerAnonymously(answers(key(2)));
    const second = await answerAnonymously(answers(key(2)));
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("Location")).toBe("/enkat/HUDDPOST?tack=1");
    expect(responses(post.id)).toBe(before + 1);
  });

  it("refuses a value outside the scale with the Swedish message on the item (400), keeps what was typed and stores nothing", async () => {
    openPost();
    const before = responses(post.id);
    const response = await answerAnonymously(answers(key(3), [["pairCode", "min kod"]]).map(([k, v]): [string, string] => (k === "q_4a" ? [k, "7"] : [k, v])));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.kind).toBe("errors");
    expect(body.errors).toEqual({ q_4a: "Svara med en siffra 1–5, eller 9 för Vet ej." });
    expect(body.values.q_4a).toEqual(["7"]);
    expect(body.values.q_5).toEqual(["Vi har börjat\r\nträffas varje månad."]);
    expect(body.values.pairCode).toEqual(["min kod"]);
    expect(body.submissionKey).toBe(key(3));
    expect(responses(post.id)).toBe(before);
  });

  it("refuses a pairing code that is not 4–12 letters or digits, and an unknown option", async () => {
    openPost();
    const before = responses(post.id);
    const response = await answerAnonymously(
      answers(key(4), [["pairCode", "ÅSA-19850101-1234"]]).map(([k, v]): [string, string] => (k === "q_2" ? [k, "polis"] : [k, v])),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ q_2: "Välj ett av alternativen.", pairCode: "Koden ska vara 4–12 bokstäver (A–Z) eller siffror." });
    expect(responses(post.id)).toBe(before);
  });

  it("refuses a text answer over 4 000 characters, and a form without its one-time key", async () => {
    openPost();
    const long = await answerAnonymously(answers(key(5)).map(([k, v]): [string, string] => (k === "q_6" ? [k, "x".repeat(4001)] : [k, v])));
    expect(long.status).toBe(400);
    expect((await long.json()).errors).toEqual({ q_6: "Svaret får vara högst 4 000 tecken långt." });
    const keyless = await answerAnonymously(answers("").filter(([k]) => k !== "submissionKey"));
    expect(keyless.status).toBe(400);
    expect((await keyless.json()).formError).toBe("Begäran kunde inte tolkas. Ladda om sidan och försök igen.");
    expect(count("select count(*) as n from survey_responses where survey_id = ? and submission_key like 'AAAA%'", post.id)).toBe(0);
  });

  it("says a closed survey is closed, with its times, and refuses its answers (400)", async () => {
    const page = await settle(codeLoader({ request: getRequest("/enkat/HUDDPRE1"), params: { code: "HUDDPRE1" }, context: ctx() }));
    expect(page.status).toBe(200);
    const body = await page.json();
    expect(body).toMatchObject({ kind: "window", survey: { name: "Förenkät", state: "closed" } });
    // 30 minutes before seminar 1 started (2026-09-15 08:30) to 28 days after it ended.
    expect(new Date(body.survey.opensAt).toISOString()).toBe("2026-09-15T06:00:00.000Z");
    expect(new Date(body.survey.closesAt).toISOString()).toBe("2026-10-13T10:00:00.000Z");

    const before = responses(pre.id);
    const response = await answerAnonymously(answers(key(6)), { code: "HUDDPRE1" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ kind: "window", survey: { state: "closed" } });
    expect(responses(pre.id)).toBe(before);
  });

  it("says a survey not open yet is not open, and refuses its answers (400)", async () => {
    openPost({ from: HOUR, to: 5 * HOUR });
    const page = await (await settle(codeLoader({ request: getRequest("/enkat/HUDDPOST"), params: { code: "HUDDPOST" }, context: ctx() }))).json();
    expect(page).toMatchObject({ kind: "window", survey: { state: "notOpen" } });
    const response = await answerAnonymously(answers(key(7)));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ kind: "window", survey: { state: "notOpen" } });
    expect(responses(post.id)).toBe(0);
  });

  it("answers a made-up code with 404 and counts it against the address", async () => {
    const response = await settle(codeLoader({ request: getRequest("/enkat/NOSUCH99"), params: { code: "NOSUCH99" }, context: ctx() }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ kind: "unknown", code: "NOSUCH99" });
    expect(count("select failures as n from login_throttle where key = ?", `survey-ip:${IP}`)).toBe(1);
  });

  it("locks an address after too many submissions with HTTP 429 and a Swedish message, and lets others answer", async () => {
    openPost();
    for (let i = 0; i < SURVEY_IP_RULE.limit; i++) await answerAnonymously([["submissionKey", "bad"]], { ip: "192.0.2.99" });
    const before = responses(post.id);
    const locked = await answerAnonymously(answers(key(8)), { ip: "192.0.2.99" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBe(15 * 60);
    expect(await locked.json()).toEqual({ kind: "locked", minutes: 15, reason: "ip" });
    expect(responses(post.id)).toBe(before);
    const page = await settle(codeLoader({ request: getRequest("/enkat/HUDDPOST"), params: { code: "HUDDPOST" }, context: ctx("192.0.2.99") }));
    expect(page.status).toBe(429);
    // Another address is not affected.
    expect((await answerAnonymously(answers(key(9)), { ip: "192.0.2.98" })).status).toBe(302);
  });
});

describe("the code form (/enkat)", () => {
  it("sends a right code on to its page, and answers a wrong one on the field (400)", async () => {
    const right = await settle(startAction({ request: form("/enkat", [["code", " huddpost "]]), params: {}, context: ctx() }));
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/enkat/HUDDPOST");
    const wrong = await settle(startAction({ request: form("/enkat", [["code", "HUDDP0ST"]]), params: {}, context: ctx() }));
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors).toEqual({ code: "Det finns ingen enkät med den koden. Kontrollera att du har skrivit av den rätt och försök igen." });
    const empty = await settle(startAction({ request: form("/enkat", [["code", " "]]), params: {}, context: ctx() }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors).toEqual({ code: "Skriv koden som visas på skärmen." });
  });
});

describe("personal links by e-mail", () => {
  function enrolled(series: number) {
    return sql()
      .prepare("select p.id, p.email from enrolments e join people p on p.id = e.person_id where e.series_id = ? and e.status = 'anmald' and trim(p.email) <> '' order by p.id")
      .all(series) as { id: number; email: string }[];
  }

  async function sendLinks(cookie: string) {
    return settle(staffAction({ request: form(`/serier/${huddinge}/enkater`, [["intent", "send-links"], ["surveyId", String(post.id)]], cookie), params: { seriesId: String(huddinge) }, context: ctx() }));
  }

  function mailedTokens(since: number): Map<string, string> {
    const rows = sql().prepare("select to_address as [to], text_body as body from mail_outbox where id > ? order by id").all(since) as { to: string; body: string }[];
    return new Map(rows.map((r) => [r.to, /\/enkat\/personlig\/([A-Za-z0-9_-]{43})/.exec(r.body)![1]]));
  }

  const lastMail = () => (sql().prepare("select coalesce(max(id), 0) as n from mail_outbox").get() as { n: number }).n;

  it("mails every enrolled participant (anmäld) one link, stores only hashes, and a second send re-issues without duplicates", async () => {
    openPost();
    // One participant has withdrawn (återbud): no link for them.
    const people = enrolled(huddinge);
    expect(people).toHaveLength(90);
    sql().prepare("update enrolments set status = 'aterbud' where series_id = ? and person_id = ?").run(huddinge, people[0].id);

    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const since = lastMail();
    const response = await sendLinks(cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/serier/${huddinge}/enkater?klart=lankar&enkat=${post.id}&antal=89&fel=0#enkat-${post.id}`);
    const tokens = mailedTokens(since);
    expect([...tokens.keys()].sort()).toEqual(people.slice(1).map((p) => p.email).sort());
    expect(count("select count(*) as n from survey_links where survey_id = ?", post.id)).toBe(89);
    const hashes = sql().prepare("select token_hash as h from survey_links where survey_id = ?").all(post.id) as { h: string }[];
    for (const token of tokens.values()) expect(hashes.some((r) => r.h === token)).toBe(false);

    const mail = sql().prepare("select subject, text_body as body from mail_outbox where id > ? order by id limit 1").get(since) as { subject: string; body: string };
    expect(mail.subject).toBe("Enkät: Efterenkät – Processtöd skolnärvaro Huddinge");
    expect(mail.body).toContain("Här är din personliga länk till Efterenkät för Processtöd skolnärvaro Huddinge vid Samverkan och samordnat stöd vid närvaroproblem i förskola och skola (2026-11-24):");
    expect(mail.body).toContain("http://localhost/enkat/personlig/");

    // Again: the same 89 people, one link each, and the first links stop working.
    const again = lastMail();
    expect((await sendLinks(cookie)).status).toBe(302);
    const newTokens = mailedTokens(again);
    expect(newTokens.size).toBe(89);
    expect(count("select count(*) as n from survey_links where survey_id = ?", post.id)).toBe(89);
    const old = [...tokens.values()][0];
    const stale = await settle(personalLoader({ request: getRequest(`/enkat/personlig/${old}`), params: { token: old }, context: ctx() }));
    expect(stale.status).toBe(404);
    expect(await stale.json()).toEqual({ kind: "invalid" });
  });

  it("answers once through the link: a receipt without a response id, the personal channel, and a second use refused", async () => {
    openPost();
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const since = lastMail();
    await sendLinks(cookie);
    const [email, token] = [...mailedTokens(since)][0];
    const person = (sql().prepare("select id from people where email = ?").get(email) as { id: number }).id;

    const page = await settle(personalLoader({ request: getRequest(`/enkat/personlig/${token}`), params: { token }, context: ctx() }));
    expect(page.status).toBe(200);
    const form1 = await page.json();
    expect(form1.kind).toBe("form");
    // Nothing on the page names the person.
    expect(JSON.stringify(form1)).not.toContain(email);

    const before = responses(post.id);
    const answer = await settle(personalAction({ request: form(`/enkat/personlig/${token}`, answers(form1.submissionKey)), params: { token }, context: ctx() }));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/enkat/personlig/${token}?tack=1`);
    expect(responses(post.id)).toBe(before + 1);
    expect(sql().prepare("select * from survey_receipts where survey_id = ?").all(post.id)).toEqual([{ survey_id: post.id, person_id: person }]);
    expect(sql().prepare("select channel from survey_responses where submission_key = ?").get(form1.submissionKey)).toEqual({ channel: "personal" });

    // The same form again (double submit): the same thank-you, nothing more stored.
    const double = await settle(personalAction({ request: form(`/enkat/personlig/${token}`, answers(form1.submissionKey)), params: { token }, context: ctx() }));
    expect(double.status).toBe(302);
    expect(double.headers.get("Location")).toBe(`/enkat/personlig/${token}?tack=1`);
    expect(responses(post.id)).toBe(before + 1);

    // Opening the link again: "Du har redan svarat"; a new form through it is refused.
    const reopened = await (await settle(personalLoader({ request: getRequest(`/enkat/personlig/${token}`), params: { token }, context: ctx() }))).json();
    expect(reopened.kind).toBe("answered");
    const second = await settle(personalAction({ request: form(`/enkat/personlig/${token}`, answers(key(20))), params: { token }, context: ctx() }));
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ kind: "answered" });
    expect(responses(post.id)).toBe(before + 1);

    // Who has answered is no longer sent a link.
    const resend = await sendLinks(cookie);
    expect(resend.headers.get("Location")).toContain("antal=89&");
  });

  it("answers a made-up personal link with a friendly 404", async () => {
    const token = "x".repeat(43);
    const response = await settle(personalLoader({ request: getRequest(`/enkat/personlig/${token}`), params: { token }, context: ctx() }));
    expect(response.status).toBe(404);
    const posted = await settle(personalAction({ request: form(`/enkat/personlig/${token}`, answers(key(21))), params: { token }, context: ctx() }));
    expect(posted.status).toBe(404);
  });

  it("sends no links for a closed survey (400)", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const since = lastMail();
    const response = await settle(
      staffAction({ request: form(`/serier/${huddinge}/enkater`, [["intent", "send-links"], ["surveyId", String(pre.id)]], cookie), params: { seriesId: String(huddinge) }, context: ctx() }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ form: "Enkäten är stängd, så inga länkar skickas." });
    expect(lastMail()).toBe(since);
  });
});

describe("the staff page /serier/:seriesId/enkater", () => {
  const load = async (series: number, cookie: string) => settle(staffLoader({ request: getRequest(`/serier/${series}/enkater`, cookie), params: { seriesId: String(series) }, context: ctx() }));
  const act = async (series: number, fields: Fields, cookie: string) =>
    settle(staffAction({ request: form(`/serier/${series}/enkater`, fields, cookie), params: { seriesId: String(series) }, context: ctx() }));

  it("shows the Huddinge coordinator her series' surveys with states, times, counts, links and QR codes, but no forms to change times", async () => {
    openPost();
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const response = await load(huddinge, cookie);
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.canUpdate).toBe(false);
    expect(data.canSendLinks).toBe(true);
    expect(data.templates).toEqual([]);
    expect(data.surveys.map((s: Record<string, unknown>) => [s.name, s.state, s.responses, s.code, s.url, s.followsSession])).toEqual([
      ["Förenkät", "closed", 61, "HUDDPRE1", "http://localhost/enkat/HUDDPRE1", true],
      ["Efterenkät", "open", 0, "HUDDPOST", "http://localhost/enkat/HUDDPOST", false],
    ]);
    expect(data.surveys[0].qrSvg).toContain('<title id="survey-qr-title-');
    expect(data.surveys[1].recipients).toBe(90);
    expect(data.surveys[0].recipients).toBeNull();
  });

  it("creates the pre- and post-survey of a series on the first visit", async () => {
    const nacka = seriesId("Nacka");
    expect(count("select count(*) as n from surveys where series_id = ?", nacka)).toBe(0);
    const response = await load(nacka, await signedInCookie(userId(DEMO_EMAILS.admin)));
    const data = await response.json();
    expect(data.surveys.map((s: { name: string; session: { position: number } }) => [s.name, s.session.position])).toEqual([
      ["Förenkät", 1],
      ["Efterenkät", 3],
    ]);
    expect(count("select count(*) as n from surveys where series_id = ?", nacka)).toBe(2);
  });

  it("answers another municipality's coordinator 404 on the page, the room view and a forged post, and writes nothing", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.botkyrka));
    expect((await load(huddinge, cookie)).status).toBe(404);
    const show = await settle(showLoader({ request: getRequest(`/serier/${huddinge}/enkater/${post.id}/visa`, cookie), params: { seriesId: String(huddinge), surveyId: String(post.id) }, context: ctx() }));
    expect(show.status).toBe(404);
    const since = count("select coalesce(max(id), 0) as n from mail_outbox");
    expect((await act(huddinge, [["intent", "send-links"], ["surveyId", String(post.id)]], cookie)).status).toBe(404);
    expect((await act(huddinge, [["intent", "times"], ["surveyId", String(post.id)], ["opensDate", "2026-11-01"], ["opensTime", "08:00"], ["closesDate", "2026-12-01"], ["closesTime", "08:00"]], cookie)).status).toBe(404);
    expect(count("select coalesce(max(id), 0) as n from mail_outbox")).toBe(since);
    expect(sql().prepare("select opens_at as o from surveys where id = ?").get(post.id)).toEqual({ o: null });
  });

  it("answers the sponsor 403 on the page and on a post", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.sponsor));
    expect((await load(huddinge, cookie)).status).toBe(403);
    expect((await act(huddinge, [["intent", "send-links"], ["surveyId", String(post.id)]], cookie)).status).toBe(403);
  });

  it("answers the coordinator 403 when she posts new times or a template, and writes nothing", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const times = await act(huddinge, [["intent", "times"], ["surveyId", String(post.id)], ["opensDate", "2026-11-01"], ["opensTime", "08:00"], ["closesDate", "2026-12-01"], ["closesTime", "08:00"]], cookie);
    expect(times.status).toBe(403);
    expect((await act(huddinge, [["intent", "add"], ["templateId", "3"], ["sessionId", ""]], cookie)).status).toBe(403);
    expect(sql().prepare("select opens_at as o from surveys where id = ?").get(post.id)).toEqual({ o: null });
    expect(count("select count(*) as n from surveys where series_id = ?", huddinge)).toBe(2);
  });

  it("lets the process leader set the times (Stockholm time), refuses closing before opening (400), and resets them to follow the session", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const bad = await act(huddinge, [["intent", "times"], ["surveyId", String(post.id)], ["opensDate", "2026-11-24"], ["opensTime", "15:00"], ["closesDate", "2026-11-24"], ["closesTime", "14:00"]], cookie);
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.errors).toEqual({ closesTime: "Enkäten måste stänga efter att den öppnar." });
    expect(badBody.values).toMatchObject({ opensDate: "2026-11-24", opensTime: "15:00", closesTime: "14:00" });
    const invalid = await act(huddinge, [["intent", "times"], ["surveyId", String(post.id)], ["opensDate", "2026-02-30"], ["opensTime", "25:00"], ["closesDate", "2026-12-01"], ["closesTime", "10:00"]], cookie);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors).toEqual({
      opensDate: "Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15.",
      opensTime: "Ange en tid som TT:MM, till exempel 08:30.",
    });
    expect(sql().prepare("select opens_at as o from surveys where id = ?").get(post.id)).toEqual({ o: null });

    const ok = await act(huddinge, [["intent", "times"], ["surveyId", String(post.id)], ["opensDate", "2026-09-15"], ["opensTime", "13:00"], ["closesDate", "2026-12-31"], ["closesTime", "23:59"]], cookie);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/serier/${huddinge}/enkater?klart=tider&enkat=${post.id}#enkat-${post.id}`);
    const row = sql().prepare("select opens_at as o, closes_at as c from surveys where id = ?").get(post.id) as { o: number; c: number };
    expect(new Date(row.o).toISOString()).toBe("2026-09-15T11:00:00.000Z");
    expect(new Date(row.c).toISOString()).toBe("2026-12-31T22:59:00.000Z");

    const reset = await act(huddinge, [["intent", "reset-times"], ["surveyId", String(post.id)]], cookie);
    expect(reset.status).toBe(302);
    expect(sql().prepare("select opens_at as o, closes_at as c from surveys where id = ?").get(post.id)).toEqual({ o: null, c: null });
  });

  it("lets the process leader add the self-assessment at a session or with times, once", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const template = (sql().prepare("select id from survey_templates where key = 'nu-jamfort-med-start'").get() as { id: number }).id;
    const nothing = await act(huddinge, [["intent", "add"], ["templateId", String(template)], ["sessionId", ""]], cookie);
    expect(nothing.status).toBe(400);
    expect((await nothing.json()).errors).toEqual({ sessionId: "Välj ett tillfälle eller ange när enkäten öppnar och stänger." });
    const half = await act(huddinge, [["intent", "add"], ["templateId", String(template)], ["sessionId", ""], ["opensDate", "2026-12-01"], ["opensTime", ""], ["closesDate", ""], ["closesTime", ""]], cookie);
    expect(half.status).toBe(400);
    expect((await half.json()).errors).toEqual({
      opensTime: "Ange en tid som TT:MM, till exempel 08:30.",
      closesDate: "Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15.",
      closesTime: "Ange en tid som TT:MM, till exempel 08:30.",
    });
    const foreignSession = seriesSessionRows(seriesId("Botkyrka"))[0].id;
    const foreign = await act(huddinge, [["intent", "add"], ["templateId", String(template)], ["sessionId", String(foreignSession)]], cookie);
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).errors).toEqual({ sessionId: "Tillfället finns inte i den här serien." });
    expect(count("select count(*) as n from surveys where series_id = ?", huddinge)).toBe(2);

    const seminar3 = seriesSessionRows(huddinge).find((s) => s.position === 3)!.id;
    const added = await act(huddinge, [["intent", "add"], ["templateId", String(template)], ["sessionId", String(seminar3)]], cookie);
    expect(added.status).toBe(302);
    const row = sql().prepare("select series_session_id as sessionId, opens_at as o, public_code as code from surveys where series_id = ? and template_id = ?").get(huddinge, template) as {
      sessionId: number;
      o: null;
      code: string;
    };
    expect(row).toMatchObject({ sessionId: seminar3, o: null });
    expect(row.code).toMatch(/^[A-Z2-9]{8}$/);
    const twice = await act(huddinge, [["intent", "add"], ["templateId", String(template)], ["sessionId", String(seminar3)]], cookie);
    expect(twice.status).toBe(400);
    expect((await twice.json()).errors).toEqual({ templateId: "Mallen används redan i den här serien." });

    // The self-assessment's now/then items are answered as two scales each.
    sql().prepare("update surveys set opens_at = ?, closes_at = ? where series_id = ? and template_id = ?").run(Date.now() - HOUR, Date.now() + HOUR, huddinge, template);
    const stored = await answerAnonymously(
      [["submissionKey", key(30)], ["q_1a", "4"], ["q_1a_hade", "2"], ["q_1b", "9"], ["q_1b_hade", "1"]],
      { code: row.code },
    );
    expect(stored.status).toBe(302);
    const answer = sql()
      .prepare("select a.value, a.value_then as valueThen, a.dont_know as dontKnow from survey_answers a join survey_responses r on r.id = a.response_id where r.submission_key = ? order by a.item_id")
      .all(key(30));
    expect(answer).toEqual([
      { value: 4, valueThen: 2, dontKnow: 0 },
      { value: null, valueThen: 1, dontKnow: 1 },
    ]);
  });
});

describe("anonymity of stored responses", () => {
  it("survey_responses has no column that names or references a person, and no foreign key to people or users", () => {
    const columns = (sql().prepare("pragma table_info(survey_responses)").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(["id", "survey_id", "series_id", "series_session_id", "sector", "role_category", "pair_code", "channel", "submission_key", "submitted_on"]);
    const tables = (sql().prepare("pragma foreign_key_list(survey_responses)").all() as { table: string }[]).map((f) => f.table).sort();
    expect(tables).toEqual(["series", "series_sessions", "surveys"]);
    // And the receipt that a person answered holds nothing that joins it to the answers.
    const receipt = (sql().prepare("pragma table_info(survey_receipts)").all() as { name: string }[]).map((c) => c.name);
    expect(receipt).toEqual(["survey_id", "person_id"]);
  });
});
