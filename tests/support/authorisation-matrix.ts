/**
 * Machinery for tests/integration/authorisation-matrix.test.ts (issue #11 item 4,
 * decision 018): the seven roles, the demo resources every route is asked
 * about (all Huddinge's), calling a route module's loader or action the way
 * Remix does, and sorting the answer into allow or deny.
 *
 * The matrix itself – which route allows whom – is a table in the test file.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDataRequest } from "~/models/data-request.server";
import { savePdf } from "~/lib/uploads.server";
import { ensureCheckinCode } from "~/models/attendance.server";
import { regenerateCalendarToken } from "~/models/calendar.server";
import { issueCheckinTokens } from "~/models/checkin-token.server";
import { getDb, schema } from "~/models/db.server";
import { exchangeForSeries } from "~/models/exchange.server";
import { createInvitation } from "~/models/invitation.server";
import { createMagicLink } from "~/models/participant-auth.server";
import { savePendingImport } from "~/models/participant.server";
import { addMaterial } from "~/models/prep.server";
import { proposeSubstitute } from "~/models/substitution.server";
import { issueSurveyLinks } from "~/models/survey-distribution.server";
import { savePendingSurveyImport } from "~/models/survey-entry.server";
import { createSurveyTemplate } from "~/models/survey-template.server";
import { ensureSeriesSurveys, listSeriesSurveys, listTemplates as listSurveyTemplates } from "~/models/survey.server";
import { listTemplates as listSeriesTemplates } from "~/models/template.server";
import { createStaffUser } from "~/models/user.server";
import { DEMO_EMAILS, participantCookie, seriesId, seriesSessionRows, signedInCookie, userId } from "./integration";

export const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");

/** The seven roles of issue #11. Every target resource belongs to Huddinge. */
export const ROLES = [
  "anonymous",
  "participant", // a Huddinge participant, signed in on Mina sidor
  "otherParticipant", // a Botkyrka participant, signed in on Mina sidor
  "coordinatorA", // samordnare@huddinge.example
  "coordinatorB", // samordnare@botkyrka.example
  "sponsor", // uppdragsgivare@uph.example
  "processLeader", // processledare@ifous.example
] as const;
export type Role = (typeof ROLES)[number];

export type Outcome = "allow" | "deny";
/** Allow or deny for each role; `null` in a matrix row means the module has no such export. */
export type Expectation = Record<Role, Outcome>;

/** Allow exactly the roles named, deny the rest. */
export function only(...allowed: Role[]): Expectation {
  return Object.fromEntries(ROLES.map((role) => [role, allowed.includes(role) ? "allow" : "deny"])) as Expectation;
}

// The shapes that recur in the matrix.
export const EVERYONE = only(...ROLES);
export const NOBODY = only();
export const LEADER = only("processLeader");
/** Huddinge's series, read by the people of the series (coordinator A, process leader) and the sponsor. */
export const SERIES_READERS = only("coordinatorA", "sponsor", "processLeader");
/** Huddinge's participants, attendance and other people data: coordinator A and the process leader. */
export const SERIES_STAFF = only("coordinatorA", "processLeader");
/** Any signed-in staff member, whatever their municipality (lists scoped inside the query). */
export const ANY_STAFF = only("coordinatorA", "coordinatorB", "sponsor", "processLeader");
/** Any signed-in participant, about themselves. */
export const ANY_PARTICIPANT = only("participant", "otherParticipant");
/** The Huddinge participant only: Huddinge's session on Mina sidor. */
export const HUDDINGE_PARTICIPANT = only("participant");

export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;

function personOfSeries(series: number, offset: number): number {
  const row = getDb().get<{ id: number }>(
    sql`select p.id from people p join enrolments e on e.person_id = p.id where e.series_id = ${series} order by p.id limit 1 offset ${offset}`,
  );
  if (!row) throw new Error(`No participant ${offset} in series ${series}`);
  return row.id;
}

let counter = 0;
const unique = () => ++counter;

/**
 * Real Huddinge resources for every route parameter, made through the app's
 * own model functions. Tokens that a visit uses up are made afresh per case.
 */
