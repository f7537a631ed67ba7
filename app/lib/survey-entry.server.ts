/**
 * The permission check of every paper-entry and survey-import page: the
 * survey of the URL, within the series the user may enter answers for.
 * Another municipality's series or survey is 404, a sponsor 403.
 */
import { json } from "@remix-run/node";
import { requireSeriesPermission } from "./permissions.server";
import { entrySurvey } from "~/models/survey-entry.server";

export async function requireSurveyEntry(request: Request, params: { seriesId?: string; surveyId?: string }) {
  const access = await requireSeriesPermission(request, params.seriesId, "create", "survey-entry");
  const surveyId = Number(params.surveyId);
  const found = Number.isSafeInteger(surveyId) && surveyId > 0 ? entrySurvey({ seriesId: access.seriesId, surveyId, scope: access.scope }) : null;
  if (!found) throw json({ message: "not-found" }, { status: 404 });
  return { ...access, ...found, base: `/serier/${access.seriesId}/enkater/${surveyId}` };
}
