/**
 * The participant's preparation page (/mina-sidor/tillfallen/:sessionId/forberedelser)
 * called the way Remix calls it, on the demo data: Huddinge's seminar 3 with its
 * prep material and reflection questions, Sofia Hassan and Daniel Holm (both
 * Huddinge, both enrolled in the Huddinge series), and a Botkyrka participant.
 *
 * Covers progress counts, the 5 000-character cap, who sees a shared
 * reflection, forged ids, and participants' access to uploaded PDFs.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { participantSessionCookie } from "~/lib/participant-auth.server";
import { savePdf } from "~/lib/uploads.server";
import { getDb } from "~/models/db.server";
import { portalSession } from "~/models/portal.server";
import { loader as materialLoader } from "~/routes/material.$materialId";
import { action, loader } from "~/routes/mina-sidor.tillfallen.$sessionId.forberedelser";
import { DEMO_EMAILS, getRequest, organisationId, postForm, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.10" };
const t = translator("sv");

let huddinge: number;
let session3: number;
let session2: number;
let botkyrkaSession: number;
let sofia: number;
let daniel: number;
let maja: number;
let botkyrkaPerson: number;
let materials: { id: number; kind: string }[];
let questions: { id: number }[];

function personId(email: string): number {
  const row = getDb().get<{ id: number } | undefined>(sql`select id from people where email_normalized = ${email}`);
  if (!row) throw new Error(`No person ${email}`);
  return row.id;
}

async function cookieFor(person: number): Promise<string> {
  return (await participantSessionCookie(person)).split(";")[0];
}

function page(session: number) {
  return `/mina-sidor/tillfallen/${session}/forberedelser`;
}

async function load(person: number, session = session3) {
  return loader({ request: getRequest(page(session), await cookieFor(person)), params: { sessionId: String(session) }, context });
}

async function post(person: number, fields: Record<string, string>, session = session3) {
  return action({ request: postForm(page(session), fields, await cookieFor(person)), params: { sessionId: String(session) }, context });
}

/** `data(value, { status })` from an action comes back as { data, init } under single fetch. */
function statusAndData(result: unknown): { status: number; data: unknown } {
  if (result instanceof Response) return { status: result.status, data: null };
  const r = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (r && r.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, data: r.data };
  return { status: 200, data: result };
}

function reflectionRow(person: number, questionId: number) {
  return getDb().get<{ text: string; shared: number; updatedAt: number } | undefined>(
    sql`select text, shared, updated_at as updatedAt from reflections where person_id = ${person} and reflection_question_id = ${questionId}`,
  );
}

function count(table: "prep_progress" | "reflections"): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n from ${sql.raw(table)}`)!.n;
}

beforeAll(() => {
  // The demo seeds preparation for Huddinge (db/seed-portal.ts); these tests start from nobody having prepared.
  getDb().run(sql`delete from prep_progress`);
  getDb().run(sql`delete from reflections`);
  huddinge = seriesId("Huddinge");
  const sessions = seriesSessionRows(huddinge);
  session2 = sessions.find((s) => s.position === 2)!.id;
  session3 = sessions.find((s) => s.position === 3)!.id;
  botkyrkaSession = seriesSessionRows(seriesId("Botkyrka"))[0].id;
  sofia = personId("sofia.hassan76@huddinge.example");
  daniel = personId("daniel.holm77@huddinge.example");
  maja = personId("maja.hassan78@huddinge.example");
  botkyrkaPerson = getDb().get<{ id: number }>(
    sql`select p.id from people p join enrolments e on e.person_id = p.id where e.series_id = ${seriesId("Botkyrka")} order by p.id limit 1`,
  )!.id;
  // The counts come from the database, so the test follows the seed rather than repeating it.
  materials = getDb().all<{ id: number; kind: string }>(sql`select id, kind from prep_materials where series_session_id = ${session3} order by id`);
  questions = getDb().all<{ id: number }>(sql`select id from reflection_questions where series_session_id = ${session3} order by id`);
});

describe("the demo data this file relies on", () => {
  it("has seminar 3 with material and questions, and both participants in Huddinge", () => {
    expect(materials.map((m) => m.kind).sort()).toEqual(["dokument", "forelasning"]);
    expect(questions).toHaveLength(2);
    const orgs = getDb().all<{ organisationId: number }>(
      sql`select organisation_id as organisationId from people where id in (${sofia}, ${daniel}, ${maja}) order by id`,
    );
    expect(orgs.map((o) => o.organisationId)).toEqual(Array(3).fill(organisationId("Huddinge")));
  });
});

describe("GET the preparation page", () => {
  it("shows seminar 3's preparation time, material and questions, with nothing done yet", async () => {
    const data = await load(sofia);
    expect(data.session.prepHours).toBe(3);
    expect(data.progress).toEqual({ done: 0, total: 4 });
    expect(data.materials.map((m) => m.id)).toEqual(materials.map((m) => m.id));
    expect(data.materials.every((m) => m.doneAt === null)).toBe(true);
    expect(data.questions.map((q) => q.id)).toEqual(questions.map((q) => q.id));
    expect(data.questions.every((q) => q.mine === null && q.shared.length === 0)).toBe(true);
  });

  it("answers 404 to a participant opening a Botkyrka session, and an unknown id", async () => {
    expect((await thrownResponse(load(sofia, botkyrkaSession))).status).toBe(404);
    expect((await thrownResponse(load(sofia, 999_999))).status).toBe(404);
  });

  it("sends a visitor without a participant session to the portal sign-in, coming back here", async () => {
    const response = await thrownResponse(loader({ request: getRequest(page(session3)), params: { sessionId: String(session3) }, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/mina-sidor/logga-in?redirectTo=${encodeURIComponent(page(session3))}`);
  });
});

