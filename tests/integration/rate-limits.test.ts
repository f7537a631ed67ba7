/**
 * Every rate limit (decision 019), called the way Remix calls the routes with
 * the client's IP in the load context. For each: a legitimate request before
 * the limit works, the attempt after the limit-th gets 429 with a Swedish
 * message, another IP on the same target is still refused by the target key,
 * and the same IP on another target is refused by the IP key.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT_RULE, IP_RULE } from "~/lib/sign-in.server";
import { MAGIC_LINK_ADDRESS_RULE, MAGIC_LINK_IP_RULE } from "~/lib/participant-auth.server";
import { CHECKIN_CODE_RULE, CHECKIN_IP_RULE, checkinCookie } from "~/lib/checkin.server";
import { SURVEY_CODE_RULE, SURVEY_IP_RULE, SURVEY_LINK_RULE } from "~/lib/survey-answer.server";
import { REPLY_IP_RULE, REPLY_TOKEN_RULE } from "~/lib/invitations.server";
import { REPORT_ALL_RULE, REPORT_IP_RULE } from "~/lib/policy.server";
import { ensureCheckinCode } from "~/models/attendance.server";
import { issueCheckinTokens } from "~/models/checkin-token.server";
import { getDb } from "~/models/db.server";
import { createInvitation, findOpenInvitation } from "~/models/invitation.server";
import { recordFailure } from "~/models/login-throttle.server";
import { issueSurveyLinks } from "~/models/survey-distribution.server";
import { action as signInAction } from "~/routes/logga-in";
import { action as magicAction } from "~/routes/mina-sidor.logga-in";
import { action as checkinCodeAction } from "~/routes/incheckning.$code";
import { action as checkinStartAction } from "~/routes/incheckning._index";
import { action as surveyCodeAction, loader as surveyCodeLoader } from "~/routes/enkat.$code";
import { action as surveyLinkAction } from "~/routes/enkat.personlig.$token";
import { action as replyAction, loader as replyLoader } from "~/routes/svar.$token";
import { action as reportAction } from "~/routes/tillganglighetsredogorelse";
import { DEMO_PASSWORD } from "../../db/seed";
import { DEMO_EMAILS, getRequest, postForm, seriesId, seriesSessionRows, userId } from "../support/integration";

const sql = () => getDb().$client;
const ctx = (clientIp: string) => ({ clientIp });
const MINUTE = 60_000;

/** A Response whether the route returned it, threw it, or returned data() with an init. */
async function settle(work: Promise<unknown>): Promise<{ status: number; headers: Headers; body: any }> {
  let value: unknown;
  try {
    value = await work;
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* a redirect or empty body */
    }
    return { status: value.status, headers: value.headers, body };
  }
  const d = value as { data: unknown; init?: ResponseInit | null };
  return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), body: d.data };
}

