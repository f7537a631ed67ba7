/**
 * The staff queue of participants' correction and erasure requests
 * (issue #8 item 6, decision 011). Process leaders see every request;
 * coordinators those linked to series in their municipalities; sponsors get
 * 403. Handling records the outcome and a note and mails the participant.
 * An erasure request can be carried out from here: "Anonymisera personens
 * uppgifter" and "Radera personen helt" lead to a confirmation step
 * (personuppgiftsbegaran.$requestId.$mode.tsx, decision 017).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { DATA_REQUEST_FILTERS, HandleDataRequestSchema, HANDLING_OUTCOMES, MAX_DATA_REQUEST_TEXT, type DataRequestFilter } from "~/lib/data-request-form";
import { mailDataRequestHandled } from "~/lib/data-requests.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { can, requireUserWithPermission } from "~/lib/permissions.server";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { handleDataRequest, listDataRequests } from "~/models/data-request.server";
import { staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Begäranden om personuppgifter – Processtöd" }];

function filterOf(request: Request): DataRequestFilter {
  const value = new URL(request.url).searchParams.get("status");
  return (DATA_REQUEST_FILTERS as readonly string[]).includes(value ?? "") ? (value as DataRequestFilter) : "ny";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "read", "data-request");
  const filter = filterOf(request);
  const handled = Number(new URL(request.url).searchParams.get("hanterad")) || null;
  const items = listDataRequests({ scope, filter }).map((r) => ({
    ...r,
    createdAt: r.createdAt.getTime(),
    handledAt: r.handledAt?.getTime() ?? null,
  }));
  return json(
    { filter, items, handled, canHandle: can(user, "update", "data-request"), canReadParticipants: can(user, "read", "participants") },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { requestId: number | null; errors: FieldErrors; values: { outcome: string; note: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "update", "data-request");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const parsed = parseFormData(HandleDataRequestSchema, formData, t);
  const requestId = Number(formData.get("requestId")) || null;
  const values = { outcome: String(formData.get("outcome") ?? ""), note: String(formData.get("note") ?? "").slice(0, MAX_DATA_REQUEST_TEXT + 100) };
  if (!parsed.ok) return json<ActionData>({ requestId, errors: parsed.errors, values }, { status: 400 });
  const result = handleDataRequest({
    requestId: parsed.data.requestId,
    scope,
    userId: user.id,
    outcome: parsed.data.outcome,
    note: parsed.data.note,
    audit: staffAudit(user, context),
  });
  if (!result.ok && result.reason === "not-found") throw json({ message: "not-found" }, { status: 404 });
  if (!result.ok) {
    return json<ActionData>({ requestId, errors: { form: t("portalData.queue.alreadyHandled") }, values }, { status: 400 });
  }
  await mailDataRequestHandled({
    to: result.request.email,
    name: result.request.name,
    kind: result.request.kind,
    outcome: parsed.data.outcome,
    note: parsed.data.note,
    portalUrl: publicUrl(request, "/mina-sidor/mina-uppgifter"),
  });
  const filter = filterOf(request);
  return redirect(`/personuppgiftsbegaran?status=${filter}&hanterad=${parsed.data.requestId}`);
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function HandleForm({ item }: { item: Item }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = actionData?.requestId === item.id ? actionData : null;
  const errors = mine?.errors ?? {};
  const prefix = `begaran-${item.id}`;
  return (
    <Form method="post" className="stack data-request-handle" noValidate>
      <input type="hidden" name="requestId" value={item.id} />
      <FormError message={errors.form ?? (mine ? t("form.errorSummary") : null)} />
      <fieldset className="field" aria-describedby={errors.outcome ? `${prefix}-outcome-error` : undefined}>
        <legend>{t("portalData.queue.outcome")}</legend>
        <div className="data-request-outcomes">
          {HANDLING_OUTCOMES.map((outcome) => (
            <label key={outcome} className="my-data-radio">
              <input
                type="radio"
                name="outcome"
                value={outcome}
                defaultChecked={mine?.values.outcome === outcome}
                aria-invalid={errors.outcome ? true : undefined}
              />
              <span>{t(`portalData.status.${outcome}`)}</span>
            </label>
          ))}
        </div>
        {errors.outcome ? (
          <p className="error" id={`${prefix}-outcome-error`}>
            {errors.outcome}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id={`${prefix}-note`}
        label={t("portalData.queue.note")}
        name="note"
        help={t("portalData.queue.noteHelp")}
        error={errors.note}
        defaultValue={mine?.values.note}
        maxLength={MAX_DATA_REQUEST_TEXT}
        rows={3}
      />
      <div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("portalData.queue.submit")}
        </button>
      </div>
    </Form>
  );
}

function RequestCard({ item, canHandle, canReadParticipants, justHandled }: { item: Item; canHandle: boolean; canReadParticipants: boolean; justHandled: boolean }) {
  const t = useT();
  const headingId = `begaran-${item.id}-rubrik`;
  return (
    <li className="card data-request">
      <h2 id={headingId} className="data-request__title">
        {t(`portalData.kind.${item.kind}`)}: {item.name}
      </h2>
      <p className={`data-request__status data-request__status--${item.status}`}>{t(`portalData.status.${item.status}`)}</p>
      <dl className="data-request__facts">
        <div>
          <dt>{t("portalData.field.email")}</dt>
          <dd>{item.email}</dd>
        </div>
        <div>
          <dt>{t("portalData.field.createdAt")}</dt>
          <dd>{formatDateTime(item.createdAt)}</dd>
        </div>
        <div>
          <dt>{t("portalData.queue.series")}</dt>
          <dd>
            {item.series.length === 0 ? (
              t("portalData.queue.noSeries")
            ) : (
              <ul className="data-request__series">
                {item.series.map((s) => (
                  <li key={s.id}>
                    {canReadParticipants ? (
                      <Link to={`/serier/${s.id}/deltagare`}>{t("portalData.queue.participantList", { series: s.name })}</Link>
                    ) : (
                      s.name
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <h3 className="data-request__subtitle">{t("portalData.field.message")}</h3>
      <p className="data-request__message">{item.message || t("portalData.queue.noMessage")}</p>
      {item.kind === "radering" && item.status === "ny" ? <p className="data-request__erasure">{t("portalData.queue.erasureNote")}</p> : null}
      {item.kind === "radering" && item.status === "ny" && canHandle && item.personId !== null ? (
        <nav aria-label={`${t("erasure.actionsLabel")}: ${item.name}`}>
          <ul className="erasure-actions">
            {item.personAnonymised ? null : (
              <li>
                <Link to={`/personuppgiftsbegaran/${item.id}/anonymisera`}>{t("erasure.anonymise")}</Link>
              </li>
            )}
            <li>
              <Link to={`/personuppgiftsbegaran/${item.id}/radera`}>{t("erasure.erase")}</Link>
            </li>
          </ul>
        </nav>
      ) : null}
      {item.status === "ny" ? (
        canHandle ? (
          <HandleForm item={item} />
        ) : null
      ) : (
        <p className={`notice ${justHandled ? "notice--ok" : "data-request__handled"}`} role={justHandled ? "status" : undefined}>
          {t("portalData.queue.handledLine", {
            outcome: t(`portalData.status.${item.status}`),
            date: item.handledAt ? formatDate(item.handledAt) : "–",
            by: item.handledBy ?? t("portalData.queue.unknownHandler"),
            note: item.handlingNote ?? "",
          })}
        </p>
      )}
    </li>
  );
}

export default function DataRequestQueue() {
  const { filter, items, handled, canHandle, canReadParticipants } = useLoaderData<typeof loader>();
  const t = useT();
  const handledItem = handled ? items.find((i) => i.id === handled) : undefined;
  const done = useSearchParams()[0].get("utfort");
  const doneMode = done === "anonymise" || done === "erase" ? done : null;
  return (
    <>
      <h1>{t("portalData.queue.title")}</h1>
      <p className="lead">{t("portalData.queue.intro")}</p>
      {handled && doneMode ? (
        <div className="notice notice--ok" role="status">
          {t(`erasure.done.${doneMode}`)}
        </div>
      ) : null}
      {handled && !handledItem && !doneMode ? (
        <div className="notice notice--ok" role="status">
          {t("portalData.queue.handledNotice")}
        </div>
      ) : null}
      <nav aria-label={t("portalData.queue.filterLabel")} className="data-request-filter">
        <ul>
          {DATA_REQUEST_FILTERS.map((f) => (
            <li key={f}>
              <Link to={`/personuppgiftsbegaran?status=${f}`} aria-current={f === filter ? "page" : undefined}>
                {t(`portalData.queue.filter.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p className="empty">{t(`portalData.queue.empty.${filter}`)}</p>
      ) : (
        <ul className="data-request-list">
          {items.map((item) => (
            <RequestCard
              key={item.id}
              item={item}
              canHandle={canHandle}
              canReadParticipants={canReadParticipants}
              justHandled={item.id === handled}
            />
          ))}
        </ul>
      )}
    </>
  );
}
