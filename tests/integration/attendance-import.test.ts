/**
 * Importing attendance from a CSV file through the route actions, signed in
 * as Huddinge's coordinator: Excel files preview correctly, a row error blocks
 * the whole file, a valid file writes exactly its rows with history lines of
 * source "import", substitutes fill a seat, a failure half-way leaves nothing,
 * and nobody reaches another series' import.
 */
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AttendanceStatus } from "../../db/schema";
import { getDb, schema } from "~/models/db.server";
import { importAttendance } from "~/models/attendance-import.server";
import { ImportAlreadyDoneError, savePendingImport } from "~/models/participant.server";
import { action as uploadAction, loader as uploadLoader } from "~/routes/serier.$seriesId.narvaro_.import._index";
import { action as confirmAction, loader as previewLoader } from "~/routes/serier.$seriesId.narvaro_.import.$importId";
import { loader as templateLoader } from "~/routes/serier.$seriesId.narvaro_.import.mall[.]csv";
import { action as participantConfirm, loader as participantPreview } from "~/routes/serier.$seriesId.deltagare.import.$importId";
import { windows1252 } from "../support/windows-1252";
import { DEMO_EMAILS, getRequest, postForm, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.40" };
const { attendance, attendanceChanges, participantImports, people, enrolments, exchangeEventSeries } = schema;

let huddinge: number;
let botkyrka: number;
let coordinator: string;
let botkyrkaCoordinator: string;
let sponsor: string;
let session: Record<1 | 2 | 3, number>;
let exchangeId: number;
/** Huddinge's enrolled participants, by id. */
let enrolled: { id: number; name: string; email: string }[];
/** A registered person not enrolled in Huddinge's series (from Botkyrka's). */
let outsider: { id: number; name: string; email: string };

beforeAll(async () => {
  huddinge = seriesId("Huddinge");
  botkyrka = seriesId("Botkyrka");
  coordinator = await signedInCookie(userId(DEMO_EMAILS.huddinge));
  botkyrkaCoordinator = await signedInCookie(userId(DEMO_EMAILS.botkyrka));
  sponsor = await signedInCookie(userId(DEMO_EMAILS.sponsor));
  const sessions = seriesSessionRows(huddinge);
  session = { 1: sessions[0].id, 2: sessions[1].id, 3: sessions[2].id };
  exchangeId = getDb().select({ id: exchangeEventSeries.eventId }).from(exchangeEventSeries).where(eq(exchangeEventSeries.seriesId, huddinge)).get()!.id;
  const enrolledIn = (series: number) =>
    getDb()
      .select({ id: people.id, name: people.name, email: people.email })
      .from(enrolments)
      .innerJoin(people, eq(people.id, enrolments.personId))
      .where(and(eq(enrolments.seriesId, series), eq(enrolments.status, "anmald")))
      .orderBy(people.id)
      .all();
  enrolled = enrolledIn(huddinge);
  outsider = enrolledIn(botkyrka)[0];
});

function uploadRequest(series: number, bytes: Buffer, cookie: string, fileName = "narvaro.csv"): Request {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], fileName, { type: "text/csv" }));
  return new Request(`http://localhost/serier/${series}/narvaro/import`, { method: "POST", headers: { Cookie: cookie }, body: form });
}

async function upload(bytes: Buffer, { series = huddinge, cookie = coordinator, fileName = "narvaro.csv" } = {}): Promise<Response> {
  return (await uploadAction({ request: uploadRequest(series, bytes, cookie, fileName), params: { seriesId: String(series) }, context })) as Response;
}

/** Uploads and returns the new pending import's id from the redirect. */
async function uploaded(bytes: Buffer): Promise<number> {
  const response = await upload(bytes);
  expect(response.status).toBe(302);
  const match = /^\/serier\/(\d+)\/narvaro\/import\/(\d+)$/.exec(response.headers.get("Location") ?? "");
  expect(match?.[1]).toBe(String(huddinge));
  return Number(match![2]);
}

function preview(importId: number, { series = huddinge, cookie = coordinator } = {}) {
  const path = `/serier/${series}/narvaro/import/${importId}`;
  return previewLoader({ request: getRequest(path, cookie), params: { seriesId: String(series), importId: String(importId) }, context });
}