/** A distinct documentation address per n, so no IP key is shared by accident. */
const ipOf = (n: number) => `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;

function enrolled(series: number): { id: number; email: string }[] {
  return sql()
    .prepare(
      `select p.id, p.email from enrolments e join people p on p.id = e.person_id
       where e.series_id = ? and e.status = 'anmald' and trim(p.email) <> '' order by p.id`,
    )
    .all(series) as { id: number; email: string }[];
}

beforeEach(() => {
  sql().prepare("delete from login_throttle").run();
});

describe("the rules", () => {
  it("are what decision 019 and the README say", () => {
    const q = 15 * MINUTE;
    const h = 60 * MINUTE;
    expect([ACCOUNT_RULE, IP_RULE]).toEqual([
      { limit: 5, windowMs: q, lockMs: q },
      { limit: 50, windowMs: q, lockMs: q },
    ]);
    expect([MAGIC_LINK_ADDRESS_RULE, MAGIC_LINK_IP_RULE]).toEqual([
      { limit: 5, windowMs: h, lockMs: h },
      { limit: 30, windowMs: q, lockMs: q },
    ]);
    expect([CHECKIN_CODE_RULE, CHECKIN_IP_RULE]).toEqual([
      { limit: 60, windowMs: q, lockMs: q },
      { limit: 30, windowMs: q, lockMs: q },
    ]);
    expect([SURVEY_CODE_RULE, SURVEY_LINK_RULE, SURVEY_IP_RULE]).toEqual([
      { limit: 300, windowMs: q, lockMs: q },
      { limit: 10, windowMs: q, lockMs: q },
      { limit: 120, windowMs: q, lockMs: q },
    ]);
    expect([REPLY_TOKEN_RULE, REPLY_IP_RULE]).toEqual([
      { limit: 10, windowMs: q, lockMs: q },
      { limit: 60, windowMs: q, lockMs: q },
    ]);
    expect([REPORT_ALL_RULE, REPORT_IP_RULE]).toEqual([
      { limit: 100, windowMs: h, lockMs: h },
      { limit: 10, windowMs: h, lockMs: h },
    ]);
  });
});

describe("staff sign-in: account + IP", () => {
  const signIn = (fields: Record<string, string>, ip: string) =>
    settle(signInAction({ request: postForm("/logga-in", fields), params: {}, context: ctx(ip) }));

  it(
    "locks the account after five failures from any addresses, the IP after fifty over any accounts",
    async () => {
      // Four failures, then the right password still works (and clears the account's count).
      for (let i = 0; i < 4; i++) expect((await signIn({ email: DEMO_EMAILS.nacka, password: `fel ${i}` }, ipOf(i))).status).toBe(401);
      expect((await signIn({ email: DEMO_EMAILS.nacka, password: DEMO_PASSWORD }, ipOf(4))).status).toBe(302);
      // Five failures from five addresses lock the account...
      for (let i = 0; i < ACCOUNT_RULE.limit; i++) expect((await signIn({ email: DEMO_EMAILS.nacka, password: `fel ${i}` }, ipOf(10 + i))).status).toBe(401);
      // ...so the sixth attempt, with the right password from a fresh address, is refused.
      const locked = await signIn({ email: DEMO_EMAILS.nacka, password: DEMO_PASSWORD }, ipOf(20));
      expect(locked.status).toBe(429);
      expect(locked.headers.get("Retry-After")).toBe("900");
      expect(locked.body.formError).toBe("För många misslyckade inloggningar. Vänta 15 minuter och försök igen.");

      // The IP key: 49 failures recorded, the 50th a real one on another account...
      const ip = "203.0.113.50";
      for (let i = 0; i < IP_RULE.limit - 1; i++) recordFailure({ key: `ip:${ip}`, rule: IP_RULE, now: new Date() });
      expect((await signIn({ email: "ingen@spray.example", password: "Sommar2026!" }, ip)).status).toBe(401);
      // ...and a real, unlocked account from that IP is refused; from elsewhere it signs in.
      expect((await signIn({ email: DEMO_EMAILS.huddinge, password: DEMO_PASSWORD }, ip)).status).toBe(429);
      expect((await signIn({ email: DEMO_EMAILS.huddinge, password: DEMO_PASSWORD }, ipOf(30))).status).toBe(302);
    },
    60_000,
  );
});

describe("participants' sign-in links: address + IP", () => {
  const ask = (email: string, ip: string) => settle(magicAction({ request: postForm("/mina-sidor/logga-in", { email }), params: {}, context: ctx(ip) }));

  it("sends five links to an address from any addresses, then 429; thirty per IP over any addresses, then 429", async () => {
    const sofia = enrolled(seriesId("Huddinge"))[0].email;
    for (let i = 0; i < MAGIC_LINK_ADDRESS_RULE.limit; i++) {
      const ok = await ask(sofia, ipOf(i));
      expect(ok.status).toBe(200);
      expect(ok.body.sent).toEqual({ minutes: expect.any(Number) });
    }
    const locked = await ask(sofia, ipOf(99));
    expect(locked.status).toBe(429);
    expect(locked.body.formError).toBe("Du har bett om många länkar på kort tid. Försök igen om 60 minuter.");

    const ip = "203.0.113.51";
    for (let i = 0; i < MAGIC_LINK_IP_RULE.limit; i++) expect((await ask(`person${i}@example.se`, ip)).status).toBe(200);
    const ipLocked = await ask("annan@example.se", ip);
    expect(ipLocked.status).toBe(429);
    expect(ipLocked.body.formError).toBe("Du har bett om många länkar på kort tid. Försök igen om 15 minuter.");
    expect((await ask("annan@example.se", ipOf(100))).status).toBe(200);
  });
});

describe("check-in codes: code + IP", () => {
  let code: string;
  let sessionId: number;
  let people: { id: number; email: string }[];

  beforeEach(() => {
    const huddinge = seriesId("Huddinge");
    sessionId = seriesSessionRows(huddinge).find((s) => s.position === 3)!.id;
    code = ensureCheckinCode({ kind: "session", seriesId: huddinge, sessionId });
    sql().prepare("delete from attendance_changes where series_session_id = ?").run(sessionId);
    sql().prepare("delete from attendance where series_session_id = ?").run(sessionId);
    sql().prepare("update series_sessions set checkin_margin_minutes = 30, starts_at = ?, ends_at = ? where id = ?").run(Date.now() - 5 * MINUTE, Date.now() + 180 * MINUTE, sessionId);
    people = enrolled(huddinge);
  });

  const checkIn = (fields: Record<string, string>, ip: string, cookie?: string) =>
    settle(checkinCodeAction({ request: postForm(`/incheckning/${code}`, fields, cookie), params: { code }, context: ctx(ip) }));

  it("refuses e-mail check-ins with a code after sixty addresses not on its roster, from whatever addresses", async () => {
    expect((await checkIn({ email: people[0].email }, ipOf(0))).status).toBe(200);
    for (let i = 0; i < CHECKIN_CODE_RULE.limit; i++) {
      expect((await checkIn({ email: `gissning${i}@example.org` }, ipOf(1 + i))).status).toBe(400);
    }
    const locked = await checkIn({ email: people[1].email }, ipOf(200));
    expect(locked.status).toBe(429);
    expect(locked.headers.get("Retry-After")).toBe("900");
    expect(locked.body).toEqual({ kind: "locked", minutes: 15, reason: "code" });
    expect(sql().prepare("select count(*) from attendance where series_session_id = ? and person_id = ?").pluck().get(sessionId, people[1].id)).toBe(0);
    // A phone that carries a personal link's cookie still checks in: it cannot be used to probe the roster.
    const token = issueCheckinTokens({ personIds: [people[1].id] }).get(people[1].id)!;
    const cookie = (await checkinCookie.serialize(token)).split(";")[0];
    const linked = await checkIn({}, ipOf(201), cookie);
    expect(linked.status).toBe(200);
    expect(linked.body.kind).toBe("result");
  });

  it("refuses an address after thirty failures, on any code", async () => {
    const ip = "203.0.113.52";
    for (let i = 0; i < CHECKIN_IP_RULE.limit; i++) {
      const wrong = await settle(checkinStartAction({ request: postForm("/incheckning", { code: `WRONG${i}` }), params: {}, context: ctx(ip) }));
      expect(wrong.status).toBe(400);
    }
    const locked = await checkIn({ email: people[0].email }, ip);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ kind: "locked", minutes: 15 });
    expect((await checkIn({ email: people[0].email }, ipOf(300))).status).toBe(200);
  });
});

describe("survey submissions: survey (room code or personal link) + IP", () => {
  let postId: number;

  beforeEach(() => {
    postId = sql().prepare("select id from surveys where public_code = 'HUDDPOST'").pluck().get() as number;
    for (const table of ["survey_responses", "survey_receipts", "survey_links"]) sql().prepare(`delete from ${table} where survey_id = ?`).run(postId);
    sql().prepare("update surveys set opens_at = ?, closes_at = ? where id = ?").run(Date.now() - 60 * MINUTE, Date.now() + 24 * 60 * MINUTE, postId);
  });

  const body = (key: string) =>
    new URLSearchParams([
      ["submissionKey", key],
      ["q_1", "ja"],
      ["q_2", "socialtjanst"],
      ["q_3", "strateg"],
      ...["4a", "4b", "4c", "4d", "4e", "4f"].map((c) => [`q_${c}`, "3"]),
      ["q_5", ""],
      ["q_6", ""],
    ]);
  const post = (path: string, fields: URLSearchParams, ip: string) => new Request(`http://localhost${path}`, { method: "POST", body: fields });
  const viaCode = (code: string, fields: URLSearchParams, ip: string) => settle(surveyCodeAction({ request: post(`/enkat/${code}`, fields, ip), params: { code }, context: ctx(ip) }));
  const viaLink = (token: string, fields: URLSearchParams, ip: string) =>
    settle(surveyLinkAction({ request: post(`/enkat/personlig/${token}`, fields, ip), params: { token }, context: ctx(ip) }));
  const responses = () => sql().prepare("select count(*) from survey_responses where survey_id = ?").pluck().get(postId);

  it("takes 300 posts to one room code from any addresses, then 429 for the survey, also for its page", async () => {
    expect((await viaCode("HUDDPOST", body("AAAAAAAAAAAAAAAAAAAA00"), ipOf(0))).status).toBe(302);
    for (let i = 1; i < SURVEY_CODE_RULE.limit; i++) expect((await viaCode("HUDDPOST", new URLSearchParams([["submissionKey", "bad"]]), ipOf(i))).status).toBe(400);
    const locked = await viaCode("HUDDPOST", body("AAAAAAAAAAAAAAAAAAAA01"), ipOf(400));
    expect(locked.status).toBe(429);
    expect(locked.headers.get("Retry-After")).toBe("900");
    expect(locked.body).toEqual({ kind: "locked", minutes: 15, reason: "target" });
    expect(responses()).toBe(1);
    const page = await settle(surveyCodeLoader({ request: getRequest("/enkat/HUDDPOST"), params: { code: "HUDDPOST" }, context: ctx(ipOf(401)) }));
    expect(page.status).toBe(429);
  });

  it("takes ten posts through one personal link from any addresses, then 429 for that link; other links go on", async () => {
    const people = enrolled(seriesId("Huddinge"));
    const tokens = issueSurveyLinks({ surveyId: postId, personIds: [people[0].id, people[1].id] });
    const [mine, theirs] = [tokens.get(people[0].id)!, tokens.get(people[1].id)!];
    for (let i = 0; i < SURVEY_LINK_RULE.limit; i++) expect((await viaLink(mine, new URLSearchParams([["submissionKey", "bad"]]), ipOf(i))).status).toBe(400);
    const locked = await viaLink(mine, body("BBBBBBBBBBBBBBBBBBBB00"), ipOf(50));
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ kind: "locked", minutes: 15, reason: "target" });
    expect((await viaLink(theirs, body("BBBBBBBBBBBBBBBBBBBB01"), ipOf(50))).status).toBe(302);
    expect(responses()).toBe(1);
  });

  it("takes 120 posts from one address over any surveys, then 429 for the address", async () => {
    const ip = "203.0.113.53";
    for (let i = 0; i < SURVEY_IP_RULE.limit; i++) expect((await viaCode(`NOSUCH${i}`, body("CCCCCCCCCCCCCCCCCCCC00"), ip)).status).toBe(404);
    const locked = await viaCode("HUDDPOST", body("CCCCCCCCCCCCCCCCCCCC01"), ip);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ kind: "locked", minutes: 15, reason: "ip" });
    expect((await viaCode("HUDDPOST", body("CCCCCCCCCCCCCCCCCCCC02"), ipOf(0))).status).toBe(302);
  });
});

