/**
 * Paper entry and the survey CSV import through the route loaders and
 * actions, on Botkyrka's efterenkät (closed; 39 paper responses in the demo):
 * one form stores exactly one response with the typed answers, a double
 * submit stores it once, bad input is 400 with Swedish messages and nothing
 * stored, the last form can be undone by the one who entered it only, and the
 * import previews each row's problems and stores all rows or none, once.
 * Another municipality's coordinator gets 404, a sponsor 403.
 */
import { and, count, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "~/lib/format";
import { getDb, schema } from "~/models/db.server";
import { ImportAlreadyDoneError } from "~/models/participant.server";
import { commitSurveyImport, entrySurvey, getPendingSurveyImport } from "~/models/survey-entry.server";
import { addSeriesSurvey, insertTemplate, stateOf } from "~/models/survey.server";
import { writeTransaction } from "~/models/db.server";
import { action as entryAction, loader as entryLoader } from "~/routes/serier.$seriesId.enkater.$surveyId.pappersenkater";
import { action as uploadAction, loader as uploadLoader } from "~/routes/serier.$seriesId.enkater.$surveyId.import._index";
import { action as confirmAction, loader as previewLoader } from "~/routes/serier.$seriesId.enkater.$surveyId.import.$importId";
import { loader as templateLoader } from "~/routes/serier.$seriesId.enkater.$surveyId.import.mall[.]csv";
import { windows1252 } from "../support/windows-1252";
import { DEMO_EMAILS, getRequest, postForm, seriesId, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.77" };
const { surveys, surveyTemplates, surveyResponses, surveyAnswers, surveyItems, participantImports } = schema;

let botkyrka: number;
let huddinge: number;
/** Botkyrka's efterenkät, and Huddinge's (another series). */
let post: number;
let huddingePost: number;
let coordinator: string;
let admin: string;
let huddingeCoordinator: string;
let sponsor: string;

function surveyOf(series: number, key: string): number {
  return getDb()
    .select({ id: surveys.id })
    .from(surveys)
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveys.templateId))
    .where(and(eq(surveys.seriesId, series), eq(surveyTemplates.key, key)))
    .get()!.id;
}

beforeAll(async () => {
  botkyrka = seriesId("Botkyrka");
  huddinge = seriesId("Huddinge");
  post = surveyOf(botkyrka, "efterenkat");
  huddingePost = surveyOf(huddinge, "efterenkat");
  coordinator = await signedInCookie(userId(DEMO_EMAILS.botkyrka));
  admin = await signedInCookie(userId(DEMO_EMAILS.admin));
  huddingeCoordinator = await signedInCookie(userId(DEMO_EMAILS.huddinge));
  sponsor = await signedInCookie(userId(DEMO_EMAILS.sponsor));
});

const entryPath = (series = botkyrka, survey = post) => `/serier/${series}/enkater/${survey}/pappersenkater`;
const params = (series = botkyrka, survey = post) => ({ seriesId: String(series), surveyId: String(survey) });

function loadEntry(cookie = coordinator, series = botkyrka, survey = post) {
  return entryLoader({ request: getRequest(entryPath(series, survey), cookie), params: params(series, survey), context });
}

async function postEntry(fields: Record<string, string>, cookie = coordinator, series = botkyrka, survey = post): Promise<Response> {
  return (await entryAction({ request: postForm(entryPath(series, survey), fields, cookie), params: params(series, survey), context })) as Response;
}

/** The request Cookie header after a response's Set-Cookie: the sign-in plus the entry session. */
function withPaperCookie(signIn: string, response: Response): string {
  const set = response.headers.get("Set-Cookie");
  expect(set).toMatch(/^processtod_paper=/);
  return `${signIn}; ${set!.split(";")[0]}`;
}

const n = (query: ReturnType<typeof sql>) => getDb().get<{ n: number }>(query)!.n;
const responsesOf = (survey = post) => getDb().select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey)).get()!.n;
const paperKeys = () => getDb().select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, post), sql`${surveyResponses.submissionKey} not like 'demo-%'`)).all();

