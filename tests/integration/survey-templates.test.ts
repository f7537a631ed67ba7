/**
 * The survey template builder (issue #7 part 1): the model and the route
 * actions called the way Remix calls them, including posts a signed-in
 * coordinator or sponsor could forge with curl. Every refused change is
 * checked to have written nothing.
 */
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSurveyAnswers } from "~/lib/survey-answers";
import { BUILT_IN_SURVEY_TEMPLATES } from "~/lib/survey-builtin";
import { STANDARD_OPTIONS } from "~/lib/survey-template-form";
import { getDb, schema } from "~/models/db.server";
import { getSurveyTemplate, listSurveyTemplates } from "~/models/survey-template.server";
import { addSeriesSurvey, getSeriesSurvey, listTemplates, saveResponse, templateIdByKey } from "~/models/survey.server";
import { action as newAction, loader as newLoader } from "~/routes/enkatmallar.ny";
import { action as viewAction, loader as viewLoader } from "~/routes/enkatmallar.$templateId._index";
import { action as editAction, loader as editLoader } from "~/routes/enkatmallar.$templateId.redigera";
import { loader as listLoader } from "~/routes/enkatmallar._index";
import { DEMO_EMAILS, getRequest, seriesId, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.10" };
type Fields = Record<string, string | string[]>;

function request(path: string, fields: Fields, cookie: string | undefined): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return new Request(`http://localhost${path}`, { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body });
}

const createTemplate = (fields: Fields, cookie: string | undefined) => newAction({ request: request("/enkatmallar/ny", fields, cookie), params: {}, context });
const edit = (templateId: number, fields: Fields, cookie: string | undefined) =>
  editAction({ request: request(`/enkatmallar/${templateId}/redigera`, fields, cookie), params: { templateId: String(templateId) }, context });
const copy = (templateId: number, cookie: string | undefined) =>
  viewAction({ request: request(`/enkatmallar/${templateId}`, { intent: "copy" }, cookie), params: { templateId: String(templateId) }, context });

/** The template id in a redirect to /enkatmallar/<id>/redigera. */
function redirectedTemplateId(response: Response): number {
  expect(response.status).toBe(302);
  const match = /^\/enkatmallar\/(\d+)\/redigera\?sparat=/.exec(response.headers.get("Location") ?? "");
  expect(match, response.headers.get("Location") ?? "").not.toBeNull();
  return Number(match![1]);
}

async function errorsOf(result: unknown, status = 400): Promise<Record<string, string>> {
  const response = result as Response;
  expect(response.status).toBe(status);
  return (await response.json()).errors;
}

function itemRows(templateId: number) {
  return getDb()
    .select({
      position: schema.surveyItems.position,
      code: schema.surveyItems.code,
      kind: schema.surveyItems.kind,
      leadIn: schema.surveyItems.leadIn,
      prompt: schema.surveyItems.prompt,
      options: schema.surveyItems.options,
      lowLabel: schema.surveyItems.lowLabel,
      highLabel: schema.surveyItems.highLabel,
      respondentField: schema.surveyItems.respondentField,
      required: schema.surveyItems.required,
    })
    .from(schema.surveyItems)
    .where(eq(schema.surveyItems.templateId, templateId))
    .orderBy(asc(schema.surveyItems.position))
    .all();
}

function itemId(templateId: number, code: string): number {
  const row = getDb()
    .select({ id: schema.surveyItems.id, code: schema.surveyItems.code })
    .from(schema.surveyItems)
    .where(eq(schema.surveyItems.templateId, templateId))
    .all()
    .find((r) => r.code === code);
  if (!row) throw new Error(`No item ${code}`);
  return row.id;
}

/** Indices as name → item codes, in position order. */
function indicesByCode(templateId: number): { name: string; codes: string[] }[] {
  const template = getSurveyTemplate(templateId)!;
  return template.indices.map((index) => ({ name: index.name, codes: index.itemIds.map((id) => template.items.find((i) => i.id === id)!.code) }));
}

function templateCount(): number {
  return getDb().select({ id: schema.surveyTemplates.id }).from(schema.surveyTemplates).all().length;
}