async function confirm(importId: number, { series = huddinge, cookie = coordinator } = {}): Promise<Response> {
  const path = `/serier/${series}/narvaro/import/${importId}`;
  return (await confirmAction({ request: postForm(path, {}, cookie), params: { seriesId: String(series), importId: String(importId) }, context })) as Response;
}

const n = (query: ReturnType<typeof sql>) => getDb().get<{ n: number }>(query)!.n;
const rowsAtSession = (id: number) => n(sql`select count(*) as n from attendance where series_session_id = ${id}`);
const historyLines = () => getDb().select({ n: count() }).from(attendanceChanges).get()!.n;
const attendanceRows = () => getDb().select({ n: count() }).from(attendance).get()!.n;

function statusAt(occasion: { sessionId: number } | { eventId: number }, personId: number) {
  return getDb()
    .select({ status: attendance.status, seriesId: attendance.seriesId, substituteFor: attendance.substituteForPersonId, updatedById: attendance.updatedById })
    .from(attendance)
    .where(
      and(
        "sessionId" in occasion ? eq(attendance.seriesSessionId, occasion.sessionId) : eq(attendance.exchangeEventId, occasion.eventId),
        eq(attendance.personId, personId),
      ),
    )
    .get();
}

function importedAt(importId: number) {
  return getDb().select({ at: participantImports.importedAt }).from(participantImports).where(eq(participantImports.id, importId)).get()!.at;
}

/** Someone enrolled at Huddinge whose row at seminar 1 has the given status. */
function personWithStatusAtSeminar1(status: AttendanceStatus, skip = 0) {
  return getDb()
    .select({ id: people.id, name: people.name, email: people.email })
    .from(attendance)
    .innerJoin(people, eq(people.id, attendance.personId))
    .where(and(eq(attendance.seriesSessionId, session[1]), eq(attendance.status, status), isNull(attendance.substituteForPersonId)))
    .orderBy(people.id)
    .limit(1)
    .offset(skip)
    .get()!;
}

describe("preview", () => {
  it("reads a Windows-1252 file with semicolons and Swedish statuses, and saves nothing yet", async () => {
    const [a, b, c] = enrolled;
    const before = { rows: attendanceRows(), history: historyLines() };
    const id = await uploaded(
      windows1252(["E-post;Tillfälle;Status", `${a.email};3;Närvarande`, `${b.email.toUpperCase()};3;Frånvarande – anmält`, `${c.email};Seminarium 3;Sen ankomst`]),
    );
    const data = await preview(id);
    expect(data.fileName).toBe("narvaro.csv");
    expect(data.done).toBe(false);
    expect(data.problem).toBeNull();
    expect(data.counts).toEqual({ new: 3, change: 0, unchanged: 0, error: 0 });
    expect(data.rows.map((r) => [r.line, r.name, r.session, r.status, r.outcome, r.errors])).toEqual([
      [2, a.name, { kind: "seminar", position: 3 }, "narvarande", "new", []],
      [3, b.name, { kind: "seminar", position: 3 }, "franvarande_anmalt", "new", []],
      [4, c.name, { kind: "seminar", position: 3 }, "sen", "new", []],
    ]);
    expect(data.sessionDates).toEqual({ 1: "2026-09-15", 2: "2026-10-20", 3: "2026-11-24" });
    expect({ rows: attendanceRows(), history: historyLines() }).toEqual(before);
  });

  it("refuses a file without the required columns at the field, and stores no pending import", async () => {
    const pending = getDb().select({ n: count() }).from(participantImports).get()!.n;
    const response = await upload(windows1252(["E-post;Närvaro", `${enrolled[0].email};Närvarande`]));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Filen saknar kolumnerna: Tillfälle. Första raden måste innehålla rubrikerna." });
    const notMultipart = (await uploadAction({
      request: postForm(`/serier/${huddinge}/narvaro/import`, { file: "E-post;Tillfälle;Status" }, coordinator),
      params: { seriesId: String(huddinge) },
      context,
    })) as Response;
    expect(notMultipart.status).toBe(400);
    expect(await notMultipart.json()).toEqual({ error: "Välj en fil att ladda upp." });
    expect(getDb().select({ n: count() }).from(participantImports).get()!.n).toBe(pending);
  });
});

