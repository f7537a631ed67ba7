import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { LockedMessage, SurveyCodeForm, SurveyShell } from "~/components/survey-public";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { countSurveyAttempt, normaliseSurveyCode, surveyLockMinutes } from "~/lib/survey-answer.server";
import { retryAfter } from "~/lib/checkin.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { surveyByPublicCode } from "~/models/survey.server";

export const meta: MetaFunction = () => [{ title: "Enkät – Processtöd" }, { name: "robots", content: "noindex" }];

const CodeSchema = z.object({
  code: z
    .string({ required_error: "surveyAnswer.public.codeRequired", invalid_type_error: "surveyAnswer.public.codeRequired" })
    .transform(normaliseSurveyCode)
    .refine((code) => code.length > 0, "surveyAnswer.public.codeRequired"),
});

type ActionData = { errors: FieldErrors; locked?: number; code: string };

/** Public by design: a participant types the code shown in the room (or scans its QR code and never sees this page). */
export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const ip = context.clientIp ?? "";
  const formData = await request.formData();
  const typed = String(formData.get("code") ?? "").slice(0, 20);
  const minutes = surveyLockMinutes({ ip });
  if (minutes) return json<ActionData>({ errors: {}, locked: minutes, code: typed }, { status: 429, headers: retryAfter(minutes) });
  const parsed = parseFormData(CodeSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, code: typed }, { status: 400 });
  if (!surveyByPublicCode(parsed.data.code)) {
    countSurveyAttempt({ ip });
    return json<ActionData>({ errors: { code: t("surveyAnswer.public.codeUnknown") }, code: typed }, { status: 400 });
  }
  return redirect(`/enkat/${parsed.data.code}`);
}

export default function SurveyStart() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <SurveyShell title={t("surveyAnswer.public.startTitle")}>
      {actionData?.locked ? <LockedMessage minutes={actionData.locked} /> : null}
      <p>{t("surveyAnswer.public.startIntro")}</p>
      <SurveyCodeForm error={actionData?.errors.code} defaultValue={actionData?.code} />
    </SurveyShell>
  );
}
