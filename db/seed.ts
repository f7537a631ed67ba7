/**
 * Reference data (municipalities, Stockholm's districts, regions) and the demo
 * data. Deterministic: the same input always gives the same rows, so tests can
 * assert exact numbers. Idempotent: running it again changes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { hashPassword } from "../app/lib/password.server";
import { stockholmToUtc } from "../app/lib/time";
import type { Db } from "../app/models/db.server";
import { BUILT_IN_SURVEY_TEMPLATES } from "../app/lib/survey-builtin";
import { ensureBuiltInTemplates } from "../app/models/survey.server";
import * as schema from "./schema";
import { seedDemoPortal } from "./seed-portal";
import { seedDemoSurveys } from "./seed-surveys";
import type { AttendanceStatus, Level, RoleCategory, Sector, SeriesStatus } from "./schema";
import { mulberry32 } from "../app/lib/random";

const REFERENCE_DIR = path.resolve(process.cwd(), "db/reference");

function readCsv(file: string): string[][] {
  const text = fs.readFileSync(path.join(REFERENCE_DIR, file), "utf8").replace(/^\uFEFF/, "");
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .slice(1)
    .map((line) => line.split(";").map((cell) => cell.trim()));
}

export function seedReferenceData(db: Db) {
  const municipalities = readCsv("kommuner.csv");
  const districts = readCsv("stockholm-stadsdelsomraden.csv");
  db.transaction((tx) => {
    const regionNames = [...new Map(municipalities.map((m) => [m[4], m])).values()];
    for (const [, , countyCode, countyName, region] of regionNames) {
      tx.insert(schema.organisations)
        .values({ kind: "region", name: region, countyCode, countyName })
        .onConflictDoNothing()
        .run();
    }
    const regionIds = new Map(
      tx
        .select({ id: schema.organisations.id, name: schema.organisations.name })
        .from(schema.organisations)
        .where(eq(schema.organisations.kind, "region"))
        .all()
        .map((r) => [r.name, r.id]),
    );
    for (const [code, name, countyCode, countyName, region] of municipalities) {
      tx.insert(schema.organisations)
        .values({ kind: "kommun", name, code, countyCode, countyName, regionId: regionIds.get(region) })
        .onConflictDoNothing()
        .run();
    }
    for (const [name, parentCode] of districts) {
      const parent = tx
        .select()
        .from(schema.organisations)
        .where(eq(schema.organisations.code, parentCode))
        .get();
      if (!parent) throw new Error(`Stadsdelsområdet ${name} pekar på okänd kommunkod ${parentCode}`);
      tx.insert(schema.organisations)
        .values({
          kind: "stadsdelsomrade",
          name,
          countyCode: parent.countyCode,
          countyName: parent.countyName,
          parentId: parent.id,
          regionId: parent.regionId,
        })
        .onConflictDoNothing()
        .run();
    }
  });
}

/** The password of every demo account (documented in the README). */
export const DEMO_PASSWORD = "Processtod-demo-2026";

export const DEMO_USERS = [
  { key: "admin", name: "Karin Berg", email: "processledare@ifous.example", role: "admin", orgs: [] },
  { key: "huddinge", name: "Lena Ek", email: "samordnare@huddinge.example", role: "coordinator", orgs: ["Huddinge"] },
  { key: "botkyrka", name: "Omar Haddad", email: "samordnare@botkyrka.example", role: "coordinator", orgs: ["Botkyrka"] },
  { key: "nacka", name: "Sara Lind", email: "samordnare@nacka.example", role: "coordinator", orgs: ["Nacka"] },
  { key: "sponsor", name: "Per Holm", email: "uppdragsgivare@uph.example", role: "sponsor", orgs: [] },
] as const;