describe("confirming", () => {
  it("a file with one unknown status shows exactly that row's error, and confirming writes nothing (400)", async () => {
    const [a, b, c] = enrolled.slice(3);
    const before = { rows: attendanceRows(), history: historyLines() };
    const id = await uploaded(windows1252(["E-post;Tillfälle;Status", `${a.email};3;Närvarande`, `${b.email};3;Borta`, `${c.email};3;Sen`]));
    const data = await preview(id);
    expect(data.counts).toEqual({ new: 2, change: 0, unchanged: 0, error: 1 });
    expect(data.rows.filter((r) => r.outcome === "error").map((r) => [r.line, r.errors])).toEqual([
      [3, [{ key: "attendanceImport.error.statusUnknown", params: { value: "Borta" } }]],
    ]);
    const response = await confirm(id);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Rätta raderna med fel i filen och ladda upp den igen. Ingen närvaro har sparats." });
    expect({ rows: attendanceRows(), history: historyLines() }).toEqual(before);
    expect(importedAt(id)).toBeNull();
  });

  it("a valid file of 6 rows writes its 5 new or changed rows with history of source 'import'; a second confirmation imports nothing", async () => {
    const [a, b, c, d] = enrolled.slice(6);
    const changed = personWithStatusAtSeminar1("franvarande_ej_anmalt");
    const same = personWithStatusAtSeminar1("narvarande");
    const before = { rows: attendanceRows(), history: historyLines(), session3: rowsAtSession(session[3]) };
    const sameRow = getDb().select().from(attendance).where(and(eq(attendance.seriesSessionId, session[1]), eq(attendance.personId, same.id))).get();
    const id = await uploaded(
      windows1252([
        "E-post;Tillfälle;Status",
        `${a.email};3;Närvarande`,
        `${b.email};3;Frånvarande – ej anmält`,
        `${c.email};3;Anmält frånvaro`,
        `${d.email};Utbyte;Närvarande`,
        `${changed.email};1;Närvarande`,
        `${same.email};1;Närvarande`,
      ]),
    );
    expect((await preview(id)).counts).toEqual({ new: 4, change: 1, unchanged: 1, error: 0 });

    const response = await confirm(id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/serier/${huddinge}/narvaro/import/${id}?sparade=5`);
    const coordinatorId = userId(DEMO_EMAILS.huddinge);
    const written = (status: AttendanceStatus) => ({ status, seriesId: huddinge, substituteFor: null, updatedById: coordinatorId });
    expect(statusAt({ sessionId: session[3] }, a.id)).toEqual(written("narvarande"));
    expect(statusAt({ sessionId: session[3] }, b.id)).toEqual(written("franvarande_ej_anmalt"));
    expect(statusAt({ sessionId: session[3] }, c.id)).toEqual(written("franvarande_anmalt"));
    expect(statusAt({ eventId: exchangeId }, d.id)).toEqual(written("narvarande"));
    expect(statusAt({ sessionId: session[1] }, changed.id)).toEqual(written("narvarande"));
    // The unchanged row is not written again.
    expect(getDb().select().from(attendance).where(and(eq(attendance.seriesSessionId, session[1]), eq(attendance.personId, same.id))).get()).toEqual(sameRow);
    expect({ rows: attendanceRows(), history: historyLines(), session3: rowsAtSession(session[3]) }).toEqual({
      rows: before.rows + 4,
      history: before.history + 5,
      session3: before.session3 + 3,
    });
    const history = getDb()
      .select({ personId: attendanceChanges.personId, status: attendanceChanges.status, source: attendanceChanges.source, by: attendanceChanges.changedById })
      .from(attendanceChanges)
      .orderBy(attendanceChanges.id)
      .all()
      .slice(-5);
    expect(history).toEqual([
      { personId: a.id, status: "narvarande", source: "import", by: coordinatorId },
      { personId: b.id, status: "franvarande_ej_anmalt", source: "import", by: coordinatorId },
      { personId: c.id, status: "franvarande_anmalt", source: "import", by: coordinatorId },
      { personId: d.id, status: "narvarande", source: "import", by: coordinatorId },
      { personId: changed.id, status: "narvarande", source: "import", by: coordinatorId },
    ]);
    expect(importedAt(id)).not.toBeNull();
    const done = await preview(id);
    expect(done.done).toBe(true);

    // Confirmed again (a double click, a forged post): refused, nothing written twice.
    const again = await confirm(id);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: "Den här filen är redan importerad." });
    expect(historyLines()).toBe(before.history + 5);
    // The model refuses too, even when handed rows to write.
    expect(() =>
      importAttendance({
        importId: id,
        userId: coordinatorId,
        writes: [{ occasion: { kind: "session", seriesId: huddinge, sessionId: session[3] }, seriesId: huddinge, personId: a.id, status: "sen", substituteForPersonId: null, walkIn: false }],
      }),
    ).toThrow(ImportAlreadyDoneError);
    expect(statusAt({ sessionId: session[3] }, a.id)!.status).toBe("narvarande");
    expect(historyLines()).toBe(before.history + 5);
  });

  it("a substitute row records the substitute present for the seat and the enrolled person 'ersatt'", async () => {
    const absent = enrolled[10];
    const before = historyLines();
    const id = await uploaded(windows1252(["E-post;Tillfälle;Status;Ersätter", `${outsider.email};3;Sen ankomst;${absent.email}`, `${absent.email};3;Frånvarande – anmält;`]));
    const data = await preview(id);
    expect(data.counts).toEqual({ new: 2, change: 0, unchanged: 0, error: 0 });
    expect(data.rows.map((r) => [r.name, r.status, r.substituteFor, r.replacedOnLine])).toEqual([
      [outsider.name, "sen", { email: absent.email, name: absent.name }, null],
      [absent.name, "ersatt", null, 2],
    ]);
    expect((await confirm(id)).headers.get("Location")).toBe(`/serier/${huddinge}/narvaro/import/${id}?sparade=2`);
    const coordinatorId = userId(DEMO_EMAILS.huddinge);
    expect(statusAt({ sessionId: session[3] }, outsider.id)).toEqual({ status: "sen", seriesId: huddinge, substituteFor: absent.id, updatedById: coordinatorId });
    expect(statusAt({ sessionId: session[3] }, absent.id)).toEqual({ status: "ersatt", seriesId: huddinge, substituteFor: null, updatedById: coordinatorId });
    expect(historyLines()).toBe(before + 2);

    // The seat is taken now: another substitute for it, or the person as present, is refused.
    const second = await uploaded(windows1252(["E-post;Tillfälle;Status;Ersätter", `${enrolled[11].email};3;Närvarande;`, `${absent.email};3;Närvarande;`]));
    expect((await preview(second)).rows.map((r) => [r.line, r.errors])).toEqual([
      [2, []],
      [3, [{ key: "attendance.error.removeSubstituteFirst" }]],
    ]);
  });

  it("rolls back every row when the database refuses one of them, and the file can be imported afterwards", async () => {
    const rows = enrolled.slice(20, 24);
    const last = rows.at(-1)!;
    const before = { rows: attendanceRows(), history: historyLines() };
    const id = await uploaded(windows1252(["E-post;Tillfälle;Status", ...rows.map((p) => `${p.email};3;Närvarande`)]));
    getDb().$client.exec(
      `create trigger refuse_one before insert on attendance when new.person_id = ${last.id} begin select raise(abort, 'vägrad rad'); end`,
    );
    try {
      await expect(confirm(id)).rejects.toThrow("vägrad rad");
    } finally {
      getDb().$client.exec("drop trigger refuse_one");
    }
    expect({ rows: attendanceRows(), history: historyLines() }).toEqual(before);
    for (const p of rows) expect(statusAt({ sessionId: session[3] }, p.id)).toBeUndefined();
    expect(importedAt(id)).toBeNull();

    expect((await confirm(id)).status).toBe(302);
    expect({ rows: attendanceRows(), history: historyLines() }).toEqual({ rows: before.rows + 4, history: before.history + 4 });
  });
});

describe("who may import", () => {
  const template = (series: number, cookie: string) =>
    templateLoader({ request: getRequest(`/serier/${series}/narvaro/import/mall.csv`, cookie), params: { seriesId: String(series) }, context });

  it("gives another municipality's coordinator 404 on every page, and a sponsor 403", async () => {
    const id = await uploaded(windows1252(["E-post;Tillfälle;Status", `${enrolled[30].email};3;Närvarande`]));
    const params = { seriesId: String(huddinge) };
    const uploadPage = (cookie: string) => uploadLoader({ request: getRequest(`/serier/${huddinge}/narvaro/import`, cookie), params, context });
    expect((await thrownResponse(uploadPage(botkyrkaCoordinator))).status).toBe(404);
    expect((await thrownResponse(upload(windows1252(["E-post;Tillfälle;Status"]), { cookie: botkyrkaCoordinator }))).status).toBe(404);
    expect((await thrownResponse(preview(id, { cookie: botkyrkaCoordinator }))).status).toBe(404);
    expect((await thrownResponse(confirm(id, { cookie: botkyrkaCoordinator }))).status).toBe(404);
    expect((await thrownResponse(template(huddinge, botkyrkaCoordinator))).status).toBe(404);

    expect((await thrownResponse(uploadPage(sponsor))).status).toBe(403);
    expect((await thrownResponse(upload(windows1252(["E-post;Tillfälle;Status"]), { cookie: sponsor }))).status).toBe(403);
    expect((await thrownResponse(preview(id, { cookie: sponsor }))).status).toBe(403);
    expect((await thrownResponse(confirm(id, { cookie: sponsor }))).status).toBe(403);
    expect(importedAt(id)).toBeNull();
    expect(statusAt({ sessionId: session[3] }, enrolled[30].id)).toBeUndefined();
  });

  it("answers 404 to a confirmation posted for another series' import, and keeps participant and attendance imports apart", async () => {
    // Botkyrka's coordinator has an attendance import of her own series.
    const botkyrkaImport = savePendingImport({
      seriesId: botkyrka,
      userId: userId(DEMO_EMAILS.botkyrka),
      fileName: "botkyrka.csv",
      content: `E-post;Tillfälle;Status\n${outsider.email};1;Sen`,
      kind: "attendance",
    });
    expect((await preview(botkyrkaImport, { series: botkyrka, cookie: botkyrkaCoordinator })).counts).toEqual({ new: 0, change: 1, unchanged: 0, error: 0 });
    // Posted under Huddinge's series by Huddinge's coordinator: not found.
    expect((await thrownResponse(confirm(botkyrkaImport, { series: huddinge, cookie: coordinator }))).status).toBe(404);
    expect(importedAt(botkyrkaImport)).toBeNull();

    // An attendance import is not found on the participant import page, and the other way round.
    const attendanceImport = await uploaded(windows1252(["E-post;Tillfälle;Status", `${enrolled[31].email};3;Närvarande`]));
    const participantParams = { seriesId: String(huddinge), importId: String(attendanceImport) };
    const participantPath = `/serier/${huddinge}/deltagare/import/${attendanceImport}`;
    expect((await thrownResponse(participantPreview({ request: getRequest(participantPath, coordinator), params: participantParams, context }))).status).toBe(404);
    expect((await thrownResponse(participantConfirm({ request: postForm(participantPath, {}, coordinator), params: participantParams, context }))).status).toBe(404);
    const participantImport = savePendingImport({
      seriesId: huddinge,
      userId: userId(DEMO_EMAILS.huddinge),
      fileName: "deltagare.csv",
      content: "Namn;E-post;Verksamhet\nNy Person;ny.person@huddinge.example;Skola",
    });
    expect((await thrownResponse(preview(participantImport))).status).toBe(404);
    expect((await thrownResponse(confirm(participantImport))).status).toBe(404);
    expect(importedAt(attendanceImport)).toBeNull();
    expect(importedAt(participantImport)).toBeNull();
  });

  it("serves the coordinator a template with the series' 90 enrolled participants", async () => {
    const response = await template(huddinge, coordinator);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("E-post;Tillfälle;Status;Ersätter;Namn");
    expect(lines).toHaveLength(1 + 90);
    expect(lines).toContain(`${enrolled[0].email};;;;${enrolled[0].name}`);
  });
});
