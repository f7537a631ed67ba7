/**
 * Survey templates, a series' surveys and the anonymous responses (decision
 * 010). Every response is written by `saveResponse`, whatever the channel
 * (phone, anonymous room link, paper entry, CSV import), so the privacy rules
 * live in one place: no person id on a response, only the day it came, a
 * random id, and a one-time submission key so a double submit is stored once.
 */
import crypto from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { SurveyChannel, SurveyItemKind, SurveyOption, SurveyPhase, SurveyRespondentField } from "../../db/schema";
import type { BuiltInTemplate } from "~/lib/survey-builtin";
import type { ParsedAnswers, SurveyItemDefinition } from "~/lib/survey-answers";
import { surveyState, surveyWindow, type SurveyState, type SurveyWindow } from "~/lib/survey-window";
import { formatDate } from "~/lib/format";
import { getDb, qualified, schema, writeTransaction, type Db } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";

const { surveyTemplates, surveyItems, surveyIndices, surveyIndexItems, surveys, surveyResponses, surveyAnswers, surveyReceipts, seriesSessions, series } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type SurveyItem = SurveyItemDefinition & {
  position: number;
  leadIn: string | null;
  prompt: string;
  lowLabel: string | null;
  highLabel: string | null;
};

export type SurveyTemplateDetails = {
  id: number;
  key: string | null;
  name: string;
  phase: SurveyPhase;
  intro: string | null;
  builtIn: boolean;
  items: SurveyItem[];
  indices: { id: number; name: string; itemIds: number[] }[];
};

/** Inserts a template with its items and indices (indices name items by code). */
export function insertTemplate(
  tx: Tx,
  template: Omit<BuiltInTemplate, "key"> & { key?: string | null; builtIn?: boolean; createdById?: number | null },
): number {
  const { id } = tx
    .insert(surveyTemplates)
    .values({
      key: template.key ?? null,
      name: template.name,
      phase: template.phase,
      intro: template.intro,
      builtIn: template.builtIn ?? false,
      createdById: template.createdById ?? null,
    })
    .returning({ id: surveyTemplates.id })
    .get();
  const itemIds = new Map<string, number>();
  template.items.forEach((item, i) => {
    const row = tx
      .insert(surveyItems)
      .values({
        templateId: id,
        position: i + 1,
        code: item.code,
        kind: item.kind,
        leadIn: item.leadIn ?? null,
        prompt: item.prompt,
        options: item.options ?? null,
        respondentField: item.respondentField ?? null,
        required: item.required ?? false,
      })
      .returning({ id: surveyItems.id })
      .get();
    itemIds.set(item.code, row.id);
  });
  template.indices.forEach((index, i) => {
    const row = tx.insert(surveyIndices).values({ templateId: id, position: i + 1, name: index.name }).returning({ id: surveyIndices.id }).get();
    for (const code of index.items) {
      const itemId = itemIds.get(code);
      if (itemId === undefined) throw new Error(`Index ${index.name}: no item ${code}`);
      tx.insert(surveyIndexItems).values({ indexId: row.id, itemId }).run();
    }
  });
  return id;
}

/** Inserts each built-in template whose key is not there yet. Idempotent. */
export function ensureBuiltInTemplates(db: Db, templates: BuiltInTemplate[]) {
  db.transaction((tx) => {
    for (const template of templates) {
      const exists = tx.select({ id: surveyTemplates.id }).from(surveyTemplates).where(eq(surveyTemplates.key, template.key)).get();
      if (!exists) insertTemplate(tx, { ...template, builtIn: true });
    }
  });
}

export function templateIdByKey(key: string): number | null {
  return getDb().select({ id: surveyTemplates.id }).from(surveyTemplates).where(eq(surveyTemplates.key, key)).get()?.id ?? null;
}

export function listTemplates(): { id: number; key: string | null; name: string; phase: SurveyPhase; builtIn: boolean; items: number }[] {
  return getDb()
    .select({
      id: surveyTemplates.id,
      key: surveyTemplates.key,
      name: surveyTemplates.name,
      phase: surveyTemplates.phase,
      builtIn: surveyTemplates.builtIn,
      items: sql<number>`(select count(*) from ${surveyItems} i where i.template_id = ${qualified(surveyTemplates.id)})`,
    })
    .from(surveyTemplates)
    .orderBy(sql`${surveyTemplates.builtIn} desc`, asc(surveyTemplates.id))
    .all();
}