const LIKERT = { intent: "saveItem", code: "1", kind: "likert", prompt: "Träffarna har gett mig nya kontakter", leadIn: "Jag upplever att:", lowLabel: "Inte alls", highLabel: "Helt och hållet" };

let admin: string;
let huddinge: string;
let sponsor: string;

beforeAll(async () => {
  admin = await signedInCookie(userId(DEMO_EMAILS.admin));
  huddinge = await signedInCookie(userId(DEMO_EMAILS.huddinge));
  sponsor = await signedInCookie(userId(DEMO_EMAILS.sponsor));
});

async function newTemplate(name: string, phase = "other"): Promise<number> {
  return redirectedTemplateId((await createTemplate({ name, phase, intro: "Tack för att du svarar." }, admin)) as Response);
}

describe("the list of templates", () => {
  it("shows the built-in templates first, in the follow-up's order, with items, indices and series using them", async () => {
    const data = (await listLoader({ request: getRequest("/enkatmallar", admin), params: {}, context })) as { templates: unknown[] };
    expect(data.templates).toEqual([
      { id: templateIdByKey("forenkat"), key: "forenkat", name: "Förenkät", phase: "pre", builtIn: true, items: 11, indices: 3, series: 2 },
      { id: templateIdByKey("efterenkat"), key: "efterenkat", name: "Efterenkät", phase: "post", builtIn: true, items: 12, indices: 3, series: 2 },
      { id: templateIdByKey("nu-jamfort-med-start"), key: "nu-jamfort-med-start", name: "Samverkan nu jämfört med vid start", phase: "other", builtIn: true, items: 13, indices: 6, series: 0 },
    ]);
  });

  it("puts custom templates after the built-in ones, in Swedish alphabetical order", async () => {
    await newTemplate("Ämnesenkät");
    await newTemplate("Avslutning");
    expect(listSurveyTemplates().map((t) => t.name)).toEqual(["Förenkät", "Efterenkät", "Samverkan nu jämfört med vid start", "Avslutning", "Ämnesenkät"]);
  });

  it("counts items per template in survey.server's listTemplates too (the subquery names the outer table)", () => {
    expect(listTemplates().slice(0, 3).map((t) => t.items)).toEqual([11, 12, 13]);
  });

  it("knows the demo förenkät's use: 2 series, 53 + 61 responses, so its items are locked", () => {
    const template = getSurveyTemplate(templateIdByKey("forenkat")!)!;
    expect(template.usage).toEqual({ series: 2, responses: 114 });
    expect(template.itemsLocked).toBe(true);
  });
});

describe("creating a template", () => {
  it("creates a custom template for the signed-in process leader and opens the editor", async () => {
    const id = await newTemplate("Nätverksträffar");
    const row = getDb().select().from(schema.surveyTemplates).where(eq(schema.surveyTemplates.id, id)).get()!;
    expect(row).toMatchObject({ name: "Nätverksträffar", phase: "other", intro: "Tack för att du svarar.", builtIn: false, key: null, createdById: userId(DEMO_EMAILS.admin) });
  });

  it("refuses an empty name and an unknown phase with Swedish messages and HTTP 400, and writes nothing", async () => {
    const before = templateCount();
    expect(await errorsOf(await createTemplate({ name: "  ", phase: "mitten", intro: "" }, admin))).toEqual({
      name: "Ge mallen ett namn.",
      phase: "Välj förenkät, efterenkät eller övrig.",
    });
    expect(templateCount()).toBe(before);
  });

  it("refuses a name that another template has, whatever the case", async () => {
    const before = templateCount();
    expect(await errorsOf(await createTemplate({ name: "FÖRENKÄT", phase: "pre" }, admin))).toEqual({ name: "Det finns redan en enkätmall med det namnet. Välj ett annat." });
    expect(templateCount()).toBe(before);
  });
});

