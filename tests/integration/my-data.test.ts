/**
 * "Mina uppgifter" (issue #8 item 6): a fixture person with exactly one row of
 * each kind of personal data (two attendance changes: their own and their
 * substitute's), seen through the page loader, the JSON and the CSV download;
 * another participant's data never appears; the schema itself is checked so
 * that a new table that points at people cannot be forgotten. Then the
 * correction/erasure requests and the staff queue, with its scope.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { participantSessionCookie } from "~/lib/participant-auth.server";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { countNewDataRequests } from "~/models/data-request.server";
import { getDb, schema } from "~/models/db.server";
import { MY_DATA_COVERAGE, type MyData } from "~/models/my-data.server";
import { createMagicLink } from "~/models/participant-auth.server";
import { registerParticipant } from "~/models/participant.server";
import { addToOutbox } from "~/models/outbox.server";
import { loader as pageLoader, action as pageAction } from "~/routes/mina-sidor.mina-uppgifter._index";
import { loader as jsonLoader } from "~/routes/mina-sidor.mina-uppgifter[.]json";
import { loader as csvLoader } from "~/routes/mina-sidor.mina-uppgifter[.]csv";
import { loader as queueLoader, action as queueAction } from "~/routes/personuppgiftsbegaran._index";
import {
  DEMO_EMAILS,
  getRequest,
  organisationId,
  postForm,
  seriesId,
  seriesSessionRows,
  signedInCookie,
  thrownResponse,
  userId,
} from "../support/integration";

const context = { clientIp: "192.0.2.80" };
const OTHER_MARKER = "ZZ-SOFIAS-HEMLIGA-MARKÖR-7731";
const FIXTURE_EMAIL = "fixtur.persson@huddinge.example";

async function participantCookie(personId: number) {
  return (await participantSessionCookie(personId)).split(";")[0];
}

function personIdByEmail(email: string): number {
  const row = getDb().select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.emailNormalized, email)).get();
  if (!row) throw new Error(`No person ${email}`);
  return row.id;
}

let fixtureId: number;
let sofiaId: number;
let fixtureCookie: string;

/** One row in each category for the fixture person; the substitute (a third person) adds the "ersatt av" side. */
function buildFixture() {
  const db = getDb();
  const huddinge = seriesId("Huddinge");
  const [seminar1, , seminar3] = seriesSessionRows(huddinge);
  const coordinator = userId(DEMO_EMAILS.huddinge);
  const registered = registerParticipant({
    seriesId: huddinge,
    person: {
      name: "Fixtur Persson",
      email: FIXTURE_EMAIL,
      workplace: "Fixturskolan",
      organisationId: organisationId("Huddinge"),
      sector: "skola",
      roleCategory: "profession",
      jobTitle: "Kurator",
      level: "operativ",
    },
  });
  fixtureId = personIdByEmail(FIXTURE_EMAIL);
  expect(registered).toBeTruthy();
  sofiaId = personIdByEmail("sofia.hassan76@huddinge.example");
  const substitute = registerParticipant({
    seriesId: huddinge,
    person: { name: "Vera Vikarie", email: "vera.vikarie@huddinge.example", workplace: null, organisationId: null, sector: "skola", roleCategory: "profession", jobTitle: null, level: null },
  });
  expect(substitute).toBeTruthy();
  const veraId = personIdByEmail("vera.vikarie@huddinge.example");
  const t0 = new Date("2026-09-15T07:00:00Z");

  db.insert(schema.invitations)
    .values({ seriesId: huddinge, personId: fixtureId, name: "Fixtur Persson", email: "Fixtur.Persson@huddinge.example", emailNormalized: FIXTURE_EMAIL, workplace: "Fixturskolan", sector: "skola", status: "accepterat", sentAt: new Date("2026-08-20T08:00:00Z"), respondedAt: new Date("2026-08-21T08:00:00Z"), reminderCount: 1, lastReminderAt: new Date("2026-08-21T07:00:00Z") })
    .run();
  // Seminar 1: the fixture was replaced by Vera.
  db.insert(schema.attendance).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: fixtureId, status: "ersatt", recordedAt: t0, updatedAt: t0, updatedById: coordinator }).run();
  db.insert(schema.attendance).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: veraId, status: "narvarande", substituteForPersonId: fixtureId, recordedAt: t0, updatedAt: t0, updatedById: coordinator }).run();
  db.insert(schema.attendanceChanges).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: fixtureId, status: "ersatt", source: "substitute", changedById: coordinator, changedAt: t0 }).run();
  db.insert(schema.attendanceChanges).values({ seriesId: huddinge, seriesSessionId: seminar1.id, personId: veraId, status: "narvarande", substituteForPersonId: fixtureId, source: "substitute", changedById: coordinator, changedAt: t0 }).run();
  db.insert(schema.sessionReplies).values({ personId: fixtureId, seriesSessionId: seminar3.id, reply: "kommer_inte", repliedAt: new Date("2026-11-20T10:00:00Z") }).run();
  db.insert(schema.substitutions).values({ seriesId: huddinge, seriesSessionId: seminar3.id, forPersonId: fixtureId, name: "Kalle Kollega", email: "kalle.kollega@huddinge.example", emailNormalized: "kalle.kollega@huddinge.example", workplace: "Fixturskolan" }).run();
  // The fixture is Sofia's confirmed substitute at seminar 3.
  db.insert(schema.substitutions).values({ seriesId: huddinge, seriesSessionId: seminar3.id, forPersonId: sofiaId, name: "Fixtur Persson", email: FIXTURE_EMAIL, emailNormalized: FIXTURE_EMAIL, status: "bekraftad", substitutePersonId: fixtureId, handledAt: new Date("2026-11-21T09:00:00Z"), handledById: coordinator }).run();
  const material = db.select({ id: schema.prepMaterials.id }).from(schema.prepMaterials).where(eq(schema.prepMaterials.seriesSessionId, seminar3.id)).get()!;
  db.insert(schema.prepProgress).values({ personId: fixtureId, prepMaterialId: material.id, doneAt: new Date("2026-11-22T18:00:00Z") }).run();
  const question = db.select({ id: schema.reflectionQuestions.id }).from(schema.reflectionQuestions).where(eq(schema.reflectionQuestions.seriesSessionId, seminar3.id)).get()!;
  db.insert(schema.reflections).values({ personId: fixtureId, reflectionQuestionId: question.id, text: "=Min privata reflektion; med semikolon", shared: false, updatedAt: new Date("2026-11-22T19:00:00Z") }).run();
  const survey = db.select({ id: schema.surveys.id }).from(schema.surveys).where(eq(schema.surveys.seriesId, huddinge)).get()!;
  db.insert(schema.surveyLinks).values({ surveyId: survey.id, personId: fixtureId, tokenHash: hashToken(randomToken()), sentAt: new Date("2026-09-15T11:00:00Z") }).run();
  db.insert(schema.surveyReceipts).values({ surveyId: survey.id, personId: fixtureId }).run();
  db.insert(schema.checkinTokens).values({ personId: fixtureId, tokenHash: hashToken(randomToken()) }).run();
  createMagicLink({ personId: fixtureId, ttlMs: 20 * 60_000 });
  addToOutbox({ to: FIXTURE_EMAIL, subject: "Fixturens inbjudan", text: "hemlig länk" });
  db.insert(schema.dataRequests).values({ personId: fixtureId, name: "Fixtur Persson", email: FIXTURE_EMAIL, kind: "rattelse", message: "Fel arbetsplats" }).run();
  // A report to the accessibility statement, sent with the address in capitals.
  db.insert(schema.accessibilityReports).values({ email: FIXTURE_EMAIL.toUpperCase(), pageUrl: "/mina-sidor", description: "Knappen syns inte i mörkt läge" }).run();
  // Seminar 3's discussion groups (a draft): the fixture in group 2, as a facilitator.
  const groupSet = db.insert(schema.groupSets).values({ seriesSessionId: seminar3.id, seed: 1, groupCount: 2, settings: { mode: "count", value: 2, together: [], apart: [], facilitators: [fixtureId] }, updatedAt: t0 }).returning({ id: schema.groupSets.id }).get();
  db.insert(schema.groupMembers).values({ groupSetId: groupSet.id, groupNo: 2, personId: fixtureId, name: "Fixtur Persson", sector: "skola", roleCategory: "profession", organisationId: organisationId("Huddinge"), organisationName: "Huddinge", seriesId: huddinge, facilitator: true }).run();

  // Sofia's own data, each carrying a marker that must never show in the fixture's export.
  db.insert(schema.reflections).values({ personId: sofiaId, reflectionQuestionId: question.id, text: OTHER_MARKER, shared: true, updatedAt: new Date() }).run();
  db.insert(schema.dataRequests).values({ personId: sofiaId, name: "Sofia Hassan", email: "sofia.hassan76@huddinge.example", kind: "radering", message: OTHER_MARKER }).run();
  db.insert(schema.sessionReplies).values({ personId: sofiaId, seriesSessionId: seminar3.id, reply: "kommer_inte", repliedAt: new Date() }).run();
  db.insert(schema.substitutions).values({ seriesId: huddinge, seriesSessionId: seminar3.id, forPersonId: sofiaId, name: OTHER_MARKER, email: "marker@huddinge.example", emailNormalized: "marker@huddinge.example" }).run();
  addToOutbox({ to: "sofia.hassan76@huddinge.example", subject: OTHER_MARKER, text: OTHER_MARKER });
  db.insert(schema.accessibilityReports).values({ email: "sofia.hassan76@huddinge.example", description: OTHER_MARKER }).run();
}

