/**
 * Survey analysis, free-text coding and the raw export of one series (issue #7,
 * parts 4–6). The figures are counted in SQL – one row per response and index
 * (the mean of its answered items), then counted by category, sector and half
 * step – so no answers are loaded into JavaScript for the analysis. What a
 * viewer may see is decided afterwards by `analysisView` (app/lib/survey-analysis.ts).
 *
 * Callers check the permission first (read:survey-results, read/update:survey-text);
 * the series is looked up within the caller's scope here as well.
 */
import { and, eq, sql } from "drizzle-orm";
import { ROS_THEMES, type RoleCategory, type RosTheme, type Sector, type SurveyChannel, type SurveyItemKind } from "../../db/schema";
import {
  BIN_COUNT,
  NO_SECTOR,
  SECTOR_KEYS,
  type RawAnalysis,
  type RawIndex,
  type RawNowThen,
  type RawPairIndex,
  type RawSurvey,
  type SectorKey,
} from "~/lib/survey-analysis";
import { getDb, schema, writeTransaction } from "./db.server";
import type { Scope } from "./scope.server";
import { getTemplate, listSeriesSurveys, type SeriesSurvey, type SurveyTemplateDetails } from "./survey.server";

const { surveyTextTags } = schema;

/**
 * One row per (response, index): the sum and the number of the answered items
 * (Vet ej and blanks have no value). A response with none of the index's items
 * answered has no row, so it is left out of that index.
 */
function indexRows(where: ReturnType<typeof sql>) {
  return sql`select r.survey_id as survey_id, r.id as response_id, coalesce(r.sector, ${NO_SECTOR}) as sector, ii.index_id as index_id,
      sum(a.value) as s, count(a.value) as k
    from survey_responses r
    join survey_answers a on a.response_id = r.id
    join survey_index_items ii on ii.item_id = a.item_id
    where ${where} and a.value is not null and a.dont_know = 0
    group by r.id, ii.index_id`;
}

type SeriesSurveyWithTemplate = { survey: SeriesSurvey; template: SurveyTemplateDetails };

function surveysWithTemplates(seriesId: number, scope: Scope): SeriesSurveyWithTemplate[] {
  const templates = new Map<number, SurveyTemplateDetails | null>();
  return listSeriesSurveys({ seriesId, scope }).flatMap((survey) => {
    if (!templates.has(survey.templateId)) templates.set(survey.templateId, getTemplate(survey.templateId));
    const template = templates.get(survey.templateId);
    return template ? [{ survey, template }] : [];
  });
}

const isSectorKey = (value: string): value is SectorKey => (SECTOR_KEYS as readonly string[]).includes(value);

