/**
 * One table of the survey analysis as CSV for Swedish Excel:
 * /serier/:id/enkater/analys/<tabell>.csv. The cells are the page's own
 * (`analysisTables` on the same `analysisView`), so the file says what the
 * page says, hidden cells included. The free-text theme counts (ros-teman.csv)
 * are for process leaders only, like the free-text page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { fileNameSlug, toExcelCsv } from "~/lib/csv";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { analysisTables, tableCsvRows, themeTable, THEME_TABLE_ID } from "~/lib/survey-analysis-tables";
import { requireSurveyAnalysis } from "~/lib/survey-analysis.server";
import { listFreeText } from "~/models/survey-analysis.server";
import { getSeries } from "~/models/series.server";

function csvResponse(rows: (string | number)[][], fileName: string) {
  return new Response(toExcelCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = /^([a-z0-9-]+)\.csv$/.exec(params.file ?? "")?.[1];
  if (!id) {
    // Same answer as for any unknown file, but only after the permission check.
    await requireSeriesPermission(request, params.seriesId, "read", "survey-results");
    throw json({ message: "not-found" }, { status: 404 });
  }
  const t = await getTranslator(request);
  if (id === THEME_TABLE_ID) {
    const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "survey-text");
    const series = getSeries({ seriesId, scope });
    if (!series) throw json({ message: "not-found" }, { status: 404 });
    const items = listFreeText({ seriesId, scope }).map((item) => ({
      surveyName: item.templateName,
      code: item.code,
      prompt: item.prompt,
      answers: item.answers.length,
      themeCounts: item.themeCounts,
    }));
    return csvResponse(tableCsvRows(t, themeTable(t, items), 0), `enkat-${id}-${fileNameSlug(series.name)}.csv`);
  }
  const { series, view } = await requireSurveyAnalysis(request, params.seriesId);
  const table = analysisTables(t, view).find((spec) => spec.id === id);
  if (!table) throw json({ message: "not-found" }, { status: 404 });
  return csvResponse(tableCsvRows(t, table, view.threshold), `enkat-${id}-${fileNameSlug(series.name)}.csv`);
}
