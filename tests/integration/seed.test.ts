import { describe, expect, it } from "vitest";
import { getDb } from "~/models/db.server";
import { enrolledBySector } from "~/models/series.server";
import { DEMO_PASSWORD, seedDemo, seedReferenceData, seedTemplates, sectorQuota } from "../../db/seed";
import { verifyPassword } from "~/lib/password.server";
import { seriesId } from "../support/integration";

const sqlite = () => getDb().$client;
const count = (table: string) => sqlite().prepare(`select count(*) from ${table}`).pluck().get() as number;

/**
 * Expected numbers follow from db/seed.ts: participants 75/90/70/15/0 per series,
 * split by sectorQuota (health 2 %, social 20 %, other 3 %, one "declined" from 50
 * people, the rest school).
 */
const EXPECTED_BY_SERIES = {
  Botkyrka: { skola: 55, socialtjanst: 15, halso_sjukvard: 2, annat: 2, vill_ej_uppge: 1 }, // 75
  Huddinge: { skola: 66, socialtjanst: 18, halso_sjukvard: 2, annat: 3, vill_ej_uppge: 1 }, // 90
  Nacka: { skola: 52, socialtjanst: 14, halso_sjukvard: 1, annat: 2, vill_ej_uppge: 1 }, // 70
  Järfälla: { skola: 12, socialtjanst: 3 }, // 15: too few for health, other or "declined"
  Skärholmen: {}, // a draft without participants
} as const;


