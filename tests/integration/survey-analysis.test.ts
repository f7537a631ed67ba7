/**
 * Survey analysis (/serier/:id/enkater/analys), its CSV files, the free-text
 * page and the raw export, called the way Remix calls their loaders and actions.
 *
 * The fixture is the Nacka series (planned, no answers in the demo): a
 * förenkät at seminar 1 with 18 questionnaires, an efterenkät at seminar 3
 * with 10, and the "nu jämfört med vid start" self-assessment with 3, every
 * answer chosen so that the published-style tables can be worked out by hand
 * (below, next to each expectation).
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv, isCsvError } from "~/lib/csv";
import type { TypedAnswer } from "~/lib/survey-answers";
import { getDb, schema, writeTransaction } from "~/models/db.server";
import { addSeriesSurvey, ensureSeriesSurveys, getTemplate, insertResponse, listSeriesSurveys, templateIdByKey, type SeriesSurvey } from "~/models/survey.server";
import { loader as pageLoader } from "~/routes/serier.$seriesId.enkater.analys";
import { loader as csvLoader } from "~/routes/serier.$seriesId.enkater.analys_.$file";
import { action as freeTextAction, loader as freeTextLoader } from "~/routes/serier.$seriesId.enkater.fritext";
import { loader as rawLoader } from "~/routes/serier.$seriesId.enkater.svar[.]csv";
import type { AttendanceStatus, Sector } from "../../db/schema";
import { DEMO_EMAILS, getRequest, postForm, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.77" };
const NBSP = "\u00a0";
const pct = (n: string) => `${n}${NBSP}%`;
const everyone = { kind: "all" } as const;

/** A Likert answer: a value, "VE" for Vet ej, or [now, then] for a now-and-then item (null = blank). */
type Value = number | "VE" | [number | "VE" | null, number | "VE" | null];
type Form = { sector: Sector | null; pair?: string; answers: Record<string, Value>; texts?: Record<string, string> };

let nacka: number;
let pre: SeriesSurvey;
let post: SeriesSurvey;
let selfAssessment: SeriesSurvey;
let key = 0;

function submit(survey: SeriesSurvey, forms: Form[]) {
  const template = getTemplate(survey.templateId)!;
  const item = (code: string) => template.items.find((i) => i.code === code)!;
  writeTransaction((tx) => {
    for (const form of forms) {
      const answers: TypedAnswer[] = [];
      const blank = (itemId: number): TypedAnswer => ({ itemId, value: null, dontKnow: false, valueThen: null, dontKnowThen: false, choice: null, choices: null, text: null });
      for (const [code, value] of Object.entries(form.answers)) {
        const a = blank(item(code).id);
        const [now, then] = Array.isArray(value) ? value : [value, null];
        if (now === "VE") a.dontKnow = true;
        else a.value = now;
        if (then === "VE") a.dontKnowThen = true;
        else a.valueThen = then;
        answers.push(a);
      }
      for (const [code, text] of Object.entries(form.texts ?? {})) answers.push({ ...blank(item(code).id), text });
      insertResponse(tx, {
        survey: { id: survey.id, seriesId: survey.seriesId, sessionId: survey.session?.id ?? null },
        parsed: { answers, sector: form.sector, roleCategory: null },
        channel: "paper",
        pairCode: form.pair ?? null,
        submissionKey: `fixture-${++key}`,
        now: new Date("2027-02-09T15:00:00Z"),
      });
    }
  });
}

/** Kunskap from 4a/4b (null = left blank), Förmåga 4c = 4d = 4 for everyone. */
const k = (a: number | "VE" | null, b: number | "VE" | null): Record<string, Value> => {
  const answers: Record<string, Value> = { "4c": 4, "4d": 4 };
  if (a !== null) answers["4a"] = a;
  if (b !== null) answers["4b"] = b;
  return answers;
};

const PRE_TEXT = "Vi önskar gemensamma rutiner för frånvaroanmälan.";
const POST_TEXT = "Vi träffas nu varje månad i en samverkansgrupp.";

