/**
 * How a series' surveys reach participants (decision 010): personal links by
 * e-mail, one per person and survey. Only the SHA-256 of a link's token is
 * stored; sending again replaces the token, so only the latest mailed link
 * works and a person never has two. Which response came through which link
 * is never stored: a personal answer leaves only a receipt (survey, person),
 * written by `saveResponse` in survey.server.ts.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { looksLikeCheckinToken } from "~/lib/checkin-helpers";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { getDb, schema, writeTransaction } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";
import { surveyByPublicCode, type SeriesSurvey } from "./survey.server";

const { enrolments, people, surveyLinks, surveyReceipts, surveys } = schema;

export type LinkRecipient = { personId: number; name: string; email: string };

/**
 * Who gets a personal link to the survey: everyone enrolled in its series
 * (status anmäld) with an e-mail address, except those who have already
 * answered through their link. Empty when the series is outside the scope.
 */
export function surveyLinkRecipients({ seriesId, surveyId, scope }: { seriesId: number; surveyId: number; scope: Scope }): LinkRecipient[] {
  return getDb()
    .select({ personId: people.id, name: people.name, email: people.email })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .innerJoin(surveys, and(eq(surveys.id, surveyId), eq(surveys.seriesId, enrolments.seriesId)))
    .where(
      and(
        eq(enrolments.seriesId, seriesId),
        eq(enrolments.status, "anmald"),
        sql`trim(${people.email}) <> ''`,
        sql`not exists (select 1 from ${surveyReceipts} r where r.survey_id = ${surveys.id} and r.person_id = ${people.id})`,
        seriesInScope(scope, enrolments.seriesId),
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .all();
}

/**
 * Creates or replaces each person's link to the survey, in one transaction,
 * and returns the raw tokens (for the mail; they are not kept).
 */
export function issueSurveyLinks({ surveyId, personIds, now = new Date() }: { surveyId: number; personIds: number[]; now?: Date }): Map<number, string> {
  const tokens = new Map<number, string>();
  for (const personId of new Set(personIds)) tokens.set(personId, randomToken());
  writeTransaction((tx) => {
    for (const [personId, token] of tokens) {
      const tokenHash = hashToken(token);
      tx.insert(surveyLinks)
        .values({ surveyId, personId, tokenHash, sentAt: now })
        .onConflictDoUpdate({ target: [surveyLinks.surveyId, surveyLinks.personId], set: { tokenHash, sentAt: now } })
        .run();
    }
  });
  return tokens;
}

/** Per survey of the series: how many people have a personal link. */
export function linksSentBySurvey({ seriesId, scope }: { seriesId: number; scope: Scope }): Map<number, number> {
  const rows = getDb()
    .select({ surveyId: surveyLinks.surveyId, n: sql<number>`count(*)` })
    .from(surveyLinks)
    .innerJoin(surveys, eq(surveys.id, surveyLinks.surveyId))
    .where(and(eq(surveys.seriesId, seriesId), seriesInScope(scope, surveys.seriesId)))
    .groupBy(surveyLinks.surveyId)
    .all();
  return new Map(rows.map((r) => [r.surveyId, r.n]));
}

export type PersonalLink = { survey: SeriesSurvey; personId: number; answered: boolean };

/**
 * The survey and person behind a personal link, and whether that person has
 * answered; null for anything made up, replaced or malformed.
 */
export function personalSurveyLink(token: unknown): PersonalLink | null {
  if (!looksLikeCheckinToken(token)) return null;
  const row = getDb()
    .select({
      publicCode: surveys.publicCode,
      personId: surveyLinks.personId,
      answered: sql<number>`exists (select 1 from ${surveyReceipts} r where r.survey_id = ${surveyLinks.surveyId} and r.person_id = ${surveyLinks.personId})`,
    })
    .from(surveyLinks)
    .innerJoin(surveys, eq(surveys.id, surveyLinks.surveyId))
    .where(eq(surveyLinks.tokenHash, hashToken(token)))
    .get();
  if (!row) return null;
  // The survey's details are read the one way the room link reads them.
  const survey = surveyByPublicCode(row.publicCode);
  return survey ? { survey, personId: row.personId, answered: Boolean(row.answered) } : null;
}