export function getTemplate(templateId: number): SurveyTemplateDetails | null {
  const db = getDb();
  const template = db.select().from(surveyTemplates).where(eq(surveyTemplates.id, templateId)).get();
  if (!template) return null;
  const items = db.select().from(surveyItems).where(eq(surveyItems.templateId, templateId)).orderBy(asc(surveyItems.position)).all();
  const indices = db.select().from(surveyIndices).where(eq(surveyIndices.templateId, templateId)).orderBy(asc(surveyIndices.position)).all();
  const members = indices.length
    ? db.select().from(surveyIndexItems).where(inArray(surveyIndexItems.indexId, indices.map((i) => i.id))).all()
    : [];
  return {
    id: template.id,
    key: template.key,
    name: template.name,
    phase: template.phase,
    intro: template.intro,
    builtIn: template.builtIn,
    items: items.map((item) => ({
      id: item.id,
      code: item.code,
      kind: item.kind as SurveyItemKind,
      options: (item.options as SurveyOption[] | null) ?? null,
      respondentField: (item.respondentField as SurveyRespondentField | null) ?? null,
      required: item.required,
      position: item.position,
      leadIn: item.leadIn,
      prompt: item.prompt,
      lowLabel: item.lowLabel,
      highLabel: item.highLabel,
    })),
    indices: indices.map((index) => ({
      id: index.id,
      name: index.name,
      // Items in questionnaire order.
      itemIds: items.filter((item) => members.some((m) => m.indexId === index.id && m.itemId === item.id)).map((item) => item.id),
    })),
  };
}

/** A random code for the anonymous room link: 8 letters and digits without look-alikes. */
function randomPublicCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(8);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export type SeriesSurvey = {
  id: number;
  seriesId: number;
  seriesName: string;
  templateId: number;
  templateName: string;
  phase: SurveyPhase;
  session: { id: number; title: string; position: number; startsAt: Date; endsAt: Date } | null;
  publicCode: string;
  opensAt: Date | null;
  closesAt: Date | null;
  window: SurveyWindow | null;
};

function selectSurveys() {
  return getDb()
    .select({
      id: surveys.id,
      seriesId: surveys.seriesId,
      seriesName: series.name,
      templateId: surveys.templateId,
      templateName: surveyTemplates.name,
      phase: surveyTemplates.phase,
      publicCode: surveys.publicCode,
      opensAt: surveys.opensAt,
      closesAt: surveys.closesAt,
      sessionId: seriesSessions.id,
      sessionTitle: seriesSessions.title,
      sessionPosition: seriesSessions.position,
      startsAt: seriesSessions.startsAt,
      endsAt: seriesSessions.endsAt,
    })
    .from(surveys)
    .innerJoin(series, eq(series.id, surveys.seriesId))
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveys.templateId))
    .leftJoin(seriesSessions, eq(seriesSessions.id, surveys.seriesSessionId));
}

function toSeriesSurvey(row: ReturnType<ReturnType<typeof selectSurveys>["all"]>[number]): SeriesSurvey {
  const session =
    row.sessionId !== null
      ? { id: row.sessionId, title: row.sessionTitle!, position: row.sessionPosition!, startsAt: row.startsAt!, endsAt: row.endsAt! }
      : null;
  return {
    id: row.id,
    seriesId: row.seriesId,
    seriesName: row.seriesName,
    templateId: row.templateId,
    templateName: row.templateName,
    phase: row.phase,
    session,
    publicCode: row.publicCode,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    window: surveyWindow({ phase: row.phase, opensAt: row.opensAt, closesAt: row.closesAt, session }),
  };
}

/**
 * The series' pre- and post-survey, created from the built-in förenkät and
 * efterenkät the first time anyone asks (like a session's check-in code):
 * the pre-survey at seminar 1, the post-survey at the last seminar.
 */
