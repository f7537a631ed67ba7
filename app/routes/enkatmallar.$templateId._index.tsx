import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { IndexList, ItemTable, SurveyPreview, seriesPhrase } from "~/components/survey-template-view";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatNumber } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { copySurveyTemplate, getSurveyTemplate } from "~/models/survey-template.server";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.name ?? "Enkätmall"} – Processtöd` }];

function loadTemplate(param: string | undefined) {
  const template = getSurveyTemplate(Number(param));
  if (!template) throw json({ message: "not-found" }, { status: 404 });
  return template;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "survey-template");
  return { template: loadTemplate(params.templateId) };
}

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update", "survey-template");
  const template = loadTemplate(params.templateId);
  const formData = await request.formData();
  if (formData.get("intent") !== "copy") throw json({ message: "bad-intent" }, { status: 400 });
  const result = copySurveyTemplate({ templateId: template.id, createdById: user.id });
  if (!result.ok) {
    const t = await getTranslator(request);
    return json({ error: t("surveyTemplate.error.copyFailed") }, { status: 400 });
  }
  return redirect(`/enkatmallar/${result.value}/redigera?sparat=kopierad`);
}

export default function SurveyTemplatePage() {
  const { template } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/enkatmallar">← {t("surveyTemplate.title")}</Link>
      </p>
      <div className="page-title">
        <h1>{template.name}</h1>
        <div className="link-row survey-tpl-actions">
          {!template.builtIn ? (
            <Link to={`/enkatmallar/${template.id}/redigera`} className="button">
              {t("surveyTemplate.edit")}
            </Link>
          ) : null}
          <Form method="post">
            <button type="submit" name="intent" value="copy" className={template.builtIn ? "button" : "button button--secondary"}>
              {t("surveyTemplate.copy")}
            </button>
          </Form>
        </div>
      </div>
      <FormError message={actionData?.error} />
      {template.builtIn ? (
        <div className="notice notice--warn" role="note">
          {t("surveyTemplate.builtInReadOnly")}
        </div>
      ) : null}

      <dl className="meta-list">
        <dt>{t("surveyTemplate.field.phase")}</dt>
        <dd>
          {t(`survey.phase.${template.phase}`)} –{" "}
          {t("surveyTemplate.phaseWording", { lower: t(`survey.category.${template.phase}.lagre`), higher: t(`survey.category.${template.phase}.hogre`) })}
        </dd>
        <dt>{t("surveyTemplate.source")}</dt>
        <dd>{template.builtIn ? t("surveyTemplate.sourceBuiltIn") : t("surveyTemplate.sourceCustom")}</dd>
        <dt>{t("surveyTemplate.col.items")}</dt>
        <dd>{formatNumber(template.items.length)}</dd>
        <dt>{t("surveyTemplate.usage")}</dt>
        <dd>{t("surveyTemplate.usageText", { series: seriesPhrase(t, template.usage.series), responses: formatNumber(template.usage.responses) })}</dd>
      </dl>
      {template.intro ? <p className="survey-tpl-intro">{template.intro}</p> : null}
      <p>
        <a href="#forhandsvisning">{t("surveyTemplate.toPreview")}</a>
      </p>

      <h2 id="fragor">{t("surveyTemplate.itemsTitle")}</h2>
      {template.items.length === 0 ? (
        <p className="empty">{t("surveyTemplate.noItems")}</p>
      ) : (
        <ItemTable items={template.items} caption={t("surveyTemplate.itemsTitle")} />
      )}

      <h2 id="index">{t("surveyTemplate.indicesTitle")}</h2>
      <IndexList indices={template.indices} items={template.items} phase={template.phase} />

      <section aria-labelledby="forhandsvisning" className="survey-tpl-preview-section">
        <h2 id="forhandsvisning">{t("surveyTemplate.previewTitle")}</h2>
        <p className="help">{t("surveyTemplate.previewHelp")}</p>
        <SurveyPreview name={template.name} intro={template.intro} items={template.items} />
      </section>
    </>
  );
}

/** Recorded in the audit log once the change succeeded (decision 016). */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, ({ params }) => ({ action: "survey.update", entityKind: "survey_template", entityId: Number(params.templateId) || null, details: { intent: "copy" } }));
}
