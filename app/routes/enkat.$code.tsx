import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { LockedMessage, SurveyCodeForm, SurveyHeader, SurveyShell, SurveyWindowOrForm, Thanks } from "~/components/survey-public";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import {
  countSurveyAttempt,
  formResponse,
  surveyLock,
  lockedResponse,
  normaliseSurveyCode,
  publicSurvey,
  submitAnswers,
  thanksSurvey,
} from "~/lib/survey-answer.server";
import { stateOf, surveyByPublicCode } from "~/models/survey.server";

export const meta: MetaFunction = () => [{ title: "Enkät – Processtöd" }, { name: "robots", content: "noindex" }];

/**
 * Public: the anonymous room link (the QR code on the screen leads here).
 * Anyone with the code may answer while the survey is open; what is stored
 * carries the session and the sector and role the respondent gave, never who.
 * ?tack shows the thank-you after a stored answer (the URL holds nothing else).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ip = context.clientIp ?? "";
  const code = normaliseSurveyCode(params.code ?? "");
  const lock = surveyLock({ ip, target: { code } });
  if (lock) return lockedResponse(lock.minutes, lock.reason);
  const survey = surveyByPublicCode(code);
  if (!survey) {
    countSurveyAttempt({ ip });
    return json({ kind: "unknown" as const, code }, { status: 404 });
  }
  if (new URL(request.url).searchParams.has("tack")) return json({ kind: "thanks" as const, survey: thanksSurvey(survey), code });
  if (stateOf(survey) !== "open") return json({ kind: "window" as const, survey: publicSurvey(survey) });
  return formResponse(survey);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const ip = context.clientIp ?? "";
  const formData = await request.formData();
  const code = normaliseSurveyCode(params.code ?? "");
  const lock = surveyLock({ ip, target: { code } });
  if (lock) return lockedResponse(lock.minutes, lock.reason);
  countSurveyAttempt({ ip, target: { code } });
  const survey = surveyByPublicCode(code);
  if (!survey) return json({ kind: "unknown" as const, code }, { status: 404 });
  return submitAnswers({ survey, formData, channel: "session_link", thanksPath: `/enkat/${code}?tack=1`, t });
}

export default function AnonymousSurvey() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();

  const locked = actionData?.kind === "locked" ? actionData : data.kind === "locked" ? data : null;
  if (locked) {
    return (
      <SurveyShell title={t("surveyAnswer.public.lockedTitle")}>
        <LockedMessage minutes={locked.minutes} reason={locked.reason} />
      </SurveyShell>
    );
  }
  if (data.kind === "unknown" || actionData?.kind === "unknown") {
    return (
      <SurveyShell title={t("surveyAnswer.public.unknownTitle")}>
        <p>{t("surveyAnswer.public.unknownText")}</p>
        <SurveyCodeForm defaultValue={data.kind === "unknown" ? data.code : ""} />
      </SurveyShell>
    );
  }
  if (data.kind === "thanks") {
    return (
      <SurveyShell title={t("surveyAnswer.public.thanksTitle")}>
        <SurveyHeader survey={data.survey} />
        <Thanks again={`/enkat/${data.code}`} />
      </SurveyShell>
    );
  }
  return (
    <SurveyWindowOrForm
      windowSurvey={actionData?.kind === "window" ? actionData.survey : data.kind === "window" ? data.survey : null}
      form={data.kind === "form" ? data : null}
      refused={actionData?.kind === "errors" ? actionData : null}
      personal={false}
    />
  );
}
