import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TemplateFields } from "~/components/template-fields";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { TemplateSchema, templateFormValues } from "~/lib/template-schemas";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { createTemplate, listTemplates, templateNameTaken } from "~/models/template.server";
import { TableWrap } from "~/components/table-wrap";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction = () => [{ title: "Mallar – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "template");
  return { templates: listTemplates() };
}

async function handleAction({ request }: ActionFunctionArgs) {
  await requireUserWithPermission(request, "update", "template");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = templateFormValues(formData);
  const parsed = parseFormData(TemplateSchema, formData, t);
  if (!parsed.ok) return json<{ errors: FieldErrors; values: Record<string, string> }>({ errors: parsed.errors, values }, { status: 400 });
  if (templateNameTaken({ name: parsed.data.name })) {
    return json<{ errors: FieldErrors; values: Record<string, string> }>({ errors: { name: t("templates.nameTaken") }, values }, { status: 400 });
  }
  const templateId = createTemplate({ values: parsed.data });
  return redirect(`/mallar/${templateId}?skapad=1`);
}

export default function Templates() {
  const { templates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const v = actionData?.values;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <h1>{t("templates.title")}</h1>
      <p className="lead">{t("templates.intro")}</p>
      <TableWrap label={t("templates.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("templates.name")}</th>
              <th scope="col" className="num">
                {t("templates.sessions")}
              </th>
              <th scope="col">{t("templates.rule")}</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((tpl) => (
              <tr key={tpl.id}>
                <td>
                  <Link to={`/mallar/${tpl.id}`}>{tpl.name}</Link>
                  {tpl.description ? <div className="help">{tpl.description}</div> : null}
                </td>
                <td className="num">{tpl.sessions}</td>
                <td>
                  {tpl.minimumMonthsBetween
                    ? t("templates.ruleMonths", { months: tpl.minimumMonthsBetween })
                    : tpl.intervalDays
                      ? t("templates.ruleDays", { days: tpl.intervalDays })
                      : t("templates.ruleNone")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <section className="card" aria-labelledby="new-template" style={{ marginTop: "2rem" }}>
        <h2 id="new-template">{t("templates.create")}</h2>
        <Form method="post" className="stack" noValidate>
          <TemplateFields values={v} errors={errors} />
          <div>
            <button type="submit" className="button">
              {t("templates.save")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

/** Recorded in the audit log once the change succeeded (decision 016). */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, () => ({ action: "settings.update", entityKind: "series_template", details: { intent: "create" } }));
}