/** The default template, word for word from the programme (DOMAIN.md). */
export const IFOUS_TEMPLATE = {
  name: "Ifous processtöd – skolnärvaro",
  // The follow-up's concern: health care nearly absent, social services thinning out.
  targets: [
    { sector: "halso_sjukvard", minCount: 2, minSharePercent: null },
    { sector: "socialtjanst", minCount: null, minSharePercent: 20 },
  ],
  description:
    "Tre halvdagsseminarier med inbjuden expert och ett erfarenhetsutbyte över kommungränserna. Minst en månad mellan tillfällena.",
  minimumMonthsBetween: 1,
  intervalDays: null,
  defaultStartTime: "08:30",
  defaultEndTime: "12:00",
  sessions: [
    {
      kind: "seminarium",
      title: "Skolnärvaro. En översikt av forskning om att främja alla barns och ungas närvaro i skolan",
      theme: "Forskning om att främja skolnärvaro",
      expert: "Helena Andersson, universitetslektor i pedagogik (specialpedagogik)",
      studyMaterial:
        "Ifous fokuserar: Skolnärvaro – en översikt av forskning om att främja alla barns och ungas närvaro i skolan (Andersson, 2019) + inspelad föreläsning",
      prepHours: 3,
    },
    {
      kind: "seminarium",
      title: "Att utreda närvaroproblem i skolan",
      theme: "Utredning av närvaroproblem",
      expert: "Malin Gren Landell, leg. psykolog",
      studyMaterial: "Att utreda närvaroproblem i skolan (Gren Landell, 2020) + inspelad föreläsning",
      prepHours: 3,
    },
    {
      kind: "seminarium",
      title: "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola",
      theme: "Samverkan mellan skola, socialtjänst och hälso- och sjukvård",
      expert: "Malin Gren Landell, leg. psykolog",
      studyMaterial:
        "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola (Gren Landell, 2021) + inspelad föreläsning",
      prepHours: 3,
    },
    {
      kind: "utbyte",
      title: "Erfarenhetsutbyte",
      theme: "Erfarenhetsutbyte över kommungränserna",
      expert: "Föreläsning: Skolnärvaro – från 2022 och framåt",
      studyMaterial: null,
      prepHours: null,
    },
  ],
} as const;

const OTHER_TEMPLATES = [
  {
    name: "Gemensamma utbildningsdagar",
    description: "Två heldagar för skola, socialtjänst och hälso- och sjukvård med fall som bearbetas över professionsgränserna.",
    minimumMonthsBetween: null,
    intervalDays: 7,
    defaultStartTime: "09:00",
    defaultEndTime: "16:00",
    sessions: [
      { kind: "traff", title: "Utbildningsdag 1: Gemensam kunskapsgrund", theme: null, expert: null, studyMaterial: null, prepHours: 1 },
      { kind: "traff", title: "Utbildningsdag 2: Samverkansdag med fall", theme: null, expert: null, studyMaterial: null, prepHours: 1 },
    ],
  },
  {
    name: "Styrgrupp varannan vecka",
    description: "Styrgruppsmöten varannan vecka under en termin.",
    minimumMonthsBetween: null,
    intervalDays: 14,
    defaultStartTime: "13:00",
    defaultEndTime: "14:30",
    sessions: [1, 2, 3, 4, 5, 6].map((n) => ({
      kind: "traff" as const,
      title: `Styrgruppsmöte ${n}`,
      theme: null,
      expert: null,
      studyMaterial: null,
      prepHours: null,
    })),
  },
] as const;

/** Ships the default templates; adds only templates whose name is not there yet. */
export function seedTemplates(db: Db) {
  ensureBuiltInTemplates(db, BUILT_IN_SURVEY_TEMPLATES);
  db.transaction((tx) => {
    for (const template of [IFOUS_TEMPLATE, ...OTHER_TEMPLATES]) {
      const exists = tx
        .select({ id: schema.seriesTemplates.id })
        .from(schema.seriesTemplates)
        .where(eq(schema.seriesTemplates.name, template.name))
        .get();
      if (exists) continue;
      const { sessions, ...rest } = template;
      const { targets, ...fields } = { targets: [] as const, ...rest };
      const { id } = tx.insert(schema.seriesTemplates).values(fields).returning({ id: schema.seriesTemplates.id }).get();
      for (const target of targets) tx.insert(schema.templateTargets).values({ ...target, templateId: id }).run();
      tx.insert(schema.templateSessions)
        .values(sessions.map((session, i) => ({ ...session, templateId: id, position: i + 1 })))
        .run();
    }
  });
}

export const SEMINARS = IFOUS_TEMPLATE.sessions.filter((s) => s.kind === "seminarium");

type DemoSeries = {
  name: string;
  organisation: string;
  term: string;
  status: SeriesStatus;
  coordinator?: (typeof DEMO_USERS)[number]["key"];
  dates: string[];
  participants: number;
  /** Sessions (by index) that have taken place and have attendance. */
  attendedSessions: number;
  cancelReason?: string;
};

