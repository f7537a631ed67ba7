/**
 * The county and sponsor dashboard (/lan), its CSV files and its JSON, called
 * the way Remix calls their loaders.
 *
 * Stockholm County's demo figures are recomputed here with SQL written
 * independently of the model. A hand-built fixture in Uppsala County has
 * small cells whose suppression (and complementary suppression) is worked out
 * by hand. Sponsors' responses are searched for every participant's name,
 * e-mail address and workplace in the database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CountyDashboard } from "~/lib/county-dashboard";
import { getDb, schema } from "~/models/db.server";
import { loader as pageLoader } from "~/routes/lan";
import { loader as csvLoader } from "~/routes/lan_.$file";
import { loader as jsonLoader } from "~/routes/lan[.]json";
import { SECTORS, type AttendanceStatus, type Sector } from "../../db/schema";
import { DEMO_EMAILS, getRequest, organisationId, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.60" };
const raw = () => getDb().$client;
const S = "small";
const C = "complementary";

async function cookieFor(email: string) {
  return signedInCookie(userId(email));
}

async function page(query: string, email: string = DEMO_EMAILS.sponsor) {
  return pageLoader({ request: getRequest(`/lan${query}`, await cookieFor(email)), params: {}, context });
}

async function csv(file: string, query: string, email: string = DEMO_EMAILS.sponsor): Promise<Response> {
  return csvLoader({ request: getRequest(`/lan/${file}${query}`, await cookieFor(email)), params: { file }, context });
}

async function jsonResponse(query: string, email: string = DEMO_EMAILS.sponsor): Promise<Response> {
  return jsonLoader({ request: getRequest(`/lan.json${query}`, await cookieFor(email)), params: {}, context });
}

/** The CSV's lines as cells, without the BOM. */
async function csvLines(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // UTF-8 with BOM, so that Swedish Excel reads å, ä and ö.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true })
    .decode(bytes.subarray(3))
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(";"));
}

const STATE_SQL = `case max(case s.status when 'pagaende' then 3 when 'planerad' then 2 when 'genomford' then 1 else 0 end)
  when 3 then 'pagaende' when 2 then 'planerad' when 1 then 'genomford' else 'ingen' end`;

/** Each organisation's state, straight from the tables: the most current of its series. */
function statesFromSql(county: string): { name: string; kind: string; state: string }[] {
  return raw()
    .prepare(
      `select o.name, o.kind, ${STATE_SQL} as state
       from organisations o
       left join series_organisations so on so.organisation_id = o.id
       left join series s on s.id = so.series_id
       where o.county_code = ? and o.kind in ('kommun', 'stadsdelsomrade')
       group by o.id`,
    )
    .all(county) as { name: string; kind: string; state: string }[];
}

/** People present at a seminar of the county's series, per term and sector (each person once per term). */
function presentByTermFromSql(county: string): Map<string, Record<Sector, number>> {
  const rows = raw()
    .prepare(
      `select s.term, p.sector, count(distinct p.id) as n
       from series s
       join series_sessions ss on ss.series_id = s.id and ss.kind = 'seminarium'
       join attendance a on a.series_session_id = ss.id
       join people p on p.id = a.person_id
       where a.status in ('narvarande', 'sen')
         and s.id in (select so.series_id from series_organisations so join organisations o on o.id = so.organisation_id where o.county_code = ?)
       group by s.term, p.sector`,
    )
    .all(county) as { term: string; sector: Sector; n: number }[];
  const result = new Map<string, Record<Sector, number>>();
  for (const r of rows) {
    const counts = result.get(r.term) ?? (Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>);
    counts[r.sector] = r.n;
    result.set(r.term, counts);
  }
  return result;
}

function presentByOrganisationFromSql(name: string): Record<Sector, number> {
  const rows = raw()
    .prepare(
      `select p.sector, count(distinct p.id) as n
       from organisations o
       join series_organisations so on so.organisation_id = o.id
       join series_sessions ss on ss.series_id = so.series_id and ss.kind = 'seminarium'
       join attendance a on a.series_session_id = ss.id and a.status in ('narvarande', 'sen')
       join people p on p.id = a.person_id
       where o.name = ?
       group by p.sector`,
    )
    .all(name) as { sector: Sector; n: number }[];
  return Object.fromEntries(SECTORS.map((s) => [s, rows.find((r) => r.sector === s)?.n ?? 0])) as Record<Sector, number>;
}

