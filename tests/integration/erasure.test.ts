/**
 * Anonymisation and erasure (issue #11 item 6, decision 017): a fixture person
 * with a row behind every column that points at a person or holds their
 * address. The schema itself is read so a new person-linked table fails here
 * until erasure handles it. Afterwards the whole database is searched for the
 * person's name and address; only the data request's own record may keep
 * them. Then erasure on request through the queue's confirmation route, with
 * its scope (forged posts from another municipality: 404, nothing changed).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { createDataRequest } from "~/models/data-request.server";
import { getDb, schema } from "~/models/db.server";
import { ANONYMISED_NAME, ERASURE_COVERAGE, anonymisePerson, erasePerson } from "~/models/erasure.server";
import { createMagicLink } from "~/models/participant-auth.server";
import { registerParticipant } from "~/models/participant.server";
import { addToOutbox } from "~/models/outbox.server";
import { loader as confirmLoader, action as confirmAction } from "~/routes/personuppgiftsbegaran.$requestId.$mode";
import { loader as queueLoader } from "~/routes/personuppgiftsbegaran._index";
import { DEMO_EMAILS, getRequest, organisationId, postForm, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.92" };

function personIdByEmail(email: string): number {
  return getDb().select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.emailNormalized, email)).get()!.id;
}

type Fixture = { id: number; name: string; email: string; workplace: string; substituteId: number };

/** One row in every person-linked table for a new Huddinge participant, and a substitute who came in their place. */
function buildPerson(name: string, email: string, workplace: string): Fixture {
  const db = getDb();
  const huddinge = seriesId("Huddinge");
  const [seminar1, seminar2, seminar3] = seriesSessionRows(huddinge);
  const coordinator = userId(DEMO_EMAILS.huddinge);
  registerParticipant({
    seriesId: huddinge,
    person: { name, email, workplace, organisationId: organisationId("Huddinge"), sector: "socialtjanst", roleCategory: "profession", jobTitle: "Socialsekreterare", level: "operativ" },
  });
  const id = personIdByEmail(email);
  const subEmail = `vikarie.for.${id}@huddinge.example`;
  registerParticipant({
    seriesId: huddinge,
    person: { name: `Vikarie för ${id}`, email: subEmail, workplace: null, organisationId: null, sector: "skola", roleCategory: "profession", jobTitle: null, level: null },
  });
  const substituteId = personIdByEmail(subEmail);
  const t0 = new Date("2026-09-15T07:00:00Z");
  db.insert(schema.invitations).values({ seriesId: huddinge, personId: id, name, email, emailNormalized: email, workplace, sector: "socialtjanst", status: "accepterat", sentAt: t0 }).run();
  db.insert(schema.attendance).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: id, status: "ersatt", recordedAt: t0, updatedById: coordinator }).run();
  db.insert(schema.attendance).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: substituteId, status: "narvarande", substituteForPersonId: id, recordedAt: t0 }).run();
  db.insert(schema.attendance).values({ seriesId: huddinge, seriesSessionId: seminar2.id, personId: id, status: "narvarande", recordedAt: t0 }).run();
  db.insert(schema.attendanceChanges).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: id, status: "ersatt", source: "substitute", changedById: coordinator, changedAt: t0 }).run();
  db.insert(schema.attendanceChanges).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: substituteId, status: "narvarande", substituteForPersonId: id, source: "substitute", changedById: coordinator, changedAt: t0 }).run();
  db.insert(schema.sessionReplies).values({ personId: id, seriesSessionId: seminar3.id, reply: "kommer_inte", repliedAt: t0 }).run();
  db.insert(schema.substitutions).values({ seriesId: huddinge, seriesSessionId: seminar3.id, forPersonId: id, name: `Kollega till ${name}`, email: `kollega.${id}@huddinge.example`, emailNormalized: `kollega.${id}@huddinge.example`, workplace }).run();
  db.insert(schema.substitutions).values({ seriesId: huddinge, seriesSessionId: seminar3.id, forPersonId: substituteId, name, email, emailNormalized: email, status: "bekraftad", substitutePersonId: id }).run();
  const material = db.select({ id: schema.prepMaterials.id }).from(schema.prepMaterials).where(eq(schema.prepMaterials.seriesSessionId, seminar3.id)).get()!;
  db.insert(schema.prepProgress).values({ personId: id, prepMaterialId: material.id, doneAt: t0 }).run();
  const question = db.select({ id: schema.reflectionQuestions.id }).from(schema.reflectionQuestions).where(eq(schema.reflectionQuestions.seriesSessionId, seminar3.id)).get()!;
  db.insert(schema.reflections).values({ personId: id, reflectionQuestionId: question.id, text: `Jag, ${name}, på ${workplace}`, shared: true, updatedAt: t0 }).run();
  const survey = db.select({ id: schema.surveys.id }).from(schema.surveys).where(eq(schema.surveys.seriesId, huddinge)).get()!;
  db.insert(schema.surveyLinks).values({ surveyId: survey.id, personId: id, tokenHash: hashToken(randomToken()) }).run();
  db.insert(schema.surveyReceipts).values({ surveyId: survey.id, personId: id }).run();
  db.insert(schema.checkinTokens).values({ personId: id, tokenHash: hashToken(randomToken()) }).run();
  createMagicLink({ personId: id, ttlMs: 20 * 60_000 });
  db.insert(schema.participantSessions).values({ id: `sess-${id}`, personId: id, lastSeenAt: t0, expiresAt: new Date("2026-12-31T00:00:00Z") }).run();
  addToOutbox({ to: email, subject: `Hej ${name}`, text: "länk" });
  db.insert(schema.accessibilityReports).values({ name, email: email.toUpperCase(), description: "Knappen syns inte" }).run();
  const groupSet = db.select({ id: schema.groupSets.id }).from(schema.groupSets).where(eq(schema.groupSets.seriesSessionId, seminar3.id)).get()
    ?? db.insert(schema.groupSets).values({ seriesSessionId: seminar3.id, seed: 1, groupCount: 2, settings: { mode: "count", value: 2, together: [], apart: [], facilitators: [] }, updatedAt: t0 }).returning({ id: schema.groupSets.id }).get();
  db.insert(schema.groupMembers).values({ groupSetId: groupSet.id, groupNo: 1, personId: id, name, sector: "socialtjanst", roleCategory: "profession", organisationId: organisationId("Huddinge"), organisationName: "Huddinge", seriesId: huddinge }).run();
  return { id, name, email, workplace, substituteId };
}