export const DEMO_SERIES: DemoSeries[] = [
  {
    name: "Processtöd skolnärvaro Botkyrka",
    organisation: "Botkyrka",
    term: "VT 2026",
    status: "genomford",
    coordinator: "botkyrka",
    dates: ["2026-02-10", "2026-03-17", "2026-04-21"],
    participants: 75,
    attendedSessions: 3,
  },
  {
    name: "Processtöd skolnärvaro Huddinge",
    organisation: "Huddinge",
    term: "HT 2026",
    status: "pagaende",
    coordinator: "huddinge",
    dates: ["2026-09-15", "2026-10-20", "2026-11-24"],
    participants: 90,
    attendedSessions: 2,
  },
  {
    name: "Processtöd skolnärvaro Nacka",
    organisation: "Nacka",
    term: "VT 2027",
    status: "planerad",
    coordinator: "nacka",
    dates: ["2027-02-09", "2027-03-16", "2027-04-20"],
    participants: 70,
    attendedSessions: 0,
  },
  {
    name: "Processtöd skolnärvaro Järfälla",
    organisation: "Järfälla",
    term: "HT 2025",
    status: "avbruten",
    dates: ["2025-09-16", "2025-10-21", "2025-11-25"],
    participants: 15,
    attendedSessions: 1,
    cancelReason:
      "Avbruten efter seminarium 1: endast 15 deltagare och ingen från hälso- och sjukvården. Kommunen bokar om till en senare termin med bredare representation.",
  },
  {
    name: "Processtöd skolnärvaro Skärholmen",
    organisation: "Skärholmen",
    term: "VT 2027",
    status: "utkast",
    dates: ["2027-03-04", "2027-04-08", "2027-05-13"],
    participants: 0,
    attendedSessions: 0,
  },
];

/** The demo must be identical on every machine: one seeded generator (mulberry32). */
const prng = mulberry32;

export const FIRST_NAMES = [
  "Anna", "Erik", "Maria", "Johan", "Sara", "Ahmed", "Elin", "Mikael", "Fatima", "Karl",
  "Emma", "Ali", "Linnea", "Peter", "Hanna", "Daniel", "Amina", "Jonas", "Sofia", "Mehmet",
  "Ida", "Anders", "Maja", "Lars", "Leila", "Oskar", "Kristina", "Nils", "Zeynep", "Fredrik",
];
export const LAST_NAMES = [
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hassan", "Lindberg", "Lindqvist", "Berglund",
  "Axelsson", "Yilmaz", "Sandberg", "Forsberg", "Holm", "Sjöberg", "Wallin", "Ali", "Engström",
];

type Profile = { roleCategory: RoleCategory; jobTitles: string[]; level: Level };
export const PROFILES: Record<Sector, { weight: number; profile: Profile }[]> = {
  skola: [
    { weight: 45, profile: { roleCategory: "profession", level: "operativ", jobTitles: ["Lärare", "Mentor", "Specialpedagog", "Speciallärare", "Skolkurator", "Studie- och yrkesvägledare"] } },
    { weight: 20, profile: { roleCategory: "chef", level: "strategisk", jobTitles: ["Rektor", "Biträdande rektor", "Chef elevhälsa", "Skolchef"] } },
    { weight: 15, profile: { roleCategory: "strateg", level: "strategisk", jobTitles: ["Utvecklingsledare", "Utbildningsstrateg", "Samordnare"] } },
    { weight: 20, profile: { roleCategory: "medicinsk_elevhalsa", level: "operativ", jobTitles: ["Skolsköterska", "Skolpsykolog", "Skolläkare"] } },
  ],
  socialtjanst: [
    { weight: 65, profile: { roleCategory: "profession", level: "operativ", jobTitles: ["Socialsekreterare", "Familjebehandlare", "Socialpedagog", "Föräldrarådgivare"] } },
    { weight: 20, profile: { roleCategory: "chef", level: "strategisk", jobTitles: ["Enhetschef", "Sektionschef", "Gruppledare"] } },
    { weight: 15, profile: { roleCategory: "strateg", level: "strategisk", jobTitles: ["SIP-samordnare", "Preventionssamordnare"] } },
  ],
  halso_sjukvard: [
    { weight: 100, profile: { roleCategory: "sjukvard", level: "operativ", jobTitles: ["Psykolog, BUP", "Kurator, vårdcentral", "Sjuksköterska, ungdomsmottagning"] } },
  ],
  annat: [{ weight: 100, profile: { roleCategory: "annat", level: "operativ", jobTitles: ["Fritidsledare", "Projektledare"] } }],
  vill_ej_uppge: [{ weight: 100, profile: { roleCategory: "vill_ej_uppge", level: "operativ", jobTitles: [] } }],
};

