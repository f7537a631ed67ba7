/**
 * Free-text answers of a series' surveys, for process leaders only
 * (read/update:survey-text; coordinators and sponsors get 403, others' series
 * 404). Each answer can be coded with the ROS themes (Regelverk, Organisation,
 * Synsätt), saved per answer in survey_text_tags, and counted per theme and
 * question. Answers are sorted by their text and carry an opaque per-answer
 * value instead of the response id (app/lib/survey-analysis-tokens.server.ts),
 * so nothing on the page links two answers of one questionnaire.
 * Without JavaScript each answer's form posts and redirects; with it, a fetcher
 * saves as soon as a box is ticked.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { SurveyAnalysisTable } from "~/components/survey-analysis-table";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { themeTable } from "~/lib/survey-analysis-tables";
import { answerToken, resolveAnswerToken } from "~/lib/survey-analysis-tokens.server";
import { parseFormData } from "~/lib/validation";
import { getSeries } from "~/models/series.server";
import { freeTextKeys, listFreeText, setTextThemes } from "~/models/survey-analysis.server";
import { ROS_THEMES, type RosTheme } from "../../db/schema";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Processtöd` : "Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "survey-text");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  const items = listFreeText({ seriesId, scope }).map((item) => ({
    key: `${item.surveyId}-${item.itemId}`,
    surveyName: item.templateName,
    code: item.code,
    prompt: item.prompt,
    themeCounts: item.themeCounts,
    answers: item.answers.map((a) => ({ token: answerToken(a.responseId, a.itemId), text: a.text, themes: a.themes })),
  }));
  return { series: { id: series.id, name: series.name }, title: t("surveyAnalysis.freeText.title", { series: series.name }), items };
}

const themeValue = z.enum(ROS_THEMES, { errorMap: () => ({ message: "surveyAnalysis.freeText.invalidTheme" }) });
const TagSchema = z.object({
  answer: z.string({ required_error: "surveyAnalysis.freeText.stale" }).regex(/^[A-Za-z0-9_-]{32}$/, "surveyAnalysis.freeText.stale"),
  // One box ticked gives a string, several an array, none nothing.
  theme: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(themeValue)),
  fetch: z.literal("1").optional(),
});

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "survey-text");
  const t = await getTranslator(request);
  const parsed = parseFormData(TagSchema, await request.formData(), t);
  if (!parsed.ok) {
    return json({ ok: false as const, answer: null, error: parsed.errors.theme ?? parsed.errors.answer ?? t("form.invalidRequest") }, { status: 400 });
  }
  const { answer, theme, fetch: viaFetcher } = parsed.data;
  const key = resolveAnswerToken(answer, freeTextKeys({ seriesId }));
  if (!key) return json({ ok: false as const, answer, error: t("surveyAnalysis.freeText.stale") }, { status: 409 });
  setTextThemes({ seriesId, responseId: key.responseId, itemId: key.itemId, themes: theme });
  if (viaFetcher) return json({ ok: true as const, answer, error: null });
  return redirect(`/serier/${seriesId}/enkater/fritext?sparat=${answer}#svar-${answer}`);
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];
type Answer = Item["answers"][number];

function AnswerForm({ answer, number, hydrated, savedWithoutJs }: { answer: Answer; number: number; hydrated: boolean; savedWithoutJs: boolean }) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const actionData = useActionData<typeof action>();
  const form = useRef<HTMLFormElement>(null);
  const error = fetcher.data?.error ?? (actionData && actionData.answer === answer.token ? actionData.error : null);
  const saved = (fetcher.state === "idle" && fetcher.data?.ok) || savedWithoutJs;
  const legendId = `teman-${answer.token}`;
  return (
    <li className="freetext-answer" id={`svar-${answer.token}`}>
      <blockquote className="freetext-answer__text">{answer.text}</blockquote>
      <fetcher.Form method="post" ref={form} className="freetext-tags">
        <input type="hidden" name="answer" value={answer.token} />
        {hydrated ? <input type="hidden" name="fetch" value="1" /> : null}
        <fieldset aria-describedby={error ? `${legendId}-fel` : undefined}>
          <legend id={legendId}>{t("surveyAnalysis.freeText.legend", { n: number })}</legend>
          {ROS_THEMES.map((theme) => (
            <label key={theme} className="freetext-tags__choice">
              <input
                type="checkbox"
                name="theme"
                value={theme}
                defaultChecked={answer.themes.includes(theme as RosTheme)}
                onChange={() => hydrated && form.current && fetcher.submit(form.current)}
              />{" "}
              {t(`survey.ros.${theme}`)}
            </label>
          ))}
          <button type="submit" className="button button--small button--secondary">
            {t("surveyAnalysis.freeText.save")}
            <span className="visually-hidden"> {t("surveyAnalysis.freeText.answerNumber", { n: number })}</span>
          </button>
          <span className="freetext-tags__status" role="status">
            {fetcher.state !== "idle" ? t("surveyAnalysis.freeText.saving") : saved && !error ? t("surveyAnalysis.freeText.saved") : ""}
          </span>
        </fieldset>
        {error ? (
          <p id={`${legendId}-fel`} className="freetext-tags__error" role="alert">
            {error}
          </p>
        ) : null}
      </fetcher.Form>
    </li>
  );
}

export default function FreeTextPage() {
  const { series, title, items } = useLoaderData<typeof loader>();
  const t = useT();
  const hydrated = useHydrated();
  const [params] = useSearchParams();
  const savedToken = params.get("sparat");
  const counts = themeTable(
    t,
    items.map((item) => ({ surveyName: item.surveyName, code: item.code, prompt: item.prompt, answers: item.answers.length, themeCounts: item.themeCounts })),
  );
  return (
    <div className="survey-freetext">
      <p>
        <Link to={`/serier/${series.id}/enkater/analys`}>{t("surveyAnalysis.freeText.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">{t("surveyAnalysis.freeText.intro")}</p>
      <ul className="survey-definitions">
        <li>{t("surveyAnalysis.freeText.regelverk")}</li>
        <li>{t("surveyAnalysis.freeText.organisation")}</li>
        <li>{t("surveyAnalysis.freeText.synsatt")}</li>
      </ul>
      {items.length === 0 ? (
        <p className="empty">{t("surveyAnalysis.freeText.none")}</p>
      ) : (
        <>
          <h2>{t("surveyAnalysis.freeText.countsTitle")}</h2>
          <SurveyAnalysisTable spec={counts} threshold={0} csvHref={`/serier/${series.id}/enkater/analys/${counts.id}.csv`} />
          {items.map((item) => {
            const headingId = `fraga-${item.key}`;
            return (
              <section key={item.key} className="freetext-item" aria-labelledby={headingId}>
                <h2 id={headingId}>
                  {item.surveyName} {item.code}: {item.prompt}
                </h2>
                <p className="freetext-item__counts" data-testid={`counts-${item.key}`}>
                  {t("surveyAnalysis.freeText.itemCounts", {
                    answers: item.answers.length,
                    regelverk: item.themeCounts.regelverk,
                    organisation: item.themeCounts.organisation,
                    synsatt: item.themeCounts.synsatt,
                  })}
                </p>
                {item.answers.length === 0 ? (
                  <p className="empty">{t("surveyAnalysis.freeText.noAnswers")}</p>
                ) : (
                  <ol className="freetext-answers">
                    {item.answers.map((answer, i) => (
                      <AnswerForm key={answer.token} answer={answer} number={i + 1} hydrated={hydrated} savedWithoutJs={savedToken === answer.token} />
                    ))}
                  </ol>
                )}
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

/** Recorded in the audit log once the change succeeded (decision 016). */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, ({ params }) => ({ action: "survey.update", entityKind: "series", entityId: Number(params.seriesId), seriesId: Number(params.seriesId), details: { intent: "freeTextThemes" } }));
}
