/**
 * The accessibility statement (tillgänglighetsredogörelse, issue #11 item 6),
 * in the structure of DIGG's model statement, with a form to report problems.
 * Public: anyone may read it and report. A report is stored and mailed to
 * ACCESSIBILITY_CONTACT_EMAIL; ten per IP address per hour.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError, TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { getUser } from "~/lib/auth.server";
import { can } from "~/lib/permissions.server";
import { POLICY_UPDATED } from "~/lib/policy";
import { AccessibilityReportSchema, policySettings, REPORT_DESCRIPTION_MAX, submitAccessibilityReport } from "~/lib/policy.server";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Tillgänglighetsredogörelse – Processtöd" }];

/** The page the reader came from, as a path on this site, to fill in "Sidans adress". */
function referringPath(request: Request): string {
  const referer = request.headers.get("Referer");
  if (!referer) return "";
  try {
    const from = new URL(referer);
    const here = new URL(request.url);
    if (from.origin !== here.origin || from.pathname === here.pathname) return "";
    return `${from.pathname}${from.search}`.slice(0, 2000);
  } catch {
    return "";
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { controller, accessibilityEmail } = policySettings();
  return {
    controller,
    accessibilityEmail,
    pageUrl: referringPath(request),
    canReadReports: user ? can(user, "read", "accessibility-report") : false,
  };
}

type Values = { name: string; email: string; pageUrl: string; description: string };
type ActionData = { errors: FieldErrors; formError?: string; values: Values; sent?: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const formData = await request.formData();
  const field = (name: string, max: number) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.slice(0, max) : "";
  };
  // What the reader typed goes back into the form; the description whole up to a generous cap, so its error can count it.
  const values: Values = { name: field("name", 200), email: field("email", 254), pageUrl: field("pageUrl", 2000), description: field("description", REPORT_DESCRIPTION_MAX * 4) };
  const parsed = parseFormData(AccessibilityReportSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const result = await submitAccessibilityReport({
    input: parsed.data,
    ip: context.clientIp ?? "",
    listUrl: publicUrl(request, "/tillganglighetsredogorelse/rapporter"),
  });
  if (!result.ok) {
    return json<ActionData>(
      {
        errors: {},
        formError: t(result.reason === "ip" ? "policy.report.throttled" : "policy.report.throttledAll", { minutes: result.retryAfterMinutes, email: policySettings().accessibilityEmail }),
        values,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterMinutes * 60) } },
    );
  }
  return json<ActionData>({ errors: {}, values: { name: "", email: "", pageUrl: "", description: "" }, sent: true });
}

export default function AccessibilityStatement() {
  const { controller, accessibilityEmail, pageUrl, canReadReports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const mail = <a href={`mailto:${accessibilityEmail}`}>{accessibilityEmail}</a>;
  return (
    <article className="policy">
      <h1>{t("policy.a11y.title")}</h1>
      <p className="lead">{t("policy.a11y.intro", { controller })}</p>
      <p className="help">{t("policy.updated", { date: POLICY_UPDATED })}</p>

      <h2>{t("policy.a11y.status.heading")}</h2>
      <p>{t("policy.a11y.status.text")}</p>

      <h2>{t("policy.a11y.alt.heading")}</h2>
      <p>{t("policy.a11y.alt.text")}</p>
      <p>
        {t("policy.contactLabel")} {mail}
      </p>

      <section aria-labelledby="rapportera" className="policy-report">
        <h2 id="rapportera">{t("policy.a11y.report.heading")}</h2>
        {actionData?.sent ? (
          <div className="notice notice--ok" role="status">
            <p>
              <strong>{t("policy.report.sentTitle")}</strong>
            </p>
            <p>{t("policy.report.sent")}</p>
            <p>
              <Link to="/tillganglighetsredogorelse#rapportera" reloadDocument>
                {t("policy.report.again")}
              </Link>
            </p>
          </div>
        ) : (
          <>
            <p>{t("policy.a11y.report.intro")}</p>
            <FormError message={actionData?.formError} />
            <Form method="post" action="/tillganglighetsredogorelse#rapportera" className="stack policy-report__form" noValidate>
              <Field label={t("policy.report.name")} name="name" type="text" autoComplete="name" defaultValue={actionData?.values.name} error={actionData?.errors.name} />
              <Field
                label={t("policy.report.email")}
                name="email"
                type="email"
                autoComplete="email"
                inputMode="email"
                help={t("policy.report.emailHelp")}
                defaultValue={actionData?.values.email}
                error={actionData?.errors.email}
              />
              <Field
                label={t("policy.report.page")}
                name="pageUrl"
                type="text"
                help={t("policy.report.pageHelp")}
                defaultValue={actionData ? actionData.values.pageUrl : pageUrl}
                error={actionData?.errors.pageUrl}
              />
              {/* No maxlength: the browser would cut pasted text silently; the server counts and says so. */}
              <TextAreaField
                label={t("policy.report.description")}
                name="description"
                rows={6}
                required
                help={t("policy.report.descriptionHelp", { max: "5 000" })}
                defaultValue={actionData?.values.description}
                error={actionData?.errors.description}
              />
              <div>
                <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                  {t("policy.report.submit")}
                </button>
              </div>
            </Form>
          </>
        )}
        {canReadReports ? (
          <p>
            <Link to="/tillganglighetsredogorelse/rapporter">{t("policy.report.listLink")}</Link>
          </p>
        ) : null}
      </section>

      <h2>{t("policy.a11y.supervision.heading")}</h2>
      <p>{t("policy.a11y.supervision.text")}</p>
      <p>
        <a href="https://www.digg.se/tdosanmalan">{t("policy.a11y.supervision.link")}</a>
      </p>

      <h2>{t("policy.a11y.technical.heading")}</h2>
      <p>{t("policy.a11y.technical.text")}</p>

      <h2>{t("policy.a11y.issues.heading")}</h2>
      <p>{t("policy.a11y.issues.intro")}</p>
      <ul>
        <li>{t("policy.a11y.issues.drag")}</li>
        <li>{t("policy.a11y.issues.charts")}</li>
        <li>{t("policy.a11y.issues.qr")}</li>
      </ul>
      <h3>{t("policy.a11y.exempt.heading")}</h3>
      <p>{t("policy.a11y.exempt.text")}</p>

      <h2>{t("policy.a11y.testing.heading")}</h2>
      <p>{t("policy.a11y.testing.intro")}</p>
      <ul>
        <li>{t("policy.a11y.testing.axe")}</li>
        <li>{t("policy.a11y.testing.keyboard")}</li>
        <li>{t("policy.a11y.testing.noScript")}</li>
        <li>{t("policy.a11y.testing.mobile")}</li>
      </ul>
      <p>{t("policy.a11y.testing.date", { date: POLICY_UPDATED })}</p>
    </article>
  );
}