/** Sector quotas for n participants: mostly school, a fifth social services, very few from health care. */
export function sectorQuota(n: number): Sector[] {
  const health = Math.round(n * 0.02);
  const social = Math.round(n * 0.2);
  const other = Math.round(n * 0.03);
  const declined = n >= 50 ? 1 : 0;
  const school = n - health - social - other - declined;
  return [
    ...Array<Sector>(school).fill("skola"),
    ...Array<Sector>(social).fill("socialtjanst"),
    ...Array<Sector>(health).fill("halso_sjukvard"),
    ...Array<Sector>(other).fill("annat"),
    ...Array<Sector>(declined).fill("vill_ej_uppge"),
  ];
}

/** Chance to be present at seminar 1, 2 and 3: social services fall by two thirds, as in the follow-up. */
export const PRESENCE: Record<Sector, number[]> = {
  skola: [0.93, 0.84, 0.76],
  socialtjanst: [0.9, 0.55, 0.3],
  halso_sjukvard: [1, 0.5, 0],
  annat: [0.85, 0.7, 0.6],
  vill_ej_uppge: [0.85, 0.7, 0.6],
};

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function pickWeighted<T>(random: () => number, items: { weight: number; profile: T }[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let r = random() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item.profile;
  }
  return items[items.length - 1].profile;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "");
}

