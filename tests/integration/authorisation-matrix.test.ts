/**
 * The authorisation matrix (issue #11 item 4, decision 018).
 *
 * Every module in app/routes is a row below: for its loader and its action,
 * which of the seven roles is let through (allow) and which is turned away
 * (deny). The test reads the route folder itself, so a new route file without
 * a row fails, and so does a row whose file is gone. Each case calls the real
 * loader or action with a real sign-in of that role, on real Huddinge demo
 * resources, and sorts the answer (see classify in tests/support/authorisation-matrix.ts):
 *
 *   allow  2xx; a redirect that is not to a sign-in page; 400 from an action
 *          given an empty or minimal form (it got past the permission check)
 *   deny   401, 403, 404 (also "another municipality's series looks missing"),
 *          or a redirect to /logga-in or /mina-sidor/logga-in
 *
 * Anything else – a 500, an exception, a 429 – fails the case.
 *
 * Whatever a sponsor is allowed to see, and whatever an anonymous visitor gets
 * from a public route, is searched for every person's name and e-mail and every
 * coordinator's e-mail: none may appear.
 *
 * /halsa (the health check) is served by server.js before Remix and is not a
 * route module; it answers "ok" and touches no data. The cross-site check on
 * posts also lives in server.js (decision 015), so it is not exercised here;
 * the posts carry a same-origin Origin header as a browser's would.
 *
 * To add a route: one line in MATRIX, e.g.
 *   "granskningslogg.tsx": { loader: LEADER, action: null },
 * (null: the module exports no such function), plus params/query/form if its
 * defaults below do not fit.
 */
import path from "node:path";
import { getDb, schema } from "~/models/db.server";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANY_PARTICIPANT,
  ANY_STAFF,
  classify,
  cookieFor,
  createFixtures,
  EVERYONE,
  HUDDINGE_PARTICIPANT,
  LEADER,
  NOBODY,
  only,
  paramNames,
  personalData,
  ROLES,
  routeFiles,
  ROUTES_DIR,
  SERIES_READERS,
  SERIES_STAFF,
  urlFor,
  type Expectation,
  type Fixtures,
  type Role,
} from "../support/authorisation-matrix";

type Values = Record<string, string>;
type Row = {
  /** Who may call the loader; null when the module has none. */
  loader: Expectation | null;
  /** Who may call the action; null when the module has none. */
  action: Expectation | null;
  /** Route params beyond the defaults (seriesId, sessionId, surveyId, …), computed per case. */
  params?: (f: Fixtures, role: Role) => Values;
  /** Search params for the loader's URL. */
  query?: (f: Fixtures) => Values;
  /** The form posted to the action (default: empty). */
  form?: (f: Fixtures) => Values;
  /** The token holder's own name and address, which a token page may show to whoever holds the token. */
  holder?: (f: Fixtures) => string[];
  /** Why, where the answer is not simply the permission helper's. */
  note?: string;
};

const COORDINATORS_AND_LEADER = only("coordinatorA", "coordinatorB", "processLeader");
/** The file param of a table download. */
const csv = (file: string) => () => ({ file });