describe("the deterministic demo seed", () => {
  it("sectorQuota splits groups as documented", () => {
    const tally = (n: number) =>
      sectorQuota(n).reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    expect(tally(75)).toEqual(EXPECTED_BY_SERIES.Botkyrka);
    expect(tally(90)).toEqual(EXPECTED_BY_SERIES.Huddinge);
    expect(tally(70)).toEqual(EXPECTED_BY_SERIES.Nacka);
    expect(tally(15)).toEqual(EXPECTED_BY_SERIES.Järfälla);
    expect(sectorQuota(0)).toEqual([]);
  });

  it("has 253 demo people: 250 enrolled plus two substitutes and a walk-in, split by sector", () => {
    expect(count("people")).toBe(253);
    const bySector = sqlite().prepare("select sector, count(*) as n from people group by sector order by sector").all();
    expect(bySector).toEqual([
      { sector: "annat", n: 7 },
      { sector: "halso_sjukvard", n: 6 },
      { sector: "skola", n: 185 },
      { sector: "socialtjanst", n: 52 },
      { sector: "vill_ej_uppge", n: 3 },
    ]);
  });

  it("enrols each series' people by the sector quota", () => {
    for (const [organisation, expected] of Object.entries(EXPECTED_BY_SERIES)) {
      const actual = Object.fromEntries(enrolledBySector({ seriesId: seriesId(organisation) }).map((r) => [r.sector, r.count]));
      expect({ organisation, actual }).toEqual({ organisation, actual: expected });
    }
    // Every enrolled person is enrolled in exactly one series; substitutes and walk-ins are not enrolled.
    expect(count("enrolments")).toBe(250);
  });

  it("has 5 series, one in each status, each with three seminars", () => {
    const rows = sqlite()
      .prepare(
        `select s.name, s.status, s.term, o.name as organisation, o.kind,
           (select count(*) from series_sessions ss where ss.series_id = s.id) as sessions
         from series s join series_organisations so on so.series_id = s.id
         join organisations o on o.id = so.organisation_id order by s.name`,
      )
      .all();
    expect(rows).toEqual([
      { name: "Processtöd skolnärvaro Botkyrka", status: "genomford", term: "VT 2026", organisation: "Botkyrka", kind: "kommun", sessions: 3 },
      { name: "Processtöd skolnärvaro Huddinge", status: "pagaende", term: "HT 2026", organisation: "Huddinge", kind: "kommun", sessions: 3 },
      { name: "Processtöd skolnärvaro Järfälla", status: "avbruten", term: "HT 2025", organisation: "Järfälla", kind: "kommun", sessions: 3 },
      { name: "Processtöd skolnärvaro Nacka", status: "planerad", term: "VT 2027", organisation: "Nacka", kind: "kommun", sessions: 3 },
      { name: "Processtöd skolnärvaro Skärholmen", status: "utkast", term: "VT 2027", organisation: "Skärholmen", kind: "stadsdelsomrade", sessions: 3 },
    ]);
    // Only the cancelled series explains why.
    const reasons = sqlite().prepare("select status from series where cancel_reason is not null").pluck().all();
    expect(reasons).toEqual(["avbruten"]);
  });

  it("records attendance only for sessions that took place", () => {
    // Botkyrka 75 people × 3 sessions + Huddinge 90 × 2 + Järfälla 15 × 1, plus seminar 2's
    // extra rows: one substitute in Botkyrka, one substitute and one walk-in in Huddinge.
    expect(count("attendance")).toBe(75 * 3 + 90 * 2 + 15 * 1 + 3);
    const perSeries = sqlite()
      .prepare(
        `select s.name, count(*) as n from attendance a join series_sessions ss on ss.id = a.series_session_id
         join series s on s.id = ss.series_id group by s.name order by s.name`,
      )
      .all();
    expect(perSeries).toEqual([
      { name: "Processtöd skolnärvaro Botkyrka", n: 226 },
      { name: "Processtöd skolnärvaro Huddinge", n: 182 },
      { name: "Processtöd skolnärvaro Järfälla", n: 15 },
    ]);
  });

  it("shows substitutes and a walk-in at seminar 2, each replacing someone who reported their absence", () => {
    const extras = sqlite()
      .prepare(
        `select s.name as series, p.name, p.sector, a.walk_in as walkIn, r.sector as replacedSector, ra.status as replacedStatus
         from attendance a join people p on p.id = a.person_id join series s on s.id = a.series_id
         left join people r on r.id = a.substitute_for_person_id
         left join attendance ra on ra.series_session_id = a.series_session_id and ra.person_id = a.substitute_for_person_id
         where a.substitute_for_person_id is not null or a.walk_in = 1 order by p.name`,
      )
      .all();
    expect(extras).toEqual([
      { series: "Processtöd skolnärvaro Huddinge", name: "Leo Dörrström", sector: "halso_sjukvard", walkIn: 1, replacedSector: null, replacedStatus: null },
      { series: "Processtöd skolnärvaro Botkyrka", name: "Sanna Ersättare", sector: "socialtjanst", walkIn: 0, replacedSector: "socialtjanst", replacedStatus: "ersatt" },
      { series: "Processtöd skolnärvaro Huddinge", name: "Tove Vikarie", sector: "socialtjanst", walkIn: 0, replacedSector: "skola", replacedStatus: "ersatt" },
    ]);
  });

  it("has Huddinge's preparation recorded in the portal for seminars 2 and 3 (db/seed-portal.ts), and none elsewhere", () => {
    const marked = sqlite()
      .prepare(
        `select s.name as series, ss.position, m.kind, count(*) as n from prep_progress pp
         join prep_materials m on m.id = pp.prep_material_id join series_sessions ss on ss.id = m.series_session_id
         join series s on s.id = ss.series_id group by 1, 2, 3 order by 1, 2, 3`,
      )
      .all();
    expect(marked).toEqual([
      { series: "Processtöd skolnärvaro Huddinge", position: 2, kind: "dokument", n: 63 },
      { series: "Processtöd skolnärvaro Huddinge", position: 2, kind: "forelasning", n: 50 },
      { series: "Processtöd skolnärvaro Huddinge", position: 3, kind: "dokument", n: 54 },
      { series: "Processtöd skolnärvaro Huddinge", position: 3, kind: "forelasning", n: 41 },
    ]);
    const reflected = sqlite()
      .prepare(
        `select ss.position, q.id - (select min(q2.id) from reflection_questions q2 where q2.series_session_id = ss.id) + 1 as question,
           count(*) as n, sum(r.shared) as shared
         from reflections r join reflection_questions q on q.id = r.reflection_question_id
         join series_sessions ss on ss.id = q.series_session_id group by 1, 2 order by 1, 2`,
      )
      .all();
    expect(reflected).toEqual([
      { position: 2, question: 1, n: 32, shared: 11 },
      { position: 3, question: 1, n: 27, shared: 9 },
      { position: 3, question: 2, n: 10, shared: 4 },
    ]);
    // Only enrolled Huddinge participants, and every reflection has words.
    expect(
      sqlite()
        .prepare(
          `select count(*) from (select person_id from prep_progress union select person_id from reflections) x
           where x.person_id not in (select e.person_id from enrolments e join series s on s.id = e.series_id
             where s.name = 'Processtöd skolnärvaro Huddinge' and e.status = 'anmald')`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    expect(sqlite().prepare("select count(*) from reflections where length(trim(text)) < 20").pluck().get()).toBe(0);
  });

  it("has 5 activated staff accounts: 1 admin, 3 coordinators, 1 sponsor", async () => {
    const roles = sqlite().prepare("select role, count(*) as n from users group by role order by role").all();
    expect(roles).toEqual([
      { role: "admin", n: 1 },
      { role: "coordinator", n: 3 },
      { role: "sponsor", n: 1 },
    ]);
    expect(sqlite().prepare("select count(*) from users where password_hash is null or activated_at is null").pluck().get()).toBe(0);
    const scopes = sqlite()
      .prepare(
        `select u.email, o.name from user_organisations uo join users u on u.id = uo.user_id
         join organisations o on o.id = uo.organisation_id order by u.email`,
      )
      .all();
    expect(scopes).toEqual([
      { email: "samordnare@botkyrka.example", name: "Botkyrka" },
      { email: "samordnare@huddinge.example", name: "Huddinge" },
      { email: "samordnare@nacka.example", name: "Nacka" },
    ]);
    // The documented demo password works (one check is enough; they share one hash).
    const hash = sqlite().prepare("select password_hash from users where role = 'admin'").pluck().get() as string;
    expect(await verifyPassword(DEMO_PASSWORD, hash)).toBe(true);
  });

  it("is idempotent: running reference data and demo seed again changes no counts", async () => {
    // Every table, including ones later features add, so a seed step that duplicates anything shows up.
    const tables = sqlite()
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    const counts = () => Object.fromEntries(tables.map((t) => [t, count(t)]));
    const before = counts();
    expect(before).toMatchObject({ organisations: 324, people: 253, users: 5, series: 5, enrolments: 250, attendance: 423, attendance_changes: 425 });

    seedReferenceData(getDb());
    seedTemplates(getDb());
    const result = await seedDemo(getDb());

    expect(result).toEqual({ created: false });
    expect(counts()).toEqual(before);
  });
});