export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const existing = db.select({ n: count() }).from(schema.users).get()?.n ?? 0;
  if (existing > 0) return { created: false };

  // Hashing is async and slow on purpose; do it before the synchronous transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const random = prng(2026);
  const activatedAt = stockholmToUtc("2025-08-01", "09:00");

  const templateId = db
    .select({ id: schema.seriesTemplates.id })
    .from(schema.seriesTemplates)
    .where(eq(schema.seriesTemplates.name, IFOUS_TEMPLATE.name))
    .get()?.id;
  if (!templateId) throw new Error("Kör seedTemplates före seedDemo");

  db.transaction((tx) => {
    const orgId = (name: string) => {
      const row = tx
        .select({ id: schema.organisations.id })
        .from(schema.organisations)
        .where(eq(schema.organisations.name, name))
        .get();
      if (!row) throw new Error(`Okänd organisation i demodata: ${name}`);
      return row.id;
    };

    const userIds = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const { id } = tx
        .insert(schema.users)
        .values({ name: u.name, email: u.email, emailNormalized: u.email, role: u.role, passwordHash, activatedAt })
        .returning({ id: schema.users.id })
        .get();
      userIds.set(u.key, id);
      for (const org of u.orgs) tx.insert(schema.userOrganisations).values({ userId: id, organisationId: orgId(org) }).run();
    }

    let personNumber = 0;
    const seriesIds = new Map<string, number>();
    const sessionIdsBySeries = new Map<string, number[]>();
    for (const s of DEMO_SERIES) {
      const organisationId = orgId(s.organisation);
      const { id: seriesId } = tx
        .insert(schema.series)
        .values({
          name: s.name,
          term: s.term,
          status: s.status,
          cancelReason: s.cancelReason ?? null,
          processLeaderId: userIds.get("admin"),
          templateId,
          createdAt: stockholmToUtc(s.dates[0], "08:00"),
        })
        .returning({ id: schema.series.id })
        .get();
      tx.insert(schema.seriesOrganisations).values({ seriesId, organisationId }).run();
      if (s.coordinator) tx.insert(schema.seriesCoordinators).values({ seriesId, userId: userIds.get(s.coordinator)! }).run();

      const sessionIds = s.dates.map((date, i) => {
        const { id } = tx
          .insert(schema.seriesSessions)
          .values({
            seriesId,
            position: i + 1,
            kind: "seminarium",
            title: SEMINARS[i].title,
            theme: SEMINARS[i].theme,
            expert: SEMINARS[i].expert,
            prepHours: SEMINARS[i].prepHours,
            startsAt: stockholmToUtc(date, "08:30"),
            endsAt: stockholmToUtc(date, "12:00"),
            format: "pa_plats",
            venue: `Kommunhuset, ${s.organisation}`,
            capacity: 100,
          })
          .returning({ id: schema.seriesSessions.id })
          .get();
        return id;
      });
      seriesIds.set(s.organisation, seriesId);
      for (const target of IFOUS_TEMPLATE.targets) tx.insert(schema.representationTargets).values({ ...target, seriesId }).run();
      sessionIdsBySeries.set(s.organisation, sessionIds);

      // Shuffle the quota so sectors are not in blocks.
      const sectors = sectorQuota(s.participants);
      for (let i = sectors.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [sectors[i], sectors[j]] = [sectors[j], sectors[i]];
      }
      const domain = `${slug(s.organisation)}.example`;
      // The series' coordinator marked the demo attendance (the process leader where there is none).
      const markedBy = userIds.get(s.coordinator ?? "admin")!;
      for (const sector of sectors) {
        personNumber += 1;
        const profile = pickWeighted(random, PROFILES[sector]);
        const first = pick(random, FIRST_NAMES);
        const last = pick(random, LAST_NAMES);
        const email = `${slug(first)}.${slug(last)}${personNumber}@${sector === "halso_sjukvard" ? "regionstockholm.example" : domain}`;
        const { id: personId } = tx
          .insert(schema.people)
          .values({
            name: `${first} ${last}`,
            email,
            emailNormalized: email,
            workplace: sector === "halso_sjukvard" ? `BUP ${s.organisation}` : sector === "skola" ? `${pick(random, ["Centrumskolan", "Ekskolan", "Björkskolan", "Solskolan"])}, ${s.organisation}` : `${s.organisation} kommun`,
            organisationId,
            sector,
            roleCategory: profile.roleCategory,
            jobTitle: profile.jobTitles.length ? pick(random, profile.jobTitles) : null,
            level: profile.level,
          })
          .returning({ id: schema.people.id })
          .get();
        tx.insert(schema.enrolments).values({ seriesId, personId, status: "anmald" }).run();

        for (let i = 0; i < s.attendedSessions; i++) {
          const present = random() < PRESENCE[sector][i];
          const status: AttendanceStatus = present
            ? random() < 0.05
              ? "sen"
              : "narvarande"
            : random() < 0.6
              ? "franvarande_anmalt"
              : "franvarande_ej_anmalt";
          const recordedAt = stockholmToUtc(s.dates[i], "12:00");
          tx.insert(schema.attendance)
            .values({ seriesId, seriesSessionId: sessionIds[i], personId, status, recordedAt, updatedAt: recordedAt, updatedById: markedBy })
            .run();
          tx.insert(schema.attendanceChanges)
            .values({ seriesId, seriesSessionId: sessionIds[i], personId, status, source: "roster", changedById: markedBy, changedAt: recordedAt })
            .run();
        }
      }

      // Seminar 2 shows the roster's special rows: substitutes and a walk-in.
      for (const extra of DEMO_SECOND_SEMINAR_EXTRAS[s.organisation] ?? []) {
        const sessionId = sessionIds[1];
        const at = stockholmToUtc(s.dates[1], "12:00");
        const { id: personId } = tx
          .insert(schema.people)
          .values({ ...extra.person, emailNormalized: extra.person.email, organisationId })
          .returning({ id: schema.people.id })
          .get();
        let substituteForPersonId: number | null = null;
        if (extra.replacesSector) {
          // The first person of that sector who reported their absence sends the substitute.
          const replaced = tx
            .select({ id: schema.attendance.personId })
            .from(schema.attendance)
            .innerJoin(schema.people, eq(schema.people.id, schema.attendance.personId))
            .where(
              and(
                eq(schema.attendance.seriesSessionId, sessionId),
                eq(schema.attendance.status, "franvarande_anmalt"),
                eq(schema.people.sector, extra.replacesSector),
              ),
            )
            .orderBy(schema.attendance.personId)
            .get()!;
          substituteForPersonId = replaced.id;
          tx.update(schema.attendance)
            .set({ status: "ersatt" })
            .where(and(eq(schema.attendance.seriesSessionId, sessionId), eq(schema.attendance.personId, replaced.id)))
            .run();
          tx.insert(schema.attendanceChanges)
            .values({ seriesId, seriesSessionId: sessionId, personId: replaced.id, status: "ersatt", source: "substitute", changedById: markedBy, changedAt: at })
            .run();
        }
        tx.insert(schema.attendanceChanges)
          .values({ seriesId, seriesSessionId: sessionId, personId, status: "narvarande", substituteForPersonId, source: extra.replacesSector ? "substitute" : "walk_in", changedById: markedBy, changedAt: at })
          .run();
        tx.insert(schema.attendance)
          .values({ seriesId, seriesSessionId: sessionId, personId, status: "narvarande", substituteForPersonId, walkIn: !extra.replacesSector, recordedAt: at, updatedAt: at, updatedById: markedBy })
          .run();
      }
    }

    // Prep material for the running and the planned series.
    for (const organisation of ["Huddinge", "Nacka"]) {
      sessionIdsBySeries.get(organisation)!.forEach((seriesSessionId, i) => {
        tx.insert(schema.prepMaterials).values(PREP[i].map((m) => ({ ...m, seriesSessionId }))).run();
        tx.insert(schema.reflectionQuestions)
          .values(REFLECTION_QUESTIONS[i].map((text) => ({ seriesSessionId, text })))
          .run();
      });
    }

    // Readiness: Botkyrka answered everything, Huddinge half.
    const readinessBy = userIds.get("botkyrka");
    tx.insert(schema.seriesReadiness)
      .values({ seriesId: seriesIds.get("Botkyrka")!, ...READINESS_COMPLETE, updatedAt: activatedAt, updatedById: readinessBy })
      .run();
    tx.insert(schema.seriesReadiness)
      .values({
        seriesId: seriesIds.get("Huddinge")!,
        purpose: READINESS_COMPLETE.purpose,
        initiatorMandate: READINESS_COMPLETE.initiatorMandate,
        participatingFunctions: READINESS_COMPLETE.participatingFunctions,
        updatedAt: activatedAt,
        updatedById: userIds.get("huddinge"),
      })
      .run();

    // Huddinge invited two from the region: one accepted (and is registered), one declined.
    const huddingeId = seriesIds.get("Huddinge")!;
    const regionPerson = tx
      .select({ id: schema.people.id, name: schema.people.name, email: schema.people.email, workplace: schema.people.workplace, jobTitle: schema.people.jobTitle })
      .from(schema.people)
      .innerJoin(schema.enrolments, eq(schema.enrolments.personId, schema.people.id))
      .where(and(eq(schema.enrolments.seriesId, huddingeId), eq(schema.people.sector, "halso_sjukvard")))
      .get()!;
    const invitedAt = stockholmToUtc("2026-08-17", "10:00");
    tx.insert(schema.invitations)
      .values([
        {
          seriesId: huddingeId,
          personId: regionPerson.id,
          name: regionPerson.name,
          email: regionPerson.email,
          emailNormalized: regionPerson.email,
          workplace: regionPerson.workplace,
          sector: "halso_sjukvard",
          jobTitle: regionPerson.jobTitle,
          roleCategory: "sjukvard",
          status: "accepterat",
          sentAt: invitedAt,
          respondedAt: stockholmToUtc("2026-08-20", "14:00"),
          createdById: userIds.get("huddinge"),
        },
        {
          seriesId: huddingeId,
          name: "Mottagningschef BUP Huddinge",
          email: "mottagningschef.bup@regionstockholm.example",
          emailNormalized: "mottagningschef.bup@regionstockholm.example",
          workplace: "BUP Huddinge",
          sector: "halso_sjukvard",
          jobTitle: "Enhetschef, BUP",
          roleCategory: "chef",
          status: "avbojt",
          declineReason: "Vi har inte möjlighet under omorganisationen i höst.",
          sentAt: invitedAt,
          respondedAt: stockholmToUtc("2026-08-25", "09:30"),
          createdById: userIds.get("huddinge"),
        },
      ])
      .run();

    // One exchange session shared by Huddinge's and Nacka's series.
    const { id: eventId } = tx
      .insert(schema.exchangeEvents)
      .values({
        title: "Erfarenhetsutbyte 2026/2027",
        startsAt: stockholmToUtc("2027-05-18", "09:00"),
        endsAt: stockholmToUtc("2027-05-18", "12:00"),
        format: "pa_plats",
        venue: "Storsthlm, Stockholm",
        expert: "Föreläsning: Skolnärvaro – från 2022 och framåt",
        processLeaderId: userIds.get("admin"),
      })
      .returning({ id: schema.exchangeEvents.id })
      .get();
    tx.insert(schema.exchangeEventSeries)
      .values([
        { eventId, seriesId: seriesIds.get("Huddinge")! },
        { eventId, seriesId: seriesIds.get("Nacka")! },
      ])
      .run();
  });
  seedDemoSurveys(db);
  seedDemoPortal(db);
  return { created: true };
}

