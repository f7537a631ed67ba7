/**
 * The benchmark's synthetic dataset (issue #10): every municipality and
 * Stockholm district running seminar series over ten years, written through the
 * app's own migrations, reference data and triggers into a SQLite file.
 *
 *   npm run bench:data -- --scale county|national [--out bench/data/<scale>.sqlite]
 *
 * Deterministic: one seeded generator (mulberry32) and a fixed "today"
 * (2026-11-23), so two runs give the same rows. Bulk rows go through prepared
 * statements on the raw connection – drizzle's per-row insert builder would take
 * minutes for 5 million rows – but into the same tables, so the attendance
 * triggers keep `seminar_presence` exactly as the app does.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hashPassword } from "../../app/lib/password.server";
import { mulberry32 } from "../../app/lib/random";
import { stockholmToUtc } from "../../app/lib/time";
import { openDatabase } from "../../app/models/db.server";
import type { AttendanceStatus, RoleCategory, Sector } from "../../db/schema";
import {
  DEMO_PASSWORD,
  FIRST_NAMES,
  IFOUS_TEMPLATE,
  LAST_NAMES,
  PRESENCE,
  PROFILES,
  pick,
  pickWeighted,
  REFLECTION_QUESTIONS,
  SEMINARS,
  seedReferenceData,
  seedTemplates,
  slug,
} from "../../db/seed";
import { GENERATOR_VERSION, manifestPath, type BenchManifest, type BenchScale } from "./manifest";

/** "Today" in the dataset: sessions before it have attendance, later ones not. */
const TODAY = stockholmToUtc("2026-11-23", "00:00");
const CURRENT_TERM = "HT 2026";

type ScaleSettings = {
  /** Organisations (municipality or district) that run series; null = all. */
  units: string[] | null;
  /** The last `terms` terms up to HT 2026. */
  terms: number;
  /** Chance that a unit runs a series in a given term. */
  seriesPerTerm: number;
  /** Mean enrolment of a series. */
  meanEnrolled: number;
  /** Enrolment of the measured series (the roster target is 150 people). */
  targetEnrolled: number;
};

export const SCALES: Record<BenchScale, ScaleSettings> = {
  tiny: { units: ["Huddinge", "Botkyrka", "Nacka"], terms: 2, seriesPerTerm: 1, meanEnrolled: 12, targetEnrolled: 150 },
  county: { units: null, terms: 20, seriesPerTerm: 0.495, meanEnrolled: 100, targetEnrolled: 150 },
  national: { units: null, terms: 20, seriesPerTerm: 0.495, meanEnrolled: 100, targetEnrolled: 150 },
};
/** The county scale is Stockholms län only. */
const COUNTY_SCALE_COUNTY = "01";
/** The measured series: Huddinge's VT 2026 series (three seminars held, both surveys answered). */
const TARGET = { unit: "Huddinge", term: "VT 2026", countyCode: "01" };
const IMPORT_TARGET = { unit: "Huddinge", term: "VT 2027" };

export const BENCH_USERS = {
  admin: "bench-processledare@ifous.example",
  sponsor: "bench-uppdragsgivare@uph.example",
  coordinator: "bench-samordnare@huddinge.example",
};

/** Terms from the oldest to HT 2026, e.g. ["VT 2017", "HT 2017", …, "HT 2026"]. */
export function termsUpTo(count: number): string[] {
  const terms: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const year = 2026 - Math.floor(i / 2);
    terms.push(i % 2 === 0 ? `HT ${year}` : `VT ${year}`);
  }
  return terms;
}

/** Seminar days of a term: one a month, shifted per series and moved off weekends. */
function seminarDates(term: string, random: () => number): string[] {
  const [half, yearText] = term.split(" ");
  const year = Number(yearText);
  const months = half === "VT" ? [2, 3, 4] : [9, 10, 11];
  const shift = Math.floor(random() * 21);
  return months.map((month) => {
    const day = new Date(Date.UTC(year, month - 1, 3 + shift));
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString().slice(0, 10);
  });
}

function exchangeDate(term: string): string {
  const [half, year] = term.split(" ");
  return half === "VT" ? `${year}-05-19` : `${year}-12-08`;
}

