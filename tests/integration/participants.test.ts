/**
 * Registering and importing participants: one person per e-mail, previews
 * that show every problem, and imports that save all rows or none.
 */
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decodeCsv, isCsvError } from "~/lib/csv";
import { buildPreview, toPersonInputs } from "~/lib/participant-import.server";
import { getDb, schema } from "~/models/db.server";
import { createSeriesFromTemplate } from "~/models/series-planning.server";
import { listTemplates } from "~/models/template.server";
import {
  enrolledPersonIds,
  findPersonByEmail,
  ImportAlreadyDoneError,
  importParticipants,
  registerParticipant,
  savePendingImport,
} from "~/models/participant.server";
import { action as registerAction } from "~/routes/serier.$seriesId.deltagare._index";
import { loader as exportLoader } from "~/routes/serier.$seriesId.deltagare[.]csv";
import { DEMO_EMAILS, getRequest, organisationId, postForm, seriesId, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.30" };
const peopleCount = () => getDb().select({ n: count() }).from(schema.people).get()!.n;

function sollentunaSeries() {
  return createSeriesFromTemplate({
    name: "Processtöd skolnärvaro Sollentuna",
    term: "VT 2027",
    templateId: listTemplates()[0].id,
    organisationIds: [organisationId("Sollentuna")],
    processLeaderId: userId(DEMO_EMAILS.admin),
    coordinatorIds: [],
    firstDate: "2027-02-02",
  });
}

function fixtureText(name: string): string {
  const decoded = decodeCsv(new Uint8Array(fs.readFileSync(path.join(__dirname, "../fixtures", name))));
  if (isCsvError(decoded)) throw new Error(decoded.code);
  return decoded.text;
}

describe("import preview", () => {
  it("reads an Excel export (Windows-1252, semicolons) and reports the bad row with its reasons", () => {
    const id = sollentunaSeries();
    const preview = buildPreview({ seriesId: id, text: fixtureText("deltagare-excel.csv") });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.counts).toEqual({ new: 4, existing: 0, enrolled: 0, error: 1 });
    expect(preview.rows.map((r) => [r.line, r.name, r.status, r.sector, r.roleCategory, r.roleSuggested, r.errors])).toEqual([
      [2, "Åsa Öberg", "new", "skola", "chef", true, []],
      [3, "Jörgen Ek", "new", "socialtjanst", "profession", true, []],
      [4, "Märta Lind", "new", "halso_sjukvard", "sjukvard", true, []],
      [5, "Per Gran", "error", null, "profession", true, ["import.emailInvalid", "import.sectorUnknown"]],
      [6, "Lena Ström", "new", "skola", "medicinsk_elevhalsa", false, []],
    ]);
  });

  it("refuses files without the required columns, and marks people who exist or are enrolled", () => {
    const id = sollentunaSeries();
    expect(buildPreview({ seriesId: id, text: "Förnamn;Efternamn\nA;B" })).toEqual({
      ok: false,
      problem: { code: "missingColumns", columns: ["name", "email", "sector"] },
    });
    const huddingePerson = getDb().select().from(schema.people).get()!;
    registerParticipant({
      seriesId: id,
      person: { name: "Ny Person", email: "ny.person@sollentuna.example", workplace: null, organisationId: null, sector: "skola", roleCategory: "annat", jobTitle: null, level: null },
    });
    const text = `Namn;E-post;Verksamhet\n${huddingePerson.name};${huddingePerson.email.toUpperCase()};Skola\nNy Person;ny.person@sollentuna.example;Skola\nNy Person igen;NY.PERSON@sollentuna.example;Skola`;
    const preview = buildPreview({ seriesId: id, text });
    expect(preview.ok && preview.rows.map((r) => [r.status, r.errors])).toEqual([
      ["existing", []],
      ["enrolled", []],
      ["error", ["import.duplicateInFile"]],
    ]);
  });
});

describe("import commit", () => {
  it("saves every row in one go, and a second confirmation of the same file imports nothing", () => {
    const id = sollentunaSeries();
    const text = fixtureText("deltagare-excel.csv").replace("per.gran@sollentuna;", "per.gran@sollentuna.example;").replace(";Skolan;", ";Skola;");
    const preview = buildPreview({ seriesId: id, text });
    if (!preview.ok) throw new Error("preview failed");
    expect(preview.counts.error).toBe(0);
    const importId = savePendingImport({ seriesId: id, userId: userId(DEMO_EMAILS.admin), fileName: "deltagare.csv", content: text });
    const before = peopleCount();
    expect(importParticipants({ seriesId: id, importId, rows: toPersonInputs({ seriesId: id, rows: preview.rows }) })).toEqual({
      created: 5,
      linked: 0,
      alreadyEnrolled: 0,
    });
    expect(peopleCount()).toBe(before + 5);
    expect(enrolledPersonIds({ seriesId: id }).size).toBe(5);
    expect(findPersonByEmail({ email: "asa.oberg@sollentuna.example" })).toMatchObject({ name: "Åsa Öberg", organisation: "Sollentuna", roleCategory: "chef", level: "strategisk" });
    expect(() => importParticipants({ seriesId: id, importId, rows: toPersonInputs({ seriesId: id, rows: preview.rows }) })).toThrow(ImportAlreadyDoneError);
    expect(peopleCount()).toBe(before + 5);
  });

  it("leaves nothing behind when a row fails in the middle of the transaction", () => {
    const id = sollentunaSeries();
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      name: `Person ${i}`,
      email: `person${i}@massimport.example`,
      workplace: null,
      // Row 500 points at a municipality that does not exist: the foreign key fails.
      organisationId: i === 500 ? 999_999 : organisationId("Sollentuna"),
      sector: "skola" as const,
      roleCategory: "profession" as const,
      jobTitle: null,
      level: null,
    }));
    const importId = savePendingImport({ seriesId: id, userId: userId(DEMO_EMAILS.admin), fileName: "stor.csv", content: "-" });
    const before = peopleCount();
    expect(() => importParticipants({ seriesId: id, importId, rows })).toThrow(/FOREIGN KEY/);
    expect(peopleCount()).toBe(before);
    expect(enrolledPersonIds({ seriesId: id }).size).toBe(0);
  });

  it("finds the one bad row among 50,000 and so imports none", () => {
    const id = sollentunaSeries();
    const lines = ["Namn;E-post;Verksamhet;Titel"];
    for (let i = 0; i < 50_000; i++) lines.push(i === 25_000 ? `Fel Rad;inte-en-adress;Skola;Lärare` : `Person ${i};p${i}@stor.example;Skola;Lärare`);
    const preview = buildPreview({ seriesId: id, text: lines.join("\r\n") });
    expect(preview.ok && preview.counts).toEqual({ new: 49_999, existing: 0, enrolled: 0, error: 1 });
    expect(preview.ok && preview.rows.filter((r) => r.status === "error").map((r) => [r.line, r.errors])).toEqual([[25_002, ["import.emailInvalid"]]]);
  });
});