/** Substitutes (replacing someone of `replacesSector`) and walk-ins at each demo series' seminar 2. */
const DEMO_SECOND_SEMINAR_EXTRAS: Record<string, { person: { name: string; email: string; workplace: string; sector: Sector; roleCategory: RoleCategory; jobTitle: string; level: Level }; replacesSector?: Sector }[]> = {
  Botkyrka: [
    {
      person: { name: "Sanna Ersättare", email: "sanna.ersattare@botkyrka.example", workplace: "Botkyrka kommun", sector: "socialtjanst", roleCategory: "profession", jobTitle: "Socialsekreterare", level: "operativ" },
      replacesSector: "socialtjanst",
    },
  ],
  Huddinge: [
    {
      // From another sector than the person she replaces: the roster warns about it.
      person: { name: "Tove Vikarie", email: "tove.vikarie@huddinge.example", workplace: "Huddinge kommun", sector: "socialtjanst", roleCategory: "profession", jobTitle: "Familjebehandlare", level: "operativ" },
      replacesSector: "skola",
    },
    {
      person: { name: "Leo Dörrström", email: "leo.dorrstrom@regionstockholm.example", workplace: "BUP Huddinge", sector: "halso_sjukvard", roleCategory: "sjukvard", jobTitle: "Psykolog", level: "operativ" },
    },
  ],
};