describe("invitation replies: link + IP", () => {
  let series: number;
  let n = 0;
  beforeEach(() => {
    series = seriesId("Nacka");
  });

  function invite(): string {
    n += 1;
    const created = createInvitation({
      seriesId: series,
      input: { name: `Inbjuden ${n}`, email: `inbjuden${n}@example.se`, workplace: null, sector: "skola", jobTitle: null },
      userId: userId(DEMO_EMAILS.admin),
    });
    if (!created.ok) throw new Error("not created");
    return created.token;
  }
  const reply = (token: string, fields: Record<string, string>, ip: string) =>
    settle(replyAction({ request: postForm(`/svar/${token}`, fields), params: { token }, context: ctx(ip) }));
  const open = (token: string, ip: string) => settle(replyLoader({ request: getRequest(`/svar/${token}`), params: { token }, context: ctx(ip) }));

  it("takes ten posts to one link from any addresses: the tenth still answers, the eleventh gets 429", async () => {
    const first = invite();
    for (let i = 0; i < REPLY_TOKEN_RULE.limit - 1; i++) expect((await reply(first, { answer: "kanske" }, ipOf(i))).status).toBe(400);
    const tenth = await reply(first, { answer: "nej", reason: "Krockar" }, ipOf(9));
    expect(tenth.status).toBe(200);
    expect(tenth.body.result).toBe("declined");

    const second = invite();
    for (let i = 0; i < REPLY_TOKEN_RULE.limit; i++) expect((await reply(second, {}, ipOf(20 + i))).status).toBe(400);
    const locked = await reply(second, { answer: "ja" }, ipOf(40));
    expect(locked.status).toBe(429);
    expect(locked.headers.get("Retry-After")).toBe("900");
    expect(locked.body.error).toBe("Den här länken har använts för många gånger på kort tid. Försök igen om 15 minuter.");
    expect(findOpenInvitation({ token: second })).not.toBeNull();
    const page = await open(second, ipOf(41));
    expect(page.status).toBe(429);
    expect(page.body.locked).toEqual({ minutes: 15, reason: "link" });
    expect(page.body.invitation).toBeNull();
  });

  it("counts dead links opened and replies sent per address: sixty, then 429 on any link", async () => {
    const ip = "203.0.113.54";
    const token = invite();
    expect((await open(token, ip)).status).toBe(200);
    for (let i = 0; i < REPLY_IP_RULE.limit; i++) {
      const dead = await open(`hittepa${i}`, ip);
      expect(dead.status).toBe(200);
      expect(dead.body.invitation).toBeNull();
    }
    const page = await open(token, ip);
    expect(page.status).toBe(429);
    expect(page.body.locked).toEqual({ minutes: 15, reason: "ip" });
    const locked = await reply(token, { answer: "ja" }, ip);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe("För många försök från den här uppkopplingen på kort tid. Försök igen om 15 minuter.");
    expect(findOpenInvitation({ token })).not.toBeNull();
    // The invitee, elsewhere, answers.
    expect((await reply(token, { answer: "ja" }, ipOf(0))).body.result).toBe("accepted");
  });
});