function answersOf(responseId: string) {
  return getDb()
    .select({
      code: surveyItems.code,
      value: surveyAnswers.value,
      dontKnow: surveyAnswers.dontKnow,
      choice: surveyAnswers.choice,
      text: surveyAnswers.text,
    })
    .from(surveyAnswers)
    .innerJoin(surveyItems, eq(surveyItems.id, surveyAnswers.itemId))
    .where(eq(surveyAnswers.responseId, responseId))
    .orderBy(surveyItems.position)
    .all();
}

function responseByKey(submissionKey: string) {
  return getDb()
    .select({
      id: surveyResponses.id,
      seriesId: surveyResponses.seriesId,
      sessionId: surveyResponses.seriesSessionId,
      sector: surveyResponses.sector,
      roleCategory: surveyResponses.roleCategory,
      pairCode: surveyResponses.pairCode,
      channel: surveyResponses.channel,
      submittedOn: surveyResponses.submittedOn,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.submissionKey, submissionKey))
    .get();
}

describe("paper entry page", () => {
  it("gives the efterenkät's items, a fresh one-time key per visit, and the counts; the survey is closed but open for staff", async () => {
    const found = entrySurvey({ seriesId: botkyrka, surveyId: post, scope: { kind: "all" } })!;
    expect(stateOf(found.survey)).toBe("closed");
    const first = await loadEntry();
    const second = await loadEntry();
    expect(first.title).toBe("Mata in pappersenkäter: Efterenkät");
    expect(first.items.map((i) => i.code)).toEqual(["1", "2", "3", "3b", "4a", "4b", "4c", "4d", "4e", "4f", "5", "6"]);
    expect(first.submissionKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.submissionKey).not.toBe(first.submissionKey);
    expect({ entered: first.entered, canUndo: first.canUndo, total: first.total, flash: first.flash }).toEqual({ entered: 0, canUndo: false, total: 39, flash: null });
  });
});

