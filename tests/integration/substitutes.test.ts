/**
 * Substitutes named in the participant portal, staff side (issue #8 item 3):
 * confirming and rejecting through the substitution's route, the mails, the
 * colleague's access to the session in the portal, self check-in of a
 * confirmed substitute, the roster's "expected" substitute, replies on the
 * roster and "mark all present" skipping "kommer inte". Huddinge's seminar 3
 * (2026-11-24, 90 enrolled, nobody marked yet) in a copy of the demo data.
 *
 * The tests run in order and build on each other (one database per file).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/models/db.server";
import { ensureCheckinCode } from "~/models/attendance.server";
import { portalSession } from "~/models/portal.server";
import { proposeSubstitute } from "~/models/substitution.server";
import { hashToken } from "~/lib/tokens.server";
import { action as substitutionAction, loader as substitutionLoader } from "~/routes/serier.$seriesId.tillfallen.$sessionId.foreslagna-ersattare.$substitutionId";
import { loader as sessionLoader } from "~/routes/serier.$seriesId.tillfallen.$sessionId._index";
import { action as rosterAction, loader as rosterLoader } from "~/routes/serier.$seriesId.tillfallen.$sessionId.narvaro";
import { action as checkinAction } from "~/routes/incheckning.$code";
import { DEMO_EMAILS, getRequest, postForm, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const sqlite = () => getDb().$client;
const context = { clientIp: "192.0.2.77" };

let huddinge: number;
let sessionId: number;
let base: string;
const person = (email: string) => sqlite().prepare("select id from people where email_normalized = ?").get(email) as { id: number } | undefined;
const personId = (email: string) => person(email)!.id;

type Action = (args: ActionFunctionArgs) => Promise<unknown>;
type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function post(path: string, params: Record<string, string>, fields: Record<string, string>, email: string, action: Action = substitutionAction) {
  const cookie = await signedInCookie(userId(email));
  return (await action({ request: postForm(path, fields, cookie), params, context })) as Response;
}

async function load<T>(loader: Loader, path: string, params: Record<string, string>, email: string): Promise<T> {
  const cookie = await signedInCookie(userId(email));
  return (await loader({ request: getRequest(path, cookie), params, context })) as T;
}

const subPath = (id: number) => `${base}/foreslagna-ersattare/${id}`;
const subParams = (id: number, series = huddinge, session = sessionId) => ({ seriesId: String(series), sessionId: String(session), substitutionId: String(id) });
const sessionParams = () => ({ seriesId: String(huddinge), sessionId: String(sessionId) });

function propose(forEmail: string, name: string, email: string, workplace: string | null) {
  const result = proposeSubstitute({ seriesId: huddinge, sessionId, forPersonId: personId(forEmail), substitute: { name, email, workplace } });
  if (!result.ok) throw new Error(result.problem);
  return result.id;
}

const substitutionRow = (id: number) =>
  sqlite()
    .prepare("select status, substitute_person_id as substitutePersonId, handled_by_id as handledById, handled_at as handledAt from substitutions where id = ?")
    .get(id) as { status: string; substitutePersonId: number | null; handledById: number | null; handledAt: number | null };
const outboxAfter = (id: number) =>
  sqlite().prepare("select to_address as toAddress, subject, text_body as text from mail_outbox where id > ? order by id").all(id) as {
    toAddress: string;
    subject: string;
    text: string;
  }[];
const lastOutboxId = () => (sqlite().prepare("select coalesce(max(id), 0) as id from mail_outbox").get() as { id: number }).id;
const attendanceRow = (pid: number) =>
  sqlite().prepare("select status, substitute_for_person_id as substituteFor from attendance where series_session_id = ? and person_id = ?").get(sessionId, pid) as
    | { status: string; substituteFor: number | null }
    | undefined;

const SOFIA = "sofia.hassan76@huddinge.example";
const DANIEL = "daniel.holm77@huddinge.example";
const EMMA = "emma.olsson82@huddinge.example";
const MAJA = "maja.hassan78@huddinge.example";
const LENA = "lena.berg@huddinge.example";

beforeAll(() => {
  huddinge = seriesId("Huddinge");
  sessionId = seriesSessionRows(huddinge).find((s) => s.position === 3)!.id;
  base = `/serier/${huddinge}/tillfallen/${sessionId}`;
});

let lenaSubstitution: number;

describe("confirming a named substitute", () => {
  it("lists the pending substitute on the session page and the roster for the Huddinge coordinator", async () => {
    lenaSubstitution = propose(SOFIA, "Lena Berg", "Lena.Berg@huddinge.example", "Björkskolan, Huddinge");
    const page = await load<{ substitutions: { id: number; status: string; name: string; forPerson: { name: string; sector: string } }[] }>(
      sessionLoader,
      base,
      sessionParams(),
      DEMO_EMAILS.huddinge,
    );
    expect(page.substitutions?.map((s) => [s.id, s.status, s.name, s.forPerson.name, s.forPerson.sector])).toEqual([
      [lenaSubstitution, "foreslagen", "Lena Berg", "Sofia Hassan", "skola"],
    ]);
    const roster = await load<{ substitutions: { id: number }[] }>(rosterLoader, `${base}/narvaro`, sessionParams(), DEMO_EMAILS.huddinge);
    expect(roster.substitutions.map((s) => s.id)).toEqual([lenaSubstitution]);
    // The sponsor sees the session page, but no people.
    const sponsorPage = await load<{ substitutions: unknown }>(sessionLoader, base, sessionParams(), DEMO_EMAILS.sponsor);
    expect(sponsorPage.substitutions).toBeNull();
  });

  it("refuses a sector that is not in the list with a Swedish message on the field, writing nothing", async () => {
    const before = lastOutboxId();
    const response = await post(subPath(lenaSubstitution), subParams(lenaSubstitution), { intent: "confirm", from: "tillfalle", sector: "skolan", roleCategory: "" }, DEMO_EMAILS.huddinge);
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ sector: "Välj en verksamhet i listan." });
    expect(substitutionRow(lenaSubstitution).status).toBe("foreslagen");
    expect(person(LENA)).toBeUndefined();
    expect(outboxAfter(before)).toEqual([]);
  });

  it("registers the colleague in Sofia's organisation, confirms the row and sends the two mails", async () => {
    const before = lastOutboxId();
    const response = await post(
      subPath(lenaSubstitution),
      subParams(lenaSubstitution),
      { intent: "confirm", from: "tillfalle", sector: "skola", jobTitle: "Speciallärare", roleCategory: "" },
      DEMO_EMAILS.huddinge,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${base}?forslag=bekraftad&id=${lenaSubstitution}#foreslagna-ersattare`);

    const sofia = sqlite().prepare("select id, organisation_id as organisationId from people where email_normalized = ?").get(SOFIA) as { id: number; organisationId: number };
    const lena = sqlite()
      .prepare(
        "select id, name, email, email_normalized as emailNormalized, workplace, organisation_id as organisationId, sector, role_category as roleCategory, job_title as jobTitle, level from people where email_normalized = ?",
      )
      .get(LENA) as Record<string, unknown> & { id: number };
    expect(lena).toEqual({
      id: lena.id,
      name: "Lena Berg",
      email: "Lena.Berg@huddinge.example",
      emailNormalized: LENA,
      workplace: "Björkskolan, Huddinge",
      organisationId: sofia.organisationId,
      sector: "skola",
      roleCategory: "profession",
      jobTitle: "Speciallärare",
      level: null,
    });
    // A substitute comes to one session in Sofia's seat; they are not enrolled in the series.
    expect(sqlite().prepare("select count(*) as n from enrolments where person_id = ?").get(lena.id)).toEqual({ n: 0 });

    const row = substitutionRow(lenaSubstitution);
    expect(row).toMatchObject({ status: "bekraftad", substitutePersonId: lena.id, handledById: userId(DEMO_EMAILS.huddinge) });
    expect(Math.abs(row.handledAt! - Date.now())).toBeLessThan(60_000);

    const mails = outboxAfter(before);
    expect(mails.map((m) => [m.toAddress, m.subject])).toEqual([
      ["Lena.Berg@huddinge.example", "Inbjudan: du ersätter en kollega på seminariet 2026-11-24"],
      [`${SOFIA}`, "Din ersättare 2026-11-24 är bekräftad"],
    ]);
    const invitation = mails[0].text;
    const link = invitation.match(/http:\/\/localhost\/mina-sidor\/lank\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    expect(invitation.replace(link![0], "<LÄNK>")).toBe(
      "Hej Lena Berg!\n\n" +
        "Sofia Hassan kan inte komma till nästa seminarium i Processtöd skolnärvaro Huddinge och har föreslagit dig som ersättare. " +
        "Samordnaren har bekräftat det: du är välkommen i stället för Sofia Hassan.\n\n" +
        "Seminarium: 3. Samverkan och samordnat stöd vid närvaroproblem i förskola och skola\n" +
        "Datum: 2026-11-24, kl. 08:30–12:00\n" +
        "Plats: Kommunhuset, Huddinge\n\n" +
        "Förberedelser: räkna med ungefär 3 timmar.\n" +
        "– Samverkan och samordnat stöd vid närvaroproblem i förskola och skola: https://ifous.se/samverkan-och-samordnat-stod\n" +
        "– Inspelad föreläsning: Samverkan vid närvaroproblem: https://ifous.se/forelasning/samverkan\n\n" +
        "På din personliga sida ser du seminariet och förberedelserna, och där kan du bocka av det du har läst:\n<LÄNK>\n\n" +
        "Länken gäller i 7 dagar och kan användas en gång. Behöver du en ny länk kan du be om den på inloggningssidan för Mina sidor med din e-postadress.\n\n" +
        "Har du frågor? Kontakta Lena Ek, samordnare@huddinge.example.\n\n" +
        "Vänliga hälsningar\nLena Ek",
    );
    // The link is single use, stored hashed, leads to the session's portal page and lives seven days.
    const magic = sqlite().prepare("select person_id as personId, redirect_to as redirectTo, expires_at as expiresAt, used_at as usedAt from magic_links where token_hash = ?").get(hashToken(link![1])) as {
      personId: number;
      redirectTo: string;
      expiresAt: number;
      usedAt: number | null;
    };
    expect(magic).toMatchObject({ personId: lena.id, redirectTo: `/mina-sidor/tillfallen/${sessionId}`, usedAt: null });
    expect(Math.abs(magic.expiresAt - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    expect(mails[1].text).toBe(
      "Hej Sofia Hassan!\n\nSamordnaren har bekräftat Lena Berg som din ersättare på 3. Samverkan och samordnat stöd vid närvaroproblem i förskola och skola 2026-11-24.\n\nVänliga hälsningar\nLena Ek",
    );

    // Once confirmed, the colleague's portal has the session, in Sofia's place.
    const portal = portalSession({ personId: lena.id, sessionId });
    expect(portal).toMatchObject({ id: sessionId, seriesId: huddinge, substituteForName: "Sofia Hassan", reply: null });
  });

  it("answers 400 'Redan hanterad' to a second confirmation or a rejection afterwards, sending nothing", async () => {
    const before = lastOutboxId();
    const posts: Record<string, string>[] = [
      { intent: "confirm", from: "tillfalle", sector: "skola" },
      { intent: "reject", from: "tillfalle", reason: "" },
    ];
    for (const fields of posts) {
      const response = await post(subPath(lenaSubstitution), subParams(lenaSubstitution), fields, DEMO_EMAILS.huddinge);
      expect(response.status).toBe(400);
      expect((await response.json()).errors).toEqual({ form: "Redan hanterad: förslaget har redan bekräftats eller avvisats." });
    }
    expect(substitutionRow(lenaSubstitution).status).toBe("bekraftad");
    expect(outboxAfter(before)).toEqual([]);
  });

  it("shows the confirmed colleague on the roster as expected for Sofia", async () => {
    const roster = await load<{ substitutions: { id: number; status: string; arrivedStatus: string | null }[] }>(
      rosterLoader,
      `${base}/narvaro`,
      sessionParams(),
      DEMO_EMAILS.huddinge,
    );
    expect(roster.substitutions.map((s) => [s.id, s.status, s.arrivedStatus])).toEqual([[lenaSubstitution, "bekraftad", null]]);
  });
});

describe("who may handle a substitution", () => {
  let nilsSubstitution: number;

  it("gives 404 to another municipality's coordinator, by Huddinge's URL and by a URL of their own series", async () => {
    nilsSubstitution = propose(EMMA, "Nils Ek", "nils.ek@huddinge.example", null);
    const fields = { intent: "confirm", from: "tillfalle", sector: "skola" };
    const viaHuddinge = await thrownResponse(post(subPath(nilsSubstitution), subParams(nilsSubstitution), fields, DEMO_EMAILS.botkyrka));
    expect(viaHuddinge.status).toBe(404);
    const botkyrka = seriesId("Botkyrka");
    const botkyrkaSession = seriesSessionRows(botkyrka)[0].id;
    const viaOwn = await thrownResponse(
      post(`/serier/${botkyrka}/tillfallen/${botkyrkaSession}/foreslagna-ersattare/${nilsSubstitution}`, subParams(nilsSubstitution, botkyrka, botkyrkaSession), fields, DEMO_EMAILS.botkyrka),
    );
    expect(viaOwn.status).toBe(404);
    const reject = await thrownResponse(post(subPath(nilsSubstitution), subParams(nilsSubstitution), { intent: "reject", from: "tillfalle" }, DEMO_EMAILS.botkyrka));
    expect(reject.status).toBe(404);
    const page = await thrownResponse(load(substitutionLoader, subPath(nilsSubstitution), subParams(nilsSubstitution), DEMO_EMAILS.botkyrka));
    expect(page.status).toBe(404);
    expect(substitutionRow(nilsSubstitution).status).toBe("foreslagen");
  });

  it("gives 403 to the sponsor", async () => {
    const response = await thrownResponse(post(subPath(nilsSubstitution), subParams(nilsSubstitution), { intent: "confirm", from: "tillfalle", sector: "skola" }, DEMO_EMAILS.sponsor));
    expect(response.status).toBe(403);
    expect(substitutionRow(nilsSubstitution).status).toBe("foreslagen");
  });

  it("lets the process leader confirm, and records the colleague's arrival from the roster through the substitute rule", async () => {
    const confirmed = await post(subPath(nilsSubstitution), subParams(nilsSubstitution), { intent: "confirm", from: "narvaro", sector: "socialtjanst", roleCategory: "chef" }, DEMO_EMAILS.admin);
    expect(confirmed.headers.get("Location")).toBe(`${base}/narvaro?forslag=bekraftad&id=${nilsSubstitution}#foreslagna-ersattare`);
    const nils = personId("nils.ek@huddinge.example");
    expect(sqlite().prepare("select sector, role_category as role from people where id = ?").get(nils)).toEqual({ sector: "socialtjanst", role: "chef" });

    const arrived = await post(subPath(nilsSubstitution), subParams(nilsSubstitution), { intent: "arrived", from: "narvaro" }, DEMO_EMAILS.huddinge);
    expect(arrived.headers.get("Location")).toBe(`${base}/narvaro?klart=ersattare&person=${nils}`);
    expect(attendanceRow(nils)).toEqual({ status: "narvarande", substituteFor: personId(EMMA) });
    expect(attendanceRow(personId(EMMA))).toEqual({ status: "ersatt", substituteFor: null });
    const sources = sqlite().prepare("select person_id as p, status, source, changed_by_id as by from attendance_changes where series_session_id = ? order by id").all(sessionId);
    expect(sources).toEqual([
      { p: nils, status: "narvarande", source: "substitute", by: userId(DEMO_EMAILS.huddinge) },
      { p: personId(EMMA), status: "ersatt", source: "substitute", by: userId(DEMO_EMAILS.huddinge) },
    ]);
    // A second press finds Emma's seat taken and says so.
    const again = await post(subPath(nilsSubstitution), subParams(nilsSubstitution), { intent: "arrived", from: "narvaro" }, DEMO_EMAILS.huddinge);
    expect(again.status).toBe(400);
  });
});

describe("rejecting a named substitute", () => {
  it("refuses a reason over 500 characters, then rejects, mailing only the participant who named the colleague", async () => {
    const id = propose(DANIEL, "Olle Strand", "olle.strand@huddinge.example", "Solskolan, Huddinge");
    const tooLong = await post(subPath(id), subParams(id), { intent: "reject", from: "tillfalle", reason: "x".repeat(501) }, DEMO_EMAILS.huddinge);
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors).toEqual({ reason: "Texten är för lång (högst 500 tecken)." });

    const before = lastOutboxId();
    const response = await post(subPath(id), subParams(id), { intent: "reject", from: "tillfalle", reason: "Olle går inte att nå den dagen." }, DEMO_EMAILS.huddinge);
    expect(response.headers.get("Location")).toBe(`${base}?forslag=avvisad&id=${id}#foreslagna-ersattare`);
    expect(substitutionRow(id)).toMatchObject({ status: "avvisad", substitutePersonId: null, handledById: userId(DEMO_EMAILS.huddinge) });
    expect(person("olle.strand@huddinge.example")).toBeUndefined();
    expect(outboxAfter(before)).toEqual([
      {
        toAddress: DANIEL,
        subject: "Din föreslagna ersättare 2026-11-24 kunde inte bekräftas",
        text:
          "Hej Daniel Holm!\n\nSamordnaren kunde inte bekräfta Olle Strand som din ersättare på 3. Samverkan och samordnat stöd vid närvaroproblem i förskola och skola 2026-11-24.\n\n" +
          "Anledning: Olle går inte att nå den dagen.\n\n" +
          "Kontakta samordnaren, Lena Ek (samordnare@huddinge.example), om du vill föreslå någon annan eller har frågor.\n\nVänliga hälsningar\nLena Ek",
      },
    ]);
    // A rejected proposal leaves the staff lists.
    const page = await load<{ substitutions: { id: number; status: string }[] }>(sessionLoader, base, sessionParams(), DEMO_EMAILS.huddinge);
    expect(page.substitutions.filter((s) => s.status !== "avvisad").map((s) => s.id)).toEqual([lenaSubstitution, expect.any(Number)]);
  });

  it("refuses to confirm a colleague who is enrolled in the series (they have a seat of their own)", async () => {
    const id = propose(DANIEL, "Maja Hassan", MAJA, null);
    const response = await post(subPath(id), subParams(id), { intent: "confirm", from: "tillfalle" }, DEMO_EMAILS.huddinge);
    expect(response.status).toBe(400);
    expect((await response.json()).errors.form).toContain("Maja Hassan");
    expect(substitutionRow(id).status).toBe("foreslagen");
  });
});

describe("self check-in of a confirmed substitute", () => {
  it("records Lena present as Sofia's substitute and Sofia 'ersatt', in one go", async () => {
    const code = ensureCheckinCode({ kind: "session", seriesId: huddinge, sessionId });
    const original = sqlite().prepare("select starts_at as s, ends_at as e from series_sessions where id = ?").get(sessionId) as { s: number; e: number };
    // The route uses the real clock: move the session so it started five minutes ago.
    sqlite().prepare("update series_sessions set starts_at = ?, ends_at = ? where id = ?").run(Date.now() - 5 * 60_000, Date.now() + 3 * 3_600_000, sessionId);
    try {
      const response = (await checkinAction({ request: postForm(`/incheckning/${code}`, { email: "lena.berg@huddinge.example" }), params: { code }, context })) as Response;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ kind: "result", outcome: "checkedIn", late: false, name: "Lena" });
    } finally {
      sqlite().prepare("update series_sessions set starts_at = ?, ends_at = ? where id = ?").run(original.s, original.e, sessionId);
    }
    const lena = personId(LENA);
    const sofia = personId(SOFIA);
    expect(attendanceRow(lena)).toEqual({ status: "narvarande", substituteFor: sofia });
    expect(attendanceRow(sofia)).toEqual({ status: "ersatt", substituteFor: null });
    const changes = sqlite()
      .prepare("select person_id as p, status, substitute_for_person_id as f, source, changed_by_id as by from attendance_changes where series_session_id = ? and person_id in (?, ?) order by id")
      .all(sessionId, lena, sofia);
    expect(changes).toEqual([
      { p: lena, status: "narvarande", f: sofia, source: "checkin", by: null },
      { p: sofia, status: "ersatt", f: null, source: "checkin", by: null },
    ]);
    const roster = await load<{ substitutions: { id: number; arrivedStatus: string | null }[] }>(rosterLoader, `${base}/narvaro`, sessionParams(), DEMO_EMAILS.huddinge);
    expect(roster.substitutions.find((s) => s.id === lenaSubstitution)?.arrivedStatus).toBe("narvarande");
  });
});

describe("participants' replies on the roster", () => {
  it("shows who said 'kommer inte', and 'mark all present' skips them", async () => {
    const daniel = personId(DANIEL);
    const kristina = personId("kristina.holm83@huddinge.example");
    const replied = Date.UTC(2026, 10, 20, 9, 0);
    sqlite().prepare("insert into session_replies (person_id, series_session_id, reply, replied_at) values (?, ?, 'kommer_inte', ?), (?, ?, 'kommer', ?)").run(daniel, sessionId, replied, kristina, sessionId, replied);

    const roster = await load<{ notComing: { personId: number; repliedAt: Date }[] }>(rosterLoader, `${base}/narvaro`, sessionParams(), DEMO_EMAILS.huddinge);
    expect(roster.notComing).toEqual([{ personId: daniel, repliedAt: new Date(replied) }]);

    // 90 enrolled; Sofia and Emma are already marked (ersatt); Daniel said he would not come.
    const response = await post(`${base}/narvaro`, sessionParams(), { intent: "all-present" }, DEMO_EMAILS.huddinge, rosterAction);
    expect(response.headers.get("Location")).toBe(`${base}/narvaro?klart=allaNarvarande&antal=87`);
    expect(attendanceRow(daniel)).toBeUndefined();
    expect(attendanceRow(kristina)).toEqual({ status: "narvarande", substituteFor: null });
    expect(attendanceRow(personId(SOFIA))).toEqual({ status: "ersatt", substituteFor: null });
  });
});