describe("items", () => {
  let id: number;
  beforeAll(async () => {
    id = await newTemplate("Alla frågetyper", "post");
  });

  it("adds one item of each kind, in order, keeping only the fields each kind uses", async () => {
    const saves: Fields[] = [
      { ...LIKERT, options: "ignoreras" },
      { intent: "saveItem", code: "2A", kind: "likert_now_then", prompt: "Vi har regelbundna möten", leadIn: "", lowLabel: "", highLabel: "" },
      { intent: "saveItem", code: "3", kind: "single", prompt: "Deltog du i alla träffar?", options: "Ja\r\n\r\nNej\nVet inte", lowLabel: "ignoreras", required: "1" },
      { intent: "saveItem", code: "4", kind: "multiple", prompt: "Vilka teman var mest givande?", options: "Sekretess\nHälso- och sjukvård\nbup | BUP:s roll" },
      { intent: "saveItem", code: "5", kind: "text", prompt: "Vad saknade du?", options: "ignoreras" },
    ];
    for (const fields of saves) {
      const response = (await edit(id, fields, admin)) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(new RegExp(`^/enkatmallar/${id}/redigera\\?sparat=fraga#fraga-\\d+$`));
    }
    expect(itemRows(id)).toEqual([
      { position: 1, code: "1", kind: "likert", leadIn: "Jag upplever att:", prompt: "Träffarna har gett mig nya kontakter", options: null, lowLabel: "Inte alls", highLabel: "Helt och hållet", respondentField: null, required: false },
      { position: 2, code: "2a", kind: "likert_now_then", leadIn: null, prompt: "Vi har regelbundna möten", options: null, lowLabel: null, highLabel: null, respondentField: null, required: false },
      {
        position: 3,
        code: "3",
        kind: "single",
        leadIn: null,
        prompt: "Deltog du i alla träffar?",
        options: [
          { value: "ja", label: "Ja" },
          { value: "nej", label: "Nej" },
          { value: "vet_inte", label: "Vet inte" },
        ],
        lowLabel: null,
        highLabel: null,
        respondentField: null,
        required: true,
      },
      {
        position: 4,
        code: "4",
        kind: "multiple",
        leadIn: null,
        prompt: "Vilka teman var mest givande?",
        options: [
          { value: "sekretess", label: "Sekretess" },
          { value: "halso_och_sjukvard", label: "Hälso- och sjukvård" },
          { value: "bup", label: "BUP:s roll" },
        ],
        lowLabel: null,
        highLabel: null,
        respondentField: null,
        required: false,
      },
      { position: 5, code: "5", kind: "text", leadIn: null, prompt: "Vad saknade du?", options: null, lowLabel: null, highLabel: null, respondentField: null, required: false },
    ]);
  });

  it("refuses a code already used in the template (any case) with HTTP 400 and a message on the code, and writes nothing", async () => {
    const before = itemRows(id);
    const response = (await edit(id, { ...LIKERT, code: "2a", prompt: "En fråga till" }, admin)) as Response;
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.form).toBe("item");
    expect(body.errors).toEqual({ code: "Koden 2a används redan av en annan fråga i mallen." });
    // What was typed comes back to the form.
    expect(body.values).toMatchObject({ code: "2a", prompt: "En fråga till", kind: "likert" });
    expect(await errorsOf(await edit(id, { ...LIKERT, code: "2A" }, admin))).toEqual({ code: "Koden 2a används redan av en annan fråga i mallen." });
    expect(itemRows(id)).toEqual(before);
  });

  it("refuses a missing or malformed code, a missing prompt, an unknown kind and a choice item without options", async () => {
    const before = itemRows(id);
    expect(await errorsOf(await edit(id, { intent: "saveItem", code: "", kind: "single", prompt: "", options: "" }, admin))).toEqual({
      code: "Ange frågans kod, till exempel 1 eller 4a.",
      prompt: "Skriv frågan eller påståendet.",
      options: "Skriv minst två svarsalternativ, ett per rad.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveItem", code: "4 b", kind: "skala", prompt: "X" }, admin))).toEqual({
      code: "Koden får bara innehålla bokstäverna a–z och siffror, högst 10 tecken, till exempel 4a.",
      kind: "Välj en frågetyp.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveItem", code: "9", kind: "multiple", prompt: "X", options: "Bara ett" }, admin))).toEqual({
      options: "Skriv minst två svarsalternativ, ett per rad.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveItem", code: "9", kind: "single", prompt: "X", options: "Ja\nja" }, admin))).toEqual({
      options: "Alternativet ”ja” står två gånger.",
    });
    expect(itemRows(id)).toEqual(before);
  });

  it("asks for the sector only with a single-choice item whose options are the sector keys, which the fill button provides", async () => {
    const before = itemRows(id);
    expect(await errorsOf(await edit(id, { intent: "saveItem", code: "6", kind: "single", prompt: "Var arbetar du?", options: "Skola\nBUP", respondentField: "sector" }, admin))).toEqual({
      options: "Alternativens koder måste vara verksamheter (skola, socialtjanst, halso_sjukvard, annat, vill_ej_uppge); bup är det inte. Använd knappen Fyll i verksamheterna.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveItem", code: "6", kind: "multiple", prompt: "Var arbetar du?", options: "Skola\nBUP", respondentField: "role" }, admin))).toEqual({
      respondentField: "Bara en enkelvalsfråga kan fråga efter verksamhet eller roll.",
    });
    expect(itemRows(id)).toEqual(before);

    // The fill button shows the form again with the standard options, and saves nothing.
    const filled = (await edit(id, { intent: "fillSector", code: "6", kind: "text", prompt: "Inom vilken verksamhet arbetar du?", options: "" }, admin)) as Response;
    expect(filled.status).toBe(200);
    const values = (await filled.json()).values;
    expect(values).toMatchObject({ code: "6", kind: "single", respondentField: "sector", prompt: "Inom vilken verksamhet arbetar du?" });
    expect(values.options).toBe("skola | Skola/elevhälsa\nSocialtjänst\nhalso_sjukvard | Hälso- och sjukvård\nVill ej uppge");
    expect(itemRows(id)).toEqual(before);

    expect(((await edit(id, { intent: "saveItem", ...values }, admin)) as Response).status).toBe(302);
    const saved = itemRows(id).at(-1)!;
    expect(saved).toMatchObject({ code: "6", kind: "single", respondentField: "sector" });
    expect(saved.options).toEqual(STANDARD_OPTIONS.sector);
    expect(saved.options).toEqual(BUILT_IN_SURVEY_TEMPLATES[1].items.find((i) => i.respondentField === "sector")!.options);

    // A second sector question would make the respondent's sector ambiguous.
    expect(await errorsOf(await edit(id, { intent: "saveItem", ...values, code: "7" }, admin))).toEqual({
      respondentField: "Fråga 6 frågar redan efter verksamhet. En mall kan bara ha en sådan fråga.",
    });
  });

  it("edits an item in place, moves items up and down, and removes one, numbering the rest again", async () => {
    const text = itemId(id, "5");
    expect(((await edit(id, { intent: "saveItem", itemId: String(text), code: "5", kind: "text", prompt: "Vad saknade du mest?" }, admin)) as Response).status).toBe(302);
    expect(itemRows(id).find((r) => r.code === "5")).toMatchObject({ position: 5, prompt: "Vad saknade du mest?" });

    expect(((await edit(id, { intent: "moveUp", itemId: String(text) }, admin)) as Response).headers.get("Location")).toBe(`/enkatmallar/${id}/redigera?sparat=flyttad#fraga-${text}`);
    expect(itemRows(id).map((r) => r.code)).toEqual(["1", "2a", "3", "5", "4", "6"]);
    await edit(id, { intent: "moveDown", itemId: String(itemId(id, "1")) }, admin);
    expect(itemRows(id).map((r) => r.code)).toEqual(["2a", "1", "3", "5", "4", "6"]);
    // Already first: nothing moves.
    await edit(id, { intent: "moveUp", itemId: String(itemId(id, "2a")) }, admin);
    expect(itemRows(id).map((r) => r.code)).toEqual(["2a", "1", "3", "5", "4", "6"]);

    expect(((await edit(id, { intent: "deleteItem", itemId: String(itemId(id, "3")) }, admin)) as Response).status).toBe(302);
    expect(itemRows(id).map((r) => [r.position, r.code])).toEqual([
      [1, "2a"],
      [2, "1"],
      [3, "5"],
      [4, "4"],
      [5, "6"],
    ]);
  });

  it("answers 404 to an item id of another template", async () => {
    const other = itemId(templateIdByKey("forenkat")!, "4a");
    expect((await thrownResponse(edit(id, { intent: "deleteItem", itemId: String(other) }, admin))).status).toBe(404);
    expect((await thrownResponse(edit(id, { ...LIKERT, code: "99", itemId: String(other) }, admin))).status).toBe(404);
    expect(itemRows(templateIdByKey("forenkat")!).find((r) => r.code === "4a")).toMatchObject({ kind: "likert", position: 4 });
  });
});