/** Sector mix of one series: mostly school, social services thinning, health care scarce and uneven. */
function drawSector(random: () => number, healthShare: number): Sector {
  const r = random();
  if (r < healthShare) return "halso_sjukvard";
  if (r < healthShare + 0.2) return "socialtjanst";
  if (r < healthShare + 0.23) return "annat";
  if (r < healthShare + 0.24) return "vill_ej_uppge";
  return "skola";
}

function presentStatus(random: () => number, chance: number): AttendanceStatus {
  if (random() < chance) return random() < 0.05 ? "sen" : "narvarande";
  return random() < 0.6 ? "franvarande_anmalt" : "franvarande_ej_anmalt";
}

const SECTOR_ANSWER: Record<Sector, string | null> = { skola: "skola", socialtjanst: "socialtjanst", halso_sjukvard: "halso_sjukvard", annat: null, vill_ej_uppge: "vill_ej_uppge" };
const ROLE_ANSWER: Record<RoleCategory, string | null> = { chef: "chef", strateg: "strateg", profession: "profession", medicinsk_elevhalsa: "medicinsk_elevhalsa", sjukvard: "profession", annat: "annat", vill_ej_uppge: null };
const TEXTS = [
  "Att vi får gemensamma rutiner mellan skola och socialtjänst.",
  "Bättre kontakt med BUP och vårdcentralen.",
  "Vi har börjat träffas regelbundet i en samverkansgrupp.",
  "Det saknades deltagare från hälso- och sjukvården.",
];

type Person = { id: number; sector: Sector; roleCategory: RoleCategory; name: string };

