/**
 * Preparation completion for staff (issue #8 item 5): the model's counts on a
 * hand-built fixture with answers worked out by hand, the demo's seeded
 * figures, the staff session page's loader (who sees what) and the series
 * dashboard's table.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/models/db.server";
import { prepStats, type PrepCounts } from "~/models/prep-stats.server";
import { createSeriesFromTemplate } from "~/models/series-planning.server";
import { listTemplates } from "~/models/template.server";
import { loader as dashboardLoader } from "~/routes/serier.$seriesId.oversikt";
import { loader as csvLoader } from "~/routes/serier.$seriesId.oversikt_.$file";
import { loader as sessionLoader } from "~/routes/serier.$seriesId.tillfallen.$sessionId._index";
import type { Sector } from "../../db/schema";
import { DEMO_EMAILS, getRequest, organisationId, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.58" };
/** Appears only in one private reflection: the staff pages must never carry it. */
const MARKER = "HEMLIG-REFLEKTION-7f3a9c";
const date = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(d);

async function sessionPage(series: number, session: number, email: string) {
  return sessionLoader({
    request: getRequest(`/serier/${series}/tillfallen/${session}`, await signedInCookie(userId(email))),
    params: { seriesId: String(series), sessionId: String(session) },
    context,
  });
}

function counts(given: Partial<Record<Sector, [number, number, number]>>): Record<Sector, PrepCounts> {
  const c = (t?: [number, number, number]): PrepCounts => ({ people: t?.[0] ?? 0, done: t?.[1] ?? 0, started: t?.[2] ?? 0 });
  return { skola: c(given.skola), socialtjanst: c(given.socialtjanst), halso_sjukvard: c(given.halso_sjukvard), annat: c(given.annat), vill_ej_uppge: c(given.vill_ej_uppge) };
}

/*
 * Fixture "Förberedelsetest Huddinge" (a Huddinge series, so Huddinge's
 * coordinator may see it and Botkyrka's may not), sessions from the template:
 *   S1: document M1, lecture M2, question Q1 → 3 items
 *   S2: nothing to prepare
 *   S3: document M3 → 1 item, nobody has marked it
 *
 *                 sector         enrolment   S1 marks               counts at S1
 * Anna Ahl        skola          anmäld      M1 M2 Q1               klar
 * Bo Berg         skola          anmäld      M1 (+ a demo material) påbörjad (the demo material is another session's)
 * Cia Cox         skola          anmäld      –                      neither (also a confirmed substitute at S1: counted once)
 * Dan Dahl        socialtjänst   anmäld      M1 M2 Q1 = "   "       påbörjad (a blank reflection is not done)
 * Eva Ek          socialtjänst   anmäld      M1 M2 Q1 = MARKER      klar
 * Fia Fors        hälso/sjukv.   anmäld      –                      neither
 * Ivar Isk        skola          återbud     M1 M2 Q1               not counted
 * Sam Sub         annat          –           M1 M2 Q1               klar: confirmed substitute for Bo at S1
 * Rut Ros         skola          –           M1                     not counted: her substitution was rejected
 * Pia Pil         socialtjänst   –           M1                     not counted at S1: confirmed substitute at S3 only
 *
 * S1: skola 3 people (1 klar, 1 påbörjad), socialtjänst 2 (1, 1), hälso 1 (0, 0), annat 1 (1, 0): 7 people, 3 klar (42,9 %), 2 påbörjade.
 * S2: the 6 enrolled, no items, so nobody is klar or påbörjad.
 * S3: the 6 enrolled plus Pia: 7 people, nobody has marked anything.
 */
let fixture: number;
let s1: number;
let s2: number;
let s3: number;