// prettier-ignore
const MATRIX: Record<string, Row> = {
  // ── Public pages and token/code routes: no role check; the token or code is the credential, with rate limits per IP.
  "$.tsx": { loader: NOBODY, action: NOBODY, note: "catch-all: 404 for every unknown URL" },
  "aktivera.$token.tsx": { loader: EVERYONE, action: EVERYONE, params: (f) => ({ token: f.activationToken() }), note: "account activation: the mailed single-use token; the page shows the account's own name and address" },
  "enkat.$code.tsx": { loader: EVERYONE, action: EVERYONE, params: (f) => ({ code: f.surveyCode }), note: "anonymous survey by public code, rate limited per IP" },
  "enkat._index.tsx": { loader: null, action: EVERYONE, note: "typing a survey code, rate limited per IP" },
  "enkat.personlig.$token.tsx": { loader: EVERYONE, action: EVERYONE, params: (f) => ({ token: f.surveyToken }), note: "personal survey link: the token, rate limited per IP" },
  "ics.prenumeration.$token.tsx": { loader: EVERYONE, action: null, params: (f) => ({ token: f.sponsorCalendarToken }), note: "calendar feed: the user's secret token (here the sponsor's), scoped as that user" },
  "incheckning.$code.tsx": { loader: EVERYONE, action: EVERYONE, params: (f) => ({ code: f.checkinCode }), note: "check-in by code on a phone, rate limited per IP" },
  "incheckning._index.tsx": { loader: EVERYONE, action: EVERYONE, note: "typing a check-in code, rate limited per IP" },
  "incheckning.personlig.$token.tsx": { loader: EVERYONE, action: null, params: (f) => ({ token: f.checkinToken }), note: "personal check-in link: the token; shows a first name only" },
  "logga-in.tsx": { loader: EVERYONE, action: EVERYONE, note: "staff sign-in, throttled per account and IP" },
  "logga-ut.tsx": { loader: EVERYONE, action: NOBODY, note: "sign-out always ends on /logga-in, which reads as deny; it only ends the caller's own session" },
  "mina-sidor.lank.$token.tsx": { loader: EVERYONE, action: EVERYONE, params: (f) => ({ token: f.magicLinkToken() }), note: "participant's mailed sign-in link: single use, fresh per case" },
  "mina-sidor.logga-in.tsx": { loader: EVERYONE, action: EVERYONE, note: "asking for a sign-in link, limited per address and IP" },
  "personuppgiftspolicy.tsx": { loader: EVERYONE, action: null, note: "privacy notice" },
  "sprak.tsx": { loader: EVERYONE, action: EVERYONE, note: "choosing a language: a cookie, no data" },
  "svar.$token.tsx": { loader: EVERYONE, action: EVERYONE, params: (f) => ({ token: f.invitationToken }), holder: () => ["Matris Inbjuden", "matris.inbjuden@huddinge.example"], note: "invitation reply: the mailed token, rate limited; greets the invitee by name" },
  "tillganglighetsredogorelse.tsx": { loader: EVERYONE, action: EVERYONE, note: "accessibility statement and its report form, rate limited per IP" },

  // ── Mina sidor: the participant's own data; Huddinge's session is the Huddinge participant's only.
  "material.$materialId.tsx": { loader: only("participant", "coordinatorA", "sponsor", "processLeader"), action: null, note: "a Huddinge session's PDF: its participants, and staff who may read the series" },
  "mina-sidor._index.tsx": { loader: ANY_PARTICIPANT, action: null },
  "mina-sidor.logga-ut.tsx": { loader: ANY_PARTICIPANT, action: NOBODY, note: "signing out ends on /mina-sidor/logga-in, which reads as deny" },
  "mina-sidor.mina-uppgifter._index.tsx": { loader: ANY_PARTICIPANT, action: ANY_PARTICIPANT },
  "mina-sidor.mina-uppgifter[.]csv.tsx": { loader: ANY_PARTICIPANT, action: null },
  "mina-sidor.mina-uppgifter[.]json.tsx": { loader: ANY_PARTICIPANT, action: null },
  "mina-sidor.tillfallen.$sessionId._index.tsx": { loader: HUDDINGE_PARTICIPANT, action: HUDDINGE_PARTICIPANT },
  "mina-sidor.tillfallen.$sessionId.forberedelser.tsx": { loader: HUDDINGE_PARTICIPANT, action: HUDDINGE_PARTICIPANT },
  "mina-sidor.tillfallen.$sessionId.kalender.tsx": { loader: HUDDINGE_PARTICIPANT, action: null },

  // ── Staff pages across series (lists are scoped inside the query).
  "_index.tsx": { loader: ANY_STAFF, action: null },
  "deltagarmall[.]csv.tsx": { loader: COORDINATORS_AND_LEADER, action: null, note: "an empty import template with a made-up example row" },
  "kalender.tsx": { loader: ANY_STAFF, action: ANY_STAFF, note: "the action renews the caller's own calendar token" },
  "personuppgiftsbegaran._index.tsx": { loader: COORDINATORS_AND_LEADER, action: COORDINATORS_AND_LEADER, note: "requests scoped to the coordinator's municipalities in SQL" },
  "personuppgiftsbegaran.$requestId.$mode.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF, params: (f) => ({ requestId: String(f.erasureRequest), mode: "anonymisera" }), note: "carrying out a Huddinge participant's erasure request: its series' coordinators and process leaders; B gets 404" },
  "granskningslogg.tsx": { loader: LEADER, action: null, note: "the audit log (decision 016)" },
  "installningar.gallring.tsx": { loader: LEADER, action: LEADER, note: "retention settings, dry run and run now (decision 017)" },
  "serier._index.tsx": { loader: ANY_STAFF, action: null },
  "utbyten._index.tsx": { loader: ANY_STAFF, action: LEADER },

  // ── Process leaders and sponsors: the county dashboard (suppressed for sponsors).
  "lan.tsx": { loader: only("sponsor", "processLeader"), action: null },
  "lan[.]json.tsx": { loader: only("sponsor", "processLeader"), action: null },
  "lan_.$file.tsx": { loader: only("sponsor", "processLeader"), action: null, params: csv("lage.csv") },

  // ── Process leaders only.
  "enkatmallar.$templateId._index.tsx": { loader: LEADER, action: LEADER, params: (f) => ({ templateId: String(f.builtInSurveyTemplate) }) },
  "enkatmallar.$templateId.redigera.tsx": { loader: LEADER, action: LEADER, params: (f) => ({ templateId: String(f.ownSurveyTemplate) }) },
  "enkatmallar._index.tsx": { loader: LEADER, action: null },
  "enkatmallar.ny.tsx": { loader: LEADER, action: LEADER },
  "mallar.$templateId.tsx": { loader: LEADER, action: LEADER, params: (f) => ({ templateId: String(f.seriesTemplate) }) },
  "mallar._index.tsx": { loader: LEADER, action: LEADER },
  "personal.tsx": { loader: LEADER, action: LEADER },
  "serier.ny.tsx": { loader: LEADER, action: LEADER },
  "tillganglighetsredogorelse_.rapporter.tsx": { loader: LEADER, action: null },
  "utkorg.tsx": { loader: LEADER, action: null },

  // ── Huddinge's series: coordinator B gets 404 (the series looks missing), the sponsor 403 where people are involved.
  "ics.serie.$seriesId.tsx": { loader: SERIES_READERS, action: null },
  "ics.tillfalle.$sessionId.tsx": { loader: SERIES_READERS, action: null },
  "serier.$seriesId._index.tsx": { loader: SERIES_READERS, action: SERIES_STAFF },
  "serier.$seriesId.deltagare._index.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.deltagare.import.$importId.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF, params: (f) => ({ importId: String(f.participantImport()) }) },
  "serier.$seriesId.deltagare.import._index.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.deltagare[.]csv.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.enkater.$surveyId.import.$importId.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF, params: (f, role) => ({ importId: String(f.surveyImport(role)) }), note: "an upload is only opened by whoever uploaded it: each staff role gets its own" },
  "serier.$seriesId.enkater.$surveyId.import._index.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.enkater.$surveyId.import.mall[.]csv.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.enkater.$surveyId.pappersenkater.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.enkater.$surveyId.visa.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.enkater._index.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF, form: () => ({ intent: "send-links" }), note: "send-links is the one intent a coordinator may post; the others are the process leader's" },
  "serier.$seriesId.enkater.analys.tsx": { loader: SERIES_READERS, action: null, note: "suppressed for the sponsor" },
  "serier.$seriesId.enkater.analys_.$file.tsx": { loader: SERIES_READERS, action: null, params: csv("svarsfrekvens.csv") },
  "serier.$seriesId.enkater.fritext.tsx": { loader: LEADER, action: LEADER, note: "free-text answers: process leaders only" },
  "serier.$seriesId.enkater.svar[.]csv.tsx": { loader: LEADER, action: null, note: "raw responses: process leaders only" },
  "serier.$seriesId.forankring.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.inbjudningar.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.narvaro.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.narvaro[.]csv.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.narvaro_.import.$importId.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF, params: (f) => ({ importId: String(f.attendanceImport()) }) },
  "serier.$seriesId.narvaro_.import._index.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.narvaro_.import.mall[.]csv.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.oversikt.tsx": { loader: SERIES_STAFF, action: null, note: "exact counts, so not for the sponsor (who has the county dashboard)" },
  "serier.$seriesId.oversikt[.]json.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.oversikt_.$file.tsx": { loader: SERIES_STAFF, action: null, params: csv("sektorer.csv") },
  "serier.$seriesId.tillfallen.$sessionId._index.tsx": { loader: SERIES_READERS, action: LEADER, form: () => ({ intent: "save" }), note: "every intent (session details, preparation) is the process leader's" },
  "serier.$seriesId.tillfallen.$sessionId.ersattare.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF, query: (f) => ({ for: String(f.participant) }), form: (f) => ({ for: String(f.participant) }) },
  "serier.$seriesId.tillfallen.$sessionId.foreslagna-ersattare.$substitutionId.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.tillfallen.$sessionId.grupper._index.tsx": { loader: SERIES_STAFF, action: LEADER, note: "generating and publishing groups is the process leader's (decision 012)" },
  "serier.$seriesId.tillfallen.$sessionId.grupper.utskrift.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.tillfallen.$sessionId.grupper.visa.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.tillfallen.$sessionId.incheckning.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.tillfallen.$sessionId.narvaro.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "serier.$seriesId.tillfallen.$sessionId.narvarolista.tsx": { loader: SERIES_STAFF, action: null },
  "serier.$seriesId.tillfallen.$sessionId.pa-plats.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },

  // ── The exchange session shared by Huddinge and Nacka: Botkyrka's coordinator does not see it.
  "utbyten.$eventId._index.tsx": { loader: SERIES_READERS, action: LEADER },
  "utbyten.$eventId.ersattare.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF, query: (f) => ({ for: String(f.participant) }), form: (f) => ({ for: String(f.participant) }) },
  "utbyten.$eventId.grupper._index.tsx": { loader: SERIES_STAFF, action: LEADER },
  "utbyten.$eventId.grupper.utskrift.tsx": { loader: SERIES_STAFF, action: null },
  "utbyten.$eventId.grupper.visa.tsx": { loader: SERIES_STAFF, action: null },
  "utbyten.$eventId.incheckning.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "utbyten.$eventId.narvaro.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
  "utbyten.$eventId.narvarolista.tsx": { loader: SERIES_STAFF, action: null },
  "utbyten.$eventId.pa-plats.tsx": { loader: SERIES_STAFF, action: SERIES_STAFF },
};

