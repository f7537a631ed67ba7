/**
 * Demo survey answers, deterministic like the rest of the demo:
 * - Botkyrka (all three seminars held): the förenkät answered online at seminar 1
 *   by 4 of 5 attendees, the efterenkät on paper at seminar 3 by 3 of 4, about
 *   half of them pairing the two with a code;
 * - Huddinge (seminar 3 is tomorrow): the förenkät, answered at seminar 1.
 * Respondents give the sector and role of the attendee they stand for, since
 * the answers are not linked to anyone.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { ParsedAnswers, TypedAnswer } from "../app/lib/survey-answers";
import { stockholmToUtc } from "../app/lib/time";
import type { Db } from "../app/models/db.server";
import { insertResponse } from "../app/models/survey.server";
import * as schema from "./schema";
import type { RoleCategory, Sector, SurveyChannel } from "./schema";
import { mulberry32 } from "../app/lib/random";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The demo must be identical on every machine: one seeded generator (mulberry32). */
const prng = mulberry32;

const PRE_TEXTS = [
  "Att vi får gemensamma rutiner mellan skola och socialtjänst.",
  "Bättre kontakt med BUP och vårdcentralen.",
  "Kunskap om vad de andra verksamheterna får och inte får göra.",
  "Att vi lär känna varandra och vet vem vi ska ringa.",
];
const POST_TEXTS = [
  "Vi har börjat träffas regelbundet i en samverkansgrupp.",
  "Jag förstår nu sekretessreglerna mellan skola och socialtjänst bättre.",
  "Samsyn kring vilka elever vi ska aktualisera tillsammans.",
  "Det saknades deltagare från hälso- och sjukvården.",
];

const SECTOR_ANSWER: Partial<Record<Sector, string>> = { skola: "skola", socialtjanst: "socialtjanst", halso_sjukvard: "halso_sjukvard", vill_ej_uppge: "vill_ej_uppge" };
const ROLE_ANSWER: Partial<Record<RoleCategory, string>> = {
  chef: "chef",
  strateg: "strateg",
  profession: "profession",
  medicinsk_elevhalsa: "medicinsk_elevhalsa",
  sjukvard: "profession",
  annat: "annat",
};

function surveyFor(tx: Tx, seriesId: number, key: string, sessionId: number, code: string) {
  const template = tx.select().from(schema.surveyTemplates).where(eq(schema.surveyTemplates.key, key)).get();
  if (!template) throw new Error(`Survey template ${key} is missing: run seedTemplates first`);
  const items = tx.select().from(schema.surveyItems).where(eq(schema.surveyItems.templateId, template.id)).orderBy(asc(schema.surveyItems.position)).all();
  const { id } = tx
    .insert(schema.surveys)
    .values({ seriesId, templateId: template.id, seriesSessionId: sessionId, publicCode: code })
    .returning({ id: schema.surveys.id })
    .get();
  return { id, items, template };
}

function attendees(tx: Tx, sessionId: number): { sector: Sector; roleCategory: RoleCategory }[] {
  return tx
    .select({ sector: schema.people.sector, roleCategory: schema.people.roleCategory })
    .from(schema.attendance)
    .innerJoin(schema.people, eq(schema.people.id, schema.attendance.personId))
    .where(and(eq(schema.attendance.seriesSessionId, sessionId), inArray(schema.attendance.status, ["narvarande", "sen"])))
    .orderBy(asc(schema.people.id))
    .all() as { sector: Sector; roleCategory: RoleCategory }[];
}