describe("indices", () => {
  let id: number;
  beforeAll(async () => {
    id = await newTemplate("Index och regler");
    for (const fields of [
      { ...LIKERT, code: "1" },
      { ...LIKERT, code: "2", prompt: "Jag vet vem jag ska ringa" },
      { intent: "saveItem", code: "3", kind: "likert_now_then", prompt: "Vi har goda relationer" },
      { intent: "saveItem", code: "4", kind: "text", prompt: "Övrigt" },
    ]) {
      expect(((await edit(id, fields, admin)) as Response).status).toBe(302);
    }
  });

  it("refuses an index without a name, without items, with a non-Likert item, with another template's item, or mixing Likert kinds", async () => {
    const [i1, i3, i4] = [itemId(id, "1"), itemId(id, "3"), itemId(id, "4")];
    const foreign = itemId(templateIdByKey("forenkat")!, "4a");
    expect(await errorsOf(await edit(id, { intent: "saveIndex", name: "" }, admin))).toEqual({ name: "Ge indexet ett namn.", items: "Välj minst en fråga till indexet." });
    expect(await errorsOf(await edit(id, { intent: "saveIndex", name: "Kontakter", items: [String(i1), String(i4)] }, admin))).toEqual({
      items: "Ett index kan bara innehålla mallens egna Likertfrågor.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveIndex", name: "Kontakter", items: [String(i1), String(foreign)] }, admin))).toEqual({
      items: "Ett index kan bara innehålla mallens egna Likertfrågor.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveIndex", name: "Kontakter", items: [String(i1), String(i3)] }, admin))).toEqual({
      items: "Ett index kan inte blanda Likertfrågor med frågor som besvaras nu och vid start.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveIndex", name: "Kontakter", items: "abc" }, admin))).toEqual({
      items: "Ett index kan bara innehålla mallens egna Likertfrågor.",
    });
    expect(indicesByCode(id)).toEqual([]);
  });

  it("saves named indices, changes one, and keeps index names unique", async () => {
    const [i1, i2, i3] = [itemId(id, "1"), itemId(id, "2"), itemId(id, "3")];
    expect(((await edit(id, { intent: "saveIndex", name: "Kontakter", items: [String(i2), String(i1)] }, admin)) as Response).status).toBe(302);
    expect(((await edit(id, { intent: "saveIndex", name: "Relationer", items: String(i3) }, admin)) as Response).status).toBe(302);
    expect(indicesByCode(id)).toEqual([
      { name: "Kontakter", codes: ["1", "2"] },
      { name: "Relationer", codes: ["3"] },
    ]);
    expect(await errorsOf(await edit(id, { intent: "saveIndex", name: "kontakter", items: String(i1) }, admin))).toEqual({ name: "Mallen har redan ett index med det namnet." });

    const kontakter = getSurveyTemplate(id)!.indices[0].id;
    expect(((await edit(id, { intent: "saveIndex", indexId: String(kontakter), name: "Nätverk", items: String(i2) }, admin)) as Response).status).toBe(302);
    expect(indicesByCode(id)).toEqual([
      { name: "Nätverk", codes: ["2"] },
      { name: "Relationer", codes: ["3"] },
    ]);
  });

  it("will not remove an item that is in an index, nor change its kind", async () => {
    const before = itemRows(id);
    expect(await errorsOf(await edit(id, { intent: "deleteItem", itemId: String(itemId(id, "2")) }, admin))).toEqual({
      form: "Fråga 2 ingår i indexet Nätverk. Ta först bort den ur indexet.",
    });
    expect(await errorsOf(await edit(id, { intent: "saveItem", itemId: String(itemId(id, "2")), code: "2", kind: "text", prompt: "Jag vet vem jag ska ringa" }, admin))).toEqual({
      kind: "Frågan ingår i indexet Nätverk, så typen kan inte ändras. Ta först bort frågan ur indexet.",
    });
    expect(itemRows(id)).toEqual(before);
  });

  it("removes an index and numbers the rest again", async () => {
    const first = getSurveyTemplate(id)!.indices[0].id;
    expect(((await edit(id, { intent: "deleteIndex", indexId: String(first) }, admin)) as Response).headers.get("Location")).toBe(`/enkatmallar/${id}/redigera?sparat=indexBorttaget#index`);
    expect(indicesByCode(id)).toEqual([{ name: "Relationer", codes: ["3"] }]);
    expect(getDb().select({ position: schema.surveyIndices.position }).from(schema.surveyIndices).where(eq(schema.surveyIndices.templateId, id)).all()).toEqual([{ position: 1 }]);
  });
});