/** Every text cell in the database that contains the needle (case-insensitive), as "table.column". */
function occurrences(needle: string): string[] {
  const sqlite = getDb().$client;
  const found: string[] = [];
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[];
  for (const { name } of tables) {
    for (const col of sqlite.prepare(`select name, type from pragma_table_info(?)`).all(name) as { name: string; type: string }[]) {
      if (!/text/i.test(col.type)) continue;
      const n = (sqlite.prepare(`select count(*) as n from "${name}" where instr(lower("${col.name}"), lower(?)) > 0`).get(needle) as { n: number }).n;
      for (let i = 0; i < n; i++) found.push(`${name}.${col.name}`);
    }
  }
  return found.sort();
}

/** Rows per person-reference column for the id. */
function referenceCounts(id: number): Record<string, number> {
  const sqlite = getDb().$client;
  return Object.fromEntries(
    Object.keys(ERASURE_COVERAGE)
      .filter((ref) => ref.endsWith("person_id"))
      .map((ref) => {
        const [table, column] = ref.split(".");
        return [ref, (sqlite.prepare(`select count(*) as n from "${table}" where "${column}" = ?`).get(id) as { n: number }).n];
      }),
  );
}

function statistics() {
  const db = getDb();
  return {
    attendance: db.all(sql`select a.series_session_id as session, p.sector as sector, a.status as status, count(*) as n
      from attendance a join people p on p.id = a.person_id group by 1, 2, 3 order by 1, 2, 3`),
    presence: db.all(sql`select series_id, person_id, sector, seminars from seminar_presence order by 1, 2`),
  };
}

const admin = () => ({ kind: "staff" as const, user: { id: userId(DEMO_EMAILS.admin), name: "Processledare", role: "admin" as const } });