/** The raw counts behind the analysis page of one series (empty when the series is out of scope). */
export function surveyAnalysis({ seriesId, scope }: { seriesId: number; scope: Scope }): RawAnalysis {
  const db = getDb();
  const list = surveysWithTemplates(seriesId, scope);
  if (list.length === 0) return { surveys: [], prePost: null };
  const inSeries = sql`r.series_id = ${seriesId}`;

  const respondents = db.all<{ surveyId: number; sector: string; n: number }>(
    sql`select survey_id as surveyId, coalesce(sector, ${NO_SECTOR}) as sector, count(*) as n
        from survey_responses where series_id = ${seriesId} group by 1, 2`,
  );
  const attendees = db.all<{ sessionId: number; n: number }>(
    sql`select a.series_session_id as sessionId, count(*) as n from attendance a
        where a.series_id = ${seriesId} and a.series_session_id is not null and a.status in ('narvarande', 'sen')
        group by 1`,
  );
  const categories = db.all<{ surveyId: number; indexId: number; sector: string; lagre: number; hogre: number; sumOfMeans: number }>(
    sql`select survey_id as surveyId, index_id as indexId, sector,
          sum(case when 2 * s >= 7 * k then 0 else 1 end) as lagre,
          sum(case when 2 * s >= 7 * k then 1 else 0 end) as hogre,
          sum(cast(s as real) / k) as sumOfMeans
        from (${indexRows(inSeries)}) group by 1, 2, 3`,
  );
  // (2s) / k in integer arithmetic is twice the mean rounded down: a half step, exactly.
  const bins = db.all<{ surveyId: number; indexId: number; half: number; n: number }>(
    sql`select survey_id as surveyId, index_id as indexId, (2 * s) / k as half, count(*) as n
        from (${indexRows(inSeries)}) group by 1, 2, 3`,
  );
  const nowThen = db.all<{ surveyId: number; indexId: number; n: number; sumNow: number; sumThen: number }>(
    sql`select survey_id as surveyId, index_id as indexId, count(*) as n,
          sum(cast(sn as real) / kn) as sumNow, sum(cast(st as real) / kt) as sumThen
        from (
          select r.survey_id as survey_id, r.id as response_id, ii.index_id as index_id,
            sum(case when a.dont_know = 0 then a.value end) as sn, count(case when a.dont_know = 0 then a.value end) as kn,
            sum(case when a.dont_know_then = 0 then a.value_then end) as st, count(case when a.dont_know_then = 0 then a.value_then end) as kt
          from survey_responses r
          join survey_answers a on a.response_id = r.id
          join survey_items i on i.id = a.item_id and i.kind = 'likert_now_then'
          join survey_index_items ii on ii.item_id = a.item_id
          where ${inSeries}
          group by r.id, ii.index_id
        ) where kn > 0 and kt > 0 group by 1, 2`,
  );

  const surveys: RawSurvey[] = list.map(({ survey, template }) => {
    const kinds = new Map<number, SurveyItemKind>(template.items.map((i) => [i.id, i.kind]));
    const sectorCounts = respondents.filter((r) => r.surveyId === survey.id);
    const indices: RawIndex[] = template.indices.map((index) => {
      const bySector: RawIndex["bySector"] = {};
      for (const row of categories) {
        if (row.surveyId !== survey.id || row.indexId !== index.id || !isSectorKey(row.sector)) continue;
        bySector[row.sector] = { lagre: row.lagre, hogre: row.hogre, sumOfMeans: row.sumOfMeans };
      }
      const counts = new Array<number>(BIN_COUNT).fill(0);
      for (const row of bins) {
        if (row.surveyId === survey.id && row.indexId === index.id) counts[Math.min(BIN_COUNT - 1, Math.max(0, row.half - 2))] += row.n;
      }
      return { id: index.id, name: index.name, itemCount: index.itemIds.length, bySector, bins: counts };
    });
    const themes: RawNowThen[] = template.indices
      .filter((index) => index.itemIds.some((id) => kinds.get(id) === "likert_now_then"))
      .map((index) => {
        const row = nowThen.find((r) => r.surveyId === survey.id && r.indexId === index.id);
        return { id: index.id, name: index.name, n: row?.n ?? 0, sumNow: row?.sumNow ?? 0, sumThen: row?.sumThen ?? 0 };
      });
    return {
      id: survey.id,
      templateName: survey.templateName,
      phase: survey.phase,
      session: survey.session ? { position: survey.session.position, title: survey.session.title, startsAt: survey.session.startsAt } : null,
      respondents: sectorCounts.reduce((s, r) => s + r.n, 0),
      attendees: survey.session ? (attendees.find((a) => a.sessionId === survey.session!.id)?.n ?? 0) : null,
      sectors: SECTOR_KEYS.filter((key) => sectorCounts.some((r) => r.sector === key && r.n > 0)),
      indices,
      nowThen: themes,
    };
  });

  const pre = list.find((s) => s.survey.phase === "pre");
  const post = list.find((s) => s.survey.phase === "post");
  let prePost: RawAnalysis["prePost"] = null;
  if (pre && post) {
    const matched = pre.template.indices.flatMap((p) => {
      const q = post.template.indices.find((i) => i.name === p.name);
      return q ? [{ name: p.name, preIndexId: p.id, postIndexId: q.id }] : [];
    });
    const preId = pre.survey.id;
    const postId = post.survey.id;
    // A code used on more than one form of the same survey cannot be paired, so it is left out.
    const changes = db.all<{ preIndexId: number; sector: string; pairs: number; sumChange: number }>(
      sql`with pre as (
            select pair_code, min(id) as id from survey_responses
            where survey_id = ${preId} and pair_code is not null group by pair_code having count(*) = 1),
          post as (
            select pair_code, min(id) as id from survey_responses
            where survey_id = ${postId} and pair_code is not null group by pair_code having count(*) = 1),
          pairs as (
            select pre.id as pre_id, post.id as post_id, coalesce(rq.sector, rp.sector, ${NO_SECTOR}) as sector
            from pre join post on post.pair_code = pre.pair_code
            join survey_responses rp on rp.id = pre.id
            join survey_responses rq on rq.id = post.id),
          idx as (${indexRows(sql`r.survey_id in (${preId}, ${postId})`)})
        select a.index_id as preIndexId, p.sector as sector, count(*) as pairs,
          sum(cast(b.s as real) / b.k - cast(a.s as real) / a.k) as sumChange
        from pairs p
        join idx a on a.response_id = p.pre_id
        join survey_indices sa on sa.id = a.index_id
        join idx b on b.response_id = p.post_id
        join survey_indices sb on sb.id = b.index_id and sb.name = sa.name
        group by 1, 2`,
    );
    const indices: RawPairIndex[] = matched.map((m) => {
      const bySector: RawPairIndex["bySector"] = {};
      for (const row of changes) {
        if (row.preIndexId === m.preIndexId && isSectorKey(row.sector)) bySector[row.sector] = { pairs: row.pairs, sumChange: row.sumChange };
      }
      return { ...m, bySector };
    });
    prePost = { preSurveyId: preId, postSurveyId: postId, indices };
  }
  return { surveys, prePost };
}