describe("a template in use", () => {
  let id: number;
  let surveyId: number;
  const huddingeSeries = () => seriesId("Huddinge");

  beforeAll(async () => {
    id = await newTemplate("Används i Huddinge", "pre");
    await edit(id, { ...LIKERT, code: "1" }, admin);
    await edit(id, { ...LIKERT, code: "2", prompt: "Andra frågan" }, admin);
    await edit(id, { intent: "saveIndex", name: "Kontakter", items: String(itemId(id, "1")) }, admin);
    surveyId = addSeriesSurvey({ seriesId: huddingeSeries(), templateId: id, sessionId: null })!;
  });

  it("can still have its items changed while no one has answered, but cannot be deleted", async () => {
    expect(getSurveyTemplate(id)!.usage).toEqual({ series: 1, responses: 0 });
    expect(((await edit(id, { ...LIKERT, code: "3", prompt: "Tredje" }, admin)) as Response).status).toBe(302);
    expect(((await edit(id, { intent: "deleteItem", itemId: String(itemId(id, "3")) }, admin)) as Response).status).toBe(302);
    expect(await errorsOf(await edit(id, { intent: "deleteTemplate", confirm: "1" }, admin))).toEqual({ form: "Mallen används i en eller flera serier och kan inte tas bort." });
    expect(getSurveyTemplate(id)).not.toBeNull();
  });

  it("freezes items and phase once a response exists, while name, intro and indices can change", async () => {
    const survey = getSeriesSurvey({ seriesId: huddingeSeries(), surveyId, scope: { kind: "all" } })!;
    const template = getSurveyTemplate(id)!;
    const parsed = parseSurveyAnswers(template.items, (field) => (field === "q_1" ? ["4"] : field === "q_2" ? ["9"] : []));
    expect(saveResponse({ survey, parsed, channel: "paper", pairCode: null, submissionKey: "tpl-test-1", enforceWindow: false })).toEqual({ ok: true, duplicate: false });
    expect(getSurveyTemplate(id)!.itemsLocked).toBe(true);

    const before = itemRows(id);
    const locked = { form: "Mallen har 1 svar. Svaren hänvisar till frågorna, så frågorna kan inte längre läggas till, ändras, flyttas eller tas bort." };
    expect(await errorsOf(await edit(id, { ...LIKERT, code: "3" }, admin))).toEqual(locked);
    expect(await errorsOf(await edit(id, { ...LIKERT, code: "1", prompt: "Ändrad", itemId: String(itemId(id, "1")) }, admin))).toEqual(locked);
    expect(await errorsOf(await edit(id, { intent: "deleteItem", itemId: String(itemId(id, "2")) }, admin))).toEqual(locked);
    expect(await errorsOf(await edit(id, { intent: "moveDown", itemId: String(itemId(id, "1")) }, admin))).toEqual(locked);
    expect(itemRows(id)).toEqual(before);
    // The answers are still there.
    expect(getDb().select().from(schema.surveyAnswers).where(eq(schema.surveyAnswers.itemId, itemId(id, "1"))).all()).toHaveLength(1);

    expect(await errorsOf(await edit(id, { intent: "details", name: "Används i Huddinge", phase: "post", intro: "" }, admin))).toEqual({
      phase: "Mallen har svar, så typen kan inte längre ändras.",
    });
    // The page shows no phase field for such a template: name and intro are saved, the phase stays.
    expect(((await edit(id, { intent: "details", name: "Huddinges egen förenkät", intro: "Ny inledning" }, admin)) as Response).status).toBe(302);
    expect(getSurveyTemplate(id)).toMatchObject({ name: "Huddinges egen förenkät", intro: "Ny inledning", phase: "pre" });

    expect(((await edit(id, { intent: "saveIndex", indexId: String(getSurveyTemplate(id)!.indices[0].id), name: "Kontakter", items: [String(itemId(id, "1")), String(itemId(id, "2"))] }, admin)) as Response).status).toBe(302);
    expect(indicesByCode(id)).toEqual([{ name: "Kontakter", codes: ["1", "2"] }]);
  });
});