describe("erasure covers the schema", () => {
  it("handles every column that points at a person or holds an address (fails when a new one is added)", () => {
    const sqlite = getDb().$client;
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[];
    const columns: string[] = [];
    for (const { name } of tables) {
      for (const fk of sqlite.prepare(`select "table" as target, "from" as col from pragma_foreign_key_list(?)`).all(name) as { target: string; col: string }[]) {
        if (fk.target === "people") columns.push(`${name}.${fk.col}`);
      }
      for (const col of sqlite.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]) {
        if (/(^|_)(email|address)(_|$)/.test(col.name)) columns.push(`${name}.${col.name}`);
      }
    }
    // A new person reference or address column must be handled in erasure.server.ts and listed in ERASURE_COVERAGE.
    expect(columns.sort()).toEqual(Object.keys(ERASURE_COVERAGE).sort());
  });
});

describe("anonymisePerson", () => {
  let f: Fixture;
  beforeAll(() => {
    f = buildPerson("Olle Okänd-Snart", "olle.okand@huddinge.example", "Olles unika arbetsplats");
  });

  it("leaves the name, address and workplace nowhere but the data request's record, keeps the statistics, and logs counts only", () => {
    const db = getDb();
    createDataRequest({ personId: f.id, kind: "radering", message: `Ta bort mig, ${f.name}` });
    const before = statistics();
    const refsBefore = referenceCounts(f.id);
    expect(occurrences(f.name).length).toBeGreaterThan(5);
    const result = anonymisePerson({ personId: f.id, actor: admin(), reason: "request" });
    expect(result.ok).toBe(true);
    expect(occurrences(f.name)).toEqual(["data_requests.name"]);
    expect(occurrences(f.email)).toEqual(["data_requests.email"]);
    expect(occurrences(f.workplace)).toEqual([]);
    expect(statistics()).toEqual(before);
    // Statistics rows stay; links and devices are gone.
    const refs = referenceCounts(f.id);
    expect(refs).toEqual({ ...refsBefore, "checkin_tokens.person_id": 0, "magic_links.person_id": 0, "participant_sessions.person_id": 0 });
    expect(refsBefore["attendance.person_id"]).toBe(2);
    const person = db.get<{ name: string; email: string; sector: string; roleCategory: string; level: string }>(sql`
      select name, email, sector, role_category as roleCategory, level from people where id = ${f.id}`);
    expect(person).toEqual({ name: ANONYMISED_NAME, email: `anonymiserad-${f.id}@anonymiserad.invalid`, sector: "socialtjanst", roleCategory: "profession", level: "operativ" });
    expect(db.get(sql`select text, shared from reflections where person_id = ${f.id}`)).toEqual({ text: "", shared: 0 });
    expect(db.get(sql`select message from data_requests where person_id = ${f.id}`)).toEqual({ message: "" });
    const entry = db.get<{ action: string; entityId: string; details: string }>(sql`
      select action, entity_id as entityId, details from audit_log where action = 'person.anonymise' order by id desc limit 1`)!;
    expect(entry.action).toBe("person.anonymise");
    expect(entry.entityId).toBe(String(f.id));
    expect(entry.details).not.toContain("Olle");
    expect(entry.details).not.toContain("olle.okand");
    expect(JSON.parse(entry.details)).toMatchObject({ reason: "request", counts: { people: 1, invitations: 1, substitutions: 2, magicLinks: 1, participantSessions: 1, checkinTokens: 1, mails: 1, accessibilityReports: 1, groupMembers: 1, reflections: 1, surveyLinks: 1 } });
    expect(anonymisePerson({ personId: f.id, actor: admin(), reason: "request" })).toEqual({ ok: false, reason: "already-anonymised" });
  });
});