// ---------------------------------------------------------------------------
// Free text (process leaders only)
// ---------------------------------------------------------------------------

export type FreeTextAnswer = { responseId: string; itemId: number; text: string; themes: RosTheme[] };

export type FreeTextItem = {
  surveyId: number;
  templateName: string;
  phase: SeriesSurvey["phase"];
  itemId: number;
  code: string;
  prompt: string;
  answers: FreeTextAnswer[];
  /** Answers tagged with each theme. */
  themeCounts: Record<RosTheme, number>;
};

/**
 * Every free-text answer of the series, per text item, sorted by its text (so
 * the order says nothing about when it was given), with its ROS tags.
 */
export function listFreeText({ seriesId, scope }: { seriesId: number; scope: Scope }): FreeTextItem[] {
  const list = surveysWithTemplates(seriesId, scope);
  if (list.length === 0) return [];
  const rows = getDb().all<{ surveyId: number; responseId: string; itemId: number; text: string; themes: string | null }>(
    sql`select r.survey_id as surveyId, a.response_id as responseId, a.item_id as itemId, a.text as text,
          (select group_concat(tg.theme) from survey_text_tags tg where tg.response_id = a.response_id and tg.item_id = a.item_id) as themes
        from survey_answers a
        join survey_responses r on r.id = a.response_id
        join survey_items i on i.id = a.item_id and i.kind = 'text'
        where r.series_id = ${seriesId} and a.text is not null and trim(a.text) <> ''`,
  );
  const collator = new Intl.Collator("sv");
  return list.flatMap(({ survey, template }) =>
    template.items
      .filter((item) => item.kind === "text")
      .map((item) => {
        const answers = rows
          .filter((r) => r.surveyId === survey.id && r.itemId === item.id)
          .map((r) => ({ responseId: r.responseId, itemId: r.itemId, text: r.text, themes: ROS_THEMES.filter((theme) => (r.themes ?? "").split(",").includes(theme)) }))
          .sort((a, b) => collator.compare(a.text, b.text) || (a.responseId < b.responseId ? -1 : 1));
        const themeCounts = Object.fromEntries(ROS_THEMES.map((theme) => [theme, answers.filter((a) => a.themes.includes(theme)).length])) as Record<RosTheme, number>;
        return {
          surveyId: survey.id,
          templateName: survey.templateName,
          phase: survey.phase,
          itemId: item.id,
          code: item.code,
          prompt: item.prompt,
          answers,
          themeCounts,
        };
      }),
  );
}

/** The (response, item) keys of the series' free-text answers, to resolve an opaque answer token. */
export function freeTextKeys({ seriesId }: { seriesId: number }): { responseId: string; itemId: number }[] {
  return getDb().all<{ responseId: string; itemId: number }>(
    sql`select a.response_id as responseId, a.item_id as itemId
        from survey_answers a
        join survey_responses r on r.id = a.response_id
        join survey_items i on i.id = a.item_id and i.kind = 'text'
        where r.series_id = ${seriesId} and a.text is not null and trim(a.text) <> ''`,
  );
}