beforeAll(() => {
  nacka = seriesId("Nacka");
  ensureSeriesSurveys(nacka);
  [pre, post] = listSeriesSurveys({ seriesId: nacka, scope: everyone });
  expect([pre.phase, post.phase]).toEqual(["pre", "post"]);
  const selfId = addSeriesSurvey({ seriesId: nacka, templateId: templateIdByKey("nu-jamfort-med-start")!, sessionId: null })!;
  selfAssessment = listSeriesSurveys({ seriesId: nacka, scope: everyone }).find((s) => s.id === selfId)!;

  // Attendance at seminar 1: 19 närvarande, 2 sen, a walk-in and a substitute count (23);
  // two absent and the person replaced by the substitute do not.
  const db = getDb();
  const seminar1 = seriesSessionRows(nacka)[0].id;
  const enrolled = db
    .select({ personId: schema.enrolments.personId })
    .from(schema.enrolments)
    .where(eq(schema.enrolments.seriesId, nacka))
    .orderBy(schema.enrolments.personId)
    .all()
    .map((r) => r.personId);
  const statuses: AttendanceStatus[] = [...Array(19).fill("narvarande"), "sen", "sen", "franvarande_anmalt", "franvarande_ej_anmalt", "ersatt"];
  statuses.forEach((status, i) => db.insert(schema.attendance).values({ seriesId: nacka, seriesSessionId: seminar1, personId: enrolled[i], status }).run());
  const newPerson = (name: string) =>
    db
      .insert(schema.people)
      .values({ name, email: `${name}@fixture.example`, emailNormalized: `${name}@fixture.example`, sector: "skola", roleCategory: "profession" })
      .returning({ id: schema.people.id })
      .get().id;
  db.insert(schema.attendance).values({ seriesId: nacka, seriesSessionId: seminar1, personId: newPerson("ersattare"), status: "narvarande", substituteForPersonId: enrolled[23] }).run();
  db.insert(schema.attendance).values({ seriesId: nacka, seriesSessionId: seminar1, personId: newPerson("spontan"), status: "narvarande", walkIn: true }).run();

  // Förenkät, Kunskap = mean(4a, 4b):
  // Skola 10: lägre 3.0, 2 (4b blank), 1.5; högre 3.5, 5 (4a Vet ej), 4, 5, 4.5, 3.5, 4.5 → 3 / 7, mean 36.5/10 = 3.65
  // Socialtjänst 5: 2.5 | 4, 4.5, 3.5 → 1 / 3, and one with both Vet ej (left out), mean 14.5/4
  // Hälso- och sjukvård 2: 1 | 4.5;  no sector 1: 3.0
  submit(pre, [
    { sector: "skola", answers: k(3, 3), pair: "PAR001", texts: { "5": PRE_TEXT } },
    { sector: "skola", answers: k(2, null) },
    { sector: "skola", answers: k(1, 2), pair: "PAR002" },
    { sector: "skola", answers: k(3, 4) },
    { sector: "skola", answers: k("VE", 5) },
    { sector: "skola", answers: k(4, 4), pair: "PAR005" },
    { sector: "skola", answers: k(5, 5), pair: "DUBBEL1" },
    { sector: "skola", answers: k(4, 5) },
    { sector: "skola", answers: k(4, 3), pair: "DUBBEL1" },
    { sector: "skola", answers: k(5, 4) },
    { sector: "socialtjanst", answers: k(2, 3), pair: "PAR003" },
    { sector: "socialtjanst", answers: k(4, 4) },
    { sector: "socialtjanst", answers: k(5, 4) },
    { sector: "socialtjanst", answers: k(3, 4) },
    { sector: "socialtjanst", answers: k("VE", "VE") },
    { sector: "halso_sjukvard", answers: k(1, 1), pair: "PAR004" },
    { sector: "halso_sjukvard", answers: k(4, 5) },
    { sector: null, answers: k(3, 3) },
  ]);
  // Efterenkät: pairs PAR001 3.0 → 4 (+1), PAR002 1.5 → 3.5 (+2), PAR004 1 → 2 (+1),
  // PAR005 4 → 3 (−1, no sector on the post form: the pre form's Skola); PAR003 both Vet ej
  // after (no pair for Kunskap); DUBBEL1 is on two pre forms (not paired).
  submit(post, [
    { sector: "skola", answers: k(4, 4), pair: "PAR001", texts: { "5": POST_TEXT } },
    { sector: "skola", answers: k(3, 4), pair: "PAR002" },
    { sector: "socialtjanst", answers: k("VE", "VE"), pair: "PAR003" },
    { sector: "halso_sjukvard", answers: k(2, 2), pair: "PAR004" },
    { sector: null, answers: k(3, 3), pair: "PAR005" },
    { sector: "skola", answers: k(5, 5), pair: "DUBBEL1" },
    { sector: "skola", answers: k(5, 5) },
    { sector: "skola", answers: k(4, 5) },
    { sector: "skola", answers: k(2, 2) },
    { sector: "skola", answers: k(4, 4) },
  ]);
  // Self-assessment, Strukturer = items 1a–1c now and then:
  // R1 now 4, 5, Vet ej → 4.5; then 2, 3, Vet ej → 2.5. R2 now 3, then 3. R3 now 4, no "then": left out.
  submit(selfAssessment, [
    { sector: "skola", answers: { "1a": [4, 2], "1b": [5, 3], "1c": ["VE", "VE"] } },
    { sector: "skola", answers: { "1a": [3, 3] } },
    { sector: "socialtjanst", answers: { "1a": [4, null] } },
  ]);
});

