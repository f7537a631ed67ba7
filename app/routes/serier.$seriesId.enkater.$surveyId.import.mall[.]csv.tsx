import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileNameSlug, toExcelCsv } from "~/lib/csv";
import { requireSurveyEntry } from "~/lib/survey-entry.server";
import { surveyTemplateHeader } from "~/lib/survey-import";

/**
 * An empty file to fill in, one row per paper questionnaire: the header only
 * (item codes in questionnaire order, "<code> hade" for now/then items, Kod),
 * so no example row can be imported by mistake.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, template } = await requireSurveyEntry(request, params);
  const name = `${fileNameSlug(survey.templateName)}-${fileNameSlug(survey.seriesName)}-mall.csv`;
  return new Response(toExcelCsv([surveyTemplateHeader(template.items)]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
}