describe("marking material done", () => {
  it("counts a marked document as 1 av 4 klara, on this page and on the overview; undo takes it back", async () => {
    const [document] = materials.filter((m) => m.kind === "dokument");
    const response = (await post(daniel, { intent: "mark", materialId: String(document.id) })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${page(session3)}#material-${document.id}`);

    let data = await load(daniel);
    expect(data.progress).toEqual({ done: 1, total: 4 });
    expect(t("portalPrep.progress", data.progress)).toBe("1 av 4 klara");
    expect(data.materials.find((m) => m.id === document.id)!.doneAt).toEqual(expect.any(Number));
    expect(portalSession({ personId: daniel, sessionId: session3 })).toMatchObject({ prepDone: 1, prepTotal: 4 });

    // Marking twice is harmless; a fetcher gets data instead of a redirect.
    expect(await post(daniel, { intent: "mark", materialId: String(document.id), js: "1" })).toEqual({ ok: true });
    expect((await load(daniel)).progress).toEqual({ done: 1, total: 4 });

    await post(daniel, { intent: "unmark", materialId: String(document.id) });
    data = await load(daniel);
    expect(data.progress).toEqual({ done: 0, total: 4 });
    // Someone else's marks never show on your page.
    expect((await load(sofia)).progress).toEqual({ done: 0, total: 4 });
  });

  it("counts every material and every saved reflection: 4 av 4", async () => {
    for (const m of materials) await post(maja, { intent: "mark", materialId: String(m.id) });
    expect((await load(maja)).progress).toEqual({ done: 2, total: 4 });
    for (const q of questions) await post(maja, { intent: "reflect", questionId: String(q.id), text: "Mina tankar." });
    expect((await load(maja)).progress).toEqual({ done: 4, total: 4 });
    // An emptied reflection is deleted and no longer counts.
    await post(maja, { intent: "reflect", questionId: String(questions[0].id), text: "  \r\n " });
    expect(reflectionRow(maja, questions[0].id)).toBeUndefined();
    expect((await load(maja)).progress).toEqual({ done: 3, total: 4 });
  });
});

describe("forged ids", () => {
  it("answers 404 to a material or a question of another session, and stores nothing", async () => {
    const before = { progress: count("prep_progress"), reflections: count("reflections") };
    const otherMaterial = getDb().get<{ id: number }>(sql`select id from prep_materials where series_session_id = ${session2} limit 1`)!.id;
    const otherQuestion = getDb().get<{ id: number }>(sql`select id from reflection_questions where series_session_id = ${session2} limit 1`)!.id;

    expect((await thrownResponse(post(sofia, { intent: "mark", materialId: String(otherMaterial) }))).status).toBe(404);
    expect((await thrownResponse(post(sofia, { intent: "mark", materialId: "abc" }))).status).toBe(404);
    expect((await thrownResponse(post(sofia, { intent: "unmark", materialId: String(otherMaterial) }))).status).toBe(404);
    expect((await thrownResponse(post(sofia, { intent: "reflect", questionId: String(otherQuestion), text: "x" }))).status).toBe(404);
    // Even a too-long text on a forged question is a 404, not a 400.
    expect((await thrownResponse(post(sofia, { intent: "reflect", questionId: String(otherQuestion), text: "x".repeat(6000) }))).status).toBe(404);
    expect(count("prep_progress")).toBe(before.progress);
    expect(count("reflections")).toBe(before.reflections);
  });

  it("answers 404 to a post to another participant's session (Botkyrka), and stores nothing", async () => {
    const before = count("prep_progress");
    const botkyrkaMaterial = getDb().get<{ id: number } | undefined>(sql`select id from prep_materials limit 1`)!.id;
    const response = await thrownResponse(post(sofia, { intent: "mark", materialId: String(botkyrkaMaterial) }, botkyrkaSession));
    expect(response.status).toBe(404);
    expect(count("prep_progress")).toBe(before);
  });

  it("answers 400 to an unknown intent", async () => {
    expect((await thrownResponse(post(sofia, { intent: "delete-everything" }))).status).toBe(400);
  });
});

describe("the 5 000-character cap", () => {
  it("stores exactly 5 000 characters", async () => {
    const text = "å".repeat(4999) + "😀"; // 5 000 characters, 5 001 UTF-16 units
    const response = (await post(sofia, { intent: "reflect", questionId: String(questions[1].id), text })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${page(session3)}#fraga-${questions[1].id}`);
    expect(reflectionRow(sofia, questions[1].id)).toMatchObject({ text, shared: 0 });
  });

  it("refuses 5 001 characters with HTTP 400 and a Swedish message, keeps the text and stores nothing", async () => {
    const before = reflectionRow(sofia, questions[1].id);
    const text = "a".repeat(5001);
    const { status, data } = statusAndData(await post(sofia, { intent: "reflect", questionId: String(questions[1].id), text, shared: "1" }));
    expect(status).toBe(400);
    expect(data).toEqual({
      ok: false,
      questionId: questions[1].id,
      error: "Reflektionen får vara högst 5\u00a0000 tecken. Din text är 5\u00a0001 tecken.",
      text,
      shared: true,
    });
    expect(reflectionRow(sofia, questions[1].id)).toEqual(before);
  });

  it("counts a CRLF line break (as browsers send it) as one character, and stores it as LF", async () => {
    const text = `${"b".repeat(2499)}\r\n${"c".repeat(2500)}`; // 5 000 characters once the break is one
    await post(daniel, { intent: "reflect", questionId: String(questions[1].id), text });
    expect(reflectionRow(daniel, questions[1].id)?.text).toBe(`${"b".repeat(2499)}\n${"c".repeat(2500)}`);
    const { status, data } = statusAndData(await post(daniel, { intent: "reflect", questionId: String(questions[1].id), text: "d".repeat(5432) }));
    expect(status).toBe(400);
    expect((data as { error: string }).error).toBe("Reflektionen får vara högst 5\u00a0000 tecken. Din text är 5\u00a0432 tecken.");
    await post(daniel, { intent: "reflect", questionId: String(questions[1].id), text: "" });
  });
});

describe("sharing", () => {
  const payload = "<script>alert(1)</script><b>x</b>\n  andra raden";
  let q: number;
  let outsider: number;
  let otherOrgInSeries: number;

  beforeAll(() => {
    q = questions[0].id;
    const db = getDb();
    // A Botkyrka participant also enrolled in the Huddinge series: same series, another organisation.
    db.run(sql`insert into enrolments (series_id, person_id) values (${huddinge}, ${botkyrkaPerson})`);
    otherOrgInSeries = botkyrkaPerson;
    // A Huddinge employee who is not in the series at all.
    outsider = db.get<{ id: number }>(
      sql`insert into people (name, email, email_normalized, organisation_id, sector, role_category) values ('Utom Serien', 'utom.serien@huddinge.example', 'utom.serien@huddinge.example', ${organisationId("Huddinge")}, 'skola', 'profession') returning id`,
    )!.id;
  });

  it("shows Daniel's shared reflection to Sofia (same municipality, same series), as the text he typed, with his name", async () => {
    await post(daniel, { intent: "reflect", questionId: String(q), text: payload, shared: "1" });
    expect(reflectionRow(daniel, q)).toMatchObject({ text: payload, shared: 1 });
    const shared = (await load(sofia)).questions.find((x) => x.id === q)!.shared;
    expect(shared).toEqual([{ authorId: daniel, authorName: "Daniel Holm", text: payload, updatedAt: expect.any(Number) }]);
  });

  it("does not list the author's own reflection among colleagues', but shows it as theirs", async () => {
    const question = (await load(daniel)).questions.find((x) => x.id === q)!;
    expect(question.shared).toEqual([]);
    expect(question.mine).toEqual({ text: payload, shared: true, updatedAt: expect.any(Number) });
  });

  it("hides it from a participant of the same series in another municipality", async () => {
    expect((await load(otherOrgInSeries)).questions.find((x) => x.id === q)!.shared).toEqual([]);
  });

  it("never shows an unshared reflection, and unsharing hides a shared one", async () => {
    await post(maja, { intent: "reflect", questionId: String(q), text: "Privat tanke" });
    await post(daniel, { intent: "reflect", questionId: String(q), text: payload });
    const shared = (await load(sofia)).questions.find((x) => x.id === q)!.shared;
    expect(shared).toEqual([]);
    await post(daniel, { intent: "reflect", questionId: String(q), text: payload, shared: "1" });
    expect((await load(sofia)).questions.find((x) => x.id === q)!.shared.map((s) => s.authorId)).toEqual([daniel]);
  });

  it("ignores a shared reflection by someone of the same municipality who is not in the series", async () => {
    getDb().run(sql`insert into reflections (person_id, reflection_question_id, text, shared, updated_at) values (${outsider}, ${q}, 'Utifrån', 1, ${Date.now()})`);
    expect((await load(sofia)).questions.find((x) => x.id === q)!.shared.map((s) => s.authorId)).toEqual([daniel]);
  });

  it("shows a colleague's share to nobody in another organisation, and a reader without organisation sees none", async () => {
    await post(otherOrgInSeries, { intent: "reflect", questionId: String(q), text: "Från Botkyrka", shared: "1" });
    expect((await load(sofia)).questions.find((x) => x.id === q)!.shared.map((s) => s.authorId)).toEqual([daniel]);
    getDb().run(sql`update people set organisation_id = null where id = ${sofia}`);
    try {
      expect((await load(sofia)).questions.find((x) => x.id === q)!.shared).toEqual([]);
    } finally {
      getDb().run(sql`update people set organisation_id = ${organisationId("Huddinge")} where id = ${sofia}`);
    }
  });
});

describe("GET /material/:materialId (uploaded PDFs)", () => {
  const bytes = Buffer.from("%PDF-1.4\n% prep test\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", "latin1");
  let material: number;

  beforeAll(() => {
    const key = savePdf(new Uint8Array(bytes));
    material = getDb().get<{ id: number }>(
      sql`insert into prep_materials (series_session_id, kind, title, file_key, file_name, file_size)
        values (${session3}, 'dokument', 'Uppladdad PDF', ${key}, 'underlag.pdf', ${bytes.length}) returning id`,
    )!.id;
  });

  function get(cookie?: string) {
    return materialLoader({ request: getRequest(`/material/${material}`, cookie), params: { materialId: String(material) }, context });
  }

  it("serves the PDF to a participant whose session it is, and lists it on the page", async () => {
    const response = await get(await cookieFor(sofia));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    const listed = (await load(sofia)).materials.find((m) => m.id === material);
    expect(listed).toMatchObject({ title: "Uppladdad PDF", fileSize: bytes.length, url: null });
  });

  it("answers 404 to a participant of another series", async () => {
    const Botkyrka = getDb().get<{ id: number }>(
      sql`select p.id from people p join enrolments e on e.person_id = p.id where e.series_id = ${seriesId("Botkyrka")} order by p.id limit 1 offset 1`,
    )!.id;
    expect((await thrownResponse(get(await cookieFor(Botkyrka)))).status).toBe(404);
  });

  it("keeps staff access: the Huddinge coordinator gets it, the Botkyrka coordinator gets 404", async () => {
    expect((await get(await signedInCookie(userId(DEMO_EMAILS.huddinge)))).status).toBe(200);
    expect((await thrownResponse(get(await signedInCookie(userId(DEMO_EMAILS.botkyrka))))).status).toBe(404);
  });

  it("sends someone signed in nowhere to the staff sign-in, as before", async () => {
    const response = await thrownResponse(get());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);
  });
});