describe("entering one questionnaire", () => {
  it("stores exactly one paper response with the typed answers, and counts it in the entry session", async () => {
    const before = responsesOf();
    const key = (await loadEntry()).submissionKey;
    const response = await postEntry({
      nyckel: key,
      q_1: "1",
      q_2: "2",
      q_3: "5",
      q_3b: "Skolkurator",
      q_4a: "4",
      q_4b: "9",
      q_4c: "vet ej",
      q_4d: "",
      q_4e: "5",
      q_4f: "1",
      q_5: "  Vi har börjat träffas varje månad.  ",
      q_6: "",
      kod: "bk-2001",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${entryPath()}?sparad=1`);
    expect(response.headers.get("Set-Cookie")).toMatch(new RegExp(`^processtod_paper=[^;]+; Max-Age=43200; Path=/serier/${botkyrka}/enkater/${post}/; HttpOnly; SameSite=Lax`));
    expect(responsesOf()).toBe(before + 1);

    const stored = responseByKey(key)!;
    const session3 = entrySurvey({ seriesId: botkyrka, surveyId: post, scope: { kind: "all" } })!.survey.session!.id;
    expect(stored).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      seriesId: botkyrka,
      sessionId: session3,
      sector: "socialtjanst",
      roleCategory: "annat",
      pairCode: "BK2001",
      channel: "paper",
      submittedOn: formatDate(new Date()),
    });
    expect(answersOf(stored.id)).toEqual([
      { code: "1", value: null, dontKnow: false, choice: "ja", text: null },
      { code: "2", value: null, dontKnow: false, choice: "socialtjanst", text: null },
      { code: "3", value: null, dontKnow: false, choice: "annat", text: null },
      { code: "3b", value: null, dontKnow: false, choice: null, text: "Skolkurator" },
      { code: "4a", value: 4, dontKnow: false, choice: null, text: null },
      { code: "4b", value: null, dontKnow: true, choice: null, text: null },
      { code: "4c", value: null, dontKnow: true, choice: null, text: null },
      { code: "4e", value: 5, dontKnow: false, choice: null, text: null },
      { code: "4f", value: 1, dontKnow: false, choice: null, text: null },
      { code: "5", value: null, dontKnow: false, choice: null, text: "Vi har börjat träffas varje månad." },
    ]);

    const after = await entryLoader({ request: getRequest(`${entryPath()}?sparad=1`, withPaperCookie(coordinator, response)), params: params(), context });
    expect({ entered: after.entered, canUndo: after.canUndo, total: after.total, flash: after.flash }).toEqual({ entered: 1, canUndo: true, total: before + 1, flash: "saved" });
  });

  it("stores a form posted twice (double Enter) once, and counts it once", async () => {
    const before = responsesOf();
    const key = (await loadEntry()).submissionKey;
    const fields = { nyckel: key, q_2: "1", q_4a: "3" };
    const first = await postEntry(fields);
    expect(first.status).toBe(302);
    // The second post carries the cookie the first one set: nothing new, no new count.
    const cookie = withPaperCookie(coordinator, first);
    const second = await postEntry(fields, cookie);
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe(`${entryPath()}?sparad=1`);
    expect(second.headers.get("Set-Cookie")).toBeNull();
    // Sent at once, both with the old cookie: both answers say "1 entered", never 2.
    const third = await postEntry(fields);
    expect(third.status).toBe(302);
    const counted = await entryLoader({ request: getRequest(entryPath(), withPaperCookie(coordinator, third)), params: params(), context });
    expect(counted.entered).toBe(1);
    expect(responsesOf()).toBe(before + 1);
  });

  it("answers bad input with 400, a Swedish message per field, the typed values kept, and stores nothing", async () => {
    const before = responsesOf();
    const key = (await loadEntry()).submissionKey;
    const response = await postEntry({ nyckel: key, q_1: "3", q_2: "2", q_4a: "7", q_4b: "4", q_5: "Bra", kod: "AB" });
    expect(response.status).toBe(400);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const data = await response.json();
    expect(data.errors).toEqual({
      "1": "Välj ett av alternativen.",
      "4a": "Svara med en siffra 1–5, eller 9 för Vet ej.",
      kod: "Koden ska vara 4–12 bokstäver (A–Z) eller siffror.",
    });
    expect(data.invalid).toEqual(["q_1", "q_4a", "kod"]);
    expect(data.formError).toBe("Enkäten sparades inte. Rätta 3 fel:");
    expect(data.values).toMatchObject({ q_1: "3", q_2: "2", q_4a: "7", q_4b: "4", q_5: "Bra", kod: "AB", q_4c: "" });
    expect(responsesOf()).toBe(before);
    expect(responseByKey(key)).toBeUndefined();
  });

  it("refuses an empty form and a form without a valid one-time key (400), storing nothing", async () => {
    const before = responsesOf();
    const empty = await postEntry({ nyckel: (await loadEntry()).submissionKey, q_1: "", q_4a: " ", kod: "" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).formError).toBe("Enkäten är tom och sparades inte. Fyll i minst ett svar.");
    for (const nyckel of ["", "demo-2-3", "not-a-uuid"]) {
      const response = await postEntry({ nyckel, q_4a: "3" });
      expect(response.status).toBe(400);
      expect((await response.json()).formError).toBe("Begäran kunde inte tolkas. Ladda om sidan och försök igen.");
    }
    expect(responsesOf()).toBe(before);
  });
});

describe("a custom survey", () => {
  it("stores several options as a JSON list in the options' order and both halves of a now/then item, other answers without a list", async () => {
    const templateId = writeTransaction((tx) =>
      insertTemplate(tx, {
        name: "Uppföljning av nätverket",
        phase: "other",
        intro: "",
        items: [
          { code: "1a", kind: "likert_now_then", prompt: "Vi har regelbundna möten" },
          { code: "2", kind: "multiple", prompt: "Hur håller ni kontakt?", options: [{ value: "mote", label: "Möten" }, { value: "mejl", label: "Mejl" }, { value: "telefon", label: "Telefon" }] },
        ],
        indices: [],
      }),
    );
    const custom = addSeriesSurvey({ seriesId: botkyrka, templateId, sessionId: null })!;
    const page = await loadEntry(coordinator, botkyrka, custom);
    expect(page.items.map((i) => [i.code, i.kind])).toEqual([
      ["1a", "likert_now_then"],
      ["2", "multiple"],
    ]);
    const response = await postEntry({ nyckel: page.submissionKey, q_1a: "4", q_1a_hade: "9", q_2: "3, 1" }, coordinator, botkyrka, custom);
    expect(response.status).toBe(302);
    const { id } = responseByKey(page.submissionKey)!;
    const raw = getDb().all<{ value: number | null; valueThen: number | null; dontKnowThen: number; choices: string | null }>(
      sql`select value, value_then as valueThen, dont_know_then as dontKnowThen, choices from survey_answers where response_id = ${id} order by item_id`,
    );
    expect(raw).toEqual([
      { value: 4, valueThen: null, dontKnowThen: 1, choices: null },
      { value: null, valueThen: null, dontKnowThen: 0, choices: '["mote","telefon"]' },
    ]);

    const bad = await postEntry({ nyckel: (await loadEntry(coordinator, botkyrka, custom)).submissionKey, q_1a: "4", q_1a_hade: "6", q_2: "4" }, coordinator, botkyrka, custom);
    expect(bad.status).toBe(400);
    const data = await bad.json();
    expect(data.errors).toEqual({ "1a": "Svara med en siffra 1–5, eller 9 för Vet ej.", "2": "Välj ett av alternativen." });
    // The error is on the "at the start" half, where the 6 was typed.
    expect(data.invalid).toEqual(["q_1a_hade", "q_2"]);
  });
});

describe("undoing the last form", () => {
  it("deletes the response just entered and its answers, once, for the person who entered it only", async () => {
    const key = (await loadEntry()).submissionKey;
    const saved = await postEntry({ nyckel: key, q_2: "3", q_4a: "2", q_4b: "2" });
    const cookie = withPaperCookie(coordinator, saved);
    const { id } = responseByKey(key)!;
    expect(answersOf(id)).toHaveLength(3);

    // A process leader on the same computer, with the coordinator's entry cookie, cannot undo it.
    const paperCookie = cookie.split("; ").at(-1)!;
    const other = await postEntry({ intent: "undo" }, `${admin}; ${paperCookie}`);
    expect(other.headers.get("Location")).toBe(`${entryPath()}?inget=1`);
    expect(responseByKey(key)).toBeDefined();

    const before = responsesOf();
    const undo = await postEntry({ intent: "undo" }, cookie);
    expect(undo.status).toBe(302);
    expect(undo.headers.get("Location")).toBe(`${entryPath()}?angrad=1`);
    expect(responsesOf()).toBe(before - 1);
    expect(responseByKey(key)).toBeUndefined();
    expect(answersOf(id)).toEqual([]);
    const afterCookie = withPaperCookie(coordinator, undo);
    const page = await entryLoader({ request: getRequest(`${entryPath()}?angrad=1`, afterCookie), params: params(), context });
    expect({ entered: page.entered, canUndo: page.canUndo, flash: page.flash }).toEqual({ entered: 0, canUndo: false, flash: "undone" });

    const again = await postEntry({ intent: "undo" }, afterCookie);
    expect(again.headers.get("Location")).toBe(`${entryPath()}?inget=1`);
    expect(responsesOf()).toBe(before - 1);
  });

  it("never sends a response id to the browser", async () => {
    const key = (await loadEntry()).submissionKey;
    const saved = await postEntry({ nyckel: key, q_4a: "5" });
    const { id } = responseByKey(key)!;
    const cookieValue = decodeURIComponent(saved.headers.get("Set-Cookie")!.split(";")[0].split("=").slice(1).join("="));
    expect(Buffer.from(cookieValue, "base64").toString()).not.toContain(id);
    const page = await entryLoader({ request: getRequest(entryPath(), withPaperCookie(coordinator, saved)), params: params(), context });
    expect(JSON.stringify(page)).not.toContain(id);
  });
});

describe("who may enter", () => {
  it("lets the process leader in, and answers another municipality's coordinator 404 and a sponsor 403, by URL and by forged post", async () => {
    expect((await loadEntry(admin)).items).toHaveLength(12);
    const before = responsesOf();
    const fields = { nyckel: "0b8f5a52-4f5e-4b8e-9a4e-3c1f2d9e7a10", q_4a: "3" };
    expect((await thrownResponse(loadEntry(huddingeCoordinator))).status).toBe(404);
    expect((await thrownResponse(postEntry(fields, huddingeCoordinator))).status).toBe(404);
    expect((await thrownResponse(loadEntry(sponsor))).status).toBe(403);
    expect((await thrownResponse(postEntry(fields, sponsor))).status).toBe(403);
    expect(responsesOf()).toBe(before);
  });

  it("answers 404 for a survey of another series under this series' address, and for a survey id that is not a number", async () => {
    expect((await thrownResponse(loadEntry(admin, botkyrka, huddingePost))).status).toBe(404);
    expect((await thrownResponse(postEntry({ nyckel: "0b8f5a52-4f5e-4b8e-9a4e-3c1f2d9e7a11", q_4a: "3" }, admin, botkyrka, huddingePost))).status).toBe(404);
    expect(responsesOf(huddingePost)).toBe(0);
    const bad = await thrownResponse(entryLoader({ request: getRequest(`/serier/${botkyrka}/enkater/abc/pappersenkater`, admin), params: { seriesId: String(botkyrka), surveyId: "abc" }, context }));
    expect(bad.status).toBe(404);
  });
});

// ---------------------------------------------------------------------------
// CSV import
// ---------------------------------------------------------------------------

const importBase = (series = botkyrka, survey = post) => `/serier/${series}/enkater/${survey}/import`;

async function upload(bytes: Buffer, { cookie = coordinator, series = botkyrka, survey = post, fileName = "efterenkat.csv" } = {}): Promise<Response> {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], fileName, { type: "text/csv" }));
  const request = new Request(`http://localhost${importBase(series, survey)}`, { method: "POST", headers: { Cookie: cookie }, body: form });
  return (await uploadAction({ request, params: params(series, survey), context })) as Response;
}

async function uploaded(bytes: Buffer, cookie = coordinator): Promise<number> {
  const response = await upload(bytes, { cookie });
  expect(response.status).toBe(302);
  const match = new RegExp(`^${importBase()}/(\\d+)$`).exec(response.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const importParams = (importId: number) => ({ ...params(), importId: String(importId) });
const preview = (importId: number, cookie = coordinator) => previewLoader({ request: getRequest(`${importBase()}/${importId}`, cookie), params: importParams(importId), context });
const confirm = async (importId: number, cookie = coordinator) =>
  (await confirmAction({ request: postForm(`${importBase()}/${importId}`, {}, cookie), params: importParams(importId), context })) as Response;

const importResponses = () => n(sql`select count(*) as n from survey_responses where survey_id = ${post} and channel = 'import'`);
const importedAt = (importId: number) => getDb().select({ at: participantImports.importedAt, content: participantImports.content }).from(participantImports).where(eq(participantImports.id, importId)).get()!;

/** Three questionnaires, as Excel saves them, with a running number and a name column that is not read. */
const GOOD = [
  "Löpnr;Namn;1;2;3;4a;4b;4c;4d;4e;4f;5;Kod",
  "1;Anna Andersson;1;Skola/elevhälsa;3;4;4;5;5;3;4;Vi träffas nu varje månad;BK3001",
  "2;;2;2;1;9;Vet ej;3;3;4;4;;",
  "3;;1;socialtjanst;Strateg/samordnare;4;2;5;5;3;4;;bk 3003",
  "4;;;;;;;;;;;;",
];

describe("CSV import: preview", () => {
  it("lists each wrong cell by row, column and value with a Swedish message, and a file with one bad row stores nothing", async () => {
    const id = await uploaded(
      windows1252([
        "4a;4b;2;Kod",
        "4;5;1;BK4001", // line 2: fine
        "4;6;1;", // line 3: 6 is off the scale
        "3;3;Polisen;AB", // line 4: no such option; a code of two letters
        ";;;BK4004", // line 5: a code but no answer
        "2;2;2;", // line 6: fine
      ]),
    );
    const data = await preview(id);
    if (data.done) throw new Error("not done yet");
    expect(data.counts).toEqual({ rows: 5, errors: 3, skipped: 0 });
    expect(data.errors).toEqual([
      { line: 3, column: "4b", value: "6", message: "Svara med en siffra 1–5, eller 9 för Vet ej." },
      { line: 4, column: "2", value: "Polisen", message: "Välj ett av alternativen." },
      { line: 4, column: "Kod", value: "AB", message: "Koden ska vara 4–12 bokstäver (A–Z) eller siffror." },
      { line: 5, column: null, value: "", message: "Raden har en kod men inga svar." },
    ]);
    expect(data.rows.map((r) => [r.line, r.error, r.cells.map((c) => (c.wrong ? `!${c.text}` : c.text))])).toEqual([
      [2, false, ["Skola/elevhälsa", "4", "5", "BK4001"]],
      [3, true, ["Skola/elevhälsa", "4", "!6", ""]],
      [4, true, ["!Polisen", "3", "3", "!AB"]],
      [5, true, ["", "", "", "BK4004"]],
      [6, false, ["Socialtjänst", "2", "2", ""]],
    ]);

    const before = responsesOf();
    const response = await confirm(id);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Rätta raderna med fel i filen och ladda upp den igen. Inga svar har sparats." });
    expect(responsesOf()).toBe(before);
    expect(importedAt(id).at).toBeNull();
  });

  it("refuses a file the survey cannot read at the field (400) and keeps no upload", async () => {
    const uploads = () => getDb().select({ n: count() }).from(participantImports).where(eq(participantImports.kind, "survey")).get()!.n;
    const before = uploads();
    const cases: [string[], string][] = [
      [["Namn;E-post", "Anna;anna@botkyrka.example"], "Ingen kolumn i filen heter som en fråga i enkäten. Första raden ska innehålla frågornas nummer: 1, 2, 3, 3b, 4a, 4b, 4c, 4d, 4e, 4f, 5, 6."],
      [["4a;4b;4A", "1;2;3"], "Kolumnen 4A finns mer än en gång. Varje fråga får bara ha en kolumn."],
      [["4a;4b", ";"], "Filen har rubriker men inga ifyllda enkäter."],
    ];
    for (const [lines, message] of cases) {
      const response = await upload(windows1252(lines));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: message });
    }
    expect(uploads()).toBe(before);
  });

  it("keeps only the survey's columns of an upload: a name in another column is never stored", async () => {
    const id = await uploaded(windows1252(GOOD));
    const stored = getPendingSurveyImport({ seriesId: botkyrka, surveyId: post, importId: id, userId: userId(DEMO_EMAILS.botkyrka) })!;
    expect(stored.content).not.toContain("Anna");
    const data = await preview(id);
    if (data.done) throw new Error("not done yet");
    // Their names only, to say they were not read.
    expect(data.ignored).toEqual(["Löpnr", "Namn"]);
    expect(data.counts).toEqual({ rows: 3, errors: 0, skipped: 1 });
  });
});

describe("CSV import: confirming", () => {
  it("stores exactly the file's questionnaires with channel 'import' in one go, and refuses a second confirmation", async () => {
    const id = await uploaded(windows1252(GOOD));
    const before = { all: responsesOf(), imported: importResponses() };
    const response = await confirm(id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${importBase()}/${id}?sparade=3`);
    expect(responsesOf()).toBe(before.all + 3);
    expect(importResponses()).toBe(before.imported + 3);

    const rows = getDb()
      .select({ key: surveyResponses.submissionKey, sector: surveyResponses.sector, role: surveyResponses.roleCategory, pairCode: surveyResponses.pairCode, channel: surveyResponses.channel, id: surveyResponses.id })
      .from(surveyResponses)
      .where(like(surveyResponses.submissionKey, `import-${id}-%`))
      .orderBy(surveyResponses.submissionKey)
      .all();
    expect(rows.map(({ id: _id, ...r }) => r)).toEqual([
      { key: `import-${id}-2`, sector: "skola", role: "profession", pairCode: "BK3001", channel: "import" },
      { key: `import-${id}-3`, sector: "socialtjanst", role: "chef", pairCode: null, channel: "import" },
      { key: `import-${id}-4`, sector: "socialtjanst", role: "strateg", pairCode: "BK3003", channel: "import" },
    ]);
    expect(answersOf(rows[1].id)).toEqual([
      { code: "1", value: null, dontKnow: false, choice: "nej", text: null },
      { code: "2", value: null, dontKnow: false, choice: "socialtjanst", text: null },
      { code: "3", value: null, dontKnow: false, choice: "chef", text: null },
      { code: "4a", value: null, dontKnow: true, choice: null, text: null },
      { code: "4b", value: null, dontKnow: true, choice: null, text: null },
      { code: "4c", value: 3, dontKnow: false, choice: null, text: null },
      { code: "4d", value: 3, dontKnow: false, choice: null, text: null },
      { code: "4e", value: 4, dontKnow: false, choice: null, text: null },
      { code: "4f", value: 4, dontKnow: false, choice: null, text: null },
    ]);
    // No multiple-choice item here: no list stored, not even the text "null".
    expect(n(sql`select count(*) as n from survey_answers a join survey_responses r on r.id = a.response_id where r.channel = 'import' and a.choices is not null`)).toBe(0);
    // Once imported, the answers live in the responses only.
    expect(importedAt(id)).toEqual({ at: expect.any(Date), content: "" });
    const done = await preview(id);
    expect(done.done).toBe(true);

    const again = await confirm(id);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: "Den här filen är redan importerad." });
    expect(responsesOf()).toBe(before.all + 3);
  });

  it("leaves nothing behind when a write fails half-way, and the upload stays pending", async () => {
    const id = await uploaded(windows1252(GOOD));
    const found = entrySurvey({ seriesId: botkyrka, surveyId: post, scope: { kind: "all" } })!;
    const data = await preview(id);
    if (data.done) throw new Error("not done yet");
    const before = responsesOf();
    const good = { answers: [], sector: null, roleCategory: null };
    // The third row names an item that does not exist: the foreign key fails after two rows were written.
    const broken = { answers: [{ itemId: 999_999, value: 3, dontKnow: false, valueThen: null, dontKnowThen: false, choice: null, choices: null, text: null }], sector: null, roleCategory: null };
    expect(() =>
      commitSurveyImport({
        importId: id,
        survey: found.survey,
        rows: [
          { line: 2, parsed: good, pairCode: null },
          { line: 3, parsed: good, pairCode: null },
          { line: 4, parsed: broken, pairCode: null },
        ],
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(responsesOf()).toBe(before);
    expect(importedAt(id).at).toBeNull();
    // …and the real confirmation still works afterwards; a repeat of the model call is refused.
    expect((await confirm(id)).status).toBe(302);
    expect(responsesOf()).toBe(before + 3);
    expect(() => commitSurveyImport({ importId: id, survey: found.survey, rows: [] })).toThrow(ImportAlreadyDoneError);
  });
});

describe("CSV import: who may", () => {
  it("gives the template to download: the efterenkät's codes and Kod, for Excel", async () => {
    const response = (await templateLoader({ request: getRequest(`${importBase()}/mall.csv`, coordinator), params: params(), context })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="efterenkat-processtod-skolnarvaro-botkyrka-mall.csv"');
    // UTF-8 with BOM (which text() would drop), semicolons, CRLF.
    expect(Buffer.from(await response.arrayBuffer()).toString("utf-8")).toBe("\uFEFF1;2;3;3b;4a;4b;4c;4d;4e;4f;5;6;Kod\r\n");
  });

  it("keeps an upload to the one who made it, and shuts out another municipality (404) and sponsors (403)", async () => {
    const id = await uploaded(windows1252(GOOD));
    expect((await thrownResponse(preview(id, admin))).status).toBe(404);
    expect((await thrownResponse(confirm(id, admin))).status).toBe(404);
    expect((await thrownResponse(preview(id, huddingeCoordinator))).status).toBe(404);
    expect((await thrownResponse(confirm(id, huddingeCoordinator))).status).toBe(404);
    expect((await thrownResponse(preview(id, sponsor))).status).toBe(403);
    expect((await thrownResponse(confirm(id, sponsor))).status).toBe(403);
    expect(importedAt(id).at).toBeNull();

    for (const [cookie, status] of [
      [huddingeCoordinator, 404],
      [sponsor, 403],
    ] as const) {
      expect((await thrownResponse(uploadLoader({ request: getRequest(importBase(), cookie), params: params(), context }))).status).toBe(status);
      expect((await thrownResponse(upload(windows1252(GOOD), { cookie }))).status).toBe(status);
      expect((await thrownResponse(templateLoader({ request: getRequest(`${importBase()}/mall.csv`, cookie), params: params(), context }))).status).toBe(status);
    }
    // The process leader may import into any series.
    expect((await upload(windows1252(GOOD), { cookie: admin })).status).toBe(302);
  });
});