describe("built-in templates", () => {
  it("are read-only: the editor redirects to the template's page and a forged change is refused with 400", async () => {
    const forenkat = templateIdByKey("forenkat")!;
    const redirect = await thrownResponse(editLoader({ request: getRequest(`/enkatmallar/${forenkat}/redigera`, admin), params: { templateId: String(forenkat) }, context }));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe(`/enkatmallar/${forenkat}`);

    const before = itemRows(templateIdByKey("nu-jamfort-med-start")!);
    const nu = templateIdByKey("nu-jamfort-med-start")!;
    const builtIn = { form: "Inbyggda mallar kan inte ändras. Kopiera mallen och ändra kopian." };
    expect(await errorsOf(await edit(nu, { ...LIKERT, code: "99" }, admin))).toEqual(builtIn);
    expect(await errorsOf(await edit(nu, { intent: "deleteItem", itemId: String(itemId(nu, "1a")) }, admin))).toEqual(builtIn);
    expect(await errorsOf(await edit(nu, { intent: "details", name: "Min variant", phase: "other" }, admin))).toEqual(builtIn);
    expect(await errorsOf(await edit(nu, { intent: "deleteTemplate", confirm: "1" }, admin))).toEqual(builtIn);
    expect(itemRows(nu)).toEqual(before);
    expect(getSurveyTemplate(nu)!.name).toBe("Samverkan nu jämfört med vid start");
  });

  it.each(BUILT_IN_SURVEY_TEMPLATES.map((t) => [t.name, t.key]))("%s copied gives a custom template with identical items and indices", async (name, key) => {
    const source = templateIdByKey(key)!;
    const copyId = redirectedTemplateId((await copy(source, admin)) as Response);
    const [original, copied] = [getSurveyTemplate(source)!, getSurveyTemplate(copyId)!];
    expect(copied).toMatchObject({ name: `${name} (kopia)`, phase: original.phase, intro: original.intro, builtIn: false, key: null, usage: { series: 0, responses: 0 }, itemsLocked: false });
    expect(itemRows(copyId)).toEqual(itemRows(source));
    expect(indicesByCode(copyId)).toEqual(indicesByCode(source));
    expect(indicesByCode(copyId).length).toBe(key === "nu-jamfort-med-start" ? 6 : 3);
    // The copy's indices point at the copy's own items.
    for (const index of copied.indices) for (const itemId of index.itemIds) expect(copied.items.some((i) => i.id === itemId)).toBe(true);
  });

  it("names a second copy (kopia 2)", async () => {
    const copyId = redirectedTemplateId((await copy(templateIdByKey("forenkat")!, admin)) as Response);
    expect(getSurveyTemplate(copyId)!.name).toBe("Förenkät (kopia 2)");
  });
});