export async function createFixtures() {
  const huddinge = seriesId("Huddinge");
  const botkyrka = seriesId("Botkyrka");
  const sessions = seriesSessionRows(huddinge);
  // Seminar 3 (2026-11-24, tomorrow): not yet held, so every session page has something to do.
  const session = sessions[2];
  const participant = personOfSeries(huddinge, 0);
  const otherParticipant = personOfSeries(botkyrka, 0);
  const users = {
    coordinatorA: userId(DEMO_EMAILS.huddinge),
    coordinatorB: userId(DEMO_EMAILS.botkyrka),
    sponsor: userId(DEMO_EMAILS.sponsor),
    processLeader: userId(DEMO_EMAILS.admin),
  };

  ensureSeriesSurveys(huddinge);
  const survey = listSeriesSurveys({ seriesId: huddinge, scope: { kind: "all" } })[0];
  if (!survey) throw new Error("Huddinge has no survey");

  // Imports are confirmed by a successful post, so every case gets a fresh one.
  const participantImport = () =>
    savePendingImport({
      seriesId: huddinge,
      userId: users.coordinatorA,
      fileName: "deltagare.csv",
      content: "Namn;E-post;Verksamhet\nMatris Nyperson;matris.nyperson@huddinge.example;Skola",
    });
  const attendanceImport = () =>
    savePendingImport({ seriesId: huddinge, userId: users.coordinatorA, fileName: "narvaro.csv", content: "E-post;Tillfälle;Status", kind: "attendance" });
  // A survey import is only ever opened by whoever uploaded it, so each staff role gets its own
  // (coordinator B's and the sponsor's are forged: the app would not let them upload for Huddinge);
  // the others ask for coordinator A's.
  const surveyImport = (role: Role) =>
    savePendingSurveyImport({
      seriesId: huddinge,
      surveyId: survey.id,
      userId: role in users ? users[role as keyof typeof users] : users.coordinatorA,
      fileName: "enkat.csv",
      content: JSON.stringify({ columns: [], ignored: [], skipped: 0, rows: [] }),
    });

  const seriesTemplate = listSeriesTemplates()[0];
  const builtInSurveyTemplate = listSurveyTemplates().find((t) => t.builtIn)!;
  const created = createSurveyTemplate({
    values: { name: "Matrisens egen enkät", phase: "post", intro: "" },
    createdById: users.processLeader,
  });
  if (!created.ok) throw new Error("No survey template");
  const ownSurveyTemplate = created.value;

  const pdf = new Uint8Array(Buffer.from("%PDF-1.4\n% matrix\ntrailer << >>\n%%EOF\n", "latin1"));
  const key = savePdf(pdf);
  const material = addMaterial({
    sessionId: session.id,
    material: { kind: "dokument", title: "Matrisens PDF", author: null, year: null, url: null, file: { key, name: "matris.pdf", size: pdf.length } },
  });

  // The demo's exchange session shared by Huddinge and Nacka.
  const huddingeExchange = exchangeForSeries({ seriesId: huddinge });
  if (!huddingeExchange) throw new Error("No exchange event for Huddinge");

  const substitution = proposeSubstitute({
    seriesId: huddinge,
    sessionId: session.id,
    forPersonId: personOfSeries(huddinge, 5),
    substitute: { name: "Matris Ersättare", email: "matris.ersattare@huddinge.example", workplace: "Matrisskolan" },
  });
  if (!substitution.ok) throw new Error(`No substitution: ${JSON.stringify(substitution)}`);

  const invitation = createInvitation({
    seriesId: huddinge,
    input: { name: "Matris Inbjuden", email: "matris.inbjuden@huddinge.example", workplace: "Matrisskolan", sector: "skola", jobTitle: "Lärare" },
    userId: users.processLeader,
  });
  if (!invitation.ok) throw new Error("No invitation");

  const checkinCode = ensureCheckinCode({ kind: "session", seriesId: huddinge, sessionId: session.id });
  const checkinToken = issueCheckinTokens({ personIds: [participant] }).get(participant)!;
  const surveyToken = issueSurveyLinks({ surveyId: survey.id, personIds: [participant] }).get(participant)!;
  const sponsorCalendarToken = regenerateCalendarToken({ userId: users.sponsor });

  return {
    huddinge,
    botkyrka,
    session: session.id,
    participant,
    otherParticipant,
    users,
    survey: survey.id,
    surveyCode: survey.publicCode,
    participantImport,
    attendanceImport,
    surveyImport,
    seriesTemplate: seriesTemplate.id,
    builtInSurveyTemplate: builtInSurveyTemplate.id,
    ownSurveyTemplate,
    material,
    exchange: huddingeExchange.id,
    substitution: substitution.id,
    invitationToken: invitation.token,
    checkinCode,
    checkinToken,
    surveyToken,
    sponsorCalendarToken,
    /** A Huddinge participant's erasure request, for the erasure confirmation page (decision 017). */
    erasureRequest: createDataRequest({ personId: participant, kind: "radering", message: "Matrisens begäran" })!.id,
    /** An activation link of a new account, fresh for each case (a visit may use it). */
    activationToken: () =>
      createStaffUser({ name: "Matris Konto", email: `matris.konto.${unique()}@ifous.example`, role: "coordinator", organisationIds: [] }).token,
    /** A participant's sign-in link, fresh for each case (posting to it signs in and uses it up). */
    magicLinkToken: () => createMagicLink({ personId: participant, ttlMs: 20 * 60_000 }),
  };
}