describe("accessibility reports: the mailbox + IP", () => {
  const report = (description: string, ip: string) =>
    settle(reportAction({ request: postForm("/tillganglighetsredogorelse", { description }), params: {}, context: ctx(ip) }));

  it("takes a hundred reports an hour from all addresses together, then 429 for everyone", async () => {
    const now = new Date();
    for (let i = 0; i < REPORT_ALL_RULE.limit - 2; i++) recordFailure({ key: "a11y-report:all", rule: REPORT_ALL_RULE, now });
    expect((await report("Knappen syns inte", ipOf(0))).status).toBe(200);
    expect((await report("Kontrasten är för låg", ipOf(1))).status).toBe(200);
    const locked = await report("Rubriken saknas", ipOf(2));
    expect(locked.status).toBe(429);
    expect(locked.headers.get("Retry-After")).toBe("3600");
    expect(locked.body.formError).toBe("Många rapporter har kommit in på kort tid. Försök igen om 60 minuter, eller skriv direkt till tillganglighet@ifous.example.");
  });

  it("takes ten reports an hour from one address, then 429 for it; others go on", async () => {
    const ip = "203.0.113.55";
    for (let i = 0; i < REPORT_IP_RULE.limit; i++) expect((await report(`Rapport ${i}`, ip)).status).toBe(200);
    const locked = await report("Rapport 11", ip);
    expect(locked.status).toBe(429);
    expect(locked.body.formError).toBe("Många rapporter har skickats härifrån på kort tid. Försök igen om 60 minuter, eller skriv direkt till tillganglighet@ifous.example.");
    expect((await report("Från ett annat nät", ipOf(0))).status).toBe(200);
  });
});
