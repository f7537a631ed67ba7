/**
 * Reference data (municipalities, Stockholm's districts, regions) and the demo
 * data. Deterministic: the same input always gives the same rows, so tests can
 * assert exact numbers. Idempotent: running it again changes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { hashPassword } from "../app/lib/password.server";
import { stockholmToUtc } from "../app/lib/time";
import type { Db } from "../app/models/db.server";
import * as schema from "./schema";
import type { AttendanceStatus, Level, RoleCategory, Sector, SeriesStatus } from "./schema";

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

const SEMINARS = [
  {
    title: "Skolnärvaro. En översikt av forskning om att främja alla barns och ungas närvaro i skolan",
    expert: "Helena Andersson, universitetslektor i pedagogik",
  },
  {
    title: "Att utreda närvaroproblem i skolan",
    expert: "Malin Gren Landell, leg. psykolog",
  },
  {
    title: "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola",
    expert: "Malin Gren Landell, leg. psykolog",
  },
];

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
    dates: ["2027-03-02", "2027-04-06", "2027-05-11"],
    participants: 0,
    attendedSessions: 0,
  },
];

/** A small deterministic PRNG (mulberry32), so the demo is identical on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  "Anna", "Erik", "Maria", "Johan", "Sara", "Ahmed", "Elin", "Mikael", "Fatima", "Karl",
  "Emma", "Ali", "Linnea", "Peter", "Hanna", "Daniel", "Amina", "Jonas", "Sofia", "Mehmet",
  "Ida", "Anders", "Maja", "Lars", "Leila", "Oskar", "Kristina", "Nils", "Zeynep", "Fredrik",
];
const LAST_NAMES = [
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hassan", "Lindberg", "Lindqvist", "Berglund",
  "Axelsson", "Yilmaz", "Sandberg", "Forsberg", "Holm", "Sjöberg", "Wallin", "Ali", "Engström",
];

type Profile = { roleCategory: RoleCategory; jobTitles: string[]; level: Level };
const PROFILES: Record<Sector, { weight: number; profile: Profile }[]> = {
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
const PRESENCE: Record<Sector, number[]> = {
  skola: [0.93, 0.84, 0.76],
  socialtjanst: [0.9, 0.55, 0.3],
  halso_sjukvard: [1, 0.5, 0],
  annat: [0.85, 0.7, 0.6],
  vill_ej_uppge: [0.85, 0.7, 0.6],
};

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function pickWeighted<T>(random: () => number, items: { weight: number; profile: T }[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let r = random() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item.profile;
  }
  return items[items.length - 1].profile;
}

function slug(text: string): string {
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
            expert: SEMINARS[i].expert,
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

      // Shuffle the quota so sectors are not in blocks.
      const sectors = sectorQuota(s.participants);
      for (let i = sectors.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [sectors[i], sectors[j]] = [sectors[j], sectors[i]];
      }
      const domain = `${slug(s.organisation)}.example`;
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
          tx.insert(schema.attendance)
            .values({ seriesSessionId: sessionIds[i], personId, status, recordedAt: stockholmToUtc(s.dates[i], "12:00") })
            .run();
        }
      }
    }
  });
  return { created: true };
}
