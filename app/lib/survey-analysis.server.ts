/**
 * What the analysis page and its CSV files share: the permission check, the
 * series, and the figures the signed-in user may see. Process leaders (who may
 * read free text, "read:survey-text") get exact figures; coordinators of the
 * series and sponsors get them after suppression. Other municipalities'
 * coordinators get 404 from `requireSeriesPermission`.
 */
import { json } from "@remix-run/node";
import { can, requireSeriesPermission } from "~/lib/permissions.server";
import { suppressionThreshold } from "~/lib/suppression";
import { analysisView, type AnalysisView } from "~/lib/survey-analysis";
import { getSeries } from "~/models/series.server";
import { surveyAnalysis } from "~/models/survey-analysis.server";

export async function requireSurveyAnalysis(request: Request, seriesIdParam: string | undefined) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, seriesIdParam, "read", "survey-results");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const exact = can(user, "read", "survey-text");
  const view: AnalysisView = analysisView(surveyAnalysis({ seriesId, scope }), { exact, threshold: suppressionThreshold() });
  return { user, scope, series, view, canReadText: exact };
}
