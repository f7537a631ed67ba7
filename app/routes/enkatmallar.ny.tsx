import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { TemplateDetailsFields } from "~/components/survey-template-fields";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { translateProblems } from "~/lib/survey-template-problems.server";
import { TemplateDetailsSchema, detailsFormValues } from "~/lib/survey-template-form";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { createSurveyTemplate } from "~/models/survey-template.server";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction = () => [{ title: "Ny enkätmall – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "survey-template");
  return null;
}

type ActionData = { errors: FieldErrors; values: Record<string, string> };

async function handleAction({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update", "survey-template");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = detailsFormValues(formData);
  const parsed = parseFormData(TemplateDetailsSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const result = createSurveyTemplate({ values: parsed.data, createdById: user.id });
  if (!result.ok) return json<ActionData>({ errors: result.notFound ? {} : translateProblems(t, result.problems), values }, { status: 400 });
  return redirect(`/enkatmallar/${result.value}/redigera?sparat=skapad`);
}

export default function NewSurveyTemplate() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/enkatmallar">← {t("surveyTemplate.title")}</Link>
      </p>
      <h1>{t("surveyTemplate.newTitle")}</h1>
      <p className="lead">{t("surveyTemplate.newIntro")}</p>
      {actionData ? (
        <div className="notice notice--error" role="alert">
          {t("form.errorSummary")}
        </div>
      ) : null}
      <Form method="post" className="stack card survey-tpl-form" noValidate>
        <TemplateDetailsFields values={actionData?.values} errors={actionData?.errors ?? {}} phaseLocked={false} />
        <div>
          <button type="submit" className="button">
            {t("surveyTemplate.create")}
          </button>
        </div>
      </Form>
    </>
  );
}

/** Recorded in the audit log once the change succeeded (decision 016). */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, () => ({ action: "survey.update", entityKind: "survey_template", details: { intent: "create" } }));
}
