/**
 * The audit log records what the routes do (issue #11 item 5, decision 016):
 * each test calls a real route action or loader the way Remix does and reads
 * back the exact entry – actor, action, entity, series, details and IP – and
 * that a refused or invalid request writes no entry. Details hold ids and
 * counts, never a participant's name or address.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ensureCheckinCode } from "~/models/attendance.server";
import { createDataRequest } from "~/models/data-request.server";
import { getDb } from "~/models/db.server";
import { savePendingImport } from "~/models/participant.server";
import { action as checkinAction } from "~/routes/incheckning.$code";
import { action as signInAction } from "~/routes/logga-in";
import { loader as myDataCsvLoader } from "~/routes/mina-sidor.mina-uppgifter[.]csv";
import { action as templateAction } from "~/routes/mallar.$templateId";
import { action as staffAction } from "~/routes/personal";
import { action as dataRequestAction } from "~/routes/personuppgiftsbegaran._index";
import { action as seriesAction } from "~/routes/serier.$seriesId._index";
import { action as registerAction } from "~/routes/serier.$seriesId.deltagare._index";
import { action as importAction } from "~/routes/serier.$seriesId.deltagare.import.$importId";
import { loader as participantsCsvLoader } from "~/routes/serier.$seriesId.deltagare[.]csv";
import { action as rosterAction } from "~/routes/serier.$seriesId.tillfallen.$sessionId.narvaro";
import {
  DEMO_EMAILS,
  getRequest,
  organisationId,
  participantCookie,
  postForm,
  seriesId,
  seriesSessionRows,
  signedInCookie,
  userId,
} from "../support/integration";

const IP = "192.0.2.10";
const context = { clientIp: IP };
const sql = () => getDb().$client;

type Entry = {
  actor_kind: string;
  actor_user_id: number | null;
  actor_person_id: number | null;
  actor_label: string;
  action: string;
  entity_kind: string;
  entity_id: string | null;
  series_id: number | null;
  details: Record<string, unknown> | null;
  ip: string | null;
};

/** The response whether the route returned it (a redirect) or threw it (404, 403, sign-in). */
async function respond(work: Promise<unknown> | (() => Promise<unknown>)): Promise<Response> {
  try {
    return (await (typeof work === "function" ? work() : work)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function entryCount(): number {
  return sql().prepare("select count(*) from audit_log").pluck().get() as number;
}

/** The entries written since `before` (an entry count), oldest first. */
function entriesSince(before: number): Entry[] {
  const rows = sql()
    .prepare(
      `select actor_kind, actor_user_id, actor_person_id, actor_label, action, entity_kind, entity_id, series_id, details, ip
       from audit_log order by id limit -1 offset ?`,
    )
    .all(before) as (Omit<Entry, "details"> & { details: string | null })[];
  return rows.map((r) => ({ ...r, details: r.details === null ? null : JSON.parse(r.details) }));
}

function staff(email: string) {
  const row = sql().prepare("select id, name, role from users where email_normalized = ?").get(email) as { id: number; name: string; role: string };
  return { actor_kind: "staff", actor_user_id: row.id, actor_person_id: null, actor_label: `${row.name} (${row.role})` };
}

function participant(personId: number) {
  return { actor_kind: "participant", actor_user_id: null, actor_person_id: personId, actor_label: `deltagare ${personId}` };
}

/** Enrolled people of a series with an address, lowest id first. */
function enrolled(series: number): { id: number; name: string; email: string }[] {
  return sql()
    .prepare(
      `select p.id, p.name, p.email from enrolments e join people p on p.id = e.person_id
       where e.series_id = ? and e.status = 'anmald' and trim(p.email) <> '' order by p.id`,
    )
    .all(series) as { id: number; name: string; email: string }[];
}

let huddinge: number;
let session3: number;

beforeEach(() => {
  huddinge = seriesId("Huddinge");
  session3 = seriesSessionRows(huddinge).find((s) => s.position === 3)!.id;
  // Nobody is marked at Huddinge's seminar 3 in the demo data; each test starts from that.
  sql().prepare("delete from attendance_changes where series_session_id = ?").run(session3);
  sql().prepare("delete from attendance where series_session_id = ?").run(session3);
  sql().prepare("delete from login_throttle").run();
});

describe("attendance", () => {
  const mark = async (email: string, series: number, fields: Record<string, string>) =>
    rosterAction({
      request: postForm(`/serier/${series}/tillfallen/${session3}/narvaro`, fields, await signedInCookie(userId(email))),
      params: { seriesId: String(series), sessionId: String(session3) },
      context,
    });

  it("records a roster change by the coordinator: who, the session, the series, the person and both statuses", async () => {
    const person = enrolled(huddinge)[0];
    const before = entryCount();
    const response = (await mark(DEMO_EMAILS.huddinge, huddinge, { intent: "mark", personId: String(person.id), status: "sen" })) as Response;
    expect(response.status).toBe(200);
    expect(entriesSince(before)).toEqual([
      {
        ...staff(DEMO_EMAILS.huddinge),
        action: "attendance.update",
        entity_kind: "series_session",
        entity_id: String(session3),
        series_id: huddinge,
        details: { personId: person.id, status: "sen", previous: null },
        ip: IP,
      },
    ]);

    await mark(DEMO_EMAILS.huddinge, huddinge, { intent: "mark", personId: String(person.id), status: "narvarande" });
    expect(entriesSince(before + 1).map((e) => e.details)).toEqual([{ personId: person.id, status: "narvarande", previous: "sen" }]);
  });

  it("records 'all present' once, with the number of people marked", async () => {
    const people = sql().prepare("select count(*) from enrolments where series_id = ? and status = 'anmald'").pluck().get(huddinge) as number;
    const notComing = sql()
      .prepare("select count(*) from session_replies where series_session_id = ? and reply = 'kommer_inte'")
      .pluck()
      .get(session3) as number;
    const before = entryCount();
    const response = await respond(mark(DEMO_EMAILS.huddinge, huddinge, { intent: "all-present" }));
    expect(response.status).toBe(302);
    const entries = entriesSince(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "attendance.all_present", series_id: huddinge, entity_id: String(session3), details: { count: people - notComing } });
    expect(response.headers.get("Location")).toBe(`/serier/${huddinge}/tillfallen/${session3}/narvaro?klart=allaNarvarande&antal=${people - notComing}`);
  });

  it("writes no entry for an unknown status, someone not on the roster, or another municipality's coordinator", async () => {
    const person = enrolled(huddinge)[0];
    const before = entryCount();
    expect(((await mark(DEMO_EMAILS.huddinge, huddinge, { intent: "mark", personId: String(person.id), status: "kanske" })) as Response).status).toBe(400);
    expect(((await mark(DEMO_EMAILS.huddinge, huddinge, { intent: "mark", personId: "999999", status: "narvarande" })) as Response).status).toBe(404);
    expect((await respond(mark(DEMO_EMAILS.botkyrka, huddinge, { intent: "mark", personId: String(person.id), status: "narvarande" }))).status).toBe(404);
    expect((await respond(mark(DEMO_EMAILS.sponsor, huddinge, { intent: "mark", personId: String(person.id), status: "narvarande" }))).status).toBe(403);
    expect(entryCount()).toBe(before);
  });

  it("records a participant's own check-in with the participant as the actor", async () => {
    const now = Date.now();
    sql().prepare("update series_sessions set starts_at = ?, ends_at = ?, checkin_margin_minutes = 30 where id = ?").run(now - 5 * 60_000, now + 180 * 60_000, session3);
    const code = ensureCheckinCode({ kind: "session", seriesId: huddinge, sessionId: session3 });
    const person = enrolled(huddinge)[1];
    const before = entryCount();
    const response = (await checkinAction({ request: postForm(`/incheckning/${code}`, { email: person.email }), params: { code }, context })) as Response;
    expect(response.status).toBe(200);
    expect(entriesSince(before)).toEqual([
      {
        ...participant(person.id),
        action: "attendance.checkin",
        entity_kind: "series_session",
        entity_id: String(session3),
        series_id: huddinge,
        details: { personId: person.id, status: "narvarande", previous: null },
        ip: IP,
      },
    ]);
    // Checking in again changes nothing and records nothing.
    await checkinAction({ request: postForm(`/incheckning/${code}`, { email: person.email }), params: { code }, context });
    expect(entryCount()).toBe(before + 1);
  });
});

describe("participants", () => {
  it("records a registration with the new person's id and never their name or address", async () => {
    const before = entryCount();
    const response = await respond(async () =>
      registerAction({
        request: postForm(
          `/serier/${huddinge}/deltagare`,
          { name: "Karin Sjöberg", email: "karin.sjoberg@huddinge.example", workplace: "Edsbergsskolan", sector: "skola", roleCategory: "", jobTitle: "Rektor", level: "" },
          await signedInCookie(userId(DEMO_EMAILS.huddinge)),
        ),
        params: { seriesId: String(huddinge) },
        context,
      }),
    );
    expect(response.status).toBe(302);
    const personId = sql().prepare("select id from people where email_normalized = ?").pluck().get("karin.sjoberg@huddinge.example") as number;
    const entries = entriesSince(before);
    expect(entries).toEqual([
      {
        ...staff(DEMO_EMAILS.huddinge),
        action: "participant.create",
        entity_kind: "person",
        entity_id: String(personId),
        series_id: huddinge,
        details: { outcome: "created" },
        ip: IP,
      },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/karin|sjöberg|sjoberg/i);
  });

  it("records a confirmed import with its counts, and nothing for an invalid registration", async () => {
    const content = "Namn;E-post;Verksamhet\nLisa Ek;lisa.ek@huddinge.example;Skola\nOlle Ek;olle.ek@huddinge.example;Socialtjänst";
    const importId = savePendingImport({ seriesId: huddinge, userId: userId(DEMO_EMAILS.huddinge), fileName: "deltagare.csv", content });
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const before = entryCount();

    const invalid = (await registerAction({
      request: postForm(`/serier/${huddinge}/deltagare`, { name: "", email: "inte-en-adress", sector: "skola" }, cookie),
      params: { seriesId: String(huddinge) },
      context,
    })) as Response;
    expect(invalid.status).toBe(400);
    expect(entryCount()).toBe(before);

    const response = await respond(async () =>
      importAction({ request: postForm(`/serier/${huddinge}/deltagare/import/${importId}`, {}, cookie), params: { seriesId: String(huddinge), importId: String(importId) }, context }),
    );
    expect(response.status).toBe(302);
    expect(entriesSince(before)).toEqual([
      {
        ...staff(DEMO_EMAILS.huddinge),
        action: "participant.import",
        entity_kind: "import",
        entity_id: String(importId),
        series_id: huddinge,
        details: { rows: 2, created: 2, linked: 0, alreadyEnrolled: 0 },
        ip: IP,
      },
    ]);
    // A second confirmation imports nothing and records nothing.
    const again = (await importAction({ request: postForm(`/serier/${huddinge}/deltagare/import/${importId}`, {}, cookie), params: { seriesId: String(huddinge), importId: String(importId) }, context })) as Response;
    expect(again.status).toBe(400);
    expect(entryCount()).toBe(before + 1);
  });
});

describe("series", () => {
  it("records a status change with the statuses before and after, and nothing for an invalid one", async () => {
    const nacka = seriesId("Nacka");
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const post = (fields: Record<string, string>) => seriesAction({ request: postForm(`/serier/${nacka}`, fields, cookie), params: { seriesId: String(nacka) }, context });
    const before = entryCount();
    expect(((await post({ intent: "status", status: "avbruten", cancelReason: "" })) as Response).status).toBe(400);
    expect(((await post({ intent: "status", status: "okand" })) as Response).status).toBe(400);
    expect(entryCount()).toBe(before);

    const response = await respond(post({ intent: "status", status: "pagaende", cancelReason: "" }));
    expect(response.status).toBe(302);
    expect(entriesSince(before)).toEqual([
      {
        ...staff(DEMO_EMAILS.admin),
        action: "series.status",
        entity_kind: "series",
        entity_id: String(nacka),
        series_id: nacka,
        details: { from: "planerad", to: "pagaende" },
        ip: IP,
      },
    ]);
  });

  it("records which fields of a session's practicalities changed", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const session = seriesSessionRows(huddinge)[2];
    const before = entryCount();
    const response = await respond(
      seriesAction({
        request: postForm(`/serier/${huddinge}`, { sessionId: String(session.id), format: session.format, venue: "Stadshuset, sal 3", meetingLink: session.meetingLink ?? "" }, cookie),
        params: { seriesId: String(huddinge) },
        context,
      }),
    );
    expect(response.status).toBe(302);
    expect(entriesSince(before)).toEqual([
      { ...staff(DEMO_EMAILS.huddinge), action: "session.update", entity_kind: "series_session", entity_id: String(session.id), series_id: huddinge, details: { fields: ["venue"] }, ip: IP },
    ]);
  });
});

describe("accounts", () => {
  it("records a new account with its role and organisations, and a successful staff sign-in", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const sollentuna = organisationId("Sollentuna");
    const before = entryCount();
    const taken = (await staffAction({ request: postForm("/personal", { name: "Dubblett", email: DEMO_EMAILS.huddinge, role: "coordinator", organisationIds: String(sollentuna) }, cookie), params: {}, context })) as Response;
    expect(taken.status).toBe(400);
    expect(entryCount()).toBe(before);

    const response = await respond(async () =>
      staffAction({ request: postForm("/personal", { name: "Sara Samordnare", email: "samordnare@sollentuna.example", role: "coordinator", organisationIds: String(sollentuna) }, cookie), params: {}, context }),
    );
    expect(response.status).toBe(302);
    const created = userId("samordnare@sollentuna.example");
    expect(entriesSince(before)).toEqual([
      {
        ...staff(DEMO_EMAILS.admin),
        action: "account.create",
        entity_kind: "user",
        entity_id: String(created),
        series_id: null,
        details: { role: "coordinator", organisationIds: [sollentuna] },
        ip: IP,
      },
    ]);

    const signIn = await respond(async () =>
      signInAction({ request: postForm("/logga-in", { email: DEMO_EMAILS.botkyrka, password: "Processtod-demo-2026", redirectTo: "/" }), params: {}, context }),
    );
    expect(signIn.status).toBe(302);
    expect(entriesSince(before + 1)).toEqual([
      { ...staff(DEMO_EMAILS.botkyrka), action: "account.sign_in", entity_kind: "user", entity_id: String(userId(DEMO_EMAILS.botkyrka)), series_id: null, details: null, ip: IP },
    ]);
  });
});

describe("exports and data requests", () => {
  it("records the participant list export with its number of rows when the file is served", async () => {
    const before = entryCount();
    const response = (await participantsCsvLoader({
      request: getRequest(`/serier/${huddinge}/deltagare.csv`, await signedInCookie(userId(DEMO_EMAILS.huddinge))),
      params: { seriesId: String(huddinge) },
      context,
    })) as Response;
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\r\n").length - 1;
    const expected = sql().prepare("select count(*) from enrolments where series_id = ? and status = 'anmald'").pluck().get(huddinge) as number;
    expect(lines).toBe(expected);
    expect(entriesSince(before)).toEqual([
      {
        ...staff(DEMO_EMAILS.huddinge),
        action: "export.participants",
        entity_kind: "series",
        entity_id: String(huddinge),
        series_id: huddinge,
        details: { rows: expected, format: "csv" },
        ip: IP,
      },
    ]);
    // Another municipality's coordinator gets 404, and nothing is recorded.
    const denied = await respond(async () =>
      participantsCsvLoader({ request: getRequest(`/serier/${huddinge}/deltagare.csv`, await signedInCookie(userId(DEMO_EMAILS.botkyrka))), params: { seriesId: String(huddinge) }, context }),
    );
    expect(denied.status).toBe(404);
    expect(entryCount()).toBe(before + 1);
  });

  it("records a participant's export of their own data with the participant as the actor", async () => {
    const person = enrolled(huddinge)[0];
    const before = entryCount();
    const response = (await myDataCsvLoader({ request: getRequest("/mina-sidor/mina-uppgifter.csv", await participantCookie(person.id)), params: {}, context })) as Response;
    expect(response.status).toBe(200);
    expect(entriesSince(before)).toEqual([
      { ...participant(person.id), action: "export.my_data", entity_kind: "person", entity_id: String(person.id), series_id: null, details: { format: "csv" }, ip: IP },
    ]);
  });

  it("records the handling of a data request with its kind and outcome, and nothing for an invalid one", async () => {
    const person = enrolled(huddinge)[2];
    const created = createDataRequest({ personId: person.id, kind: "radering", message: "" })!;
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const handle = (fields: Record<string, string>) =>
      dataRequestAction({ request: postForm("/personuppgiftsbegaran?status=ny", fields, cookie), params: {}, context }) as Promise<Response>;
    const before = entryCount();
    expect((await handle({ requestId: String(created.id), outcome: "", note: "" })).status).toBe(400);
    expect(entryCount()).toBe(before);

    expect((await respond(handle({ requestId: String(created.id), outcome: "genomford", note: "Raderat." }))).status).toBe(302);
    expect(entriesSince(before)).toEqual([
      {
        ...staff(DEMO_EMAILS.huddinge),
        action: "data_request.handle",
        entity_kind: "data_request",
        entity_id: String(created.id),
        series_id: null,
        details: { kind: "radering", outcome: "genomford", personId: person.id },
        ip: IP,
      },
    ]);
  });
});

describe("settings", () => {
  it("records a series template change once it is saved, with the form's intent, and nothing for a refused one", async () => {
    const template = sql().prepare("select id, name, default_start_time as start from series_templates order by id limit 1").get() as { id: number; name: string; start: string };
    const post = async (fields: Record<string, string>) =>
      respond(async () =>
        templateAction({ request: postForm(`/mallar/${template.id}`, fields, await signedInCookie(userId(DEMO_EMAILS.admin))), params: { templateId: String(template.id) }, context }),
      );
    const fields = { intent: "template", name: template.name, description: "", minimumMonthsBetween: "", intervalDays: "", defaultStartTime: "09:00", defaultEndTime: "12:00" };
    const before = entryCount();
    expect((await post({ ...fields, defaultEndTime: "08:00" })).status).toBe(400);
    const coordinator = await respond(async () =>
      templateAction({ request: postForm(`/mallar/${template.id}`, fields, await signedInCookie(userId(DEMO_EMAILS.huddinge))), params: { templateId: String(template.id) }, context }),
    );
    expect(coordinator.status).toBe(403);
    expect(entryCount()).toBe(before);

    expect((await post(fields)).status).toBe(302);
    expect(entriesSince(before)).toEqual([
      { ...staff(DEMO_EMAILS.admin), action: "settings.update", entity_kind: "series_template", entity_id: String(template.id), series_id: null, details: { intent: "template" }, ip: IP },
    ]);
  });
});