export async function generateBenchData({ scale, file, log = () => {} }: { scale: BenchScale; file: string; log?: (line: string) => void }): Promise<BenchManifest> {
  const settings = SCALES[scale];
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = openDatabase(file);
  const sqlite = db.$client;
  // A throwaway file being built: durability during the build buys nothing.
  sqlite.pragma("synchronous = OFF");
  seedReferenceData(db);
  seedTemplates(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const random = mulberry32(20261123);

  const q = (text: string) => sqlite.prepare(text);
  const ins = {
    user: q("insert into users (name, email, email_normalized, role, password_hash, activated_at, created_at) values (?, ?, ?, ?, ?, ?, ?)"),
    userOrg: q("insert into user_organisations (user_id, organisation_id) values (?, ?)"),
    series: q("insert into series (name, term, status, cancel_reason, process_leader_id, template_id, created_at) values (?, ?, ?, ?, ?, ?, ?)"),
    seriesOrg: q("insert into series_organisations (series_id, organisation_id) values (?, ?)"),
    seriesCoordinator: q("insert into series_coordinators (series_id, user_id) values (?, ?)"),
    target: q("insert into representation_targets (series_id, sector, min_count, min_share_percent) values (?, ?, ?, ?)"),
    session: q(
      "insert into series_sessions (series_id, position, kind, title, theme, expert, prep_hours, starts_at, ends_at, format, venue, capacity) values (?, ?, 'seminarium', ?, ?, ?, ?, ?, ?, 'pa_plats', ?, ?)",
    ),
    prep: q("insert into prep_materials (series_session_id, kind, title, url, duration_minutes, created_at) values (?, ?, ?, ?, ?, ?)"),
    question: q("insert into reflection_questions (series_session_id, text, created_at) values (?, ?, ?)"),
    person: q(
      "insert into people (name, email, email_normalized, workplace, organisation_id, sector, role_category, job_title, level, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    enrolment: q("insert into enrolments (series_id, person_id, status, created_at) values (?, ?, ?, ?)"),
    invitation: q(
      "insert into invitations (series_id, person_id, name, email, email_normalized, workplace, sector, job_title, role_category, status, decline_reason, sent_at, responded_at, created_by_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    attendance: q(
      "insert into attendance (series_id, series_session_id, exchange_event_id, person_id, status, substitute_for_person_id, walk_in, created_at, updated_at, updated_by_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    change: q(
      "insert into attendance_changes (series_id, series_session_id, exchange_event_id, person_id, status, substitute_for_person_id, source, changed_by_id, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    exchange: q("insert into exchange_events (title, starts_at, ends_at, format, venue, expert, process_leader_id, created_at) values (?, ?, ?, 'pa_plats', ?, ?, ?, ?)"),
    exchangeSeries: q("insert into exchange_event_series (event_id, series_id) values (?, ?)"),
    survey: q("insert into surveys (series_id, template_id, series_session_id, public_code, created_at) values (?, ?, ?, ?, ?)"),
    response: q(
      "insert into survey_responses (id, survey_id, series_id, series_session_id, sector, role_category, pair_code, channel, submission_key, submitted_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    answer: q("insert into survey_answers (response_id, item_id, value, dont_know, choice, text) values (?, ?, ?, ?, ?, ?)"),
    progress: q("insert into prep_progress (person_id, prep_material_id, done_at) values (?, ?, ?)"),
    reply: q("insert into session_replies (person_id, series_session_id, reply, replied_at) values (?, ?, ?, ?)"),
  };
  const lastId = () => Number(sqlite.prepare("select last_insert_rowid() as id").pluck().get());

  // Reference rows the seeds made.
  const units = (
    sqlite
      .prepare("select id, name, kind, county_code as countyCode from organisations where kind != 'region' order by id")
      .all() as { id: number; name: string; kind: string; countyCode: string }[]
  ).filter(
    (u) =>
      // Stockholm as a whole runs its series per district.
      u.name !== "Stockholm" &&
      (settings.units ? settings.units.includes(u.name) : scale === "county" ? u.countyCode === COUNTY_SCALE_COUNTY : true),
  );
  const templateId = Number(sqlite.prepare("select id from series_templates where name = ?").pluck().get(IFOUS_TEMPLATE.name));
  const surveyTemplates = ["forenkat", "efterenkat"].map((key) => {
    const id = Number(sqlite.prepare("select id from survey_templates where key = ?").pluck().get(key));
    const items = sqlite.prepare("select id, code, kind, respondent_field as field, options from survey_items where template_id = ? order by position").all(id) as {
      id: number;
      code: string;
      kind: string;
      field: string | null;
      options: string | null;
    }[];
    return { id, items };
  });

  const at = (date: string, time = "09:00") => stockholmToUtc(date, time).getTime();
  const createdAt = at("2016-12-01");
  let counter = 0;
  const responseId = () => {
    // Random-looking like the app's UUIDs, but from the seeded generator.
    const hex = () => Math.floor(random() * 0x100000000).toString(16).padStart(8, "0");
    counter++;
    return `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-${hex().slice(0, 4)}-${hex()}${(counter & 0xffff).toString(16).padStart(4, "0")}`;
  };

  // Staff: a few process leaders, one coordinator per unit, a sponsor; the bench's own three logins.
  const addUser = (name: string, email: string, role: string) => {
    ins.user.run(name, email, email, role, passwordHash, createdAt, createdAt);
    return lastId();
  };
  let adminId = 0;
  const coordinatorByUnit = new Map<number, number>();
  sqlite.transaction(() => {
    adminId = addUser("Bänk Processledare", BENCH_USERS.admin, "admin");
    for (let i = 1; i <= 5; i++) addUser(`Processledare ${i}`, `processledare${i}@ifous.example`, "admin");
    addUser("Bänk Uppdragsgivare", BENCH_USERS.sponsor, "sponsor");
    for (const unit of units) {
      const email = unit.name === TARGET.unit ? BENCH_USERS.coordinator : `samordnare${unit.id}.${slug(unit.name)}@kommun.example`;
      const id = addUser(unit.name === TARGET.unit ? "Bänk Samordnare" : `Samordnare ${unit.name}`, email, "coordinator");
      ins.userOrg.run(id, unit.id);
      coordinatorByUnit.set(unit.id, id);
    }
  })();
  const leaderIds = (sqlite.prepare("select id from users where role = 'admin' order by id").pluck().all() as number[]);

  // Which series exist: each unit runs one in a term by chance; the measured and import series always.
  const terms = termsUpTo(settings.terms);
  const plan: { unit: (typeof units)[number]; term: string; enrolled: number; kind: "target" | "import" | "normal" }[] = [];
  for (const term of terms) {
    for (const unit of units) {
      const isTarget = unit.name === TARGET.unit && term === TARGET.term;
      if (!isTarget && random() >= settings.seriesPerTerm) continue;
      const spread = Math.round((random() + random() + random() - 1.5) * settings.meanEnrolled * 0.5);
      const enrolled = isTarget ? settings.targetEnrolled : Math.max(5, settings.meanEnrolled + spread);
      plan.push({ unit, term, enrolled, kind: isTarget ? "target" : "normal" });
    }
  }
  const importUnit = units.find((u) => u.name === IMPORT_TARGET.unit);
  if (!importUnit) throw new Error(`Skalan ${scale} saknar ${IMPORT_TARGET.unit}`);
  plan.push({ unit: importUnit, term: IMPORT_TARGET.term, enrolled: 0, kind: "import" });

  // People of a unit from earlier series: a few come back in a later one.
  const formerByUnit = new Map<number, Person[]>();
  let personNumber = 0;
  const newPerson = (unit: (typeof units)[number], sector: Sector, day: number): Person => {
    personNumber++;
    const profile = pickWeighted(random, PROFILES[sector]);
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const name = `${first} ${last}`;
    const email = `${slug(first)}.${slug(last)}${personNumber}@${sector === "halso_sjukvard" ? "region" : slug(unit.name)}.example`;
    const workplace = sector === "halso_sjukvard" ? `BUP ${unit.name}` : sector === "skola" ? `${pick(random, ["Centrumskolan", "Ekskolan", "Björkskolan", "Solskolan"])}, ${unit.name}` : `${unit.name} kommun`;
    ins.person.run(name, email, email, workplace, unit.id, sector, profile.roleCategory, profile.jobTitles.length ? pick(random, profile.jobTitles) : null, profile.level, day);
    return { id: lastId(), sector, roleCategory: profile.roleCategory, name };
  };

  // Exchange events: one per county and term, shared by that term's series (not the cancelled ones).
  const exchangeByCountyTerm = new Map<string, number>();
  const exchangeFor = (countyCode: string, term: string) => {
    const key = `${countyCode}|${term}`;
    let id = exchangeByCountyTerm.get(key);
    if (!id) {
      const date = exchangeDate(term);
      ins.exchange.run(`Erfarenhetsutbyte ${term}`, at(date, "09:00"), at(date, "12:00"), "Länets samverkanslokal", "Föreläsning: Skolnärvaro – från 2022 och framåt", leaderIds[0], createdAt);
      id = lastId();
      exchangeByCountyTerm.set(key, id);
    }
    return id;
  };

  let targetSeriesId = 0;
  let rosterSessionId = 0;
  let importSeriesId = 0;
  const writeSeries = (entry: (typeof plan)[number]) => {
    const { unit, term } = entry;
    const dates = seminarDates(term, random);
    const starts = dates.map((d) => at(d, "08:30"));
    const cancelled = entry.kind === "normal" && starts[0] < TODAY.getTime() && random() < 0.04;
    const held = entry.kind === "import" ? 0 : cancelled ? 1 : starts.filter((s) => s < TODAY.getTime()).length;
    const status = entry.kind === "import" ? "planerad" : cancelled ? "avbruten" : held === 3 ? "genomford" : held === 0 ? "planerad" : "pagaende";
    const leader = leaderIds[Math.floor(random() * leaderIds.length)];
    const coordinator = coordinatorByUnit.get(unit.id)!;
    ins.series.run(
      `Processtöd skolnärvaro ${unit.name} ${term}`,
      term,
      status,
      cancelled ? "Avbruten efter seminarium 1: för få deltagare från socialtjänst och hälso- och sjukvård." : null,
      leader,
      templateId,
      starts[0] - 60 * 86_400_000,
    );
    const seriesId = lastId();
    ins.seriesOrg.run(seriesId, unit.id);
    ins.seriesCoordinator.run(seriesId, coordinator);
    for (const t of IFOUS_TEMPLATE.targets) ins.target.run(seriesId, t.sector, t.minCount, t.minSharePercent);
    if (entry.kind === "target") targetSeriesId = seriesId;
    if (entry.kind === "import") importSeriesId = seriesId;

    const sessions = dates.map((date, i) => {
      ins.session.run(seriesId, i + 1, SEMINARS[i].title, SEMINARS[i].theme, SEMINARS[i].expert, SEMINARS[i].prepHours, at(date, "08:30"), at(date, "12:00"), `Kommunhuset, ${unit.name}`, 200);
      const sessionId = lastId();
      ins.prep.run(sessionId, "dokument", `Läsning inför seminarium ${i + 1}`, "https://ifous.se/ifous-fokuserar-skolnarvaro", null, createdAt);
      const documentId = lastId();
      ins.prep.run(sessionId, "forelasning", `Inspelad föreläsning ${i + 1}`, "https://ifous.se/forelasning/skolnarvaro", 45, createdAt);
      const lectureId = lastId();
      ins.question.run(sessionId, REFLECTION_QUESTIONS[i][0], createdAt);
      return { id: sessionId, start: at(date, "08:30"), day: date, materials: [documentId, lectureId] };
    });
    if (entry.kind === "target") rosterSessionId = sessions[2].id;
    const exchangeId = !cancelled && entry.kind !== "import" ? exchangeFor(unit.countyCode, term) : null;
    if (exchangeId) ins.exchangeSeries.run(exchangeId, seriesId);
    if (entry.kind === "import") return;

    // Participants: most new, a few from the unit's earlier series; every one came through an invitation.
    const healthShare = random() < 0.4 ? 0 : random() * 0.08;
    const former = formerByUnit.get(unit.id) ?? [];
    const enrolled: Person[] = [];
    const seen = new Set<number>();
    const registeredOn = starts[0] - 30 * 86_400_000;
    for (let i = 0; i < entry.enrolled; i++) {
      const back = former.length > 0 && random() < 0.05 ? former[Math.floor(random() * former.length)] : null;
      const person = back && !seen.has(back.id) ? back : newPerson(unit, drawSector(random, healthShare), registeredOn);
      seen.add(person.id);
      enrolled.push(person);
    }
    formerByUnit.set(unit.id, former.concat(enrolled.slice(0, 20)));
    const sentAt = starts[0] - 45 * 86_400_000;
    for (const person of enrolled) {
      ins.enrolment.run(seriesId, person.id, "anmald", registeredOn);
      const email = `${person.id}@invited.example`;
      ins.invitation.run(seriesId, person.id, person.name, email, email, null, person.sector, null, person.roleCategory, "accepterat", null, sentAt, sentAt + 3 * 86_400_000, coordinator);
    }
    // A third more were invited: some declined, some never answered (health care most often).
    const notComing = Math.round(entry.enrolled / 3);
    for (let i = 0; i < notComing; i++) {
      const email = `inbjuden${seriesId}-${i}@${slug(unit.name)}.example`;
      const declined = random() < 0.45;
      const sector = random() < 0.3 ? "halso_sjukvard" : drawSector(random, 0);
      ins.invitation.run(seriesId, null, `Inbjuden ${i + 1}`, email, email, null, sector, null, null, declined ? "avbojt" : "inbjuden", declined ? "Vi har inte möjlighet i år." : null, sentAt, declined ? sentAt + 5 * 86_400_000 : null, coordinator);
    }

    // Attendance at the held seminars: the follow-up's drop-off, substitutes and walk-ins.
    const markedBy = coordinator;
    const record = (sessionId: number | null, eventId: number | null, personId: number, s: AttendanceStatus, forId: number | null, walkIn: boolean, when: number, source: string) => {
      ins.attendance.run(seriesId, sessionId, eventId, personId, s, forId, walkIn ? 1 : 0, when, when, markedBy);
      ins.change.run(seriesId, sessionId, eventId, personId, s, forId, source, markedBy, when);
    };
    const presentAt: Person[][] = [];
    for (let i = 0; i < held; i++) {
      const session = sessions[i];
      const when = session.start + 4 * 3_600_000;
      const present: Person[] = [];
      for (const person of enrolled) {
        let s = presentStatus(random, PRESENCE[person.sector][i]);
        if (s === "franvarande_anmalt" && random() < 0.15 && entry.kind !== "target") {
          // A colleague from the same sector comes instead.
          const substitute = newPerson(unit, person.sector, when);
          record(session.id, null, substitute.id, "narvarande", person.id, false, when, "substitute");
          present.push(substitute);
          s = "ersatt";
        }
        record(session.id, null, person.id, s, null, false, when, "roster");
        if (s === "narvarande" || s === "sen") present.push(person);
      }
      if (random() < 0.3 && entry.kind !== "target") {
        const walkIn = newPerson(unit, drawSector(random, healthShare), when);
        record(session.id, null, walkIn.id, "narvarande", null, true, when, "walk_in");
        present.push(walkIn);
      }
      presentAt.push(present);
    }
    if (exchangeId && held === 3 && at(exchangeDate(term)) < TODAY.getTime()) {
      const when = at(exchangeDate(term), "12:00");
      for (const person of enrolled) record(null, exchangeId, person.id, presentStatus(random, 0.55), null, false, when, "roster");
    }

    // Surveys: the förenkät at seminar 1, the efterenkät at seminar 3.
    const surveySessions = [sessions[0], sessions[2]];
    surveyTemplates.forEach((template, phase) => {
      const session = surveySessions[phase];
      ins.survey.run(seriesId, template.id, session.id, `B${seriesId}${phase === 0 ? "PRE" : "POST"}`, createdAt);
      const surveyId = lastId();
      const present = presentAt[phase === 0 ? 0 : 2];
      if (!present) return;
      const share = phase === 0 ? 0.68 : 0.58;
      const centre = phase === 0 ? 3.4 : 3.8;
      present.forEach((person, i) => {
        if (random() > share) return;
        const id = responseId();
        const sector = SECTOR_ANSWER[person.sector];
        const role = ROLE_ANSWER[person.roleCategory];
        const channel = random() < 0.75 ? "session_link" : "paper";
        ins.response.run(id, surveyId, seriesId, session.id, sector, role, random() < 0.4 ? `P${seriesId}-${i}` : null, channel, `bench-${surveyId}-${i}`, session.day);
        for (const item of template.items) {
          if (item.kind === "likert") {
            const roll = random();
            if (roll < 0.05) ins.answer.run(id, item.id, null, 1, null, null);
            else if (roll >= 0.08) ins.answer.run(id, item.id, Math.min(5, Math.max(1, Math.round(centre + (random() - 0.5) * 3))), 0, null, null);
          } else if (item.kind === "single") {
            const choice = item.field === "sector" ? sector : item.field === "role" ? role : (JSON.parse(item.options!) as { value: string }[])[0].value;
            if (choice !== null) ins.answer.run(id, item.id, null, 0, choice, null);
          } else if (item.kind === "text" && item.code !== "3b" && random() < 0.25) {
            ins.answer.run(id, item.id, null, 0, null, pick(random, TEXTS));
          }
        }
      });
    });

    // The portal came in 2026: preparation marked and replies given in this year's series.
    if (term.endsWith("2026")) {
      for (const session of sessions) {
        for (const person of enrolled) {
          for (const material of session.materials) if (random() < 0.45) ins.progress.run(person.id, material, session.start - 86_400_000);
          if (session.start > TODAY.getTime() && random() < 0.6) ins.reply.run(person.id, session.id, random() < 0.85 ? "kommer" : "kommer_inte", TODAY.getTime() - 86_400_000);
        }
      }
    }
  };

  // One transaction per term keeps the write-ahead log small.
  for (const term of [...terms, IMPORT_TARGET.term]) {
    const inTerm = plan.filter((p) => p.term === term);
    sqlite.transaction(() => inTerm.forEach(writeSeries))();
    log(`${term}: ${inTerm.length} serier`);
  }

  const tables = [
    "organisations", "users", "series", "series_sessions", "exchange_events", "exchange_event_series", "people", "enrolments", "invitations",
    "attendance", "attendance_changes", "seminar_presence", "surveys", "survey_responses", "survey_answers", "prep_materials",
    "prep_progress", "session_replies",
  ];
  const counts = Object.fromEntries(tables.map((t) => [t, Number(sqlite.prepare(`select count(*) from ${t}`).pluck().get())]));
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();

  const manifest: BenchManifest = {
    scale,
    generatorVersion: GENERATOR_VERSION,
    counts,
    password: DEMO_PASSWORD,
    users: BENCH_USERS,
    targets: { seriesId: targetSeriesId, rosterSessionId, countyCode: TARGET.countyCode, importSeriesId },
  };
  fs.writeFileSync(manifestPath(file), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

function cliOptions(argv: string[]): { scale: BenchScale; file: string } {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = (value("--scale") ?? "national") as BenchScale;
  if (!(scale in SCALES)) throw new Error(`Okänd skala: ${scale} (tiny, county eller national)`);
  return { scale, file: path.resolve(value("--out") ?? `bench/data/${scale}.sqlite`) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { scale, file } = cliOptions(process.argv.slice(2));
  const started = performance.now();
  const manifest = await generateBenchData({ scale, file, log: (line) => console.log(line) });
  console.log(`${file}: ${JSON.stringify(manifest.counts)} på ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