/** One respondent's answers: Likert values around `centre`, sometimes Vet ej, sometimes a text. */
function answersFor(
  items: (typeof schema.surveyItems.$inferSelect)[],
  person: { sector: Sector; roleCategory: RoleCategory },
  random: () => number,
  centre: number,
  texts: string[],
): ParsedAnswers {
  const answers: TypedAnswer[] = [];
  const blank = (itemId: number): TypedAnswer => ({ itemId, value: null, dontKnow: false, valueThen: null, dontKnowThen: false, choice: null, choices: null, text: null });
  const sector = SECTOR_ANSWER[person.sector] ?? null;
  const role = ROLE_ANSWER[person.roleCategory] ?? null;
  for (const item of items) {
    const answer = blank(item.id);
    if (item.kind === "likert") {
      const roll = random();
      if (roll < 0.05) answer.dontKnow = true;
      else if (roll < 0.08) continue; // left blank
      else answer.value = Math.min(5, Math.max(1, Math.round(centre + (random() - 0.5) * 3)));
    } else if (item.kind === "single") {
      if (item.respondentField === "sector") answer.choice = sector;
      else if (item.respondentField === "role") answer.choice = role;
      else answer.choice = (item.options as { value: string }[])[person.sector === "halso_sjukvard" && item.code === "1" ? 1 : 0].value;
      if (answer.choice === null) continue;
    } else if (item.kind === "text") {
      if (item.code === "3b" || random() > 0.3) continue;
      answer.text = texts[Math.floor(random() * texts.length)];
    } else continue;
    answers.push(answer);
  }
  return { answers, sector: (sector as Sector | null) ?? null, roleCategory: (role as RoleCategory | null) ?? null, errors: {} };
}

function respond(
  tx: Tx,
  survey: ReturnType<typeof surveyFor>,
  seriesId: number,
  sessionId: number,
  people: { sector: Sector; roleCategory: RoleCategory }[],
  options: { share: number; centre: number; texts: string[]; channel: SurveyChannel; day: string; seed: number; pairCodes: (i: number) => string | null },
) {
  const random = prng(options.seed);
  people.forEach((person, i) => {
    if (random() > options.share) return;
    insertResponse(tx, {
      survey: { id: survey.id, seriesId, sessionId },
      parsed: answersFor(survey.items, person, random, options.centre, options.texts),
      channel: options.channel,
      pairCode: options.pairCodes(i),
      submissionKey: `demo-${survey.id}-${i}`,
      now: stockholmToUtc(options.day, "12:00"),
    });
  });
}

export function seedDemoSurveys(db: Db) {
  db.transaction((tx) => {
    const seriesRows = tx.select({ id: schema.series.id, name: schema.series.name }).from(schema.series).all();
    const idOf = (organisation: string) => seriesRows.find((s) => s.name === `Processtöd skolnärvaro ${organisation}`)!.id;
    const seminars = (seriesId: number) =>
      tx
        .select({ id: schema.seriesSessions.id, startsAt: schema.seriesSessions.startsAt })
        .from(schema.seriesSessions)
        .where(and(eq(schema.seriesSessions.seriesId, seriesId), eq(schema.seriesSessions.kind, "seminarium")))
        .orderBy(asc(schema.seriesSessions.position))
        .all();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    // Pairing codes the respondents chose themselves: the same code on the pre and the post form.
    const pairCode = (series: string, i: number) => (i % 2 === 0 ? `${series}${String(1000 + i * 7)}` : null);

    const botkyrka = idOf("Botkyrka");
    const [b1, , b3] = seminars(botkyrka);
    const bPre = surveyFor(tx, botkyrka, "forenkat", b1.id, "BOTKPRE1");
    respond(tx, bPre, botkyrka, b1.id, attendees(tx, b1.id), { share: 0.8, centre: 3.6, texts: PRE_TEXTS, channel: "session_link", day: day(b1.startsAt), seed: 71, pairCodes: (i) => pairCode("BK", i) });
    const bPost = surveyFor(tx, botkyrka, "efterenkat", b3.id, "BOTKPOST");
    respond(tx, bPost, botkyrka, b3.id, attendees(tx, b3.id), { share: 0.75, centre: 3.9, texts: POST_TEXTS, channel: "paper", day: day(b3.startsAt), seed: 72, pairCodes: (i) => pairCode("BK", i) });

    const huddinge = idOf("Huddinge");
    const huddingeSeminars = seminars(huddinge);
    const hPre = surveyFor(tx, huddinge, "forenkat", huddingeSeminars[0].id, "HUDDPRE1");
    respond(tx, hPre, huddinge, huddingeSeminars[0].id, attendees(tx, huddingeSeminars[0].id), { share: 0.8, centre: 3.4, texts: PRE_TEXTS, channel: "session_link", day: day(huddingeSeminars[0].startsAt), seed: 73, pairCodes: (i) => pairCode("HU", i) });
    surveyFor(tx, huddinge, "efterenkat", huddingeSeminars.at(-1)!.id, "HUDDPOST");
  });
}