export function ensureSeriesSurveys(seriesId: number): void {
  const db = getDb();
  const seminars = db
    .select({ id: seriesSessions.id })
    .from(seriesSessions)
    .where(and(eq(seriesSessions.seriesId, seriesId), eq(seriesSessions.kind, "seminarium")))
    .orderBy(asc(seriesSessions.position))
    .all();
  const wanted = [
    { key: "forenkat", sessionId: seminars[0]?.id ?? null },
    { key: "efterenkat", sessionId: seminars.at(-1)?.id ?? null },
  ];
  for (const { key, sessionId } of wanted) {
    const templateId = templateIdByKey(key);
    if (templateId === null) continue;
    // The unique (series, template) index makes two first visitors create it once.
    db.insert(surveys)
      .values({ seriesId, templateId, seriesSessionId: sessionId, publicCode: randomPublicCode() })
      .onConflictDoNothing({ target: [surveys.seriesId, surveys.templateId] })
      .run();
  }
}

/** Adds another template (a custom one, or the self-assessment) to a series. Null if it is there already. */
export function addSeriesSurvey({
  seriesId,
  templateId,
  sessionId,
  opensAt = null,
  closesAt = null,
}: {
  seriesId: number;
  templateId: number;
  sessionId: number | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
}): number | null {
  const row = getDb()
    .insert(surveys)
    .values({ seriesId, templateId, seriesSessionId: sessionId, opensAt, closesAt, publicCode: randomPublicCode() })
    .onConflictDoNothing({ target: [surveys.seriesId, surveys.templateId] })
    .returning({ id: surveys.id })
    .get();
  return row?.id ?? null;
}

/** A series' surveys within the scope, pre first. */
export function listSeriesSurveys({ seriesId, scope }: { seriesId: number; scope: Scope }): SeriesSurvey[] {
  return selectSurveys()
    .where(and(eq(surveys.seriesId, seriesId), seriesInScope(scope, surveys.seriesId)))
    .orderBy(sql`case ${surveyTemplates.phase} when 'pre' then 0 when 'post' then 1 else 2 end`, asc(surveys.id))
    .all()
    .map(toSeriesSurvey);
}

export function getSeriesSurvey({ seriesId, surveyId, scope }: { seriesId: number; surveyId: number; scope: Scope }): SeriesSurvey | null {
  const row = selectSurveys()
    .where(and(eq(surveys.id, surveyId), eq(surveys.seriesId, seriesId), seriesInScope(scope, surveys.seriesId)))
    .get();
  return row ? toSeriesSurvey(row) : null;
}

/** The survey behind an anonymous room link (codes are compared upper-cased). */
export function surveyByPublicCode(code: string): SeriesSurvey | null {
  const row = selectSurveys().where(eq(surveys.publicCode, code.trim().toUpperCase())).get();
  return row ? toSeriesSurvey(row) : null;
}

/** Sets (or with nulls, resets to follow the session) when the survey is open. */
export function setSurveyTimes({ surveyId, opensAt, closesAt }: { surveyId: number; opensAt: Date | null; closesAt: Date | null }): void {
  getDb().update(surveys).set({ opensAt, closesAt }).where(eq(surveys.id, surveyId)).run();
}

export function stateOf(survey: SeriesSurvey, now = new Date()): SurveyState {
  return surveyState(survey.window, now);
}

export type SaveResult =
  | { ok: true; duplicate: boolean }
  | { ok: false; reason: "closed" | "notOpen" | "alreadyAnswered" };

/**
 * Stores one questionnaire. `submissionKey` is the form's one-time key: the
 * same key again returns `duplicate` and stores nothing. `personId` is only
 * given for a personal link, and only to write a receipt (that the person has
 * answered), never on the response. `enforceWindow` is false for staff entering
 * paper forms after the survey closed.
 */
