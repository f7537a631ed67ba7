import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { TargetFields } from "~/components/target-fields";
import { TemplateFields } from "~/components/template-fields";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatNumber } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { TemplateSchema, TemplateSessionSchema, templateFormValues, templateSessionFormValues } from "~/lib/template-schemas";
import { TargetsSchema, targetsFromForm } from "~/lib/target-form";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { getTemplateTargets, saveTemplateTargets } from "~/models/representation.server";
import {
  addTemplateSession,
  deleteTemplateSession,
  getTemplate,
  templateNameTaken,
  updateTemplate,
  updateTemplateSession,
} from "~/models/template.server";
import { SESSION_KINDS } from "../../db/schema";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.name ?? "Mall"} – Processtöd` }];

function loadTemplate(param: string | undefined) {
  const template = getTemplate({ templateId: Number(param) || 0 });
  if (!template) throw json({ message: "not-found" }, { status: 404 });
  return template;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "template");
  const template = loadTemplate(params.templateId);
  return { template, targets: getTemplateTargets({ templateId: template.id }) };
}

type ActionData = { form: string; errors: FieldErrors; values: Record<string, string> };

async function handleAction({ request, params }: ActionFunctionArgs) {
  await requireUserWithPermission(request, "update", "template");
  const template = loadTemplate(params.templateId);
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = redirect(`/mallar/${template.id}?sparat=1`);

  if (intent === "template") {
    const values = templateFormValues(formData);
    const parsed = parseFormData(TemplateSchema, formData, t);
    if (!parsed.ok) return json<ActionData>({ form: "template", errors: parsed.errors, values }, { status: 400 });
    if (templateNameTaken({ name: parsed.data.name, exceptId: template.id })) {
      return json<ActionData>({ form: "template", errors: { name: t("templates.nameTaken") }, values }, { status: 400 });
    }
    updateTemplate({ templateId: template.id, values: parsed.data });
    return back;
  }
  if (intent === "targets") {
    const parsed = parseFormData(TargetsSchema, formData, t);
    if (!parsed.ok) return json<ActionData>({ form: "targets", errors: parsed.errors, values: {} }, { status: 400 });
    saveTemplateTargets({ templateId: template.id, targets: targetsFromForm(parsed.data) });
    return back;
  }
  if (intent === "addSession" || intent === "saveSession") {
    const sessionId = Number(formData.get("sessionId")) || 0;
    const form = intent === "addSession" ? "new" : `session-${sessionId}`;
    const values = templateSessionFormValues(formData);
    const parsed = parseFormData(TemplateSessionSchema, formData, t);
    if (!parsed.ok) return json<ActionData>({ form, errors: parsed.errors, values }, { status: 400 });
    if (intent === "addSession") addTemplateSession({ templateId: template.id, values: parsed.data });
    else if (!updateTemplateSession({ templateId: template.id, sessionId, values: parsed.data })) {
      throw json({ message: "not-found" }, { status: 404 });
    }
    return back;
  }
  if (intent === "deleteSession") {
    if (!deleteTemplateSession({ templateId: template.id, sessionId: Number(formData.get("sessionId")) || 0 })) {
      throw json({ message: "not-found" }, { status: 404 });
    }
    return back;
  }
  throw json({ message: "bad-intent" }, { status: 400 });
}

type SessionValues = { kind: string; title: string; theme: string | null; expert: string | null; studyMaterial: string | null; prepHours: number | null };

function SessionFields({ prefix, values, errors }: { prefix: string; values?: Partial<Record<keyof SessionValues, string | number | null>>; errors: FieldErrors }) {
  const t = useT();
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : typeof v === "number" ? formatNumber(v) : v);
  return (
    <>
      <SelectField
        id={`${prefix}-kind`}
        label={t("templates.sessionKind")}
        name="kind"
        options={SESSION_KINDS.map((k) => ({ value: k, label: t(`sessionKind.${k}`) }))}
        defaultValue={text(values?.kind) || "seminarium"}
        error={errors.kind}
      />
      <Field id={`${prefix}-title`} label={t("templates.sessionTitle")} name="title" type="text" defaultValue={text(values?.title)} error={errors.title} />
      <Field id={`${prefix}-theme`} label={t("session.theme")} name="theme" type="text" defaultValue={text(values?.theme)} error={errors.theme} />
      <TextAreaField id={`${prefix}-expert`} label={t("session.experts")} name="expert" help={t("session.expertsHelp")} defaultValue={text(values?.expert)} error={errors.expert} />
      <TextAreaField id={`${prefix}-material`} label={t("templates.studyMaterial")} name="studyMaterial" defaultValue={text(values?.studyMaterial)} error={errors.studyMaterial} />
      <Field id={`${prefix}-prep`} label={t("session.prepHours")} name="prepHours" type="text" inputMode="decimal" defaultValue={text(values?.prepHours)} error={errors.prepHours} />
    </>
  );
}

export default function TemplatePage() {
  const { template, targets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const errorsFor = (form: string) => (actionData?.form === form ? actionData.errors : {});
  const valuesFor = (form: string) => (actionData?.form === form ? actionData.values : undefined);
  return (
    <>
      <p>
        <Link to="/mallar">← {t("templates.title")}</Link>
      </p>
      <h1>{template.name}</h1>
      {searchParams.has("sparat") || searchParams.has("skapad") ? (
        <div className="notice notice--ok" role="status">
          {t("templates.saved")}
        </div>
      ) : null}
      <section className="card" aria-labelledby="template-fields">
        <h2 id="template-fields">{t("templates.rule")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="template" />
          <TemplateFields
            values={
              valuesFor("template") ?? {
                name: template.name,
                description: template.description,
                minimumMonthsBetween: template.minimumMonthsBetween,
                intervalDays: template.intervalDays,
                defaultStartTime: template.defaultStartTime,
                defaultEndTime: template.defaultEndTime,
              }
            }
            errors={errorsFor("template")}
          />
          <div>
            <button type="submit" className="button">
              {t("templates.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="template-targets">
        <h2 id="template-targets">{t("templates.targetsTitle")}</h2>
        <p className="help">{t("templates.targetsHelp")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="targets" />
          <TargetFields targets={targets} errors={errorsFor("targets")} />
          <div>
            <button type="submit" className="button">
              {t("gap.save")}
            </button>
          </div>
        </Form>
      </section>

      <h2>{t("templates.sessions")}</h2>
      <p className="help">{t("templates.exchangeNote")}</p>
      {template.sessions.length === 0 ? <p className="empty">{t("templates.noSessions")}</p> : null}
      {template.sessions.map((s) => {
        const form = `session-${s.id}`;
        return (
          <section key={s.id} className="card" aria-labelledby={`tpl-session-${s.id}`}>
            <h3 id={`tpl-session-${s.id}`}>
              {s.position}. {s.title}
            </h3>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="saveSession" />
              <input type="hidden" name="sessionId" value={s.id} />
              <SessionFields prefix={`s${s.id}`} values={valuesFor(form) ?? s} errors={errorsFor(form)} />
              <div className="link-row">
                <button type="submit" className="button">
                  {t("templates.saveSession")}
                </button>
              </div>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="deleteSession" />
              <input type="hidden" name="sessionId" value={s.id} />
              <button type="submit" className="link-button">
                {t("templates.deleteSession")}
                <span className="visually-hidden"> {s.position}</span>
              </button>
            </Form>
          </section>
        );
      })}
      <section className="card" aria-labelledby="tpl-new-session">
        <h3 id="tpl-new-session">{t("templates.addSession")}</h3>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="addSession" />
          <SessionFields prefix="new" values={valuesFor("new")} errors={errorsFor("new")} />
          <div>
            <button type="submit" className="button">
              {t("templates.addSession")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

/** Recorded in the audit log once the change succeeded (decision 016). */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, ({ params }, intent) => ({ action: "settings.update", entityKind: "series_template", entityId: Number(params.templateId) || null, details: { intent } }));
}