async function cookieOf(email: string) {
  return signedInCookie(userId(email));
}

async function page(email: string) {
  return pageLoader({ request: getRequest(`/serier/${nacka}/enkater/analys`, await cookieOf(email)), params: { seriesId: String(nacka) }, context });
}

async function csv(file: string, email: string) {
  return csvLoader({ request: getRequest(`/serier/${nacka}/enkater/analys/${file}`, await cookieOf(email)), params: { seriesId: String(nacka), file }, context });
}

/** The CSV as rows of cells, after checking the BOM that makes Excel read UTF-8. */
async function csvRows(response: Response): Promise<string[][]> {
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const table = parseCsv(new TextDecoder().decode(bytes.subarray(3)));
  if (isCsvError(table)) throw new Error(`CSV did not parse: ${JSON.stringify(table)}`);
  expect(table.separator).toBe(";");
  return [table.header, ...table.rows.map((r) => r.cells)];
}

const kunskap = (survey: SeriesSurvey) => getTemplate(survey.templateId)!.indices.find((i) => i.name === "Kunskap")!.id;

describe("the process leader's analysis (exact figures)", () => {
  it("gives the response rate from the attendees of the survey's session, substitutes and walk-ins included", async () => {
    const rows = await csvRows(await csv("svarsfrekvens.csv", DEMO_EMAILS.admin));
    expect(rows[0]).toEqual(["Enkät", "Tillfälle", "Svarande", "Närvarande vid tillfället", "Svarsfrekvens (%)"]);
    // 18 / 23 = 78.26 %; the post-survey's seminar 3 has no attendance yet (10 / 0: no rate).
    expect(rows[1]).toEqual(["Förenkät", "Tillfälle 1 (2027-02-09)", "18", "23", "78,3"]);
    expect(rows[2]).toEqual(["Efterenkät", "Tillfälle 3 (2027-04-20)", "10", "0", "–"]);
    expect(rows[3]).toEqual(["Samverkan nu jämfört med vid start", "Inget tillfälle", "3", "–", "–"]);
  });

  it("produces the published cross-table for Kunskap: Antal and % inom verksamhet per sector, and Totalt", async () => {
    const rows = await csvRows(await csv(`sektorer-${pre.id}-${kunskap(pre)}.csv`, DEMO_EMAILS.admin));
    expect(rows).toEqual([
      [
        "Kategori",
        "Skola: Antal",
        "Skola: % inom verksamhet",
        "Socialtjänst: Antal",
        "Socialtjänst: % inom verksamhet",
        "Hälso- och sjukvård: Antal",
        "Hälso- och sjukvård: % inom verksamhet",
        "Ej angiven: Antal",
        "Ej angiven: % inom verksamhet",
        "Totalt: Antal",
        "Totalt: Andel (%)",
      ],
      ["Lägre förväntningar", "3", "30,0", "1", "25,0", "1", "50,0", "1", "100,0", "6", "35,3"],
      ["Högre förväntningar", "7", "70,0", "3", "75,0", "1", "50,0", "0", "0,0", "11", "64,7"],
      ["Totalt", "10", "100,0", "4", "100,0", "2", "100,0", "1", "100,0", "17", "100,0"],
    ]);
  });

  it("shows the same cross-table on the page, with the post-survey's wording", async () => {
    const data = await page(DEMO_EMAILS.admin);
    expect(data.view.exact).toBe(true);
    const preView = data.view.surveys.find((s) => s.id === pre.id)!;
    const k1 = preView.indices.find((i) => i.name === "Kunskap")!;
    expect(k1.cross.cells).toEqual([
      [3, 1, 1, 1],
      [7, 3, 1, 0],
    ]);
    expect(k1.cross.shares).toEqual([
      [30, 25, 50, 100],
      [70, 75, 50, 0],
    ]);
    expect([k1.n, k1.mean]).toEqual([17, 3.5]);
    // 3.65 → 3.7 (half away from zero), 14.5/4 = 3.625 → 3.6, 5.5/2 = 2.75 → 2.8, 3.
    expect(k1.sectorMeans).toEqual([3.7, 3.6, 2.8, 3]);
    // Förmåga: everyone 4 and 4 (the socialtjänst form with Kunskap both Vet ej still counts here).
    const f = preView.indices.find((i) => i.name === "Förmåga")!;
    expect([f.n, f.mean, f.cross.rowTotals]).toEqual([18, 4, [0, 18]]);
    // Samsyn: nobody answered 4e or 4f.
    const s = preView.indices.find((i) => i.name === "Samsyn")!;
    expect([s.n, s.mean]).toEqual([0, null]);

    const postRows = await csvRows(await csv(`sektorer-${post.id}-${kunskap(post)}.csv`, DEMO_EMAILS.admin));
    expect(postRows.map((r) => r[0])).toEqual(["Kategori", "Bidragit i lägre grad", "Bidragit i hög grad", "Totalt"]);
    // Socialtjänst answered (one form) but has no Kunskap: 0 and no share.
    expect(postRows[1]).toEqual(["Bidragit i lägre grad", "1", "14,3", "0", "–", "1", "100,0", "1", "100,0", "3", "33,3"]);
    expect(postRows[2]).toEqual(["Bidragit i hög grad", "6", "85,7", "0", "–", "0", "0,0", "0", "0,0", "6", "66,7"]);
  });

  it("counts the distribution in half steps, with the boundaries 3.0 (lägre) and 3.5 (högre) in their own rows", async () => {
    const rows = await csvRows(await csv(`fordelning-${pre.id}.csv`, DEMO_EMAILS.admin));
    expect(rows[0]).toEqual(["Indexvärde", "Kunskap: Antal", "Kunskap: Andel (%)", "Förmåga: Antal", "Förmåga: Andel (%)", "Samsyn: Antal", "Samsyn: Andel (%)"]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ["1", "1", "5,9"],
      ["1,5", "1", "5,9"],
      ["2", "1", "5,9"],
      ["2,5", "1", "5,9"],
      ["3", "2", "11,8"],
      ["3,5", "3", "17,6"],
      ["4", "2", "11,8"],
      ["4,5", "4", "23,5"],
      ["5", "2", "11,8"],
      ["Totalt", "17", "100,0"],
    ]);
    const means = await csvRows(await csv(`medel-${pre.id}.csv`, DEMO_EMAILS.admin));
    expect(means[1]).toEqual(["Kunskap", "17", "3,5", "6", "35,3", "11", "64,7"]);
    expect(means[3]).toEqual(["Samsyn", "0", "–", "0", "–", "0", "–"]);
  });

  it("compares pre and post by sector, with the within-person change of paired codes", async () => {
    const rows = await csvRows(await csv(`fore-efter-${kunskap(pre)}.csv`, DEMO_EMAILS.admin));
    expect(rows).toEqual([
      ["Verksamhet", "Förenkät: Antal (n)", "Förenkät: Medelvärde", "Efterenkät: Antal (n)", "Efterenkät: Medelvärde", "Skillnad", "Parade svar: Antal par", "Parade svar: Förändring inom person"],
      // Skola: 4.0 − 3.65 = 0.35 → 0,4; pairs +1, +2, −1 → 2/3 → 0,7.
      ["Skola", "10", "3,7", "7", "4,0", "0,4", "3", "0,7"],
      ["Socialtjänst", "4", "3,6", "0", "–", "–", "0", "–"],
      ["Hälso- och sjukvård", "2", "2,8", "1", "2,0", "\u22120,8", "1", "1,0"],
      ["Ej angiven", "1", "3,0", "1", "3,0", "0,0", "0", "–"],
      // 33/9 − 3.5 = 0.17 → 0,2; four pairs, (1 + 2 + 1 − 1) / 4 = 0.75 → 0,8.
      ["Totalt", "17", "3,5", "9", "3,7", "0,2", "4", "0,8"],
    ]);
    const data = await page(DEMO_EMAILS.admin);
    const total = data.view.prePost!.indices.find((i) => i.name === "Kunskap")!.total;
    expect([total.pairs, total.change, total.difference]).toEqual([4, 0.8, 0.2]);
  });

  it("gives now against at the start per theme for those who rated both", async () => {
    const rows = await csvRows(await csv(`nu-start-${selfAssessment.id}.csv`, DEMO_EMAILS.admin));
    expect(rows[0]).toEqual(["Tema", "Antal (n)", "Nu (har)", "Vid start (hade)", "Förändring (nu − vid start)"]);
    // (4.5 + 3) / 2 = 3.75 → 3,8; (2.5 + 3) / 2 = 2.75 → 2,8; change (2 + 0) / 2 = 1.
    expect(rows[1]).toEqual(["Strukturer", "2", "3,8", "2,8", "1,0"]);
    expect(rows[2]).toEqual(["Samsyn", "0", "–", "–", "–"]);
    // A three-item index has means between the half steps, so its distribution is in ranges.
    const dist = await csvRows(await csv(`fordelning-${selfAssessment.id}.csv`, DEMO_EMAILS.admin));
    expect(dist.slice(1, 10).map((r) => r[0])).toEqual(["1,0–1,4", "1,5–1,9", "2,0–2,4", "2,5–2,9", "3,0–3,4", "3,5–3,9", "4,0–4,4", "4,5–4,9", "5,0"]);
    // Now: 4.5, 3 and 4 (the third form has a "now").
    expect(dist.slice(1, 10).map((r) => r[1])).toEqual(["0", "0", "0", "0", "1", "0", "1", "1", "0"]);
  });

  it("answers 404 for a file that is not one of the tables", async () => {
    expect((await thrownResponse(csv("sektorer-999999-1.csv", DEMO_EMAILS.admin))).status).toBe(404);
    expect((await thrownResponse(csv("..%2Fsvar.csv", DEMO_EMAILS.admin))).status).toBe(404);
  });
});

