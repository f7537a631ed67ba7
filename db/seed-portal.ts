/**
 * Demo preparation recorded in the participant portal, deterministic like the
 * rest of the demo (a seeded shuffle, then fixed slices of it):
 * - Huddinge seminar 2 (held 2026-10-20; document, lecture, one question):
 *   63 of 90 read the document, 50 watched the lecture, 32 wrote a
 *   reflection; 32 did all three, 31 started.
 * - Huddinge seminar 3 (2026-11-24, tomorrow; document, lecture, two
 *   questions): 54 of 90 (60 %) read the document, 41 (45,6 %) watched the
 *   lecture, 27 (30 %) reflected on question 1 and 10 on question 2; 10 did
 *   everything, 45 started.
 * Seminar 1 was before the portal, so nothing is recorded for it.
 * Every third reflection is shared with the colleagues.
 */
import { and, asc, eq } from "drizzle-orm";
import { stockholmToUtc } from "../app/lib/time";
import type { Db } from "../app/models/db.server";
import * as schema from "./schema";
import { mulberry32 } from "../app/lib/random";

/** The demo must be identical on every machine: one seeded generator (mulberry32). */
const prng = mulberry32;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Reflections on "Hur ser utredningen av närvaroproblem ut hos er, och vem gör vad?" (seminar 2). */
const INVESTIGATION_TEXTS = [
  "Mentorn larmar, men sedan är det otydligt vem som äger utredningen.",
  "Elevhälsoteamet gör en kartläggning, men vårdnadshavarna kommer in för sent.",
  "Vi utreder ofta bara skolans del och missar det som händer hemma.",
  "Kuratorn gör det mesta själv – vi behöver fördela ansvaret bättre.",
  "Vi har en mall för kartläggning men använder den olika på olika skolor.",
  "Socialtjänsten får orosanmälan först när frånvaron redan är stor.",
];
/** Reflections on "Var brister samverkan mellan skola, socialtjänst och hälso- och sjukvård hos er?" (seminar 3). */
const COLLABORATION_TEXTS = [
  "Vi vet sällan vem vi ska ringa på BUP när en elev slutar komma.",
  "Sekretessen blir en ursäkt för att inte prata med varandra.",
  "Skolan och socialtjänsten har olika bilder av samma familj.",
  "SIP kallas till för sent, när eleven redan har varit borta i månader.",
  "Vårdcentralen är inte med alls i våra möten i dag.",
  "Vi saknar en gemensam rutin för när oron ska lyftas vidare.",
  "Det hänger på enskilda personer – när de slutar faller samarbetet.",
];
/** Reflections on "Vad skulle ett samordnat stöd kräva av din organisation?" (seminar 3). */
const COORDINATION_TEXTS = [
  "Avsatt tid för samverkansmöten, inte bara goda intentioner.",
  "En utsedd kontaktperson per verksamhet som alla känner till.",
  "Att cheferna prioriterar det och följer upp det i ledningsgruppen.",
  "Gemensamma samtyckesblanketter så att vi kan prata med varandra.",
];

/** A time `minutes` after the start of `day` (Stockholm), for done_at and updated_at. */
function at(day: string, minutes: number): Date {
  return new Date(stockholmToUtc(day, "08:00").getTime() + minutes * 60_000);
}

export function seedDemoPortal(db: Db) {
  db.transaction((tx) => {
    const series = tx
      .select({ id: schema.series.id })
      .from(schema.series)
      .where(eq(schema.series.name, "Processtöd skolnärvaro Huddinge"))
      .get();
    if (!series) throw new Error("The Huddinge demo series is missing: run seedDemo first");
    const seminars = tx
      .select({ id: schema.seriesSessions.id })
      .from(schema.seriesSessions)
      .where(and(eq(schema.seriesSessions.seriesId, series.id), eq(schema.seriesSessions.kind, "seminarium")))
      .orderBy(asc(schema.seriesSessions.position))
      .all();
    const enrolled = tx
      .select({ id: schema.enrolments.personId })
      .from(schema.enrolments)
      .where(and(eq(schema.enrolments.seriesId, series.id), eq(schema.enrolments.status, "anmald")))
      .orderBy(asc(schema.enrolments.personId))
      .all()
      .map((r) => r.id);
    const prepOf = (sessionId: number) => ({
      document: tx.select({ id: schema.prepMaterials.id }).from(schema.prepMaterials)
        .where(and(eq(schema.prepMaterials.seriesSessionId, sessionId), eq(schema.prepMaterials.kind, "dokument"))).orderBy(asc(schema.prepMaterials.id)).get()!.id,
      lecture: tx.select({ id: schema.prepMaterials.id }).from(schema.prepMaterials)
        .where(and(eq(schema.prepMaterials.seriesSessionId, sessionId), eq(schema.prepMaterials.kind, "forelasning"))).orderBy(asc(schema.prepMaterials.id)).get()!.id,
      questions: tx.select({ id: schema.reflectionQuestions.id }).from(schema.reflectionQuestions)
        .where(eq(schema.reflectionQuestions.seriesSessionId, sessionId)).orderBy(asc(schema.reflectionQuestions.id)).all().map((q) => q.id),
    });

    const mark = (people: number[], materialId: number, day: (i: number) => Date) => {
      if (people.length === 0) return;
      tx.insert(schema.prepProgress).values(people.map((personId, i) => ({ personId, prepMaterialId: materialId, doneAt: day(i) }))).run();
    };
    const reflect = (people: number[], questionId: number, texts: string[], day: (i: number) => Date) => {
      if (people.length === 0) return;
      tx.insert(schema.reflections)
        .values(people.map((personId, i) => ({ personId, reflectionQuestionId: questionId, text: texts[i % texts.length], shared: i % 3 === 0, updatedAt: day(i) })))
        .run();
    };

    // Seminar 2 (2026-10-20): prepared during the two weeks before.
    const s2 = prepOf(seminars[1].id);
    const order2 = shuffled(enrolled, 8202);
    const before2 = (i: number) => at(`2026-10-${String(6 + (i % 13)).padStart(2, "0")}`, (i * 37) % 540);
    mark(order2.slice(0, 63), s2.document, before2);
    mark(order2.slice(10, 60), s2.lecture, before2);
    reflect(order2.slice(15, 47), s2.questions[0], INVESTIGATION_TEXTS, before2);

    // Seminar 3 (2026-11-24): under way, the day before.
    const s3 = prepOf(seminars[2].id);
    const order3 = shuffled(enrolled, 8203);
    const before3 = (i: number) => at(`2026-11-${String(9 + (i % 14)).padStart(2, "0")}`, (i * 41) % 540);
    mark(order3.slice(0, 54), s3.document, before3);
    mark(order3.slice(14, 55), s3.lecture, before3);
    reflect(order3.slice(20, 47), s3.questions[0], COLLABORATION_TEXTS, before3);
    reflect(order3.slice(20, 30), s3.questions[1], COORDINATION_TEXTS, before3);
  });
}
