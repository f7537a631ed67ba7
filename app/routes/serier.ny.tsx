import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { idList, isoDate, optionalText, term } from "~/lib/schemas";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { existingOrganisationIds, listAssignableOrganisations, organisationNames } from "~/models/organisation.server";
import { createSeriesFromTemplate, existingUserIds, listStaffByRole } from "~/models/series-planning.server";
import { getTemplate, listTemplates } from "~/models/template.server";
import { staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Ny serie – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create", "series");
  return {
    userId: user.id,
    templates: listTemplates(),
    organisations: listAssignableOrganisations(),
    processLeaders: listStaffByRole({ role: "admin" }),
    coordinators: listStaffByRole({ role: "coordinator" }),
  };
}

const CreateSeriesSchema = z.object({
  templateId: z.coerce.number({ invalid_type_error: "series.templateInvalid" }).int().positive("series.templateInvalid"),
  organisationIds: idList("series.organisationsRequired").refine((ids) => ids.length > 0, "series.organisationsRequired"),
  name: optionalText(200),
  term,
  processLeaderId: z.coerce.number({ invalid_type_error: "series.processLeaderInvalid" }).int().positive("series.processLeaderInvalid"),
  coordinatorIds: idList("series.coordinatorsInvalid"),
  firstDate: isoDate.refine((d) => d >= formatDate(new Date()), "series.dateInPast"),
});

type ActionData = { errors: FieldErrors; values: Record<string, string | string[]> };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create", "series");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = {
    templateId: String(formData.get("templateId") ?? ""),
    organisationIds: formData.getAll("organisationIds").map(String).slice(0, 100),
    name: String(formData.get("name") ?? "").slice(0, 300),
    term: String(formData.get("term") ?? "").slice(0, 50),
    processLeaderId: String(formData.get("processLeaderId") ?? ""),
    coordinatorIds: formData.getAll("coordinatorIds").map(String).slice(0, 100),
    firstDate: String(formData.get("firstDate") ?? "").slice(0, 20),
  };
  const parsed = parseFormData(CreateSeriesSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const data = parsed.data;

  // Ids from the form are checked against the database, not trusted.
  const errors: FieldErrors = {};
  const template = getTemplate({ templateId: data.templateId });
  if (!template) errors.templateId = t("series.templateInvalid");
  if (existingOrganisationIds({ ids: data.organisationIds }).length !== data.organisationIds.length) {
    errors.organisationIds = t("series.organisationsRequired");
  }
  if (existingUserIds({ ids: [data.processLeaderId], role: "admin" }).length !== 1) {
    errors.processLeaderId = t("series.processLeaderInvalid");
  }
  if (existingUserIds({ ids: data.coordinatorIds, role: "coordinator" }).length !== data.coordinatorIds.length) {
    errors.coordinatorIds = t("series.coordinatorsInvalid");
  }
  if (!template || Object.keys(errors).length) return json<ActionData>({ errors, values }, { status: 400 });

  const name = data.name ?? `${template.name} ${organisationNames({ organisationIds: data.organisationIds }).join(" och ")}`;
  const seriesId = createSeriesFromTemplate({
    name,
    term: data.term,
    templateId: template.id,
    organisationIds: data.organisationIds,
    processLeaderId: data.processLeaderId,
    coordinatorIds: data.coordinatorIds,
    firstDate: data.firstDate,
  }, staffAudit(user, context));
  return redirect(`/serier/${seriesId}?skapad=1`);
}

export default function NewSeries() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const v = actionData?.values;
  return (
    <>
      <h1>{t("series.createTitle")}</h1>
      <p className="lead">{t("series.createIntro")}</p>
      {actionData ? (
        <div className="notice notice--error" role="alert">
          {t("form.errorSummary")}
        </div>
      ) : null}
      <Form method="post" className="stack card" noValidate>
        <SelectField
          label={t("series.template")}
          name="templateId"
          options={data.templates.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          defaultValue={(v?.templateId as string) ?? String(data.templates[0]?.id ?? "")}
          error={errors.templateId}
        />
        <SelectField
          label={t("series.organisationsField")}
          name="organisationIds"
          multiple
          help={t("series.organisationsHelp")}
          options={data.organisations.map((o) => ({
            value: o.id,
            label: o.kind === "stadsdelsomrade" ? `${o.name} (Stockholm)` : o.name,
          }))}
          defaultValue={(v?.organisationIds as string[]) ?? []}
          error={errors.organisationIds}
        />
        <Field label={t("series.termField")} name="term" type="text" help={t("series.termHelp")} defaultValue={v?.term as string} error={errors.term} />
        <Field label={t("series.nameField")} name="name" type="text" help={t("series.nameHelp")} defaultValue={v?.name as string} error={errors.name} />
        <Field
          label={t("series.firstDate")}
          name="firstDate"
          type="date"
          defaultValue={v?.firstDate as string}
          error={errors.firstDate}
        />
        <SelectField
          label={t("series.processLeaderField")}
          name="processLeaderId"
          options={data.processLeaders.map((p) => ({ value: p.id, label: p.name }))}
          defaultValue={(v?.processLeaderId as string) ?? String(data.userId)}
          error={errors.processLeaderId}
        />
        <SelectField
          label={t("series.coordinatorsField")}
          name="coordinatorIds"
          multiple
          help={t("series.coordinatorsHelp")}
          options={data.coordinators.map((c) => ({ value: c.id, label: c.name }))}
          defaultValue={(v?.coordinatorIds as string[]) ?? []}
          error={errors.coordinatorIds}
        />
        <div>
          <button type="submit" className="button">
            {t("series.createSubmit")}
          </button>
        </div>
      </Form>
    </>
  );
}
