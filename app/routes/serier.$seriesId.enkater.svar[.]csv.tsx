/**
 * The raw anonymous responses of a series as CSV for Swedish Excel, for
 * process leaders only (read:survey-text; coordinators and sponsors 403).
 * One row per questionnaire: survey, session, sector, role, pairing code,
 * channel, day, then each item's answer (1–5, 9 for Vet ej; option values;
 * "<code>_hade" for the at-the-start half of a now-and-then item; free text).
 * Rows are sorted by survey and then by the random response id, which is not
 * written, so the order says nothing about who answered when. No person data.
 * ?enkat=<id> gives one survey, with the bare item codes as column headings.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { fileNameSlug, toExcelCsv } from "~/lib/csv";
import { formatDate } from "~/lib/format";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { DONT_KNOW_DIGIT } from "~/lib/survey-answers";
import { getSeries } from "~/models/series.server";
import { rawResponses, type RawResponse } from "~/models/survey-analysis.server";
import { audit, staffAudit } from "~/models/audit-log.server";

type Answer = RawResponse["answers"] extends Map<number, infer A> ? A : never;

function scale(value: number | null, dontKnow: boolean): string | number {
  if (dontKnow) return DONT_KNOW_DIGIT;
  return value ?? "";
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "survey-text");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  const only = new URL(request.url).searchParams.get("enkat");
  const raw = rawResponses({ seriesId, scope });
  const surveys = only === null ? raw.surveys : raw.surveys.filter((s) => String(s.survey.id) === only);
  if (only !== null && surveys.length === 0) throw json({ message: "not-found" }, { status: 404 });
  const prefixed = surveys.length > 1;

  type Column = { surveyId: number; itemId: number; heading: string; value: (a: Answer | undefined) => string | number };
  const columns: Column[] = surveys.flatMap(({ survey, template }) =>
    template.items.flatMap((item): Column[] => {
      const column = (code: string, value: Column["value"]): Column => ({
        surveyId: survey.id,
        itemId: item.id,
        heading: prefixed ? `${survey.templateName} ${code}` : code,
        value,
      });
      switch (item.kind) {
        case "likert":
          return [column(item.code, (a) => (a ? scale(a.value, a.dontKnow) : ""))];
        case "likert_now_then":
          return [column(item.code, (a) => (a ? scale(a.value, a.dontKnow) : "")), column(`${item.code}_hade`, (a) => (a ? scale(a.valueThen, a.dontKnowThen) : ""))];
        case "single":
          return [column(item.code, (a) => a?.choice ?? "")];
        case "multiple":
          return [column(item.code, (a) => (a?.choices ?? []).join(","))];
        case "text":
          return [column(item.code, (a) => a?.text ?? "")];
      }
    }),
  );

  const bySurvey = new Map(surveys.map((s) => [s.survey.id, s.survey]));
  const header = [
    t("surveyAnalysis.raw.survey"),
    t("surveyAnalysis.raw.session"),
    t("surveyAnalysis.raw.sector"),
    t("surveyAnalysis.raw.role"),
    t("surveyAnalysis.raw.pairCode"),
    t("surveyAnalysis.raw.channel"),
    t("surveyAnalysis.raw.day"),
    ...columns.map((c) => c.heading),
  ];
  const rows = raw.responses
    .filter((r) => bySurvey.has(r.surveyId))
    .map((r) => {
      const survey = bySurvey.get(r.surveyId)!;
      return [
        survey.templateName,
        survey.session ? t("surveyAnalysis.sessionText", { position: survey.session.position, date: formatDate(survey.session.startsAt) }) : "",
        r.sector ? t(`sector.${r.sector}`) : "",
        r.roleCategory ? t(`roleCategory.${r.roleCategory}`) : "",
        r.pairCode ?? "",
        t(`survey.channel.${r.channel}`),
        r.submittedOn,
        ...columns.map((c) => (c.surveyId === r.surveyId ? c.value(r.answers.get(c.itemId)) : "")),
      ];
    });
  const suffix = only === null ? "" : `-${only}`;
  audit(staffAudit(user, context), {
    action: "export.survey_responses",
    entityKind: "series",
    entityId: seriesId,
    seriesId,
    details: { rows: rows.length, surveyIds: surveys.map((s) => s.survey.id), format: "csv" },
  });
  return new Response(toExcelCsv([header, ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="enkatsvar${suffix}-${fileNameSlug(series.name)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