describe("deleting a template", () => {
  it("needs the confirmation box, then removes the template with its items and indices", async () => {
    const id = await newTemplate("Ska bort");
    await edit(id, { ...LIKERT, code: "1" }, admin);
    await edit(id, { intent: "saveIndex", name: "Ett", items: String(itemId(id, "1")) }, admin);
    expect(await errorsOf(await edit(id, { intent: "deleteTemplate" }, admin))).toEqual({ confirm: "Kryssa i rutan för att bekräfta att mallen ska tas bort." });
    expect(getSurveyTemplate(id)).not.toBeNull();
    const response = (await edit(id, { intent: "deleteTemplate", confirm: "1" }, admin)) as Response;
    expect(response.headers.get("Location")).toBe("/enkatmallar?borttagen=1");
    expect(getSurveyTemplate(id)).toBeNull();
    expect(itemRows(id)).toEqual([]);
    expect(getDb().select().from(schema.surveyIndices).where(eq(schema.surveyIndices.templateId, id)).all()).toEqual([]);
  });

  it("answers 404 for a template that does not exist", async () => {
    expect((await thrownResponse(viewLoader({ request: getRequest("/enkatmallar/999999", admin), params: { templateId: "999999" }, context }))).status).toBe(404);
    expect((await thrownResponse(edit(999999, { ...LIKERT }, admin))).status).toBe(404);
    expect((await thrownResponse(viewLoader({ request: getRequest("/enkatmallar/abc", admin), params: { templateId: "abc" }, context }))).status).toBe(404);
  });
});