beforeAll(() => {
  const db = getDb();
  const huddinge = organisationId("Huddinge");
  fixture = createSeriesFromTemplate({
    name: "Förberedelsetest Huddinge",
    term: "VT 2027",
    templateId: listTemplates()[0].id,
    organisationIds: [huddinge],
    processLeaderId: userId(DEMO_EMAILS.admin),
    coordinatorIds: [],
    firstDate: "2027-02-02",
  });
  [s1, s2, s3] = seriesSessionRows(fixture).map((s) => s.id);
  const person = (name: string, sector: Sector) => {
    const email = `${name.toLowerCase().replace(" ", ".")}@prep.example`;
    return db
      .insert(schema.people)
      .values({ name, email, emailNormalized: email, workplace: null, organisationId: huddinge, sector, roleCategory: "profession", jobTitle: null, level: null })
      .returning({ id: schema.people.id })
      .get().id;
  };
  const anna = person("Anna Ahl", "skola");
  const bo = person("Bo Berg", "skola");
  const cia = person("Cia Cox", "skola");
  const dan = person("Dan Dahl", "socialtjanst");
  const eva = person("Eva Ek", "socialtjanst");
  const fia = person("Fia Fors", "halso_sjukvard");
  const ivar = person("Ivar Isk", "skola");
  const sam = person("Sam Sub", "annat");
  const rut = person("Rut Ros", "skola");
  const pia = person("Pia Pil", "socialtjanst");
  for (const p of [anna, bo, cia, dan, eva, fia]) db.insert(schema.enrolments).values({ seriesId: fixture, personId: p, status: "anmald" }).run();
  db.insert(schema.enrolments).values({ seriesId: fixture, personId: ivar, status: "aterbud" }).run();

  const material = (session: number, kind: "dokument" | "forelasning") =>
    db.insert(schema.prepMaterials).values({ seriesSessionId: session, kind, title: `${kind} ${session}`, url: "https://example.org/m" }).returning({ id: schema.prepMaterials.id }).get().id;
  const m1 = material(s1, "dokument");
  const m2 = material(s1, "forelasning");
  material(s3, "dokument");
  const q1 = db.insert(schema.reflectionQuestions).values({ seriesSessionId: s1, text: "Vad tar du med dig?" }).returning({ id: schema.reflectionQuestions.id }).get().id;

  const doneAt = new Date("2027-01-20T10:00:00Z");
  const mark = (p: number, m: number) => db.insert(schema.prepProgress).values({ personId: p, prepMaterialId: m, doneAt }).run();
  const reflect = (p: number, text: string) =>
    db.insert(schema.reflections).values({ personId: p, reflectionQuestionId: q1, text, shared: false, updatedAt: doneAt }).run();
  for (const p of [anna, dan, eva, ivar, sam]) {
    mark(p, m1);
    mark(p, m2);
  }
  mark(bo, m1);
  mark(rut, m1);
  mark(pia, m1);
  // Bo also marked a material of the demo series: it must not count towards S1.
  const demoMaterial = db.select({ id: schema.prepMaterials.id }).from(schema.prepMaterials).get()!.id;
  mark(bo, demoMaterial);
  reflect(anna, "Att vi behöver en gemensam rutin.");
  reflect(dan, "   ");
  reflect(eva, `${MARKER} – det här får ingen personal se.`);
  reflect(ivar, "Jag hoppade av men skrev ändå.");
  reflect(sam, "Bra att få vara med som ersättare.");

  const substitution = (session: number, forPerson: number, substitute: number, status: "foreslagen" | "bekraftad" | "avvisad") =>
    db
      .insert(schema.substitutions)
      .values({ seriesId: fixture, seriesSessionId: session, forPersonId: forPerson, name: "Ersättare", email: `sub${substitute}@prep.example`, emailNormalized: `sub${substitute}@prep.example`, status, substitutePersonId: substitute })
      .run();
  substitution(s1, bo, sam, "bekraftad");
  substitution(s1, fia, cia, "bekraftad");
  substitution(s1, dan, rut, "avvisad");
  substitution(s3, eva, pia, "bekraftad");
});