/** Records per category in the JSON (single-record categories count 1). */
function counts(data: MyData) {
  return {
    person: 1,
    enrolments: data.enrolments.length,
    invitations: data.invitations.length,
    attendance: data.attendance.length,
    attendanceChanges: data.attendanceChanges.length,
    sessionReplies: data.sessionReplies.length,
    substitutesNamed: data.substitutesNamed.length,
    substituteFor: data.substituteFor.length,
    prepProgress: data.prepProgress.length,
    reflections: data.reflections.length,
    surveyLinks: data.surveyLinks.length,
    surveyReceipts: data.surveyReceipts.length,
    mails: data.mails.length,
    groups: data.groups.length,
    accessibilityReports: data.accessibilityReports.length,
    dataRequests: data.dataRequests.length,
  };
}

const EXPECTED = {
  person: 1,
  enrolments: 1,
  invitations: 1,
  attendance: 1,
  attendanceChanges: 2,
  sessionReplies: 1,
  substitutesNamed: 1,
  substituteFor: 1,
  prepProgress: 1,
  reflections: 1,
  surveyLinks: 1,
  surveyReceipts: 1,
  mails: 1,
  groups: 1,
  accessibilityReports: 1,
  dataRequests: 1,
};

beforeAll(async () => {
  buildFixture();
  fixtureCookie = await participantCookie(fixtureId);
});