describe("registering one participant", () => {
  const form = (fields: Record<string, string>) => ({
    name: "Karin Sjöberg",
    email: "karin.sjoberg@sollentuna.example",
    workplace: "Edsbergsskolan",
    sector: "skola",
    roleCategory: "",
    jobTitle: "Biträdande rektor",
    level: "strategisk",
    ...fields,
  });
  const post = async (series: number, email: string, fields: Record<string, string>) =>
    registerAction({ request: postForm(`/serier/${series}/deltagare`, fields, await signedInCookie(userId(email))), params: { seriesId: String(series) }, context });

  it("creates the person with a role suggested from the title, and links an existing e-mail without changing it", async () => {
    const id = sollentunaSeries();
    const created = (await post(id, DEMO_EMAILS.admin, form({}))) as Response;
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe(`/serier/${id}/deltagare?resultat=created&epost=karin.sjoberg%40sollentuna.example`);
    expect(findPersonByEmail({ email: "karin.sjoberg@sollentuna.example" })).toMatchObject({ roleCategory: "chef", organisation: "Sollentuna" });

    const existing = getDb().select().from(schema.people).where(eq(schema.people.sector, "socialtjanst")).get()!;
    const linked = (await post(id, DEMO_EMAILS.admin, form({ name: "Annat Namn", email: existing.email.toUpperCase(), sector: "annat" }))) as Response;
    expect(linked.headers.get("Location")).toContain("resultat=linked");
    expect(getDb().select().from(schema.people).where(eq(schema.people.id, existing.id)).get()).toEqual(existing);
    expect(enrolledPersonIds({ seriesId: id }).has(existing.id)).toBe(true);
  });

  it("answers bad input with 400 and field messages, and writes nothing", async () => {
    const id = sollentunaSeries();
    const before = peopleCount();
    const response = (await post(id, DEMO_EMAILS.admin, form({ name: "", email: "fel", sector: "skolan", level: "hög" }))) as Response;
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({
      name: "Fältet måste fyllas i.",
      email: "Ange en giltig e-postadress, till exempel namn@kommun.se.",
      sector: "Välj en verksamhet.",
      level: "Välj strategisk eller operativ nivå.",
    });
    expect(peopleCount()).toBe(before);
  });

  it("answers 404 to another municipality's coordinator and 403 to a sponsor", async () => {
    const huddinge = seriesId("Huddinge");
    const before = peopleCount();
    expect((await thrownResponse(post(huddinge, DEMO_EMAILS.nacka, form({})))).status).toBe(404);
    expect((await thrownResponse(post(huddinge, DEMO_EMAILS.sponsor, form({})))).status).toBe(403);
    expect(peopleCount()).toBe(before);
  });
});

describe("CSV export", () => {
  it("writes what Swedish Excel opens: BOM, semicolons, CRLF, formulas neutralised", async () => {
    const id = sollentunaSeries();
    registerParticipant({
      seriesId: id,
      person: { name: "=HYPERLINK(\"http://x\")", email: "formel@sollentuna.example", workplace: "Skola; Öst", organisationId: organisationId("Sollentuna"), sector: "socialtjanst", roleCategory: "chef", jobTitle: "Enhetschef", level: null },
    });
    const response = (await exportLoader({
      request: getRequest(`/serier/${id}/deltagare.csv`, await signedInCookie(userId(DEMO_EMAILS.admin))),
      params: { seriesId: String(id) },
      context,
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toBe(
      "\uFEFFNamn;E-post;Arbetsplats;Kommun;Verksamhet;Yrkesroll;Titel;Nivå\r\n" +
        '"\'=HYPERLINK(""http://x"")";formel@sollentuna.example;"Skola; Öst";Sollentuna;Socialtjänst;Chefer/Ledning;Enhetschef;\r\n',
    );
  });

  it("is refused to a sponsor", async () => {
    const response = await thrownResponse(
      exportLoader({
        request: getRequest(`/serier/${seriesId("Huddinge")}/deltagare.csv`, await signedInCookie(userId(DEMO_EMAILS.sponsor))),
        params: { seriesId: String(seriesId("Huddinge")) },
        context,
      }),
    );
    expect(response.status).toBe(403);
  });
});