describe("permissions: only process leaders", () => {
  const roles = () => [
    ["coordinator", huddinge],
    ["sponsor", sponsor],
  ] as const;

  it("answers 403 to a coordinator and a sponsor on every page", async () => {
    const forenkat = String(templateIdByKey("forenkat"));
    for (const [, cookie] of roles()) {
      expect((await thrownResponse(listLoader({ request: getRequest("/enkatmallar", cookie), params: {}, context }))).status).toBe(403);
      expect((await thrownResponse(newLoader({ request: getRequest("/enkatmallar/ny", cookie), params: {}, context }))).status).toBe(403);
      expect((await thrownResponse(viewLoader({ request: getRequest(`/enkatmallar/${forenkat}`, cookie), params: { templateId: forenkat }, context }))).status).toBe(403);
      expect((await thrownResponse(editLoader({ request: getRequest(`/enkatmallar/${forenkat}/redigera`, cookie), params: { templateId: forenkat }, context }))).status).toBe(403);
    }
  });

  it("answers 403 to their forged posts and writes nothing", async () => {
    const id = await newTemplate("Skyddad mall");
    await edit(id, { ...LIKERT, code: "1" }, admin);
    const templatesBefore = templateCount();
    const itemsBefore = itemRows(id);
    for (const [, cookie] of roles()) {
      expect((await thrownResponse(createTemplate({ name: "Smygmall", phase: "pre" }, cookie))).status).toBe(403);
      expect((await thrownResponse(copy(templateIdByKey("forenkat")!, cookie))).status).toBe(403);
      expect((await thrownResponse(edit(id, { ...LIKERT, code: "2" }, cookie))).status).toBe(403);
      expect((await thrownResponse(edit(id, { intent: "deleteItem", itemId: String(itemId(id, "1")) }, cookie))).status).toBe(403);
      expect((await thrownResponse(edit(id, { intent: "details", name: "Kapad", phase: "pre" }, cookie))).status).toBe(403);
      expect((await thrownResponse(edit(id, { intent: "deleteTemplate", confirm: "1" }, cookie))).status).toBe(403);
    }
    expect(templateCount()).toBe(templatesBefore);
    expect(itemRows(id)).toEqual(itemsBefore);
    expect(getSurveyTemplate(id)!.name).toBe("Skyddad mall");
  });

  it("sends someone who is not signed in to the sign-in page", async () => {
    const response = await thrownResponse(listLoader({ request: getRequest("/enkatmallar"), params: {}, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/logga-in?redirectTo=%2Fenkatmallar");
  });
});
