import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LockedMessage, SurveyHeader, SurveyShell, SurveyWindowOrForm, Thanks } from "~/components/survey-public";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { countSurveyAttempt, formResponse, lockedResponse, publicSurvey, submitAnswers, surveyLock, thanksSurvey } from "~/lib/survey-answer.server";
import { personalSurveyLink } from "~/models/survey-distribution.server";
import { stateOf } from "~/models/survey.server";

export const meta: MetaFunction = () => [{ title: "Enkät – Processtöd" }, { name: "robots", content: "noindex" }];

/** The link must not leave the page with a click on anything. */
const NO_REFERRER = { "Referrer-Policy": "no-referrer" };

/**
 * Public: a participant's personal link from the mail. The token is the
 * credential; it works once. Answering writes a receipt (that this person has
 * answered this survey) and an anonymous response, never a link between them,
 * so the page after answering shows nothing that ties the two together.
 * Made-up or replaced links get a friendly 404 and count against the address.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ip = context.clientIp ?? "";
  const token = params.token ?? "";
  const lock = surveyLock({ ip, target: { token } });
  if (lock) return lockedResponse(lock.minutes, lock.reason);
  const link = personalSurveyLink(params.token);
  if (!link) {
    countSurveyAttempt({ ip });
    return json({ kind: "invalid" as const }, { status: 404, headers: NO_REFERRER });
  }
  if (new URL(request.url).searchParams.has("tack")) return json({ kind: "thanks" as const, survey: thanksSurvey(link.survey) }, { headers: NO_REFERRER });
  if (link.answered) return json({ kind: "answered" as const, survey: publicSurvey(link.survey) }, { headers: NO_REFERRER });
  if (stateOf(link.survey) !== "open") return json({ kind: "window" as const, survey: publicSurvey(link.survey) }, { headers: NO_REFERRER });
  return formResponse(link.survey);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const ip = context.clientIp ?? "";
  const formData = await request.formData();
  const token = params.token ?? "";
  const lock = surveyLock({ ip, target: { token } });
  if (lock) return lockedResponse(lock.minutes, lock.reason);
  countSurveyAttempt({ ip, target: { token } });
  const link = personalSurveyLink(params.token);
  if (!link) return json({ kind: "invalid" as const }, { status: 404 });
  // A second submit of the form already stored gets the same thank-you; any other form through a used link is refused.
  return submitAnswers({
    survey: link.survey,
    formData,
    channel: "personal",
    personId: link.personId,
    thanksPath: `/enkat/personlig/${params.token}?tack=1`,
    t,
  });
}

export default function PersonalSurvey() {
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
  if (data.kind === "invalid" || actionData?.kind === "invalid") {
    return (
      <SurveyShell title={t("surveyAnswer.public.invalidLinkTitle")}>
        <p>{t("surveyAnswer.public.invalidLink")}</p>
        <p>
          <Link to="/enkat" className="button survey-button">
            {t("surveyAnswer.public.toCode")}
          </Link>
        </p>
      </SurveyShell>
    );
  }
  if (data.kind === "thanks") {
    return (
      <SurveyShell title={t("surveyAnswer.public.thanksTitle")}>
        <SurveyHeader survey={data.survey} />
        <Thanks />
      </SurveyShell>
    );
  }
  if (data.kind === "answered" || actionData?.kind === "answered") {
    return (
      <SurveyShell title={t("surveyAnswer.public.answeredTitle")}>
        {data.kind !== "locked" && "survey" in data ? <SurveyHeader survey={data.survey} /> : null}
        <div className="notice notice--ok" role="status">
          <p>{t("surveyAnswer.public.answered")}</p>
        </div>
      </SurveyShell>
    );
  }
  return (
    <SurveyWindowOrForm
      windowSurvey={actionData?.kind === "window" ? actionData.survey : data.kind === "window" ? data.survey : null}
      form={data.kind === "form" ? data : null}
      refused={actionData?.kind === "errors" ? actionData : null}
      personal
    />
  );
}