describe("prepStats on the fixture", () => {
  it("counts klar and påbörjad per sector: enrolled and confirmed substitutes, not återbud, not rejected substitutes", () => {
    const stats = prepStats({ seriesId: fixture, scope: { kind: "all" } });
    expect(stats).toEqual([
      {
        sessionId: s1,
        items: 3,
        bySector: counts({ skola: [3, 1, 1], socialtjanst: [2, 1, 1], halso_sjukvard: [1, 0, 0], annat: [1, 1, 0] }),
        total: { people: 7, done: 3, started: 2 },
      },
      { sessionId: s2, items: 0, bySector: counts({ skola: [3, 0, 0], socialtjanst: [2, 0, 0], halso_sjukvard: [1, 0, 0] }), total: { people: 6, done: 0, started: 0 } },
      { sessionId: s3, items: 1, bySector: counts({ skola: [3, 0, 0], socialtjanst: [3, 0, 0], halso_sjukvard: [1, 0, 0] }), total: { people: 7, done: 0, started: 0 } },
    ]);
  });

  it("narrows to one session, and gives nothing outside the scope", () => {
    expect(prepStats({ seriesId: fixture, scope: { kind: "all" }, sessionId: s1 }).map((s) => [s.sessionId, s.total])).toEqual([[s1, { people: 7, done: 3, started: 2 }]]);
    expect(prepStats({ seriesId: fixture, scope: { kind: "organisations", organisationIds: [organisationId("Huddinge")] }, sessionId: s1 })).toHaveLength(1);
    expect(prepStats({ seriesId: fixture, scope: { kind: "organisations", organisationIds: [organisationId("Botkyrka")] } })).toEqual([]);
    // A session id of another series gives nothing either.
    expect(prepStats({ seriesId: fixture, scope: { kind: "all" }, sessionId: seriesSessionRows(seriesId("Huddinge"))[2].id })).toEqual([]);
  });
});

describe("the demo's Huddinge series (db/seed-portal.ts)", () => {
  it("has the seeded figures: nothing for seminar 1, 32 of 90 klar for seminar 2, 10 of 90 for seminar 3", () => {
    const [h1, h2, h3] = seriesSessionRows(seriesId("Huddinge")).map((s) => s.id);
    expect(prepStats({ seriesId: seriesId("Huddinge"), scope: { kind: "all" } })).toEqual([
      { sessionId: h1, items: 4, bySector: counts({ skola: [66, 0, 0], socialtjanst: [18, 0, 0], halso_sjukvard: [2, 0, 0], annat: [3, 0, 0], vill_ej_uppge: [1, 0, 0] }), total: { people: 90, done: 0, started: 0 } },
      { sessionId: h2, items: 3, bySector: counts({ skola: [66, 22, 26], socialtjanst: [18, 8, 2], halso_sjukvard: [2, 2, 0], annat: [3, 0, 2], vill_ej_uppge: [1, 0, 1] }), total: { people: 90, done: 32, started: 31 } },
      { sessionId: h3, items: 4, bySector: counts({ skola: [66, 8, 28], socialtjanst: [18, 1, 12], halso_sjukvard: [2, 1, 1], annat: [3, 0, 3], vill_ej_uppge: [1, 0, 1] }), total: { people: 90, done: 10, started: 45 } },
    ]);
  });
});