describe("suppression outside the process-leader role", () => {
  it("hides the 2-person sector as <5 and the complementary cell from the coordinator", async () => {
    const data = await page(DEMO_EMAILS.nacka);
    expect(data.view.exact).toBe(false);
    expect(data.canReadText).toBe(false);
    const rows = await csvRows(await csv(`sektorer-${pre.id}-${kunskap(pre)}.csv`, DEMO_EMAILS.nacka));
    expect(rows.slice(1)).toEqual([
      // Skola's 3 is small; its 7 is hidden too ("dold"), or 10 − 7 would give it away.
      ["Lägre förväntningar", "<5", "–", "<5", "–", "<5", "–", "<5", "–", "6", "35,3"],
      ["Högre förväntningar", "dold", "–", "<5", "–", "<5", "–", "0", "0,0", "11", "64,7"],
      ["Totalt", "10", "100,0", "<5", "–", "<5", "–", "<5", "–", "17", "100,0"],
    ]);
    const preView = data.view.surveys.find((s) => s.id === pre.id)!;
    const k1 = preView.indices.find((i) => i.name === "Kunskap")!;
    // Means only for sectors with a visible n: Skola (10); not Socialtjänst (4), Hälso- och sjukvård (2), Ej angiven (1).
    expect(k1.sectorMeans).toEqual([3.7, null, null, null]);
    // Every half step has fewer than 5 respondents.
    expect(k1.bins.every((b) => b === "small")).toBe(true);
    expect(k1.binShares.every((s) => s === null)).toBe(true);
    expect(JSON.stringify(data)).not.toContain('"cells":[[3,');
  });

  it("hides pair changes with fewer pairs than the threshold, and means of hidden groups", async () => {
    const rows = await csvRows(await csv(`fore-efter-${kunskap(pre)}.csv`, DEMO_EMAILS.sponsor));
    expect(rows.slice(1)).toEqual([
      // Post Skola: 1 lägre (small) and 6 högre; the line of sector totals (7, 0, 1, 1 = 9) would
      // pin the two small ones, so Skola's 7 is hidden as well, and with it its mean.
      ["Skola", "10", "3,7", "dold", "–", "–", "<5", "–"],
      ["Socialtjänst", "<5", "–", "0", "–", "–", "0", "–"],
      ["Hälso- och sjukvård", "<5", "–", "<5", "–", "–", "<5", "–"],
      ["Ej angiven", "<5", "–", "<5", "–", "–", "0", "–"],
      ["Totalt", "17", "3,5", "9", "3,7", "0,2", "<5", "–"],
    ]);
    const rate = await csvRows(await csv("svarsfrekvens.csv", DEMO_EMAILS.sponsor));
    expect(rate[3]).toEqual(["Samverkan nu jämfört med vid start", "Inget tillfälle", "<5", "–", "–"]);
    const nowThen = await csvRows(await csv(`nu-start-${selfAssessment.id}.csv`, DEMO_EMAILS.sponsor));
    expect(nowThen[1]).toEqual(["Strukturer", "<5", "–", "–", "–"]);
  });

  it("never gives free text or raw responses to coordinators or sponsors", async () => {
    for (const email of [DEMO_EMAILS.nacka, DEMO_EMAILS.sponsor]) {
      const data = await page(email);
      const text = JSON.stringify(data);
      expect(text).not.toContain(PRE_TEXT);
      expect(text).not.toContain(POST_TEXT);
      for (const survey of data.view.surveys) expect(JSON.stringify(survey)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      const cookie = await cookieOf(email);
      const ids = [
        "svarsfrekvens",
        ...data.view.surveys.flatMap((s) => [`medel-${s.id}`, `fordelning-${s.id}`, ...s.indices.map((i) => `sektorer-${s.id}-${i.id}`)]),
        `nu-start-${selfAssessment.id}`,
        ...data.view.prePost!.indices.map((i) => `fore-efter-${i.preIndexId}`),
      ];
      for (const id of ids) {
        const body = await (await csv(`${id}.csv`, email)).text();
        expect(body).not.toContain(PRE_TEXT);
        expect(body).not.toContain(POST_TEXT);
      }
      expect((await thrownResponse(csv("ros-teman.csv", email))).status).toBe(403);
      const raw = await thrownResponse(
        rawLoader({ request: getRequest(`/serier/${nacka}/enkater/svar.csv`, cookie), params: { seriesId: String(nacka) }, context }),
      );
      expect(raw.status).toBe(403);
      const free = await thrownResponse(
        freeTextLoader({ request: getRequest(`/serier/${nacka}/enkater/fritext`, cookie), params: { seriesId: String(nacka) }, context }),
      );
      expect(free.status).toBe(403);
    }
  });

  it("answers 404 to another municipality's coordinator and sends anonymous visitors to sign in", async () => {
    expect((await thrownResponse(page(DEMO_EMAILS.botkyrka))).status).toBe(404);
    expect((await thrownResponse(csv("svarsfrekvens.csv", DEMO_EMAILS.huddinge))).status).toBe(404);
    const anonymous = await thrownResponse(
      pageLoader({ request: getRequest(`/serier/${nacka}/enkater/analys`), params: { seriesId: String(nacka) }, context }),
    );
    expect(anonymous.status).toBe(302);
  });
});

describe("free text and ROS themes (process leaders)", () => {
  async function freeText() {
    return freeTextLoader({ request: getRequest(`/serier/${nacka}/enkater/fritext`, await cookieOf(DEMO_EMAILS.admin)), params: { seriesId: String(nacka) }, context });
  }

  it("lists the answers per question with opaque values, not response ids", async () => {
    const data = await freeText();
    const preItem = data.items.find((i) => i.surveyName === "Förenkät" && i.code === "5")!;
    expect(preItem.answers.map((a) => a.text)).toEqual([PRE_TEXT]);
    const ids = getDb().all<{ id: string }>(sql`select id from survey_responses where series_id = ${nacka}`).map((r) => r.id);
    const serialised = JSON.stringify(data);
    for (const id of ids) expect(serialised).not.toContain(id);
    expect(preItem.answers[0].token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("saves the themes of one answer and counts them per question", async () => {
    const cookie = await cookieOf(DEMO_EMAILS.admin);
    const before = await freeText();
    const item = before.items.find((i) => i.surveyName === "Efterenkät" && i.code === "5")!;
    expect(item.themeCounts).toEqual({ regelverk: 0, organisation: 0, synsatt: 0 });
    const token = item.answers[0].token;
    const body = new URLSearchParams([
      ["answer", token],
      ["theme", "organisation"],
      ["theme", "synsatt"],
    ]);
    const request = new Request(`http://localhost/serier/${nacka}/enkater/fritext`, { method: "POST", headers: { Cookie: cookie }, body });
    const response = (await freeTextAction({ request, params: { seriesId: String(nacka) }, context })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/serier/${nacka}/enkater/fritext?sparat=${token}#svar-${token}`);
    const after = (await freeText()).items.find((i) => i.surveyName === "Efterenkät" && i.code === "5")!;
    expect(after.themeCounts).toEqual({ regelverk: 0, organisation: 1, synsatt: 1 });
    expect(after.answers[0].themes).toEqual(["organisation", "synsatt"]);

    // Unticking everything clears them (a fetcher post answers with JSON).
    const clear = (await freeTextAction({ request: postForm(`/serier/${nacka}/enkater/fritext`, { answer: token, fetch: "1" }, cookie), params: { seriesId: String(nacka) }, context })) as Response;
    expect(clear.status).toBe(200);
    expect((await freeText()).items.find((i) => i.surveyName === "Efterenkät" && i.code === "5")!.themeCounts).toEqual({ regelverk: 0, organisation: 0, synsatt: 0 });

    const csvBody = await csvRows(await csv("ros-teman.csv", DEMO_EMAILS.admin));
    expect(csvBody[0]).toEqual(["Fråga", "Svar", "Regelverk", "Organisation", "Synsätt"]);
    expect(csvBody.find((r) => r[0].startsWith("Förenkät 5:"))).toEqual(["Förenkät 5: Vad önskar du att seminarieserien ska bidra med?", "1", "0", "0", "0"]);
  });

  it("refuses a bad theme with 400, an unknown answer with 409, and anyone but a process leader with 403", async () => {
    const cookie = await cookieOf(DEMO_EMAILS.admin);
    const token = (await freeText()).items.find((i) => i.answers.length)!.answers[0].token;
    const bad = (await freeTextAction({ request: postForm(`/serier/${nacka}/enkater/fritext`, { answer: token, theme: "ekonomi" }, cookie), params: { seriesId: String(nacka) }, context })) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("Välj bland temana Regelverk, Organisation och Synsätt.");
    const unknown = (await freeTextAction({ request: postForm(`/serier/${nacka}/enkater/fritext`, { answer: "A".repeat(32), theme: "regelverk" }, cookie), params: { seriesId: String(nacka) }, context })) as Response;
    expect(unknown.status).toBe(409);
    expect(getDb().all(sql`select * from survey_text_tags`)).toEqual([]);
    for (const email of [DEMO_EMAILS.nacka, DEMO_EMAILS.sponsor]) {
      const forged = await thrownResponse(
        freeTextAction({ request: postForm(`/serier/${nacka}/enkater/fritext`, { answer: token, theme: "regelverk" }, await cookieOf(email)), params: { seriesId: String(nacka) }, context }),
      );
      expect(forged.status).toBe(403);
    }
    expect(getDb().all(sql`select * from survey_text_tags`)).toEqual([]);
  });
});

describe("the raw anonymous responses (process leaders)", () => {
  it("has one row per questionnaire, 9 for Vet ej, no ids, and an order that is not the order of answering", async () => {
    const response = await rawLoader({ request: getRequest(`/serier/${nacka}/enkater/svar.csv?enkat=${post.id}`, await cookieOf(DEMO_EMAILS.admin)), params: { seriesId: String(nacka) }, context });
    const rows = await csvRows(response);
    expect(rows[0]).toEqual(["Enkät", "Tillfälle", "Verksamhet", "Roll", "Parkod", "Kanal", "Dag", "1", "2", "3", "3b", "4a", "4b", "4c", "4d", "4e", "4f", "5", "6"]);
    expect(rows).toHaveLength(11);
    const par003 = rows.find((r) => r[4] === "PAR003")!;
    expect(par003).toEqual(["Efterenkät", "Tillfälle 3 (2027-04-20)", "Socialtjänst", "", "PAR003", "Pappersenkät", "2027-02-09", "", "", "", "", "9", "9", "4", "4", "", "", "", ""]);
    expect(rows.find((r) => r[4] === "PAR001")![17]).toBe(POST_TEXT);
    // Sorted by the random response id, as stored.
    const ids = getDb().all<{ id: string; pair: string | null }>(sql`select id, pair_code as pair from survey_responses where survey_id = ${post.id} order by id`);
    expect(rows.slice(1).map((r) => r[4] || null)).toEqual(ids.map((r) => r.pair));
    const text = rows.flat().join(";");
    for (const { id } of ids) expect(text).not.toContain(id);

    const all = await csvRows(
      await rawLoader({ request: getRequest(`/serier/${nacka}/enkater/svar.csv`, await cookieOf(DEMO_EMAILS.admin)), params: { seriesId: String(nacka) }, context }),
    );
    expect(all).toHaveLength(1 + 18 + 10 + 3);
    expect(all[0]).toContain("Förenkät 4a");
    expect(all[0]).toContain("Samverkan nu jämfört med vid start 1a_hade");
    expect(all.slice(1).map((r) => r[0])).toEqual([...Array(18).fill("Förenkät"), ...Array(10).fill("Efterenkät"), ...Array(3).fill("Samverkan nu jämfört med vid start")]);
  });
});
