/**
 * Survey analysis of one series (issue #7, part 4): response rate per survey,
 * each index's mean and distribution, the published-style cross-table by
 * sector, pre against post by sector with within-person change for paired
 * codes, and "now compared with at the start" per theme.
 * read:survey-results – process leaders see exact figures; the series'
 * coordinators and sponsors see small groups hidden (decided on the server,
 * `analysisView`); other municipalities' coordinators get 404.
 * Every table downloads as CSV (serier.$seriesId.enkater.analys_.$file).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChartFigure } from "~/components/chart-figure";
import { SurveyAnalysisTable } from "~/components/survey-analysis-table";
import { useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatNumber } from "~/lib/format";
import { isHidden } from "~/lib/suppression";
import type { AnalysisView, SurveyView } from "~/lib/survey-analysis";
import { binLabel, formatMean, hiddenText, prePostTables, responseRateTable, surveyHeading, surveyTables, type AnalysisTableSpec } from "~/lib/survey-analysis-tables";
import { requireSurveyAnalysis } from "~/lib/survey-analysis.server";
import { formatShare } from "~/lib/county-dashboard";
import { BIN_COUNT } from "~/lib/survey-analysis";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Processtöd` : "Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { series, view, canReadText } = await requireSurveyAnalysis(request, params.seriesId);
  const t = await getTranslator(request);
  return {
    series: { id: series.id, name: series.name },
    title: t("surveyAnalysis.title", { series: series.name }),
    view,
    canReadText,
  };
}

function Table({ spec, view, seriesId }: { spec: AnalysisTableSpec; view: AnalysisView; seriesId: number }) {
  return <SurveyAnalysisTable spec={spec} threshold={view.threshold} csvHref={`/serier/${seriesId}/enkater/analys/${spec.id}.csv`} />;
}

function figureText(t: Translate, value: number | "small" | "complementary", threshold: number) {
  return hiddenText(t, value, threshold) ?? formatNumber(value as number);
}

/** "Medelvärde: Kunskap 3,6 (n = 40), Förmåga 3,4 (n = 39) och Samsyn 3,5 (n = 40)." */
function distributionSummary(t: Translate, survey: SurveyView, threshold: number): string {
  const parts = survey.indices.map((i) =>
    t("surveyAnalysis.chartSummaryPart", {
      index: i.name,
      mean: i.mean === null ? "–" : formatMean(i.mean),
      n: figureText(t, i.n, threshold),
    }),
  );
  return t("surveyAnalysis.chartSummary", { list: parts.join(", ") });
}

function SurveySection({ survey, view, seriesId }: { survey: SurveyView; view: AnalysisView; seriesId: number }) {
  const t = useT();
  const heading = surveyHeading(t, survey);
  const tables = surveyTables(t, survey);
  const ranges = survey.indices.some((i) => i.itemCount > 2);
  const titleId = `enkat-${survey.id}`;
  return (
    <section className="survey-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{heading}</h2>
      <p>
        {survey.attendees === null || survey.rate === null
          ? t("surveyAnalysis.respondentsOnly", { respondents: figureText(t, survey.respondents, view.threshold) })
          : t("surveyAnalysis.rateSentence", {
              respondents: figureText(t, survey.respondents, view.threshold),
              attendees: figureText(t, survey.attendees, view.threshold),
              rate: formatShare(survey.rate),
            })}
      </p>
      {survey.respondents === 0 ? (
        <p className="empty">{t("surveyAnalysis.noResponses")}</p>
      ) : survey.indices.length === 0 ? (
        <p className="empty">{t("surveyAnalysis.noIndices")}</p>
      ) : (
        <>
          <h3>{t("surveyAnalysis.meansTitle")}</h3>
          <Table spec={tables.means} view={view} seriesId={seriesId} />

          <h3>{t("surveyAnalysis.distributionTitle")}</h3>
          <ChartFigure
            id={`chart-${survey.id}`}
            title={t("surveyAnalysis.chartTitle", { survey: heading })}
            summary={distributionSummary(t, survey, view.threshold)}
            kind="bar"
            labels={Array.from({ length: BIN_COUNT }, (_, bin) => binLabel(bin, ranges))}
            series={survey.indices.map((i) => ({ label: i.name, values: i.bins.map((b) => (isHidden(b) ? null : b)) }))}
            table={<Table spec={tables.distribution} view={view} seriesId={seriesId} />}
          />

          <h3>{t("surveyAnalysis.sectorTitle")}</h3>
          <p className="survey-rule">{t("surveyAnalysis.sectorIntro")}</p>
          {tables.sectors.map((spec) => (
            <Table key={spec.id} spec={spec} view={view} seriesId={seriesId} />
          ))}

          {tables.nowThen ? (
            <>
              <h3>{t("surveyAnalysis.nowThenTitle")}</h3>
              <Table spec={tables.nowThen} view={view} seriesId={seriesId} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

export default function SurveyAnalysisPage() {
  const { series, title, view, canReadText } = useLoaderData<typeof loader>();
  const t = useT();
  const prePost = prePostTables(t, view);
  return (
    <div className="survey-analysis">
      <p className="print-hidden">
        <Link to={`/serier/${series.id}`}>{t("surveyAnalysis.back")}</Link>
      </p>
      <div className="page-title">
        <h1>{title}</h1>
        <p className="link-row print-hidden survey-actions">
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t("surveyAnalysis.print")}
          </button>
          {canReadText ? <Link to={`/serier/${series.id}/enkater/fritext`}>{t("surveyAnalysis.freeTextLink")}</Link> : null}
          {canReadText ? (
            <a href={`/serier/${series.id}/enkater/svar.csv`} download>
              {t("surveyAnalysis.rawCsv")}
            </a>
          ) : null}
        </p>
      </div>
      <p className="lead">{t("surveyAnalysis.intro")}</p>
      <p className={view.exact ? "notice" : "notice notice--warn"}>
        {view.exact ? t("surveyAnalysis.exactNote") : t("surveyAnalysis.suppressedNote", { n: view.threshold })}
      </p>

      {view.surveys.length === 0 ? (
        <p className="empty">{t("surveyAnalysis.noSurveys")}</p>
      ) : (
        <>
          <h2>{t("surveyAnalysis.rateTitle")}</h2>
          <Table spec={responseRateTable(t, view)} view={view} seriesId={series.id} />

          {view.surveys.map((survey) => (
            <SurveySection key={survey.id} survey={survey} view={view} seriesId={series.id} />
          ))}

          <section className="survey-section" aria-labelledby="fore-efter">
            <h2 id="fore-efter">{t("surveyAnalysis.prePostTitle")}</h2>
            {prePost.length === 0 ? (
              <p className="empty">{t("surveyAnalysis.prePostNone")}</p>
            ) : (
              <>
                <p className="survey-rule">{t("surveyAnalysis.prePostIntro")}</p>
                {prePost.map((spec) => (
                  <Table key={spec.id} spec={spec} view={view} seriesId={series.id} />
                ))}
              </>
            )}
          </section>
        </>
      )}

      <h2>{t("surveyAnalysis.definitionsTitle")}</h2>
      <ul className="survey-definitions">
        <li>{t("surveyAnalysis.definitionIndex")}</li>
        <li>{t("surveyAnalysis.definitionCategory")}</li>
        <li>{t("surveyAnalysis.definitionRate")}</li>
        <li>{t("surveyAnalysis.definitionSector")}</li>
        <li>{t("surveyAnalysis.definitionPairs")}</li>
        {view.exact ? null : <li>{t("surveyAnalysis.definitionSuppression", { n: view.threshold })}</li>}
      </ul>
    </div>
  );
}