function enrolledFromSql(name: string): number {
  return (
    raw()
      .prepare(
        `select count(distinct e.person_id) as n from organisations o
         join series_organisations so on so.organisation_id = o.id
         join enrolments e on e.series_id = so.series_id and e.status = 'anmald'
         where o.name = ?`,
      )
      .get(name) as { n: number }
  ).n;
}

/** Percent with one decimal, rounded half up in whole-number arithmetic (independent of the app's helper). */
function share(part: number, whole: number): number {
  return Math.floor((2000 * part + whole) / (2 * whole)) / 10;
}

const row = (d: CountyDashboard, name: string) => {
  const r = [...d.municipalities.rows, ...(d.districts?.rows ?? [])].find((x) => x.name === name);
  if (!r) throw new Error(`no row for ${name}`);
  return r;
};

describe("Stockholm County (the default) for the process leader: exact figures from the demo data", () => {
  it("defaults to Stockholms län, every term and every process leader, and counts the states as the tables say", async () => {
    const { dashboard, filter } = await page("", DEMO_EMAILS.admin);
    expect(filter).toEqual({ countyCode: "01", term: null, processLeaderId: null });
    expect(dashboard.county).toEqual({ code: "01", name: "Stockholms län" });
    expect(dashboard.suppression.applied).toBe(false);

    const states = statesFromSql("01");
    const count = (kind: string, state: string) => states.filter((s) => s.kind === kind && s.state === state).length;
    expect(dashboard.states).toEqual([
      {
        kind: "kommun",
        organisations: 26,
        counts: { genomford: count("kommun", "genomford"), pagaende: count("kommun", "pagaende"), planerad: count("kommun", "planerad"), ingen: count("kommun", "ingen") },
        everCompleted: 1,
      },
      { kind: "stadsdelsomrade", organisations: 13, counts: { genomford: 0, pagaende: 0, planerad: 0, ingen: 13 }, everCompleted: 0 },
    ]);
    // The demo: Botkyrka completed, Huddinge running, Nacka planned; Järfälla (cancelled) and the rest none.
    expect(dashboard.states[0].counts).toEqual({ genomford: 1, pagaende: 1, planerad: 1, ingen: 23 });
    expect(row(dashboard, "Botkyrka").state).toBe("genomford");
    expect(row(dashboard, "Huddinge").state).toBe("pagaende");
    expect(row(dashboard, "Nacka").state).toBe("planerad");
    expect(row(dashboard, "Järfälla")).toMatchObject({ state: "ingen", series: 1, seriesByStatus: { avbruten: 1 } });
    // Skärholmen's series is a draft: not agreed yet, so the district has none, and it is not counted for Stockholm.
    expect(row(dashboard, "Skärholmen")).toMatchObject({ state: "ingen", series: 1, seriesByStatus: { utkast: 1 } });
    expect(row(dashboard, "Stockholm")).toMatchObject({ state: "ingen", series: 0 });
    expect(dashboard.seriesCount).toBe(5);
  });

  it("counts the people present per term and sector exactly, with shares to one decimal", async () => {
    const { dashboard } = await page("", DEMO_EMAILS.admin);
    const expected = presentByTermFromSql("01");
    expect(dashboard.terms.rows.map((r) => r.term)).toEqual(["HT 2025", "VT 2026", "HT 2026"]);
    for (const r of dashboard.terms.rows) {
      const counts = expected.get(r.term)!;
      const total = SECTORS.reduce((sum, s) => sum + counts[s], 0);
      expect({ term: r.term, counts: r.counts, total: r.total }).toEqual({ term: r.term, counts: SECTORS.map((s) => counts[s]), total });
      expect(r.percents).toEqual(SECTORS.map((s) => share(counts[s], total)));
    }
    // Botkyrka's VT 2026: the substitute at seminar 2 is one more social-services person.
    const vt = dashboard.terms.rows.find((r) => r.term === "VT 2026")!;
    expect(vt.total).toBe(75);
    expect(vt.percents[0]).toBe(73.3);
    // The line chart's figure for HT 2026 (Huddinge: two from health care, one of them the walk-in).
    const ht = dashboard.terms.rows.find((r) => r.term === "HT 2026")!;
    expect(ht.counts[SECTORS.indexOf("halso_sjukvard")]).toBe(3);
    expect(ht.percents[SECTORS.indexOf("halso_sjukvard")]).toBe(share(3, ht.total as number));
  });

  it("gives each municipality its series, enrolled people and people present per sector", async () => {
    const { dashboard } = await page("", DEMO_EMAILS.admin);
    for (const name of ["Botkyrka", "Huddinge", "Nacka", "Järfälla"]) {
      const present = presentByOrganisationFromSql(name);
      const total = SECTORS.reduce((sum, s) => sum + present[s], 0);
      expect(row(dashboard, name)).toMatchObject({
        name,
        series: 1,
        enrolled: enrolledFromSql(name),
        attendees: SECTORS.map((s) => present[s]),
        attendeesTotal: total,
        healthCarePercent: total === 0 ? null : share(present.halso_sjukvard, total),
      });
    }
    expect(row(dashboard, "Botkyrka").enrolled).toBe(75);
    expect(row(dashboard, "Nacka").attendeesTotal).toBe(0);
    // 26 rows, in Swedish order (Å, Ä, Ö last), every one of the county's municipalities.
    const names = dashboard.municipalities.rows.map((r) => r.name);
    expect(names).toHaveLength(26);
    expect(names.slice(-3)).toEqual(["Vaxholm", "Värmdö", "Österåker"]);
    expect(dashboard.municipalities.totals.enrolled).toBe(250);
    expect(dashboard.districts!.rows).toHaveLength(13);
  });

  it("filters by term and by process leader", async () => {
    const ht = (await page("?termin=HT+2026", DEMO_EMAILS.admin)).dashboard;
    expect(ht.term).toBe("HT 2026");
    expect(ht.seriesCount).toBe(1);
    // Botkyrka's series was VT 2026, so in HT 2026 Botkyrka has none.
    expect(ht.states[0].counts).toEqual({ genomford: 0, pagaende: 1, planerad: 0, ingen: 25 });
    expect(ht.terms.rows.map((r) => r.term)).toEqual(["HT 2026"]);

    const admin = userId(DEMO_EMAILS.admin);
    const led = await page(`?ledare=${admin}`, DEMO_EMAILS.admin);
    expect(led.dashboard.processLeader).toEqual({ id: admin, name: "Karin Berg" });
    expect(led.dashboard.states[0].counts).toEqual({ genomford: 1, pagaende: 1, planerad: 1, ingen: 23 });
    expect(led.options.processLeaders).toEqual([{ id: admin, name: "Karin Berg" }]);
  });

  it("answers bad filters with 400, not 500", async () => {
    for (const query of ["?lan=99", "?lan=%27;drop", "?termin=Hösten", "?ledare=abc", "?ledare=999999", `?ledare=${userId(DEMO_EMAILS.sponsor)}`]) {
      const response = await thrownResponse(page(query, DEMO_EMAILS.admin));
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });

  it("lists all 21 counties, and a county without series is honestly empty (Skåne)", async () => {
    const { options, dashboard } = await page("?lan=12");
    expect(options.counties).toHaveLength(21);
    expect(options.counties[0]).toEqual({ code: "01", name: "Stockholms län" });
    expect(dashboard.county).toEqual({ code: "12", name: "Skåne län" });
    expect(dashboard.seriesCount).toBe(0);
    expect(dashboard.states).toEqual([{ kind: "kommun", organisations: 33, counts: { genomford: 0, pagaende: 0, planerad: 0, ingen: 33 }, everCompleted: 0 }]);
    expect(dashboard.terms.rows).toEqual([]);
    expect(dashboard.districts).toBeNull();
    expect(dashboard.municipalities.rows.every((r) => r.series === 0 && r.enrolled === 0 && r.attendeesTotal === 0)).toBe(true);
    for (const { code } of options.counties) {
      const { dashboard: d } = await page(`?lan=${code}`);
      expect(d.states[0].organisations).toBe(raw().prepare("select count(*) as n from organisations where kind = 'kommun' and county_code = ?").pluck().get(code));
    }
  });
});

describe("who may see it", () => {
  it("refuses coordinators with 403, on the page, the CSV and the JSON", async () => {
    expect((await thrownResponse(page("", DEMO_EMAILS.huddinge))).status).toBe(403);
    expect((await thrownResponse(csv("kommuner.csv", "", DEMO_EMAILS.botkyrka))).status).toBe(403);
    expect((await thrownResponse(jsonResponse("", DEMO_EMAILS.nacka))).status).toBe(403);
  });

  it("sends the signed-out to sign in and back", async () => {
    const response = await thrownResponse(pageLoader({ request: getRequest("/lan?lan=12"), params: {}, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/logga-in?redirectTo=${encodeURIComponent("/lan?lan=12")}`);
    const csvResponse = await thrownResponse(csvLoader({ request: getRequest("/lan/lage.csv"), params: { file: "lage.csv" }, context }));
    expect(csvResponse.status).toBe(302);
    const jsonRedirect = await thrownResponse(jsonLoader({ request: getRequest("/lan.json"), params: {}, context }));
    expect(jsonRedirect.status).toBe(302);
  });

  it("answers an unknown table with 404, and the district table of a county without districts too", async () => {
    expect((await thrownResponse(csv("personer.csv", ""))).status).toBe(404);
    expect((await thrownResponse(csv("kommuner.json", ""))).status).toBe(404);
    expect((await thrownResponse(csv("stadsdelar.csv", "?lan=12"))).status).toBe(404);
    expect((await csv("stadsdelar.csv", "?lan=01")).status).toBe(200);
  });
});

/**
 * Uppsala County, by hand. Two completed series in VT 2026:
 *   Uppsala:  present skola 20, socialtjänst 8, hälso- och sjukvård 3 (total 31); enrolled 34
 *             (+ 2 social-services people who were only absent, + 1 who came only to a
 *             non-seminar meeting, + 1 enrolled who withdrew, not counted)
 *   Enköping: present skola 12, socialtjänst 6 (total 18), of them 14 walk-ins; enrolled 4
 */
describe("suppression for sponsors, on a hand-built county", () => {
  const counts = {
    Uppsala: { skola: 20, socialtjanst: 8, halso_sjukvard: 3, annat: 0, vill_ej_uppge: 0 },
    Enköping: { skola: 12, socialtjanst: 6, halso_sjukvard: 0, annat: 0, vill_ej_uppge: 0 },
  } as const;
  let personNumber = 0;

  beforeAll(() => {
    const db = getDb();
    const leader = userId(DEMO_EMAILS.admin);
    const addPerson = (organisationIdValue: number, sector: Sector) => {
      personNumber += 1;
      const email = `fixtur${personNumber}@uppsala-lan.example`;
      return db
        .insert(schema.people)
        .values({
          name: `Fixtur Person${personNumber}`,
          email,
          emailNormalized: email,
          workplace: `Fixturskolan ${personNumber}`,
          organisationId: organisationIdValue,
          sector,
          roleCategory: sector === "halso_sjukvard" ? "sjukvard" : "profession",
          level: "operativ",
        })
        .returning({ id: schema.people.id })
        .get().id;
    };
    const addSeries = (organisation: string) => {
      const org = organisationId(organisation);
      const id = db
        .insert(schema.series)
        .values({ name: `Fixturserie ${organisation}`, term: "VT 2026", status: "genomford", processLeaderId: leader })
        .returning({ id: schema.series.id })
        .get().id;
      db.insert(schema.seriesOrganisations).values({ seriesId: id, organisationId: org }).run();
      const sessions = (["seminarium", "seminarium", "seminarium", "traff"] as const).map(
        (kind, i) =>
          db
            .insert(schema.seriesSessions)
            .values({ seriesId: id, position: i + 1, kind, title: `Tillfälle ${i + 1}`, startsAt: new Date(Date.UTC(2026, 1 + i, 10, 8)), endsAt: new Date(Date.UTC(2026, 1 + i, 10, 11)) })
            .returning({ id: schema.seriesSessions.id })
            .get().id,
      );
      return { id, org, sessions };
    };
    const mark = (seriesIdValue: number, sessionId: number, personId: number, status: AttendanceStatus, walkIn = false) =>
      db.insert(schema.attendance).values({ seriesId: seriesIdValue, seriesSessionId: sessionId, personId, status, walkIn }).run();

    const uppsala = addSeries("Uppsala");
    for (const sector of SECTORS) {
      for (let i = 0; i < counts.Uppsala[sector]; i++) {
        const person = addPerson(uppsala.org, sector);
        db.insert(schema.enrolments).values({ seriesId: uppsala.id, personId: person }).run();
        // Present at one, two or all three seminars: still one person.
        mark(uppsala.id, uppsala.sessions[0], person, i % 4 === 0 ? "sen" : "narvarande");
        if (i % 2 === 0) mark(uppsala.id, uppsala.sessions[1], person, "narvarande");
        if (i % 3 === 0) mark(uppsala.id, uppsala.sessions[2], person, "narvarande");
        else mark(uppsala.id, uppsala.sessions[2], person, "franvarande_anmalt");
      }
    }
    for (let i = 0; i < 2; i++) {
      const absent = addPerson(uppsala.org, "socialtjanst");
      db.insert(schema.enrolments).values({ seriesId: uppsala.id, personId: absent }).run();
      mark(uppsala.id, uppsala.sessions[0], absent, "franvarande_ej_anmalt");
      mark(uppsala.id, uppsala.sessions[1], absent, "ersatt");
    }
    const meetingOnly = addPerson(uppsala.org, "halso_sjukvard");
    db.insert(schema.enrolments).values({ seriesId: uppsala.id, personId: meetingOnly }).run();
    mark(uppsala.id, uppsala.sessions[3], meetingOnly, "narvarande");
    const withdrew = addPerson(uppsala.org, "skola");
    db.insert(schema.enrolments).values({ seriesId: uppsala.id, personId: withdrew, status: "aterbud" }).run();

    const enkoping = addSeries("Enköping");
    let enrolled = 0;
    for (const sector of SECTORS) {
      for (let i = 0; i < counts.Enköping[sector]; i++) {
        const person = addPerson(enkoping.org, sector);
        if (enrolled < 4) {
          db.insert(schema.enrolments).values({ seriesId: enkoping.id, personId: person }).run();
          enrolled += 1;
          mark(enkoping.id, enkoping.sessions[1], person, "narvarande");
        } else {
          mark(enkoping.id, enkoping.sessions[i % 3], person, "narvarande", true);
        }
      }
    }
  });

  it("shows the process leader the exact figures", async () => {
    const { dashboard } = await page("?lan=03", DEMO_EMAILS.admin);
    expect(dashboard.states[0].counts).toEqual({ genomford: 2, pagaende: 0, planerad: 0, ingen: 6 });
    expect(row(dashboard, "Uppsala")).toMatchObject({ enrolled: 34, attendees: [20, 8, 3, 0, 0], attendeesTotal: 31, healthCarePercent: 9.7 });
    expect(row(dashboard, "Enköping")).toMatchObject({ enrolled: 4, attendees: [12, 6, 0, 0, 0], attendeesTotal: 18, healthCarePercent: 0 });
    expect(dashboard.terms.rows).toEqual([{ term: "VT 2026", counts: [32, 14, 3, 0, 0], percents: [65.3, 28.6, 6.1, 0, 0], total: 49 }]);
    expect(dashboard.suppression).toEqual({ applied: false, threshold: 5, anyHidden: false });
  });

  it("hides the small cell and, in the sponsor's loader data, the cells that would give it away", async () => {
    const { dashboard } = await page("?lan=03");
    expect(dashboard.suppression).toEqual({ applied: true, threshold: 5, anyHidden: true });
    // Uppsala's 3 from health care is small. Its row would give it away (31 − 20 − 8), so 8, the
    // next smallest, is hidden too, and the shares with them. Health care's column total (3) is
    // small as well, and the totals row would give it away (49 − 32 − 14), so social services'
    // 14 is hidden there; Enköping's 6 then stays visible (its column has two hidden figures).
    expect(row(dashboard, "Uppsala")).toMatchObject({ attendees: [20, C, S, 0, 0], attendeesTotal: 31, healthCarePercent: null });
    expect(row(dashboard, "Enköping")).toMatchObject({ attendees: [12, 6, 0, 0, 0], attendeesTotal: 18, healthCarePercent: 0 });
    expect(dashboard.municipalities.totals).toEqual({ series: 2, enrolled: 38, attendees: [32, C, S, 0, 0], attendeesTotal: 49, healthCarePercent: null });
    // Enrolled: Enköping's 4 is small, and the sum 38 would give it away, so Uppsala's 34 goes too.
    expect(row(dashboard, "Enköping").enrolled).toBe(S);
    expect(row(dashboard, "Uppsala").enrolled).toBe(C);
    // One term: its only small cell (3) takes social services' 14 with it; zeros and the total stay.
    expect(dashboard.terms.rows).toEqual([{ term: "VT 2026", counts: [32, C, S, 0, 0], percents: [65.3, null, null, 0, 0], total: 49 }]);
    expect(dashboard.terms.totals).toEqual({ counts: [32, C, S, 0, 0], percents: [65.3, null, null, 0, 0], total: 49 });
    // Organisation counts are not people counts: never hidden.
    expect(dashboard.states[0].counts).toEqual({ genomford: 2, pagaende: 0, planerad: 0, ingen: 6 });
  });

  it("writes the same hidden cells into the CSV files", async () => {
    const response = await csv("kommuner.csv", "?lan=03&termin=VT+2026");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="lan-03-kommuner-vt2026.csv"');
    const lines = await csvLines(response);
    expect(lines[0]).toEqual([
      "Kommun",
      "Serier",
      "Läge",
      "Anmälda",
      "Närvarande vid seminarier: Skola",
      "Närvarande vid seminarier: Socialtjänst",
      "Närvarande vid seminarier: Hälso- och sjukvård",
      "Närvarande vid seminarier: Annat",
      "Närvarande vid seminarier: Vill ej uppge",
      "Närvarande vid seminarier: Totalt",
      "Andel hälso- och sjukvård (%)",
    ]);
    expect(lines.find((l) => l[0] === "Uppsala")).toEqual(["Uppsala", "1 genomförd", "Genomförd", "dold", "20", "dold", "<5", "0", "0", "31", "–"]);
    expect(lines.find((l) => l[0] === "Enköping")).toEqual(["Enköping", "1 genomförd", "Genomförd", "<5", "12", "6", "0", "0", "0", "18", "0,0"]);
    expect(lines.find((l) => l[0] === "Tierp")).toEqual(["Tierp", "–", "Ingen serie", "0", "0", "0", "0", "0", "0", "0", "–"]);
    expect(lines[lines.length - 1]).toEqual(["Summa", "2 serier", "", "38", "32", "dold", "<5", "0", "0", "49", "–"]);
    expect(lines).toHaveLength(1 + 8 + 1);

    const terms = await csvLines(await csv("terminer.csv", "?lan=03"));
    expect(terms[1]).toEqual(["VT 2026", "32", "65,3", "dold", "–", "<5", "–", "0", "0,0", "0", "0,0", "49"]);

    const exact = await csvLines(await csv("terminer.csv", "?lan=03", DEMO_EMAILS.admin));
    expect(exact[1]).toEqual(["VT 2026", "32", "65,3", "14", "28,6", "3", "6,1", "0", "0,0", "0", "0,0", "49"]);
  });

  it("gives the JSON the same figures, with the reason in place of a hidden one", async () => {
    const response = await jsonResponse("?lan=03");
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const body = await response.json();
    expect(body.version).toBe(1);
    expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
    expect(body.filters).toEqual({ county: { code: "03", name: "Uppsala län" }, term: null, processLeader: null });
    expect(body.suppression).toEqual({ applied: true, threshold: 5, anyHidden: true });
    expect(body.seriesCount).toBe(2);
    expect(body.states).toEqual([{ kind: "kommun", organisations: 8, byState: { genomford: 2, pagaende: 0, planerad: 0, ingen: 6 }, everCompleted: 2 }]);
    expect(body.terms.rows).toEqual([
      {
        term: "VT 2026",
        bySector: { skola: 32, socialtjanst: C, halso_sjukvard: S, annat: 0, vill_ej_uppge: 0 },
        shares: { skola: 32 / 49, socialtjanst: null, halso_sjukvard: null, annat: 0, vill_ej_uppge: 0 },
        total: 49,
      },
    ]);
    expect(body.municipalities.rows.find((r: { name: string }) => r.name === "Uppsala")).toEqual({
      id: organisationId("Uppsala"),
      name: "Uppsala",
      code: "0380",
      state: "genomford",
      seriesByStatus: { utkast: 0, planerad: 0, pagaende: 0, genomford: 1, avbruten: 0 },
      enrolled: C,
      present: { bySector: { skola: 20, socialtjanst: C, halso_sjukvard: S, annat: 0, vill_ej_uppge: 0 }, total: 31 },
      healthCareShare: null,
    });
    expect(body.municipalities.rows.find((r: { name: string }) => r.name === "Enköping").healthCareShare).toBe(0);
    expect(body.municipalities.sum).toEqual({
      series: 2,
      enrolled: 38,
      present: { bySector: { skola: 32, socialtjanst: C, halso_sjukvard: S, annat: 0, vill_ej_uppge: 0 }, total: 49 },
      healthCareShare: null,
    });
    expect(body.districts).toBeNull();

    // The process leader's JSON has every figure, and unrounded shares.
    const exact = await (await jsonResponse("?lan=03", DEMO_EMAILS.admin)).json();
    expect(exact.terms.rows[0].shares).toEqual({ skola: 32 / 49, socialtjanst: 14 / 49, halso_sjukvard: 3 / 49, annat: 0, vill_ej_uppge: 0 });
    expect(exact.municipalities.rows.find((r: { name: string }) => r.name === "Uppsala").healthCareShare).toBe(3 / 31);
  });

  it("follows SUPPRESSION_THRESHOLD, kept within 3–10", async () => {
    const before = process.env.SUPPRESSION_THRESHOLD;
    try {
      process.env.SUPPRESSION_THRESHOLD = "3";
      // 3 is not below 3, and 4 is not either: nothing is hidden.
      expect((await page("?lan=03")).dashboard.terms.rows[0].counts).toEqual([32, 14, 3, 0, 0]);
      process.env.SUPPRESSION_THRESHOLD = "50";
      const high = (await page("?lan=03")).dashboard;
      expect(high.suppression.threshold).toBe(10);
      expect(row(high, "Enköping").attendees).toEqual([C, S, 0, 0, 0]);
    } finally {
      if (before === undefined) delete process.env.SUPPRESSION_THRESHOLD;
      else process.env.SUPPRESSION_THRESHOLD = before;
    }
  });
});

describe("suppression across the tables that share their margins", () => {
  // Södermanland: Nyköping 1 from school and 20 from social services, Eskilstuna 5 and 20, one
  // term. On its own, the municipality table hides school's column total (1 + 5 = 6 would give
  // both away), while the term table, on its own, would show the same 6.
  beforeAll(() => {
    const db = getDb();
    let n = 0;
    for (const [organisation, school, social] of [
      ["Nyköping", 1, 20],
      ["Eskilstuna", 5, 20],
    ] as const) {
      const org = organisationId(organisation);
      const id = db
        .insert(schema.series)
        .values({ name: `Korstabell ${organisation}`, term: "VT 2026", status: "genomford", processLeaderId: userId(DEMO_EMAILS.admin) })
        .returning({ id: schema.series.id })
        .get().id;
      db.insert(schema.seriesOrganisations).values({ seriesId: id, organisationId: org }).run();
      const session = db
        .insert(schema.seriesSessions)
        .values({ seriesId: id, position: 1, title: "Seminarium 1", startsAt: new Date(Date.UTC(2026, 2, 3, 8)), endsAt: new Date(Date.UTC(2026, 2, 3, 11)) })
        .returning({ id: schema.seriesSessions.id })
        .get().id;
      for (const [sector, count] of [["skola", school], ["socialtjanst", social]] as const) {
        for (let i = 0; i < count; i++) {
          n += 1;
          const email = `korstabell${n}@sodermanland.example`;
          const person = db
            .insert(schema.people)
            .values({ name: `Korstabell ${n}`, email, emailNormalized: email, organisationId: org, sector, roleCategory: "profession", level: "operativ" })
            .returning({ id: schema.people.id })
            .get().id;
          db.insert(schema.attendance).values({ seriesId: id, seriesSessionId: session, personId: person, status: "narvarande" }).run();
        }
      }
    }
  });

  it("hides school's total of 6 in the term table too, and with it the term's cells", async () => {
    const { dashboard } = await page("?lan=04");
    expect(dashboard.municipalities.totals.attendees).toEqual([C, C, 0, 0, 0]);
    expect(dashboard.terms.totals.counts).toEqual([C, C, 0, 0, 0]);
    expect(dashboard.terms.rows[0].counts).toEqual([C, C, 0, 0, 0]);
    expect(dashboard.terms.totals.total).toBe(46);
    expect(dashboard.municipalities.totals.attendeesTotal).toBe(46);
  });

  // Each sector's column total over the terms equals the municipalities' plus the districts'
  // when each person counts once in each; a reader can add them up across the tables. Such a
  // sum must never have exactly one hidden figure, or the others give it away.
  it.each([
    ["Stockholms län, every term", ""],
    ["Stockholms län, HT 2026", "?termin=HT+2026"],
    ["Uppsala län (the hand-built county)", "?lan=03"],
    ["Södermanlands län (the cross-table case)", "?lan=04"],
  ])("%s: no shared sum has exactly one hidden figure", async (_, query) => {
    const exact = (await page(query, DEMO_EMAILS.admin)).dashboard;
    const sponsor = (await page(query)).dashboard;
    const columns = [...SECTORS.map((_, j) => j), "total"] as const;
    let sumsChecked = 0;
    for (const column of columns) {
      const figure = (d: CountyDashboard) => {
        const pick = (counts: (number | string)[], total: number | string) => (column === "total" ? total : counts[column as number]);
        return [
          pick(d.terms.totals.counts, d.terms.totals.total),
          pick(d.municipalities.totals.attendees, d.municipalities.totals.attendeesTotal),
          ...(d.districts ? [pick(d.districts.totals.attendees, d.districts.totals.attendeesTotal)] : []),
        ];
      };
      const [termTotal, ...parts] = figure(exact) as number[];
      if (parts.reduce((a, b) => a + b, 0) !== termTotal) continue;
      sumsChecked += 1;
      const hidden = figure(sponsor).filter((f) => typeof f !== "number").length;
      expect(hidden, `column ${column}`).not.toBe(1);
    }
    expect(sumsChecked).toBeGreaterThan(0);
  });
});

describe("no personal data for sponsors", () => {
  it("has no participant's name, e-mail address or workplace in the page data, any CSV or the JSON", async () => {
    const people = raw().prepare("select name, email, workplace from people").all() as { name: string; email: string; workplace: string | null }[];
    expect(people.length).toBeGreaterThan(250);
    const needles = [...new Set(people.flatMap((p) => [p.name, p.email, p.workplace].filter((v): v is string => !!v)))];
    // The list holds what it should: the demo substitute, by name, address and workplace.
    expect(needles).toEqual(expect.arrayContaining(["Sanna Ersättare", "sanna.ersattare@botkyrka.example", "BUP Huddinge"]));
    for (const query of ["", "?lan=03", "?termin=HT+2026", "?lan=12"]) {
      const responses = [JSON.stringify(await page(query)), await (await jsonResponse(query)).text()];
      for (const file of ["lage", "terminer", "halsoandel", "kommuner", ...(query.includes("lan=") ? [] : ["stadsdelar"])]) {
        responses.push(await (await csv(`${file}.csv`, query)).text());
      }
      const everything = responses.join("\n");
      const found = needles.filter((needle) => everything.includes(needle));
      expect({ query, found }).toEqual({ query, found: [] });
    }
  });
});