export function saveResponse({
  survey,
  parsed,
  channel,
  pairCode,
  submissionKey,
  personId = null,
  enforceWindow = true,
  now = new Date(),
}: {
  survey: SeriesSurvey;
  parsed: Pick<ParsedAnswers, "answers" | "sector" | "roleCategory">;
  channel: SurveyChannel;
  pairCode: string | null;
  submissionKey: string;
  personId?: number | null;
  enforceWindow?: boolean;
  now?: Date;
}): SaveResult {
  if (enforceWindow) {
    const state = stateOf(survey, now);
    if (state !== "open") return { ok: false, reason: state === "closed" ? "closed" : "notOpen" };
  }
  return writeTransaction((tx) => {
    const seen = tx.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.submissionKey, submissionKey)).get();
    if (seen) return { ok: true as const, duplicate: true };
    if (personId !== null) {
      const receipt = tx
        .insert(surveyReceipts)
        .values({ surveyId: survey.id, personId })
        .onConflictDoNothing()
        .returning({ surveyId: surveyReceipts.surveyId })
        .get();
      if (!receipt) return { ok: false as const, reason: "alreadyAnswered" as const };
    }
    insertResponse(tx, { survey: { id: survey.id, seriesId: survey.seriesId, sessionId: survey.session?.id ?? null }, parsed, channel, pairCode, submissionKey, now });
    return { ok: true as const, duplicate: false };
  });
}

/**
 * The two inserts of a response, prepared once per transaction: a CSV import
 * writes thousands of responses in one, and building each statement anew
 * costs about 20 times as much as running a prepared one.
 */
function prepareResponseInserts(tx: Tx) {
  const p = sql.placeholder;
  return {
    response: tx
      .insert(surveyResponses)
      .values({
        id: p("id"),
        surveyId: p("surveyId"),
        seriesId: p("seriesId"),
        seriesSessionId: p("seriesSessionId"),
        sector: p("sector"),
        roleCategory: p("roleCategory"),
        pairCode: p("pairCode"),
        channel: p("channel"),
        submissionKey: p("submissionKey"),
        submittedOn: p("submittedOn"),
      })
      .prepare(),
    answer: tx
      .insert(surveyAnswers)
      .values({
        responseId: p("responseId"),
        itemId: p("itemId"),
        value: p("value"),
        dontKnow: p("dontKnow"),
        valueThen: p("valueThen"),
        dontKnowThen: p("dontKnowThen"),
        choice: p("choice"),
        // Raw, not through the JSON column's encoder: a placeholder's value is
        // encoded even when null, which would store the text "null".
        choices: sql`${p("choices")}`,
        text: p("text"),
      })
      .prepare(),
  };
}

const preparedInserts = new WeakMap<Tx, ReturnType<typeof prepareResponseInserts>>();

/** Inserts a response and its answers; the caller holds the transaction (the CSV import commits many). */
export function insertResponse(
  tx: Tx,
  {
    survey,
    parsed,
    channel,
    pairCode,
    submissionKey,
    now,
  }: {
    survey: { id: number; seriesId: number; sessionId: number | null };
    parsed: Pick<ParsedAnswers, "answers" | "sector" | "roleCategory">;
    channel: SurveyChannel;
    pairCode: string | null;
    submissionKey: string;
    now: Date;
  },
): string {
  let statements = preparedInserts.get(tx);
  if (!statements) {
    statements = prepareResponseInserts(tx);
    preparedInserts.set(tx, statements);
  }
  const id = crypto.randomUUID();
  statements.response.run({
    id,
    surveyId: survey.id,
    seriesId: survey.seriesId,
    seriesSessionId: survey.sessionId,
    sector: parsed.sector,
    roleCategory: parsed.roleCategory,
    pairCode: pairCode || null,
    channel,
    submissionKey,
    submittedOn: formatDate(now),
  });
  for (const answer of parsed.answers) {
    statements.answer.run({ ...answer, choices: answer.choices === null ? null : JSON.stringify(answer.choices), responseId: id });
  }
  return id;
}

/** Whether the person has answered the survey through their personal link. */
export function hasReceipt({ surveyId, personId }: { surveyId: number; personId: number }): boolean {
  return Boolean(
    getDb()
      .select({ surveyId: surveyReceipts.surveyId })
      .from(surveyReceipts)
      .where(and(eq(surveyReceipts.surveyId, surveyId), eq(surveyReceipts.personId, personId)))
      .get(),
  );
}

/** Number of responses per survey of a series. */
export function responseCounts(seriesId: number): Map<number, number> {
  const rows = getDb()
    .select({ surveyId: surveyResponses.surveyId, n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(eq(surveyResponses.seriesId, seriesId))
    .groupBy(surveyResponses.surveyId)
    .all();
  return new Map(rows.map((r) => [r.surveyId, r.n]));
}
