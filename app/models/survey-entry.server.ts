/**
 * Paper questionnaires typed in by staff, and CSV files of them (issue #7,
 * part 3). Every response goes through `saveResponse` / `insertResponse` of
 * the survey model, so the privacy rules stay in one place: no person, only
 * the day, a random id. Paper entry may come after the survey has closed.
 */
import { and, count, eq } from "drizzle-orm";
import type { SurveyImportRow } from "~/lib/survey-import";
import type { ParsedAnswers } from "~/lib/survey-answers";
import { formatDate } from "~/lib/format";
import { getDb, schema, writeTransaction } from "./db.server";
import { markImportDone } from "./participant.server";
import type { Scope } from "./scope.server";
import { getSeriesSurvey, getTemplate, insertResponse, saveResponse, type SeriesSurvey, type SurveyTemplateDetails } from "./survey.server";

const { surveyResponses, participantImports } = schema;

/** A survey of the series within the scope, with its template's items; null is a 404. */
export function entrySurvey({ seriesId, surveyId, scope }: { seriesId: number; surveyId: number; scope: Scope }): {
  survey: SeriesSurvey;
  template: SurveyTemplateDetails;
} | null {
  const survey = getSeriesSurvey({ seriesId, surveyId, scope });
  if (!survey) return null;
  const template = getTemplate(survey.templateId);
  return template ? { survey, template } : null;
}

/** How many responses the survey has, all channels. */
export function surveyResponseCount({ surveyId }: { surveyId: number }): number {
  return getDb().select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).get()?.n ?? 0;
}

/**
 * Stores one paper questionnaire (channel "paper"), also after the survey
 * has closed: the stack of paper comes in later. The same submission key
 * again stores nothing and says `duplicate`.
 */
export function savePaperResponse({
  survey,
  parsed,
  pairCode,
  submissionKey,
  now = new Date(),
}: {
  survey: SeriesSurvey;
  parsed: Pick<ParsedAnswers, "answers" | "sector" | "roleCategory">;
  pairCode: string | null;
  submissionKey: string;
  now?: Date;
}): { duplicate: boolean } {
  const result = saveResponse({ survey, parsed, channel: "paper", pairCode, submissionKey, enforceWindow: false, now });
  // Without a window and without a person, saveResponse cannot refuse.
  if (!result.ok) throw new Error(`Paper response refused: ${result.reason}`);
  return { duplicate: result.duplicate };
}

const enteredToday = (surveyId: number, submissionKey: string, now: Date) =>
  and(
    eq(surveyResponses.submissionKey, submissionKey),
    eq(surveyResponses.surveyId, surveyId),
    eq(surveyResponses.channel, "paper"),
    eq(surveyResponses.submittedOn, formatDate(now)),
  );

/** Whether a paper response of this survey with this key was stored today. */
export function paperResponseEnteredToday({ surveyId, submissionKey, now = new Date() }: { surveyId: number; submissionKey: string; now?: Date }): boolean {
  return Boolean(getDb().select({ id: surveyResponses.id }).from(surveyResponses).where(enteredToday(surveyId, submissionKey, now)).get());
}

/**
 * Deletes the paper response stored with this key today (its answers go with
 * it). The key is only known to the browser the form was given to; the
 * response's id never leaves the server. False if there is none.
 */
export function undoPaperResponse({ surveyId, submissionKey, now = new Date() }: { surveyId: number; submissionKey: string; now?: Date }): boolean {
  return getDb().delete(surveyResponses).where(enteredToday(surveyId, submissionKey, now)).run().changes === 1;
}

/** Keeps an upload (already reduced to the survey's columns) until it is confirmed. */
export function savePendingSurveyImport({
  seriesId,
  surveyId,
  userId,
  fileName,
  content,
}: {
  seriesId: number;
  surveyId: number;
  userId: number;
  fileName: string;
  content: string;
}): number {
  return getDb()
    .insert(participantImports)
    .values({ seriesId, surveyId, userId, kind: "survey", fileName, content })
    .returning({ id: participantImports.id })
    .get().id;
}

/**
 * A pending survey import of this survey, uploaded by this user: the file
 * holds anonymous answers and free text, so a colleague does not open
 * someone else's upload. Other kinds, surveys and series are not found.
 */
export function getPendingSurveyImport({ seriesId, surveyId, importId, userId }: { seriesId: number; surveyId: number; importId: number; userId: number }) {
  return (
    getDb()
      .select({
        id: participantImports.id,
        fileName: participantImports.fileName,
        content: participantImports.content,
        importedAt: participantImports.importedAt,
      })
      .from(participantImports)
      .where(
        and(
          eq(participantImports.id, importId),
          eq(participantImports.seriesId, seriesId),
          eq(participantImports.surveyId, surveyId),
          eq(participantImports.userId, userId),
          eq(participantImports.kind, "survey"),
        ),
      )
      .get() ?? null
  );
}

/**
 * Stores every row as a response (channel "import") and marks the upload
 * done, in one transaction: a failure leaves nothing, and a second
 * confirmation throws ImportAlreadyDoneError. The stored file is emptied once
 * imported: the answers now live in the responses only.
 */
export function commitSurveyImport({
  importId,
  survey,
  rows,
  now = new Date(),
}: {
  importId: number;
  survey: SeriesSurvey;
  rows: Pick<SurveyImportRow, "line" | "parsed" | "pairCode">[];
  now?: Date;
}): number {
  const target = { id: survey.id, seriesId: survey.seriesId, sessionId: survey.session?.id ?? null };
  return writeTransaction((tx) => {
    markImportDone(tx, importId, now);
    for (const row of rows) {
      insertResponse(tx, { survey: target, parsed: row.parsed, channel: "import", pairCode: row.pairCode, submissionKey: `import-${importId}-${row.line}`, now });
    }
    tx.update(participantImports).set({ content: "" }).where(eq(participantImports.id, importId)).run();
    return rows.length;
  });
}