describe("the staff session page", () => {
  it("shows the figures to the series' coordinator and to the process leader", async () => {
    for (const email of [DEMO_EMAILS.huddinge, DEMO_EMAILS.admin]) {
      const data = await sessionPage(fixture, s1, email);
      expect({ email, prep: data.prepCompletion }).toEqual({
        email,
        prep: {
          sessionId: s1,
          items: 3,
          bySector: counts({ skola: [3, 1, 1], socialtjanst: [2, 1, 1], halso_sjukvard: [1, 0, 0], annat: [1, 1, 0] }),
          total: { people: 7, done: 3, started: 2 },
        },
      });
    }
    expect((await sessionPage(fixture, s2, DEMO_EMAILS.huddinge)).prepCompletion).toMatchObject({ items: 0 });
    expect((await sessionPage(fixture, s3, DEMO_EMAILS.huddinge)).prepCompletion).toMatchObject({ items: 1, total: { people: 7, done: 0, started: 0 } });
  });

  it("never carries a reflection's text, only counts", async () => {
    const data = await sessionPage(fixture, s1, DEMO_EMAILS.huddinge);
    expect(JSON.stringify(data)).not.toContain(MARKER);
    expect(JSON.stringify(data.prepCompletion)).not.toMatch(/text|reflection/i);
  });

  it("answers 404 to another municipality's coordinator", async () => {
    expect((await thrownResponse(sessionPage(fixture, s1, DEMO_EMAILS.botkyrka))).status).toBe(404);
    const demoSeminar3 = seriesSessionRows(seriesId("Huddinge"))[2].id;
    expect((await thrownResponse(sessionPage(seriesId("Huddinge"), demoSeminar3, DEMO_EMAILS.botkyrka))).status).toBe(404);
  });

  it("shows the sponsor the session but not the preparation figures (decision 011)", async () => {
    const data = await sessionPage(fixture, s1, DEMO_EMAILS.sponsor);
    expect(data.session.id).toBe(s1);
    expect(data.prepCompletion).toBeNull();
  });
});

describe("the series dashboard", () => {
  it("has the share klar per sector for the sessions with something to prepare, and the same cells as CSV", async () => {
    const page = await dashboardLoader({
      request: getRequest(`/serier/${fixture}/oversikt`, await signedInCookie(userId(DEMO_EMAILS.huddinge))),
      params: { seriesId: String(fixture) },
      context,
    });
    expect(page.dashboard.preparation.map((p) => [p.key, p.items, p.total])).toEqual([
      [`s${s1}`, 3, { people: 7, done: 3, started: 2 }],
      [`s${s3}`, 1, { people: 7, done: 0, started: 0 }],
    ]);
    expect(JSON.stringify(page)).not.toContain(MARKER);

    const response = await csvLoader({
      request: getRequest(`/serier/${fixture}/oversikt/forberedelser.csv`, await signedInCookie(userId(DEMO_EMAILS.huddinge))),
      params: { seriesId: String(fixture), file: "forberedelser.csv" },
      context,
    });
    expect(response.status).toBe(200);
    const text = new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()).subarray(3));
    const [d1, d3] = [s1, s3].map((id) => date(seriesSessionRows(fixture).find((s) => s.id === id)!.startsAt));
    expect(text.split("\r\n")).toEqual([
      `Verksamhet;Tillfälle 1 (${d1}) klara;Tillfälle 1 (${d1}) andel klara;Tillfälle 3 (${d3}) klara;Tillfälle 3 (${d3}) andel klara`,
      "Skola;1;33,3 %;0;0,0 %",
      "Socialtjänst;1;50,0 %;0;0,0 %",
      "Hälso- och sjukvård;0;0,0 %;0;0,0 %",
      "Annat;1;100,0 %;0;–",
      "Vill ej uppge;0;–;0;–",
      "Totalt;3;42,9 %;0;0,0 %",
      "",
    ]);
  });

  it("answers 404 for the preparation CSV of a series with nothing to prepare", async () => {
    const response = await thrownResponse(async () =>
      csvLoader({
        request: getRequest(`/serier/${seriesId("Botkyrka")}/oversikt/forberedelser.csv`, await signedInCookie(userId(DEMO_EMAILS.admin))),
        params: { seriesId: String(seriesId("Botkyrka")), file: "forberedelser.csv" },
        context,
      }),
    );
    expect(response.status).toBe(404);
  });
});