export const PREP: { kind: "dokument" | "forelasning"; title: string; author?: string; year?: number; url: string; durationMinutes?: number }[][] = [
  [
    { kind: "dokument", title: "Skolnärvaro – en översikt av forskning om att främja alla barns och ungas närvaro i skolan", author: "Helena Andersson", year: 2019, url: "https://ifous.se/ifous-fokuserar-skolnarvaro" },
    { kind: "forelasning", title: "Inspelad föreläsning: Att främja skolnärvaro", url: "https://ifous.se/forelasning/skolnarvaro", durationMinutes: 45 },
  ],
  [
    { kind: "dokument", title: "Att utreda närvaroproblem i skolan", author: "Malin Gren Landell", year: 2020, url: "https://ifous.se/att-utreda-narvaroproblem" },
    { kind: "forelasning", title: "Inspelad föreläsning: Att utreda närvaroproblem", url: "https://ifous.se/forelasning/utreda", durationMinutes: 50 },
  ],
  [
    { kind: "dokument", title: "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola", author: "Malin Gren Landell", year: 2021, url: "https://ifous.se/samverkan-och-samordnat-stod" },
    { kind: "forelasning", title: "Inspelad föreläsning: Samverkan vid närvaroproblem", url: "https://ifous.se/forelasning/samverkan", durationMinutes: 40 },
  ],
];

export const REFLECTION_QUESTIONS = [
  ["Hur arbetar din verksamhet i dag med att främja närvaro för alla elever?", "Vilka signaler på begynnande frånvaro fångar ni upp – och vilka missar ni?"],
  ["Hur ser utredningen av närvaroproblem ut hos er, och vem gör vad?"],
  ["Var brister samverkan mellan skola, socialtjänst och hälso- och sjukvård hos er?", "Vad skulle ett samordnat stöd kräva av din organisation?"],
];

const READINESS_COMPLETE = {
  purpose: "Att bygga en gemensam struktur för tidiga insatser vid begynnande skolfrånvaro.",
  initiatorMandate: "Initierat av förvaltningscheferna för utbildning och socialtjänst, med uppdrag från kommunstyrelsen.",
  participatingFunctions: "Strategisk nivå: rektorer, enhetschefer IFO, chef elevhälsa. Operativ nivå: kuratorer, skolsköterskor, socialsekreterare, BUP.",
  motivation: "Tiden för seminarierna är avsatt i arbetstid och cheferna deltar själva.",
  continuation: "Arbetsgruppen fortsätter med månatliga möten och tar fram en gemensam rutin.",
  ongoingWork: "Kommunens närvaroteam och den lokala överenskommelsen om SIP.",
};
