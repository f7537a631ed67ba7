/**
 * The confirmation step of erasure on request (issue #11 item 6, decision
 * 017): /personuppgiftsbegaran/:requestId/anonymisera or …/radera says what
 * will happen and what is stored about the person today; confirming
 * anonymises or erases the person, marks the request done, mails the
 * participant the note and writes the audit log. Staff who may handle the
 * request (coordinators within their scope, process leaders all); a request
 * outside the scope is 404, sponsors 403.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { ERASURE_MODES, EraseRequestSchema, MAX_DATA_REQUEST_TEXT } from "~/lib/data-request-form";
import { mailDataRequestHandled } from "~/lib/data-requests.server";
import { formatNumber } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { eraseOnRequest, previewErasure, requestForErasure } from "~/models/erasure.server";

export const meta: MetaFunction = () => [{ title: "Radera personuppgifter – Processtöd" }];

function notFound(): never {
  throw json({ message: "not-found" }, { status: 404 });
}

function modeOf(param: string | undefined) {
  if (param !== "anonymisera" && param !== "radera") notFound();
  return ERASURE_MODES[param];
}

function requestIdOf(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireUserWithPermission(request, "update", "data-request");
  const mode = modeOf(params.mode);
  const item = requestForErasure({ requestId: requestIdOf(params.requestId), scope });
  if (!item || item.kind !== "radering") notFound();
  const preview = item.personId === null ? null : previewErasure({ personId: item.personId });
  return json(
    { mode, item: { id: item.id, name: item.name, status: item.status }, preview },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { errors: FieldErrors; note: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "update", "data-request");
  const mode = modeOf(params.mode);
  const requestId = requestIdOf(params.requestId);
  const t = await getTranslator(request);
  const formData = await request.formData();
  const note = String(formData.get("note") ?? "").slice(0, MAX_DATA_REQUEST_TEXT + 100);
  const item = requestForErasure({ requestId, scope });
  if (!item || item.kind !== "radering") notFound();
  const parsed = parseFormData(EraseRequestSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, note }, { status: 400 });
  const result = eraseOnRequest({
    requestId,
    scope,
    user,
    mode,
    note: parsed.data.note,
    ip: (context as { clientIp?: string }).clientIp || null,
  });
  if (!result.ok) {
    if (result.reason === "not-found") notFound();
    const message =
      result.reason === "already-handled"
        ? t("portalData.queue.alreadyHandled")
        : result.reason === "already-anonymised"
          ? t("erasure.alreadyAnonymised")
          : t("erasure.personGone");
    return json<ActionData>({ errors: { form: message }, note }, { status: 400 });
  }
  await mailDataRequestHandled({
    to: result.request.email,
    name: result.request.name,
    kind: result.request.kind,
    outcome: "genomford",
    note: parsed.data.note,
    portalUrl: publicUrl(request, "/mina-sidor/mina-uppgifter"),
  });
  return redirect(`/personuppgiftsbegaran?status=hanterade&hanterad=${requestId}&utfort=${mode}`);
}

export default function ConfirmErasure() {
  const { mode, item, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const counts = preview ? Object.entries(preview.counts).filter(([, n]) => n > 0) : [];
  const blocked =
    item.status !== "ny"
      ? t("portalData.queue.alreadyHandled")
      : !preview
        ? t("erasure.personGone")
        : mode === "anonymise" && preview.anonymised
          ? t("erasure.alreadyAnonymised")
          : null;
  return (
    <div className="erasure-confirm">
      <p>
        <Link to="/personuppgiftsbegaran">{t("erasure.confirm.back")}</Link>
      </p>
      <h1>{t(`erasure.confirm.title.${mode}`, { name: item.name })}</h1>
      <p>{t(`erasure.confirm.what.${mode}`)}</p>
      <p>{t(`erasure.confirm.keep.${mode}`)}</p>
      <p>{t("erasure.confirm.request")}</p>
      {counts.length ? (
        <>
          <h2>{t("erasure.confirm.countsHeading")}</h2>
          <ul className="erasure-counts">
            {counts.map(([key, n]) => (
              <li key={key}>
                {t(`erasure.count.${key}` as Parameters<typeof t>[0])}: {formatNumber(n)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {blocked ? (
        <div className="notice notice--warn">{blocked}</div>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormError message={errors.form ?? (actionData ? t("form.errorSummary") : null)} />
          <TextAreaField
            id="radera-note"
            label={t("portalData.queue.note")}
            name="note"
            help={t("portalData.queue.noteHelp")}
            error={errors.note}
            defaultValue={actionData?.note ?? t(`erasure.confirm.noteDefault.${mode}`)}
            maxLength={MAX_DATA_REQUEST_TEXT}
            rows={3}
          />
          <p className="erasure-confirm__warning">{t("erasure.confirm.irreversible")}</p>
          <div>
            <button type="submit" className="button button--danger" disabled={navigation.state === "submitting"}>
              {t(`erasure.confirm.submit.${mode}`)}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