/** Route params every route of that shape gets unless its row says otherwise: all Huddinge's. */
function defaultParams(f: Fixtures): Values {
  return {
    seriesId: String(f.huddinge),
    sessionId: String(f.session),
    surveyId: String(f.survey),
    materialId: String(f.material),
    eventId: String(f.exchange),
    substitutionId: String(f.substitution),
  };
}

/** Exactly the params the file's URL has: Remix passes no others (and some helpers branch on which are present). */
function paramsFor(file: string, row: Row, role: Role): Values {
  const all = { ...defaultParams(f), ...row.params?.(f, role) };
  return Object.fromEntries(paramNames(file).map((name) => [name, all[name]]));
}

let f: Fixtures;
let forbidden: string[];
const modules = new Map<string, Record<string, unknown>>();
let ip = 0;
/** The sponsor's and anonymous visitors' allowed answers that were searched for personal data. */
const scanned: string[] = [];
let ran = 0;

beforeAll(async () => {
  f = await createFixtures();
  forbidden = personalData();
  for (const file of routeFiles()) modules.set(file, await import(path.join(ROUTES_DIR, file)));
}, 120_000); // importing all 91 route modules takes a while on a busy machine

describe("the matrix covers the route folder exactly", () => {
  it("has a row for every route module in app/routes", () => {
    const missing = routeFiles().filter((file) => !(file in MATRIX));
    expect(missing, "route files with no row in MATRIX").toEqual([]);
  });

  it("has no row for a route module that no longer exists", () => {
    const files = new Set(routeFiles());
    expect(Object.keys(MATRIX).filter((file) => !files.has(file)), "MATRIX rows with no route file").toEqual([]);
  });

  it("says null exactly where a module exports no loader or no action", () => {
    const wrong = Object.entries(MATRIX).flatMap(([file, row]) => {
      const mod = modules.get(file);
      if (!mod) return [];
      return (["loader", "action"] as const)
        .filter((kind) => (typeof mod[kind] === "function") !== (row[kind] !== null))
        .map((kind) => `${file} ${kind}: module ${typeof mod[kind] === "function" ? "has one" : "has none"}`);
    });
    expect(wrong).toEqual([]);
  });

  it("builds each request's URL the way flat routes name it", () => {
    expect(urlFor("serier.$seriesId.narvaro_.import._index.tsx", { seriesId: "7" })).toBe("/serier/7/narvaro/import");
    expect(urlFor("deltagarmall[.]csv.tsx", {})).toBe("/deltagarmall.csv");
    expect(urlFor("lan_.$file.tsx", { file: "lage.csv" })).toBe("/lan/lage.csv");
    expect(urlFor("mina-sidor.mina-uppgifter[.]json.tsx", {})).toBe("/mina-sidor/mina-uppgifter.json");
    expect(urlFor("_index.tsx", {})).toBe("/");
  });

  it("has a value for every route param", () => {
    const missing = Object.entries(MATRIX).flatMap(([file, row]) => {
      const params = paramsFor(file, row, "processLeader");
      return paramNames(file).filter((name) => !params[name]).map((name) => `${file}: ${name}`);
    });
    expect(missing).toEqual([]);
  });
});