describe("erasePerson", () => {
  let f: Fixture;
  beforeAll(() => {
    f = buildPerson("Rut Raderas", "rut.raderas@huddinge.example", "Ruts unika arbetsplats");
  });

  it("deletes every row about the person; the substitute keeps their own attendance", () => {
    const db = getDb();
    createDataRequest({ personId: f.id, kind: "radering", message: "Radera allt" });
    const result = erasePerson({ personId: f.id, actor: admin(), reason: "request" });
    expect(result.ok).toBe(true);
    expect(Object.values(referenceCounts(f.id)).every((n) => n === 0)).toBe(true);
    expect(occurrences(f.name)).toEqual(["data_requests.name"]);
    expect(occurrences(f.email)).toEqual(["data_requests.email"]);
    expect(occurrences(f.workplace)).toEqual([]);
    expect(db.get(sql`select person_id as personId, message from data_requests where name = ${f.name}`)).toEqual({ personId: null, message: "" });
    expect(db.all(sql`select status, substitute_for_person_id as forId from attendance where person_id = ${f.substituteId}`)).toEqual([{ status: "narvarande", forId: null }]);
    const entry = db.get<{ details: string }>(sql`select details from audit_log where action = 'person.erase' order by id desc limit 1`)!;
    expect(JSON.parse(entry.details)).toMatchObject({ reason: "request", counts: { people: 1, attendance: 2, enrolments: 1, substituteLinks: 2 } });
    expect(entry.details).not.toContain("Rut");
    expect(erasePerson({ personId: f.id, actor: admin(), reason: "request" })).toEqual({ ok: false, reason: "not-found" });
  });
});