describe("Mina uppgifter", () => {
  it("the page's data holds exactly the fixture's rows, and nothing of Sofia's", async () => {
    const response = (await pageLoader({ request: getRequest("/mina-sidor/mina-uppgifter", fixtureCookie), params: {}, context })) as Response;
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const body = (await response.json()) as { data: MyData };
    const data = body.data;
    expect(counts(data)).toEqual(EXPECTED);
    expect(data.person).toMatchObject({ name: "Fixtur Persson", email: FIXTURE_EMAIL, workplace: "Fixturskolan", organisation: "Huddinge", sector: "skola", jobTitle: "Kurator", level: "operativ" });
    const coordinator = getDb().select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, userId(DEMO_EMAILS.huddinge))).get()!;
    expect(data.attendance[0]).toMatchObject({ status: "ersatt", substitutedBy: "Vera Vikarie", substituteFor: null, walkIn: false, recordedBy: coordinator.name });
    expect(data.attendanceChanges.map((c) => c.substitute)).toEqual([null, "Vera Vikarie"]);
    expect(data.substituteFor[0]).toMatchObject({ forPerson: "Sofia Hassan", status: "bekraftad" });
    expect(data.invitations[0]).toMatchObject({ status: "accepterat", reminderCount: 1, sentAt: "2026-08-20T08:00:00.000Z" });
    expect(data.checkinLink.exists).toBe(true);
    // The cookie of this test is one device; the magic link is unused.
    expect(data.signIn).toEqual({ devices: 1, activeLinks: 1 });
    expect(data.mails[0].subject).toBe("Fixturens inbjudan");
    expect(data.groups).toEqual([{ occasion: seriesSessionRows(seriesId("Huddinge"))[2].title, series: "Processtöd skolnärvaro Huddinge", date: seriesSessionRows(seriesId("Huddinge"))[2].startsAt.toISOString(), groupNo: 2, sector: "skola", facilitator: true, published: false }]);
    expect(JSON.stringify(body)).not.toContain(OTHER_MARKER);
  });

  it("the JSON download has the same structure, ISO dates, and is an uncached attachment", async () => {
    const response = await jsonLoader({ request: getRequest("/mina-sidor/mina-uppgifter.json", fixtureCookie), params: {}, context });
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="mina-uppgifter-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const text = await response.text();
    expect(text).not.toContain(OTHER_MARKER);
    const data = JSON.parse(text) as MyData;
    expect(Object.keys(data)).toEqual([
      "exportedAt", "person", "enrolments", "invitations", "attendance", "attendanceChanges", "sessionReplies",
      "substitutesNamed", "substituteFor", "prepProgress", "reflections", "surveyLinks", "surveyReceipts",
      "checkinLink", "signIn", "mails", "groups", "accessibilityReports", "dataRequests",
    ]);
    expect(data.accessibilityReports).toEqual([{ pageUrl: "/mina-sidor", description: "Knappen syns inte i mörkt läge", createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
    expect(counts(data)).toEqual(EXPECTED);
    expect(data.prepProgress[0].doneAt).toBe("2026-11-22T18:00:00.000Z");
    expect(data.reflections[0]).toMatchObject({ text: "=Min privata reflektion; med semikolon", shared: false });
  });

  it("the CSV is long format for Excel with the same records per category", async () => {
    const response = await csvLoader({ request: getRequest("/mina-sidor/mina-uppgifter.csv", fixtureCookie), params: {}, context });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="mina-uppgifter-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    // Read the bytes: Response.text() would drop the byte-order mark Excel needs.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.slice(0, text.indexOf("\r\n") + 2)).toBe("\uFEFFKategori;Post;Fält;Värde\r\n");
    expect(text).not.toContain(OTHER_MARKER);
    // Formula-safe and quoted: the reflection starts with "=" and holds a ";".
    expect(text).toContain(`Dina reflektioner;1;Text;"'=Min privata reflektion; med semikolon"`);
    const lines = text.slice(1).trimEnd().split("\r\n").slice(1);
    const posts = new Map<string, Set<string>>();
    for (const line of lines) {
      const [category, post] = line.split(";");
      posts.set(category, (posts.get(category) ?? new Set()).add(post));
    }
    expect(Object.fromEntries([...posts].map(([k, v]) => [k, v.size]))).toEqual({
      Personuppgifter: 1,
      "Anmälningar till serier": 1,
      Inbjudningar: 1,
      Närvaro: 1,
      "Ändringar av närvaro": 2,
      "Dina svar om du kommer": 1,
      "Ersättare du har föreslagit": 1,
      "När du är ersättare": 1,
      "Förberedelser du har markerat klara": 1,
      "Dina reflektioner": 1,
      "Personliga enkätlänkar": 1,
      "Enkäter du har besvarat": 1,
      "Personlig incheckningslänk": 1,
      Inloggning: 1,
      "E-post vi har skickat till dig": 1,
      Samtalsgrupper: 1,
      "Dina rapporter om tillgänglighetsproblem": 1,
      "Dina begäranden om rättelse eller radering": 1,
    });
    expect(lines).toContain("Närvaro;1;Ersatt av;Vera Vikarie");
    expect(lines).toContain("Inloggning;1;Inloggade enheter;1");
    expect(lines).toContain("Samtalsgrupper;1;Grupp;Grupp 2");
    expect(lines).toContain("Samtalsgrupper;1;Publicerad;Nej");
  });

  it("without a participant sign-in every route goes to the sign-in page", async () => {
    for (const load of [pageLoader, jsonLoader, csvLoader]) {
      const response = await thrownResponse(() => Promise.resolve(load({ request: getRequest("/mina-sidor/mina-uppgifter"), params: {}, context })));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/mina-sidor\/logga-in\?redirectTo=/);
    }
  });

  it("covers every table that points at a person (fails when a new one is added to the schema)", () => {
    const sqlite = getDb().$client;
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
      .all() as { name: string }[];
    const references: string[] = [];
    const addressColumns: string[] = [];
    for (const { name } of tables) {
      for (const fk of sqlite.prepare(`select "table" as target, "from" as col from pragma_foreign_key_list(?)`).all(name) as { target: string; col: string }[]) {
        if (fk.target === "people") references.push(`${name}.${fk.col}`);
      }
      for (const col of sqlite.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]) {
        if (/(^|_)(email|address)(_|$)/.test(col.name)) addressColumns.push(`${name}.${col.name}`);
      }
    }
    // A table with a person reference (or e-mail column) missing here must be added to gatherMyData and MY_DATA_COVERAGE.
    expect(references.sort()).toEqual([...MY_DATA_COVERAGE.personReferences, ...MY_DATA_COVERAGE.derivedPersonReferences].sort());
    expect(addressColumns.sort()).toEqual([...MY_DATA_COVERAGE.addressColumns, ...MY_DATA_COVERAGE.otherAddressColumns].sort());
    // And the check has teeth: the fixture has a row behind every covered reference.
    for (const ref of MY_DATA_COVERAGE.personReferences) {
      const [table, column] = ref.split(".");
      const n = sqlite.prepare(`select count(*) as n from "${table}" where "${column}" = ?`).get(fixtureId) as { n: number };
      expect({ ref, hasRow: n.n > 0 }).toEqual({ ref, hasRow: true });
    }
  });
});

