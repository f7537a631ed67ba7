import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDateTime } from "~/lib/format";
import { can, requireSeriesPermission } from "~/lib/permissions.server";
import { optionalText } from "~/lib/schemas";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { READINESS_FIELDS } from "~/lib/readiness-fields";
import { getReadiness, readinessCompleteness, saveReadiness } from "~/models/readiness.server";
import { getSeries } from "~/models/series.server";
import { audit, staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Förankring – Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "readiness");
  const series = getSeries({ seriesId, scope })!;
  const values = getReadiness({ seriesId });
  return {
    series: { id: series.id, name: series.name },
    values,
    completeness: readinessCompleteness({ values }),
    canEdit: can(user, "update", "readiness"),
  };
}

const ReadinessSchema = z.object(Object.fromEntries(READINESS_FIELDS.map((f) => [f, optionalText(4000)])) as Record<
  (typeof READINESS_FIELDS)[number],
  ReturnType<typeof optionalText>
>);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "readiness");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const parsed = parseFormData(ReadinessSchema, formData, t);
  if (!parsed.ok) {
    const values = Object.fromEntries(READINESS_FIELDS.map((f) => [f, String(formData.get(f) ?? "").slice(0, 5000)]));
    return json<{ errors: FieldErrors; values: Record<string, string> }>({ errors: parsed.errors, values }, { status: 400 });
  }
  saveReadiness({ seriesId, values: parsed.data, userId: user.id });
  audit(staffAudit(user, context), { action: "series.update", entityKind: "series", entityId: seriesId, seriesId, details: { fields: ["readiness"] } });
  return redirect(`/serier/${seriesId}/forankring?sparat=1`);
}

export default function Readiness() {
  const { series, values, completeness, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/serier/${series.id}`}>← {t("session.backToSeries")}</Link>
      </p>
      <h1>{t("readiness.title", { series: series.name })}</h1>
      <p className="lead">{t("readiness.intro")}</p>
      {searchParams.has("sparat") && !actionData ? (
        <div className="notice notice--ok" role="status">
          {t("readiness.saved")}
        </div>
      ) : null}
      <p>
        <progress max={completeness.total} value={completeness.answered} aria-labelledby="readiness-progress" />{" "}
        <span id="readiness-progress">{t("series.readinessProgress", completeness)}</span>
        {values.updatedAt ? <> · {t("readiness.lastSaved", { date: formatDateTime(values.updatedAt) })}</> : null}
      </p>
      <Form method="post" className="stack card" noValidate>
        {READINESS_FIELDS.map((field) => (
          <TextAreaField
            key={field}
            label={t(`readiness.${field}`)}
            name={field}
            rows={4}
            readOnly={!canEdit}
            defaultValue={actionData?.values[field] ?? values[field] ?? ""}
            error={actionData?.errors[field]}
          />
        ))}
        {canEdit ? (
          <div>
            <button type="submit" className="button">
              {t("readiness.save")}
            </button>
          </div>
        ) : null}
      </Form>
    </>
  );
}