describe("erasure on request (the queue's confirmation step)", () => {
  let anonymiseMe: Fixture;
  let eraseMe: Fixture;
  let anonymiseRequest: number;
  let eraseRequest: number;

  beforeAll(() => {
    anonymiseMe = buildPerson("Pia Begär", "pia.begar@huddinge.example", "Pias skola");
    eraseMe = buildPerson("Sam Invänder", "sam.invander@huddinge.example", "Sams skola");
    anonymiseRequest = createDataRequest({ personId: anonymiseMe.id, kind: "radering", message: "Ta bort mig" })!.id;
    eraseRequest = createDataRequest({ personId: eraseMe.id, kind: "radering", message: "Jag vill inte räknas" })!.id;
  });

  const cookie = (email: string) => signedInCookie(userId(email));
  async function post(email: string, id: number, mode: string, fields: Record<string, string>) {
    try {
      return (await confirmAction({ request: postForm(`/personuppgiftsbegaran/${id}/${mode}`, fields, await cookie(email)), params: { requestId: String(id), mode }, context })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("the queue offers both actions on a new erasure request", async () => {
    const response = (await queueLoader({ request: getRequest("/personuppgiftsbegaran", await cookie(DEMO_EMAILS.huddinge)), params: {}, context })) as Response;
    const items = ((await response.json()) as { items: { id: number; personId: number | null; personAnonymised: boolean }[] }).items;
    expect(items.find((i) => i.id === anonymiseRequest)).toMatchObject({ personId: anonymiseMe.id, personAnonymised: false });
  });

  it("another municipality's coordinator gets 404 (page and forged post) and nothing changes; sponsors 403", async () => {
    const page = await thrownResponse(async () =>
      confirmLoader({ request: getRequest(`/personuppgiftsbegaran/${anonymiseRequest}/anonymisera`, await cookie(DEMO_EMAILS.botkyrka)), params: { requestId: String(anonymiseRequest), mode: "anonymisera" }, context }),
    );
    expect(page.status).toBe(404);
    expect((await post(DEMO_EMAILS.botkyrka, anonymiseRequest, "anonymisera", { note: "Klart" })).status).toBe(404);
    expect((await post(DEMO_EMAILS.botkyrka, eraseRequest, "radera", { note: "Klart" })).status).toBe(404);
    expect((await post(DEMO_EMAILS.sponsor, eraseRequest, "radera", { note: "Klart" })).status).toBe(403);
    expect((await post(DEMO_EMAILS.huddinge, eraseRequest, "utplana", { note: "Klart" })).status).toBe(404);
    // A correction request cannot be turned into an erasure.
    const correction = createDataRequest({ personId: anonymiseMe.id, kind: "rattelse", message: "Fel titel" })!.id;
    expect((await post(DEMO_EMAILS.huddinge, correction, "anonymisera", { note: "Klart" })).status).toBe(404);
    expect(getDb().get(sql`select name from people where id = ${anonymiseMe.id}`)).toEqual({ name: "Pia Begär" });
    expect(getDb().get(sql`select name from people where id = ${eraseMe.id}`)).toEqual({ name: "Sam Invänder" });
    expect(getDb().all(sql`select status from data_requests where id in (${anonymiseRequest}, ${eraseRequest})`)).toEqual([{ status: "ny" }, { status: "ny" }]);
  });

  it("the confirmation page shows what is stored; an empty note is 400 in Swedish and changes nothing", async () => {
    const response = (await confirmLoader({
      request: getRequest(`/personuppgiftsbegaran/${anonymiseRequest}/anonymisera`, await cookie(DEMO_EMAILS.huddinge)),
      params: { requestId: String(anonymiseRequest), mode: "anonymisera" },
      context,
    })) as Response;
    const data = (await response.json()) as { mode: string; preview: { counts: Record<string, number>; anonymised: boolean } };
    expect(data.mode).toBe("anonymise");
    expect(data.preview.anonymised).toBe(false);
    expect(data.preview.counts).toMatchObject({ enrolments: 1, attendance: 2, invitations: 1, magicLinks: 1, mails: 1 });
    const bad = await post(DEMO_EMAILS.huddinge, anonymiseRequest, "anonymisera", { note: "  " });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toEqual({ note: "Skriv en kommentar till deltagaren." });
    expect(getDb().get(sql`select name from people where id = ${anonymiseMe.id}`)).toEqual({ name: "Pia Begär" });
  });

  it("the coordinator anonymises: the request is done, the participant is told, the audit log has both entries", async () => {
    const statsBefore = statistics();
    const response = await post(DEMO_EMAILS.huddinge, anonymiseRequest, "anonymisera", { note: "Dina uppgifter är borttagna." });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/personuppgiftsbegaran?status=hanterade&hanterad=${anonymiseRequest}&utfort=anonymise`);
    expect(getDb().get(sql`select name from people where id = ${anonymiseMe.id}`)).toEqual({ name: ANONYMISED_NAME });
    expect(statistics()).toEqual(statsBefore);
    expect(getDb().get(sql`select status, handled_by_id as by, handling_note as note from data_requests where id = ${anonymiseRequest}`)).toEqual({
      status: "genomford",
      by: userId(DEMO_EMAILS.huddinge),
      note: "Dina uppgifter är borttagna.",
    });
    const entries = getDb().all<{ action: string; actorUserId: number; ip: string }>(sql`
      select action, actor_user_id as actorUserId, ip from audit_log where (entity_kind = 'person' and entity_id = ${String(anonymiseMe.id)})
        or (entity_kind = 'data_request' and entity_id = ${String(anonymiseRequest)}) order by id`);
    expect(entries).toEqual([
      { action: "person.anonymise", actorUserId: userId(DEMO_EMAILS.huddinge), ip: "192.0.2.92" },
      { action: "data_request.handle", actorUserId: userId(DEMO_EMAILS.huddinge), ip: "192.0.2.92" },
    ]);
    // The reply to the participant is the one mail left to the address (it goes with the mail retention).
    expect(getDb().all(sql`select subject from mail_outbox where to_address = ${anonymiseMe.email}`)).toEqual([{ subject: "Din begäran om radering har hanterats" }]);
    // Done once: a second post is refused.
    expect((await post(DEMO_EMAILS.huddinge, anonymiseRequest, "radera", { note: "Igen" })).status).toBe(400);
  });

  it("the process leader erases the other person completely", async () => {
    const response = await post(DEMO_EMAILS.admin, eraseRequest, "radera", { note: "Du är raderad." });
    expect(response.status).toBe(302);
    expect(getDb().get(sql`select id from people where id = ${eraseMe.id}`)).toBeUndefined();
    expect(Object.values(referenceCounts(eraseMe.id)).every((n) => n === 0)).toBe(true);
    expect(getDb().get(sql`select status, person_id as personId from data_requests where id = ${eraseRequest}`)).toEqual({ status: "genomford", personId: null });
    expect(getDb().get(sql`select count(*) as n from audit_log where action = 'person.erase' and entity_id = ${String(eraseMe.id)}`)).toEqual({ n: 1 });
  });
});