/** The Cookie header for the role: a new real sign-in session each time, so a case that signs out spoils nothing. */
export async function cookieFor(role: Role, f: Fixtures): Promise<string | undefined> {
  switch (role) {
    case "anonymous":
      return undefined;
    case "participant":
      return participantCookie(f.participant);
    case "otherParticipant":
      return participantCookie(f.otherParticipant);
    default:
      return signedInCookie(f.users[role]);
  }
}

/**
 * Every person's full name and e-mail address (participants, invitees, proposed
 * substitutes) and every coordinator's e-mail: none may reach a sponsor.
 */
export function personalData(): string[] {
  const people = getDb().select({ name: schema.people.name, email: schema.people.email }).from(schema.people).all();
  const coordinators = getDb()
    .select({ email: schema.users.email })
    .from(schema.users)
    .where(sql`${schema.users.role} = 'coordinator'`)
    .all();
  // People named before they are registered: invitees and proposed substitutes.
  const invited = getDb().select({ name: schema.invitations.name, email: schema.invitations.email }).from(schema.invitations).all();
  const substitutes = getDb().select({ name: schema.substitutions.name, email: schema.substitutions.email }).from(schema.substitutions).all();
  const values = [...[...people, ...invited, ...substitutes].flatMap((p) => [p.name, p.email]), ...coordinators.map((c) => c.email)];
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.trim().length > 0))];
}

export type Classified =
  | { outcome: Outcome; status: number; location: string | null; body: string }
  | { outcome: "error"; status: number; location: string | null; body: string };

const SIGN_IN_PAGES = ["/logga-in", "/mina-sidor/logga-in"];

function isSignInRedirect(location: string | null): boolean {
  if (!location) return false;
  const pathname = new URL(location, "http://localhost").pathname;
  return SIGN_IN_PAGES.includes(pathname);
}

async function serialise(value: unknown): Promise<string> {
  if (value instanceof Response) return Buffer.from(await value.clone().arrayBuffer()).toString("utf8");
  if (value === undefined) return "";
  return JSON.stringify(value);
}

/**
 * What the answer means:
 * - allow: 2xx; a redirect anywhere but a sign-in page; for an action, 400 (the
 *   form was refused, so the permission check was passed);
 * - deny: 401, 403, 404, or a redirect to /logga-in or /mina-sidor/logga-in;
 * - error: anything else (5xx, an exception, 429, a loader's 400), which fails the test.
 */
export async function classify(kind: "loader" | "action", work: () => Promise<unknown>): Promise<Classified> {
  let value: unknown;
  try {
    value = await work();
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) value = thrown;
    else return { outcome: "error", status: 500, location: null, body: String((thrown as Error)?.stack ?? thrown) };
  }
  let status = 200;
  let location: string | null = null;
  let body: string;
  if (value instanceof Response) {
    status = value.status;
    location = value.headers.get("Location");
    body = await serialise(value);
  } else if (isDataWithInit(value)) {
    status = value.init?.status ?? 200;
    location = new Headers(value.init?.headers).get("Location");
    body = await serialise(value.data);
  } else {
    body = await serialise(value);
  }
  const result = (outcome: Classified["outcome"]) => ({ outcome, status, location, body }) as Classified;
  if (status >= 200 && status < 300) return result("allow");
  if (status >= 300 && status < 400) return result(isSignInRedirect(location) ? "deny" : "allow");
  if (status === 401 || status === 403 || status === 404) return result("deny");
  if (status === 400 && kind === "action") return result("allow");
  return result("error");
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** Route module file names in app/routes, the source of truth for what the app serves. */
export function routeFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((name) => /\.(tsx?|jsx?)$/.test(name))
    .sort();
}

/** The URL path Remix serves a flat-route file under, with the params filled in. */
export function urlFor(file: string, params: Record<string, string>): string {
  const segments = file
    .replace(/\.(tsx?|jsx?)$/, "")
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== "_index" && !(s.startsWith("_") && !s.startsWith("_index")))
    .map((s) => s.replace(/_$/, "").replace(/\[(.*?)\]/g, "$1"))
    .map((s) => (s === "$" ? params["*"] ?? "finns-inte" : s.startsWith("$") ? encodeURIComponent(params[s.slice(1)] ?? "") : s));
  return `/${segments.join("/")}`;
}

/** The dynamic segments a route file needs ($seriesId → seriesId). */
export function paramNames(file: string): string[] {
  return [...file.matchAll(/\$([A-Za-z]+)/g)].map((m) => m[1]);
}