function outboxTo(address: string) {
  return getDb()
    .select({ subject: schema.mailOutbox.subject, text: schema.mailOutbox.textBody })
    .from(schema.mailOutbox)
    .where(eq(schema.mailOutbox.toAddress, address))
    .all();
}

async function staffCookie(email: string) {
  return signedInCookie(userId(email));
}

describe("correction and erasure requests", () => {
  let danielId: number;
  let danielCookie: string;
  let botkyrkaPersonId: number;
  let requestId: number;

  beforeAll(async () => {
    danielId = personIdByEmail("daniel.holm77@huddinge.example");
    danielCookie = await participantCookie(danielId);
    const row = getDb().get<{ id: number }>(sql`
      select e.person_id as id from enrolments e where e.series_id = ${seriesId("Botkyrka")}
        and e.person_id not in (select person_id from enrolments where series_id != ${seriesId("Botkyrka")}) order by e.person_id limit 1`);
    botkyrkaPersonId = row.id;
  });

  async function post(cookie: string, fields: Record<string, string>) {
    try {
      return (await pageAction({ request: postForm("/mina-sidor/mina-uppgifter", fields, cookie), params: {}, context })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("refuses bad input with 400 and Swedish field errors, and writes nothing", async () => {
    const before = getDb().select().from(schema.dataRequests).all().length;
    const cases: [Record<string, string>, string, string][] = [
      [{ message: "x" }, "kind", "Välj rättelse eller radering."],
      [{ kind: "annat", message: "x" }, "kind", "Välj rättelse eller radering."],
      [{ kind: "rattelse", message: "   " }, "message", "Skriv vad som är fel, så att samordnaren kan rätta det."],
      [{ kind: "radering", message: "x".repeat(2001) }, "message", "Texten är för lång (högst 2000 tecken)."],
    ];
    for (const [fields, field, message] of cases) {
      const response = await post(danielCookie, fields);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Record<string, string> };
      expect(body.errors[field]).toBe(message);
    }
    expect(getDb().select().from(schema.dataRequests).all().length).toBe(before);
  });

  it("an erasure without a message is stored for the person's series and mails the Huddinge coordinator", async () => {
    const response = await post(danielCookie, { kind: "radering", message: "" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/mina-sidor/mina-uppgifter?skickad=radering#begaran");
    const rows = getDb().select().from(schema.dataRequests).where(eq(schema.dataRequests.personId, danielId)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "Daniel Holm", email: "daniel.holm77@huddinge.example", kind: "radering", message: "", status: "ny" });
    requestId = rows[0].id;
    const linked = getDb().select({ seriesId: schema.dataRequestSeries.seriesId }).from(schema.dataRequestSeries).where(eq(schema.dataRequestSeries.dataRequestId, requestId)).all();
    expect(linked).toEqual([{ seriesId: seriesId("Huddinge") }]);
    const mails = outboxTo(DEMO_EMAILS.huddinge);
    expect(mails.map((m) => m.subject)).toEqual(["Ny begäran om radering av personuppgifter"]);
    expect(mails[0].text).toContain("Daniel Holm har begärt radering");
    expect(mails[0].text).toContain("http://localhost/personuppgiftsbegaran");
    expect(outboxTo(DEMO_EMAILS.botkyrka)).toHaveLength(0);
  });

  it("a Botkyrka participant's correction goes to Botkyrka's coordinator", async () => {
    const response = await post(await participantCookie(botkyrkaPersonId), { kind: "rattelse", message: "Mitt efternamn är felstavat." });
    expect(response.status).toBe(302);
    expect(outboxTo(DEMO_EMAILS.botkyrka).map((m) => m.subject)).toEqual(["Ny begäran om rättelse av personuppgifter"]);
  });

  it("a person in no series reaches the process leaders only", async () => {
    const { id } = getDb()
      .insert(schema.people)
      .values({ name: "Utan Serie", email: "utan.serie@example.org", emailNormalized: "utan.serie@example.org", sector: "annat", roleCategory: "annat" })
      .returning({ id: schema.people.id })
      .get();
    const response = await post(await participantCookie(id), { kind: "rattelse", message: "Fel namn" });
    expect(response.status).toBe(302);
    const request = getDb().select({ id: schema.dataRequests.id }).from(schema.dataRequests).where(eq(schema.dataRequests.personId, id)).get()!;
    expect(getDb().select().from(schema.dataRequestSeries).where(eq(schema.dataRequestSeries.dataRequestId, request.id)).all()).toEqual([]);
    expect(outboxTo(DEMO_EMAILS.admin).map((m) => m.subject)).toEqual(["Ny begäran om rättelse av personuppgifter"]);
    expect(outboxTo(DEMO_EMAILS.huddinge)).toHaveLength(1);
  });

  it("the queue is scoped: Huddinge sees Daniel's request, Botkyrka does not, the sponsor gets 403", async () => {
    const list = async (email: string, status = "ny") => {
      const response = (await queueLoader({ request: getRequest(`/personuppgiftsbegaran?status=${status}`, await staffCookie(email)), params: {}, context })) as Response;
      return ((await response.json()) as { items: { id: number; name: string; series: { name: string }[] }[] }).items;
    };
    const huddinge = await list(DEMO_EMAILS.huddinge);
    // Fixture Persson's and Sofia's requests (inserted directly, without series links) are for process leaders only.
    expect(huddinge.map((i) => i.name)).toEqual(["Daniel Holm"]);
    expect(huddinge[0].series.map((s) => s.name)).toEqual(["Processtöd skolnärvaro Huddinge"]);
    const botkyrka = await list(DEMO_EMAILS.botkyrka);
    expect(botkyrka.map((i) => i.name)).not.toContain("Daniel Holm");
    expect(botkyrka).toHaveLength(1);
    const admin = await list(DEMO_EMAILS.admin, "alla");
    // Fixtur's, Sofia's, Daniel's, the Botkyrka participant's and Utan Serie's.
    expect(admin).toHaveLength(5);
    expect(countNewDataRequests({ scope: { kind: "organisations", organisationIds: [organisationId("Huddinge")] } })).toBe(1);
    expect(countNewDataRequests({ scope: { kind: "all" } })).toBe(5);
    const sponsor = await thrownResponse(async () => queueLoader({ request: getRequest("/personuppgiftsbegaran", await staffCookie(DEMO_EMAILS.sponsor)), params: {}, context }));
    expect(sponsor.status).toBe(403);
    const sponsorPost = await thrownResponse(async () =>
      queueAction({ request: postForm("/personuppgiftsbegaran", { requestId: String(requestId), outcome: "genomford", note: "x" }, await staffCookie(DEMO_EMAILS.sponsor)), params: {}, context }),
    );
    expect(sponsorPost.status).toBe(403);
  });

  it("a forged handle from Botkyrka's coordinator is 404 and changes nothing", async () => {
    const response = await thrownResponse(async () =>
      queueAction({ request: postForm("/personuppgiftsbegaran", { requestId: String(requestId), outcome: "genomford", note: "Raderat" }, await staffCookie(DEMO_EMAILS.botkyrka)), params: {}, context }),
    );
    expect(response.status).toBe(404);
    expect(getDb().select({ status: schema.dataRequests.status }).from(schema.dataRequests).where(eq(schema.dataRequests.id, requestId)).get()).toEqual({ status: "ny" });
  });

  it("handling needs an outcome and a note (400), is recorded, mails the participant, and cannot be done twice", async () => {
    const cookie = await staffCookie(DEMO_EMAILS.huddinge);
    const handle = (fields: Record<string, string>) => queueAction({ request: postForm("/personuppgiftsbegaran?status=ny", fields, cookie), params: {}, context }) as Promise<Response>;
    let response = await handle({ requestId: String(requestId), outcome: "", note: "" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({
      outcome: "Välj Genomförd eller Avslagen.",
      note: "Skriv en kommentar till deltagaren.",
    });
    response = await handle({ requestId: String(requestId), outcome: "genomford", note: "x".repeat(2001) });
    expect(response.status).toBe(400);

    response = await handle({ requestId: String(requestId), outcome: "genomford", note: "Dina uppgifter tas bort av processledaren." });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/personuppgiftsbegaran?status=ny&hanterad=${requestId}`);
    const row = getDb().select().from(schema.dataRequests).where(eq(schema.dataRequests.id, requestId)).get()!;
    expect(row).toMatchObject({ status: "genomford", handledById: userId(DEMO_EMAILS.huddinge), handlingNote: "Dina uppgifter tas bort av processledaren." });
    expect(row.handledAt).toBeInstanceOf(Date);
    const mails = outboxTo("daniel.holm77@huddinge.example");
    expect(mails.map((m) => m.subject)).toEqual(["Din begäran om radering har hanterats"]);
    expect(mails[0].text).toContain("hanterad: genomförd");
    expect(mails[0].text).toContain("Dina uppgifter tas bort av processledaren.");

    response = await handle({ requestId: String(requestId), outcome: "avslagen", note: "Igen" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.form).toBe("Begäran är redan hanterad.");
    expect(getDb().select({ status: schema.dataRequests.status }).from(schema.dataRequests).where(eq(schema.dataRequests.id, requestId)).get()).toEqual({ status: "genomford" });
  });

  it("the participant sees the handling on their page", async () => {
    const response = (await pageLoader({ request: getRequest("/mina-sidor/mina-uppgifter", danielCookie), params: {}, context })) as Response;
    const { data } = (await response.json()) as { data: MyData };
    expect(data.dataRequests).toHaveLength(1);
    expect(data.dataRequests[0]).toMatchObject({ kind: "radering", status: "genomford", handlingNote: "Dina uppgifter tas bort av processledaren." });
    expect(data.dataRequests[0].handledBy).toBeTruthy();
  });
});