/** Replaces the ROS themes of one free-text answer of the series. False if there is no such answer. */
export function setTextThemes({
  seriesId,
  responseId,
  itemId,
  themes,
}: {
  seriesId: number;
  responseId: string;
  itemId: number;
  themes: RosTheme[];
}): boolean {
  return writeTransaction((tx) => {
    const exists = tx.get<{ one: number } | undefined>(
      sql`select 1 as one from survey_answers a join survey_responses r on r.id = a.response_id
          join survey_items i on i.id = a.item_id and i.kind = 'text'
          where a.response_id = ${responseId} and a.item_id = ${itemId} and r.series_id = ${seriesId}`,
    );
    if (!exists) return false;
    tx.delete(surveyTextTags).where(and(eq(surveyTextTags.responseId, responseId), eq(surveyTextTags.itemId, itemId))).run();
    const unique = ROS_THEMES.filter((t) => themes.includes(t));
    if (unique.length) tx.insert(surveyTextTags).values(unique.map((theme) => ({ responseId, itemId, theme }))).run();
    return true;
  });
}

// ---------------------------------------------------------------------------
// Raw anonymous responses (process leaders only)
// ---------------------------------------------------------------------------

export type RawResponse = {
  surveyId: number;
  sector: Sector | null;
  roleCategory: RoleCategory | null;
  pairCode: string | null;
  channel: SurveyChannel;
  submittedOn: string;
  answers: Map<number, { value: number | null; dontKnow: boolean; valueThen: number | null; dontKnowThen: boolean; choice: string | null; choices: string[] | null; text: string | null }>;
};

/**
 * Every response of the series with its answers, for the raw CSV. Sorted by
 * survey and then by the random response id, so the order says nothing about
 * when anyone answered; the id itself is not returned.
 */
export function rawResponses({ seriesId, scope }: { seriesId: number; scope: Scope }): { surveys: SeriesSurveyWithTemplate[]; responses: RawResponse[] } {
  const list = surveysWithTemplates(seriesId, scope);
  if (list.length === 0) return { surveys: [], responses: [] };
  const db = getDb();
  const order = new Map(list.map((s, i) => [s.survey.id, i]));
  const responses = db.all<{ id: string; surveyId: number; sector: Sector | null; roleCategory: RoleCategory | null; pairCode: string | null; channel: SurveyChannel; submittedOn: string }>(
    sql`select id, survey_id as surveyId, sector, role_category as roleCategory, pair_code as pairCode, channel, submitted_on as submittedOn
        from survey_responses where series_id = ${seriesId} order by id`,
  );
  const answers = db.all<{ responseId: string; itemId: number; value: number | null; dontKnow: number; valueThen: number | null; dontKnowThen: number; choice: string | null; choices: string | null; text: string | null }>(
    sql`select a.response_id as responseId, a.item_id as itemId, a.value, a.dont_know as dontKnow, a.value_then as valueThen,
          a.dont_know_then as dontKnowThen, a.choice, a.choices, a.text
        from survey_answers a join survey_responses r on r.id = a.response_id where r.series_id = ${seriesId}`,
  );
  const byResponse = new Map<string, RawResponse>();
  const result = responses
    .filter((r) => order.has(r.surveyId))
    .sort((a, b) => order.get(a.surveyId)! - order.get(b.surveyId)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => {
      const row: RawResponse = { surveyId: r.surveyId, sector: r.sector, roleCategory: r.roleCategory, pairCode: r.pairCode, channel: r.channel, submittedOn: r.submittedOn, answers: new Map() };
      byResponse.set(r.id, row);
      return row;
    });
  for (const a of answers) {
    byResponse.get(a.responseId)?.answers.set(a.itemId, {
      value: a.value,
      dontKnow: Boolean(a.dontKnow),
      valueThen: a.valueThen,
      dontKnowThen: Boolean(a.dontKnowThen),
      choice: a.choice,
      choices: a.choices ? (JSON.parse(a.choices) as string[]) : null,
      text: a.text,
    });
  }
  return { surveys: list, responses: result };
}