describe("the personal-data search", () => {
  it("looks (before any case runs) for every person's name and address and every coordinator's address", () => {
    expect(forbidden).toEqual(expect.arrayContaining(["samordnare@huddinge.example", "samordnare@botkyrka.example", "Matris Ersättare"]));
    const people = getDb().select({ name: schema.people.name, email: schema.people.email }).from(schema.people).all();
    expect(people.length).toBeGreaterThan(200);
    const searched = new Set(forbidden);
    const missing = people.flatMap((p) => [p.name, p.email]).filter((value) => value && !searched.has(value));
    expect(missing).toEqual([]);
  });
});

function buildRequest(file: string, kind: "loader" | "action", row: Row, params: Values, cookie: string | undefined): Request {
  const search = row.query ? `?${new URLSearchParams(row.query(f))}` : "";
  const url = `http://localhost${urlFor(file, params)}${search}`;
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  if (kind === "loader") return new Request(url, { headers });
  return new Request(url, {
    method: "POST",
    headers: { ...headers, Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(row.form?.(f) ?? {}),
  });
}

const sortedRows = Object.entries(MATRIX).sort(([a], [b]) => a.localeCompare(b));
const totalCases = sortedRows.reduce((n, [, row]) => n + (row.loader ? ROLES.length : 0) + (row.action ? ROLES.length : 0), 0);

for (const kind of ["loader", "action"] as const) {
  describe(`every ${kind}, for every role`, () => {
    for (const [file, row] of sortedRows) {
      const expectation = row[kind];
      if (!expectation) continue;
      for (const role of ROLES) {
        it(`${file} ${kind}: ${role} → ${expectation[role]}`, async () => {
          const mod = modules.get(file);
          if (!mod) throw new Error(`${file} is not a route module`);
          const fn = mod[kind] as (args: unknown) => Promise<unknown>;
          const params = paramsFor(file, row, role);
          const request = buildRequest(file, kind, row, params, await cookieFor(role, f));
          // A fresh address per case, so the per-IP rate limits of the public routes never trip.
          const context = { clientIp: `198.51.100.${(ip++ % 250) + 1}` };
          const result = await classify(kind, () => fn({ request, params, context }));
          ran++;

          const detail = `${result.status}${result.location ? ` → ${result.location}` : ""}${result.outcome === "error" ? `\n${result.body.slice(0, 1000)}` : ""}`;
          expect(result.outcome, detail).toBe(expectation[role]);

          // Nothing a sponsor may see, and nothing public, names a person.
          if ((role === "sponsor" || role === "anonymous") && result.outcome === "allow") {
            scanned.push(`${file} ${kind} ${role}`);
            const own = new Set(row.holder?.(f) ?? []);
            const leaked = forbidden.filter((value) => !own.has(value) && result.body.includes(value));
            expect(leaked, `personal data in ${role}'s answer`).toEqual([]);
          }
        });
      }
    }
  });
}

describe("the personal-data search, afterwards", () => {
  it("searched every answer the matrix lets a sponsor or an anonymous visitor have", (ctx) => {
    // Only meaningful when every case ran (not under a -t filter).
    if (ran < totalCases) ctx.skip();
    const expected = sortedRows.flatMap(([file, row]) =>
      (["loader", "action"] as const).flatMap((kind) =>
        (["anonymous", "sponsor"] as const).filter((role) => row[kind]?.[role] === "allow").map((role) => `${file} ${kind} ${role}`),
      ),
    );
    expect(scanned.sort()).toEqual(expected.sort());
  });
});
