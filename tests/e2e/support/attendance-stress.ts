/**
 * Crash and load tests of attendance writes (issue #11 item 8, decision 020).
 * Shared by the quick variants in tests/e2e and the long ones in
 * tests/stress.
 *
 * Everything goes through real HTTP to the production build: staff sign in
 * through /logga-in and mark rows on the roster the way the page's fetcher
 * does (POST …/narvaro.data, intent=mark); participants check in with the
 * session's code and their e-mail address, or through their personal link
 * (GET /incheckning/personlig/<token>?kod=…, which leaves a cookie) and the
 * code alone.
 *
 * The fixture keeps the two kinds of writes apart, so the expected final
 * state follows from the acknowledged operations alone:
 * - roster pairs (session, person) on sessions that are not open for
 *   check-in: each pair is owned by exactly one client, which writes it one
 *   request at a time, so its acknowledged writes have a known order and at
 *   most one write of it is in flight at any moment;
 * - check-in people on the two sessions whose window is open (Huddinge's
 *   seminar 3 and Nacka's seminar 1, moved to start in 25 minutes),
 *   where nobody marks the roster. Each person is checked in by two clients at
 *   once in the load test: exactly one of them may be told "incheckad".
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { signIn } from "../../bench/server-process";
import { DEMO, DEMO_PASSWORD } from "./browser";

export const MARKABLE = ["narvarande", "sen", "franvarande_anmalt", "franvarande_ej_anmalt"] as const;
export type Markable = (typeof MARKABLE)[number];

/** STRESS_SEED from the environment, or the given default; printed by the tests so a failure can be rerun. */
export function stressSeed(fallback: number): number {
  const fromEnv = Number(process.env.STRESS_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

// ------------------------------------------------------------------ fixture

export type RosterPair = {
  key: string;
  seriesId: number;
  sessionId: number;
  personId: number;
  /** The roster's fetcher URL. */
  path: string;
  /** Staff accounts allowed to mark it: the series' coordinator and the process leader. */
  accounts: string[];
};

export type CheckinPerson = {
  sessionId: number;
  code: string;
  personId: number;
  email: string;
  /** A personal link's raw token (its hash is in checkin_tokens), or null for the e-mail route. */
  token: string | null;
};

export type Fixture = { rosterPairs: RosterPair[]; checkinPeople: CheckinPerson[] };

/** The check-in codes the fixture gives the two open sessions (letters and digits of CHECKIN_CODE_ALPHABET). */
export const CHECKIN_CODES = { huddinge: "LASTHD", nacka: "LASTNK" } as const;

const SERIES = {
  botkyrka: { name: "Processtöd skolnärvaro Botkyrka", coordinator: DEMO.botkyrka },
  huddinge: { name: "Processtöd skolnärvaro Huddinge", coordinator: DEMO.huddinge },
  nacka: { name: "Processtöd skolnärvaro Nacka", coordinator: DEMO.nacka },
} as const;

/**
 * Prepares a copy of the demo database before the server first opens it:
 * opens check-in on two sessions, gives them known codes, issues personal
 * links to every other check-in person, and lists the roster pairs.
 */
export function prepareFixture(file: string, now = Date.now()): Fixture {
  const db = new Database(file);
  try {
    const seriesId = (key: keyof typeof SERIES) => (db.prepare("select id from series where name = ?").get(SERIES[key].name) as { id: number }).id;
    const session = (key: keyof typeof SERIES, position: number) =>
      (db.prepare("select id from series_sessions where series_id = ? and position = ?").get(seriesId(key), position) as { id: number }).id;

    // Roster pairs: enrolled people of held and planned sessions, leaving out
    // substitutes and the people they replaced (their rows follow other rules).
    const rosterSessions: [keyof typeof SERIES, number][] = [
      ["botkyrka", 1],
      ["botkyrka", 2],
      ["botkyrka", 3],
      ["huddinge", 1],
      ["huddinge", 2],
      ["nacka", 2],
      ["nacka", 3],
    ];
    const pairQuery = db.prepare(`
      select e.person_id as personId from enrolments e
      left join attendance a on a.series_session_id = @session and a.person_id = e.person_id
      where e.series_id = @series and e.status = 'anmald'
        and (a.id is null or (a.status <> 'ersatt' and a.substitute_for_person_id is null))
        and not exists (select 1 from attendance b where b.series_session_id = @session and b.substitute_for_person_id = e.person_id)
      order by e.person_id`);
    const rosterPairs: RosterPair[] = [];
    for (const [key, position] of rosterSessions) {
      const series = seriesId(key);
      const sessionId = session(key, position);
      for (const { personId } of pairQuery.all({ session: sessionId, series }) as { personId: number }[]) {
        rosterPairs.push({
          key: `${sessionId}:${personId}`,
          seriesId: series,
          sessionId,
          personId,
          path: `/serier/${series}/tillfallen/${sessionId}/narvaro.data`,
          accounts: [SERIES[key].coordinator, DEMO.admin],
        });
      }
    }

    // Check-in sessions: starting in 25 minutes (check-in opens 30 minutes before), so check-in is
    // open now and everyone arriving within the next 40 minutes is "närvarande", however slow the run.
    const checkinPeople: CheckinPerson[] = [];
    // One token per person (checkin_tokens is keyed by person): someone enrolled in both series keeps one link.
    const tokens = new Map<number, string>();
    const insertToken = db.prepare(
      "insert into checkin_tokens (person_id, token_hash, created_at) values (?, ?, ?) on conflict(person_id) do update set token_hash = excluded.token_hash",
    );
    db.transaction(() => {
      for (const [key, position, code] of [
        ["huddinge", 3, CHECKIN_CODES.huddinge],
        ["nacka", 1, CHECKIN_CODES.nacka],
      ] as const) {
        const sessionId = session(key, position);
        db.prepare("update series_sessions set starts_at = ?, ends_at = ?, checkin_code = ?, checkin_margin_minutes = 30 where id = ?").run(now + 25 * 60_000, now + 3 * 3_600_000, code, sessionId);
        const people = db
          .prepare(
            `select p.id, p.email from enrolments e join people p on p.id = e.person_id
             where e.series_id = ? and e.status = 'anmald'
               and not exists (select 1 from attendance a where a.series_session_id = ? and a.person_id = p.id)
             order by p.id`,
          )
          .all(seriesId(key), sessionId) as { id: number; email: string }[];
        people.forEach((p, i) => {
          let token: string | null = tokens.get(p.id) ?? null;
          if (i % 2 === 1 && !token) {
            token = crypto.randomBytes(32).toString("base64url");
            tokens.set(p.id, token);
            insertToken.run(p.id, crypto.createHash("sha256").update(token).digest("hex"), now);
          }
          checkinPeople.push({ sessionId, code, personId: p.id, email: p.email, token });
        });
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    return { rosterPairs, checkinPeople };
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------ HTTP clients

/** Signs in every account once; several clients of one account share its cookie, like tabs of one browser. */
export async function signInAll(url: string, emails: string[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  for (const email of new Set(emails)) cookies.set(email, await signIn(url, email, DEMO_PASSWORD));
  return cookies;
}

/** The result of one request: an HTTP status, or "network" when no answer came (the server died). */
export type Answer = ({ status: number; body: string } | { status: "network"; body: string }) & { ms?: number };

async function request(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, { redirect: "manual", ...init, headers: { Origin: new URL(url).origin, ...init.headers } });
    const body = await response.text();
    return { status: response.status, body, ms: performance.now() - started };
  } catch (error) {
    return { status: "network", body: String((error as Error).cause ?? error) };
  }
}

/** One roster row, as the page's fetcher sends it. */
export function markRoster(url: string, cookie: string, pair: RosterPair, status: Markable): Promise<Answer> {
  return request(`${url}${pair.path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "mark", personId: String(pair.personId), status }).toString(),
  });
}

export function getPage(url: string, path: string, cookie = ""): Promise<Answer> {
  return request(`${url}${path}`, { method: "GET", headers: cookie ? { Cookie: cookie } : {} });
}

export type CheckinOutcome = "checkedIn" | "already" | "other";

function checkinOutcome(answer: Answer): CheckinOutcome {
  if (answer.status !== 200) return "other";
  if (answer.body.includes('"checkedIn"')) return "checkedIn";
  if (answer.body.includes('"already"')) return "already";
  return "other";
}

/**
 * A participant checks in on a phone: through the personal link (which sets
 * the cookie and sends the phone on to the code page) and the code alone, or
 * with the code and the e-mail address.
 */
export async function checkIn(url: string, person: CheckinPerson): Promise<{ answer: Answer; outcome: CheckinOutcome }> {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  let body = new URLSearchParams({ email: person.email }).toString();
  if (person.token) {
    const link = await fetchCookie(`${url}/incheckning/personlig/${person.token}?kod=${person.code}`);
    linkRequests++;
    if ("status" in link) return { answer: link, outcome: "other" };
    headers.Cookie = link.cookie;
    body = "";
  }
  const answer = await request(`${url}/incheckning/${person.code}.data`, { method: "POST", headers, body });
  return { answer, outcome: checkinOutcome(answer) };
}

/** Personal links opened (each a GET before the check-in's POST), for the request count. */
let linkRequests = 0;
export function takeLinkRequests(): number {
  const n = linkRequests;
  linkRequests = 0;
  return n;
}

/** Opens a personal link and returns the check-in cookie it sets. */
async function fetchCookie(link: string): Promise<{ cookie: string } | Answer> {
  try {
    const response = await fetch(link, { redirect: "manual" });
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith("processtod_checkin=") && c.length > "processtod_checkin=".length);
    const body = await response.text();
    if (response.status !== 302 || !cookie) return { status: response.status, body };
    return { cookie };
  } catch (error) {
    return { status: "network", body: String((error as Error).cause ?? error) };
  }
}

// ------------------------------------------------------------------ bookkeeping

/** What the clients know about one roster pair. */
export type PairLedger = {
  pair: RosterPair;
  /** The stored status when this round began (read from the database). */
  before: string | null;
  /** Statuses acknowledged with a 2xx, in the order they were sent (one request at a time per pair). */
  acked: string[];
  /** The write sent but never answered (the server died): it may or may not have landed. */
  inFlight: string | null;
};

export type CheckinLedger = {
  person: CheckinPerson;
  /** Answers with a 2xx: how many said "incheckad", how many "redan incheckad". */
  checkedIn: number;
  already: number;
  /** Requests that got no answer. */
  unanswered: number;
};

export type Tally = {
  requests: number;
  byStatus: Record<string, number>;
  /** The first few unexpected answers, for the failure message. */
  unexpected: string[];
  rosterAcked: number;
  checkinAcked: number;
  pageViews: number;
  /** Milliseconds from request to full answer of every answered request, by kind. */
  latencies: Record<RequestKind, number[]>;
};

export function newTally(): Tally {
  return { requests: 0, byStatus: {}, unexpected: [], rosterAcked: 0, checkinAcked: 0, pageViews: 0, latencies: { mark: [], revalidate: [], roster: [], checkin: [], checkinPage: [] } };
}

export type RequestKind = "mark" | "revalidate" | "roster" | "checkin" | "checkinPage";

/** The p-th percentile (0–100) of the answered requests' times (of one kind, or all), in whole milliseconds. */
export function percentile(tally: Tally, p: number, kind?: RequestKind): number {
  const times = kind ? tally.latencies[kind] : Object.values(tally.latencies).flat();
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}

function count(tally: Tally, answer: Answer, kind: RequestKind, what: string, expected: (status: number) => boolean) {
  tally.requests++;
  const key = String(answer.status);
  tally.byStatus[key] = (tally.byStatus[key] ?? 0) + 1;
  if (answer.ms !== undefined) tally.latencies[kind].push(answer.ms);
  if (answer.status === "network" || !expected(answer.status)) {
    if (tally.unexpected.length < 10) tally.unexpected.push(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  }
}

export function fiveHundreds(tally: Tally): number {
  return Object.entries(tally.byStatus)
    .filter(([status]) => /^5\d\d$/.test(status))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** The writers of one round: roster writers each own a slice of the pairs; check-in writers a slice of the people. */
export type Round = {
  url: string;
  cookies: Map<string, string>;
  ledgers: PairLedger[];
  checkins: CheckinLedger[];
  tally: Tally;
  random: () => number;
  /** Called after every acknowledged write (the crash test kills the server from here). */
  onAck?: (acknowledged: number) => void;
  /** Keep going while this says so. */
  running: () => boolean;
};

function nextStatus(current: string | null, random: () => number): Markable {
  const choices = MARKABLE.filter((s) => s !== current);
  return choices[Math.floor(random() * choices.length)];
}

/**
 * One coordinator's tab: marks its own pairs in turn. With `revalidate`, each
 * acknowledged mark is followed by the roster's data request, as Remix in the
 * browser reloads the page's loaders after a fetcher's action; every
 * `pageEvery`-th turn reloads the whole page instead of marking.
 */
export async function rosterWriter(round: Round, ledgers: PairLedger[], account: string, { pageEvery = 0, revalidate = false } = {}) {
  const cookie = round.cookies.get(account)!;
  let i = 0;
  while (round.running() && ledgers.length > 0) {
    const ledger = ledgers[i % ledgers.length];
    i++;
    if (pageEvery > 0 && i % pageEvery === 0) {
      const page = await getPage(round.url, ledger.pair.path.replace(/\.data$/, ""), cookie);
      count(round.tally, page, "roster", "GET närvarolista", (s) => s === 200);
      if (page.status === "network") return;
      round.tally.pageViews++;
      continue;
    }
    const last = ledger.acked.at(-1) ?? ledger.before;
    const status = nextStatus(last, round.random);
    const answer = await markRoster(round.url, cookie, ledger.pair, status);
    count(round.tally, answer, "mark", `markera ${ledger.pair.key} ${status}`, (s) => s === 200);
    if (answer.status === "network") {
      ledger.inFlight = status;
      return; // the server is gone; nothing after this write was sent
    }
    if (answer.status >= 200 && answer.status < 300) {
      ledger.acked.push(status);
      round.tally.rosterAcked++;
      round.onAck?.(round.tally.rosterAcked + round.tally.checkinAcked);
      if (revalidate && round.running()) {
        const data = await getPage(round.url, ledger.pair.path, cookie);
        count(round.tally, data, "revalidate", "GET närvarolistans data", (s) => s === 200);
        if (data.status === "network") return;
      }
    }
  }
}

/**
 * One phone after another: checks its people in, then (while time remains)
 * looks at the code page and tries again, which must say "redan incheckad".
 */
export async function checkinWriter(round: Round, ledgers: CheckinLedger[], { finishFirstPass = false } = {}) {
  let i = 0;
  // With finishFirstPass (the load test) every person gets their try even on a slow machine, so the count is exact.
  while ((round.running() || (finishFirstPass && i < ledgers.length)) && ledgers.length > 0) {
    const ledger = ledgers[i % ledgers.length];
    const firstPass = i < ledgers.length;
    i++;
    if (!firstPass && i % 3 === 0) {
      const page = await getPage(round.url, `/incheckning/${ledger.person.code}`);
      count(round.tally, page, "checkinPage", "GET incheckning", (s) => s === 200);
      if (page.status === "network") return;
      round.tally.pageViews++;
      continue;
    }
    const { answer, outcome } = await checkIn(round.url, ledger.person);
    count(round.tally, answer, "checkin", `checka in ${ledger.person.personId}`, (s) => s === 200);
    if (answer.status === "network") {
      ledger.unanswered++;
      return;
    }
    if (outcome === "checkedIn") ledger.checkedIn++;
    else if (outcome === "already") ledger.already++;
    else if (round.tally.unexpected.length < 10) round.tally.unexpected.push(`incheckning ${ledger.person.personId}: ${answer.status} ${answer.body.slice(0, 200)}`);
    if (outcome !== "other") {
      round.tally.checkinAcked++;
      round.onAck?.(round.tally.rosterAcked + round.tally.checkinAcked);
    }
  }
}

// ------------------------------------------------------------------ reading back

export type Baseline = { changeId: number; auditId: number };

export function readBaseline(file: string): Baseline {
  return readOnly(file, (db) => ({
    changeId: (db.prepare("select coalesce(max(id), 0) as id from attendance_changes").get() as { id: number }).id,
    auditId: (db.prepare("select coalesce(max(id), 0) as id from audit_log").get() as { id: number }).id,
  }));
}

export function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function storedStatuses(file: string, pairs: RosterPair[]): Map<string, string | null> {
  return readOnly(file, (db) => {
    const get = db.prepare("select status from attendance where series_session_id = ? and person_id = ?");
    return new Map(pairs.map((p) => [p.key, (get.get(p.sessionId, p.personId) as { status: string } | undefined)?.status ?? null]));
  });
}

/** PRAGMA integrity_check, foreign_key_check, and seminar_presence against a recount from attendance. */
export function databaseHealth(file: string) {
  return readOnly(file, (db) => {
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    const foreignKeys = db.pragma("foreign_key_check") as unknown[];
    const recount = `select a.series_id, a.person_id, p.sector, count(*) as seminars
      from attendance a join series_sessions ss on ss.id = a.series_session_id join people p on p.id = a.person_id
      where ss.kind = 'seminarium' and a.status in ('narvarande', 'sen') group by a.series_id, a.person_id`;
    const stored = "select series_id, person_id, sector, seminars from seminar_presence";
    const missing = db.prepare(`${recount} except ${stored}`).all();
    const extra = db.prepare(`${stored} except ${recount}`).all();
    const presenceRows = (db.prepare("select count(*) as n from seminar_presence").get() as { n: number }).n;
    return { integrity: integrity.map((r) => r.integrity_check), foreignKeys, presenceMissing: missing, presenceExtra: extra, presenceRows };
  });
}

export type PairProblem = { key: string; before: string | null; acked: string[]; inFlight: string | null; history: string[]; stored: string | null };

/**
 * Compares every roster pair with what was acknowledged. The history lines of
 * this round (source 'roster', newer than the baseline) must be exactly the
 * acknowledged writes in order, or those plus the one write in flight when the
 * server died; the stored status is the last of them (or the status before the
 * round when there were none).
 */
export function checkRosterPairs(file: string, ledgers: PairLedger[], baseline: Baseline) {
  return readOnly(file, (db) => {
    const historyOf = db.prepare(
      "select status from attendance_changes where id > ? and series_session_id = ? and person_id = ? and source = 'roster' order by id",
    );
    const storedOf = db.prepare("select status from attendance where series_session_id = ? and person_id = ?");
    const problems: PairProblem[] = [];
    let landedInFlight = 0;
    for (const ledger of ledgers) {
      const { pair, acked, inFlight, before } = ledger;
      const history = (historyOf.all(baseline.changeId, pair.sessionId, pair.personId) as { status: string }[]).map((r) => r.status);
      const stored = (storedOf.get(pair.sessionId, pair.personId) as { status: string } | undefined)?.status ?? null;
      const same = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);
      const withoutInFlight = same(history, acked) && stored === (acked.at(-1) ?? before);
      const withInFlight = inFlight !== null && same(history, [...acked, inFlight]) && stored === inFlight;
      if (withInFlight) landedInFlight++;
      if (!withoutInFlight && !withInFlight) problems.push({ key: pair.key, before, acked, inFlight, history, stored });
    }
    return { problems, landedInFlight };
  });
}

export type CheckinProblem = { personId: number; sessionId: number; checkedIn: number; already: number; unanswered: number; rows: number; stored: string | null };

/**
 * Every person with an acknowledged check-in is present, exactly one check-in
 * line exists for anyone who is present, and at most one answer said
 * "incheckad" (the others "redan incheckad"). With `exactlyOnce`, every person
 * must have been told "incheckad" exactly once (no crash: nothing unanswered).
 */
export function checkCheckins(file: string, ledgers: CheckinLedger[], baseline: Baseline, { exactlyOnce = false } = {}) {
  return readOnly(file, (db) => {
    const rowsOf = db.prepare("select count(*) as n from attendance_changes where id > ? and series_session_id = ? and person_id = ? and source = 'checkin'");
    const storedOf = db.prepare("select status from attendance where series_session_id = ? and person_id = ?");
    const problems: CheckinProblem[] = [];
    let present = 0;
    for (const l of ledgers) {
      const rows = (rowsOf.get(baseline.changeId, l.person.sessionId, l.person.personId) as { n: number }).n;
      const stored = (storedOf.get(l.person.sessionId, l.person.personId) as { status: string } | undefined)?.status ?? null;
      if (stored === "narvarande") present++;
      const acknowledged = l.checkedIn + l.already > 0;
      const ok =
        l.checkedIn <= 1 &&
        rows <= 1 &&
        (stored === null ? rows === 0 && !acknowledged : stored === "narvarande" && rows === 1) &&
        (exactlyOnce ? l.checkedIn === 1 && l.unanswered === 0 : true) &&
        // "redan incheckad" can only come after a check-in that landed.
        (l.already > 0 ? rows === 1 : true) &&
        // Told "incheckad", or the one unanswered try landed, or nothing landed.
        (rows === 1 ? l.checkedIn === 1 || l.unanswered > 0 : l.checkedIn === 0);
      if (!ok) problems.push({ personId: l.person.personId, sessionId: l.person.sessionId, checkedIn: l.checkedIn, already: l.already, unanswered: l.unanswered, rows, stored });
    }
    return { problems, present };
  });
}

/**
 * Audit entries for attendance written since the baseline. The audit log
 * store is on main (decision 016), but whether the roster and check-in write
 * entries depends on another helper's work; null when nothing writes them yet.
 */
export function attendanceAuditCount(file: string, baseline: Baseline): { update: number; checkin: number } | null {
  return readOnly(file, (db) => {
    const n = (action: string) =>
      (db.prepare("select count(*) as n from audit_log where id > ? and action = ?").get(baseline.auditId, action) as { n: number }).n;
    const update = n("attendance.update");
    const checkin = n("attendance.checkin");
    return update + checkin === 0 ? null : { update, checkin };
  });
}

/** Splits items round-robin into n slices. */
export function deal<T>(items: T[], n: number): T[][] {
  const slices: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => slices[i % n].push(item));
  return slices;
}

/** Fisher–Yates with the seeded generator. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
