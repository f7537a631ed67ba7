import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDateTime } from "~/lib/format";
import { sendMail } from "~/lib/mail.server";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { email, requiredText } from "~/lib/schemas";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { existingOrganisationIds, listAssignableOrganisations } from "~/models/organisation.server";
import { createStaffUser, emailIsTaken, listStaff } from "~/models/user.server";
import { STAFF_ROLES } from "../../db/schema";
import { TableWrap } from "~/components/table-wrap";
import { staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Personal – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "create", "user");
  return { staff: listStaff(), organisations: listAssignableOrganisations() };
}

const CreateStaffSchema = z
  .object({
    name: requiredText(200),
    email,
    role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: "staff.roleInvalid" }) }),
    organisationIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.coerce.number().int().positive("staff.organisationsInvalid")).max(50, "staff.organisationsInvalid")),
  })
  .superRefine((value, ctx) => {
    if (value.role === "coordinator" && value.organisationIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["organisationIds"], message: "staff.organisationsRequired" });
    }
  });

type ActionData = { errors: FieldErrors; values: { name: string; email: string; role: string; organisationIds: string[] } };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create", "user");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = {
    name: String(formData.get("name") ?? "").slice(0, 300),
    email: String(formData.get("email") ?? "").slice(0, 300),
    role: String(formData.get("role") ?? ""),
    organisationIds: formData.getAll("organisationIds").map(String).slice(0, 50),
  };
  const parsed = parseFormData(CreateStaffSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values }, { status: 400 });

  const { name, role } = parsed.data;
  const organisationIds = role === "coordinator" ? [...new Set(parsed.data.organisationIds)] : [];
  if (existingOrganisationIds({ ids: organisationIds }).length !== organisationIds.length) {
    return json<ActionData>({ errors: { organisationIds: t("staff.organisationsInvalid") }, values }, { status: 400 });
  }
  if (emailIsTaken({ email: parsed.data.email })) {
    return json<ActionData>({ errors: { email: t("staff.emailTaken") }, values }, { status: 400 });
  }
  const { token, expiresAt } = createStaffUser({ name, email: parsed.data.email, role, organisationIds, audit: staffAudit(user, context) });
  await sendMail({
    to: parsed.data.email,
    subject: t("activate.mailSubject"),
    text: t("activate.mailBody", {
      name,
      inviter: user.name,
      role: t(`role.${role}`),
      expires: formatDateTime(expiresAt),
      link: publicUrl(request, `/aktivera/${token}`),
    }),
  });
  return redirect(`/personal?skapad=${encodeURIComponent(parsed.data.email)}`);
}

export default function Staff() {
  const { staff, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const created = searchParams.get("skapad");
  const t = useT();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  return (
    <>
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.intro")}</p>
      {created && !actionData ? (
        <div className="notice notice--ok" role="status">
          {t("staff.created", { email: created })}
        </div>
      ) : null}
      {actionData ? (
        <div className="notice notice--error" role="alert">
          {t("form.errorSummary")}
        </div>
      ) : null}

      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{t("staff.createTitle")}</h2>
        <Form method="post" className="stack" noValidate>
          <Field label={t("staff.name")} name="name" type="text" autoComplete="off" required defaultValue={values?.name} error={errors.name} />
          <Field label={t("staff.email")} name="email" type="email" autoComplete="off" required defaultValue={values?.email} error={errors.email} />
          <div className="field">
            <label htmlFor="field-role">{t("staff.role")}</label>
            <select
              id="field-role"
              name="role"
              defaultValue={values?.role || "coordinator"}
              aria-invalid={errors.role ? true : undefined}
              aria-describedby={errors.role ? "field-role-error" : undefined}
            >
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            {errors.role ? (
              <p className="error" id="field-role-error">
                {errors.role}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="field-organisationIds">{t("staff.organisations")}</label>
            <p className="help" id="field-organisationIds-help">
              {t("staff.organisationsHelp")}
            </p>
            <select
              id="field-organisationIds"
              name="organisationIds"
              multiple
              defaultValue={values?.organisationIds}
              aria-invalid={errors.organisationIds ? true : undefined}
              aria-describedby={`field-organisationIds-help${errors.organisationIds ? " field-organisationIds-error" : ""}`}
            >
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.kind === "stadsdelsomrade" ? `${o.name} (Stockholm)` : o.name}
                </option>
              ))}
            </select>
            {errors.organisationIds ? (
              <p className="error" id="field-organisationIds-error">
                {errors.organisationIds}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button">
              {t("staff.submit")}
            </button>
          </div>
        </Form>
      </section>

      <h2>{t("staff.listTitle")}</h2>
      {staff.length === 0 ? (
        <p className="empty">{t("staff.empty")}</p>
      ) : (
        <TableWrap label={t("staff.listTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staff.name")}</th>
                <th scope="col">{t("staff.email")}</th>
                <th scope="col">{t("staff.role")}</th>
                <th scope="col">{t("staff.scope")}</th>
                <th scope="col">{t("staff.status")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{s.email}</td>
                  <td>{t(`role.${s.role}`)}</td>
                  <td>{s.organisations ?? "–"}</td>
                  <td>{s.activatedAt ? t("staff.statusActive") : t("staff.statusPending")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
