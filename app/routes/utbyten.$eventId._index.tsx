import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ExchangeFields } from "~/components/exchange-fields";
import { SelectField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { ExchangeSchema, EXCHANGE_FIELDS } from "~/lib/exchange-schema";
import { formatDate, formatNumber, formatTime } from "~/lib/format";
import { can, requireUserWithPermission } from "~/lib/permissions.server";
import { idList } from "~/lib/schemas";
import { stockholmToUtc } from "~/lib/time";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { getExchangeEvent, listSeriesForLinking, setLinkedSeries, updateExchangeEvent } from "~/models/exchange.server";
import { z } from "zod";
import { audit, changedFields, staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.event.title ?? "Erfarenhetsutbyte"} – Processtöd` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "read", "series");
  const event = getExchangeEvent({ eventId: Number(params.eventId) || 0, scope });
  // Outside the user's scope it answers like a missing event.
  if (!event) throw json({ message: "not-found" }, { status: 404 });
  const canEdit = can(user, "update", "exchange");
  return { event, canEdit, canSeeAttendance: can(user, "read", "attendance"), seriesOptions: canEdit ? listSeriesForLinking() : [] };
}

const LinkSchema = z.object({ seriesIds: idList("exchange.seriesInvalid", 300) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update", "exchange");
  const event = getExchangeEvent({ eventId: Number(params.eventId) || 0, scope: { kind: "all" } });
  if (!event) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  const formData = await request.formData();
  if (formData.get("intent") === "link") {
    const parsed = parseFormData(LinkSchema, formData, t);
    const known = new Set(listSeriesForLinking().map((s) => s.id));
    if (!parsed.ok || parsed.data.seriesIds.some((id) => !known.has(id))) {
      return json({ form: "link", errors: { seriesIds: t("exchange.seriesInvalid") } as FieldErrors, values: {} }, { status: 400 });
    }
    setLinkedSeries({ eventId: event.id, seriesIds: parsed.data.seriesIds });
    audit(staffAudit(user, context), { action: "session.update", entityKind: "exchange_event", entityId: event.id, details: { fields: ["linkedSeries"], seriesIds: parsed.data.seriesIds } });
    return redirect(`/utbyten/${event.id}?kopplat=1`);
  }
  const values = Object.fromEntries(EXCHANGE_FIELDS.map((f) => [f, String(formData.get(f) ?? "").slice(0, 2000)]));
  const parsed = parseFormData(ExchangeSchema, formData, t);
  if (!parsed.ok) return json({ form: "event", errors: parsed.errors, values }, { status: 400 });
  const { date, startTime, endTime, ...rest } = parsed.data;
  updateExchangeEvent({
    eventId: event.id,
    values: { ...rest, startsAt: stockholmToUtc(date, startTime), endsAt: stockholmToUtc(date, endTime), processLeaderId: event.processLeaderId },
  });
  audit(staffAudit(user, context), { action: "session.update", entityKind: "exchange_event", entityId: event.id, details: { fields: changedFields(event, { ...rest, startsAt: stockholmToUtc(date, startTime), endsAt: stockholmToUtc(date, endTime) }) } });
  return redirect(`/utbyten/${event.id}?sparat=1`);
}

export default function ExchangePage() {
  const { event, canEdit, canSeeAttendance, seriesOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/utbyten">← {t("exchange.title")}</Link>
      </p>
      <h1>{event.title}</h1>
      {searchParams.has("sparat") ? (
        <div className="notice notice--ok" role="status">
          {t("exchange.saved")}
        </div>
      ) : null}
      {searchParams.has("kopplat") ? (
        <div className="notice notice--ok" role="status">
          {t("exchange.linked")}
        </div>
      ) : null}
      <dl className="meta-list">
        <dt>{t("series.date")}</dt>
        <dd>
          {formatDate(event.startsAt)}, {formatTime(event.startsAt)}–{formatTime(event.endsAt)}
        </dd>
        <dt>{t("series.format")}</dt>
        <dd>{t(`format.${event.format}`)}</dd>
        <dt>{t("series.venue")}</dt>
        <dd>{event.venue || t("series.none")}</dd>
        {event.expert ? (
          <>
            <dt>{t("series.expert")}</dt>
            <dd className="pre-line">{event.expert}</dd>
          </>
        ) : null}
        <dt>{t("series.processLeader")}</dt>
        <dd>{event.processLeader ?? t("series.none")}</dd>
      </dl>
      {canSeeAttendance ? (
        <p className="link-row">
          <Link to={`/utbyten/${event.id}/narvaro`}>{t("roster.openRoster")}</Link>
          <Link to={`/utbyten/${event.id}/incheckning`}>{t("roster.checkinScreen")}</Link>
          <Link to={`/utbyten/${event.id}/grupper`}>{t("groups.link.open")}</Link>
        </p>
      ) : null}

      <h2>{t("exchange.series")}</h2>
      <p>{t("exchange.participantsTotal", { count: formatNumber(event.participants), series: event.linkedSeries.length })}</p>
      {event.linkedSeries.length === 0 ? (
        <p className="empty">{t("exchange.noSeries")}</p>
      ) : (
        <ul>
          {event.linkedSeries.map((s) => (
            <li key={s.id}>
              <Link to={`/serier/${s.id}`}>
                {s.name} ({s.term})
              </Link>{" "}
              – {t("exchange.participants").toLowerCase()}: {formatNumber(s.participants)}
            </li>
          ))}
        </ul>
      )}

      {canEdit ? (
        <>
          <section className="card" aria-labelledby="link-title">
            <h2 id="link-title">{t("exchange.linkSubmit")}</h2>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="link" />
              <SelectField
                label={t("exchange.series")}
                name="seriesIds"
                multiple
                help={t("exchange.seriesHelp")}
                options={seriesOptions.map((s) => ({ value: s.id, label: `${s.name} (${s.term})` }))}
                defaultValue={event.linkedSeries.map((s) => String(s.id))}
                error={actionData?.form === "link" ? actionData.errors.seriesIds : undefined}
              />
              <div>
                <button type="submit" className="button">
                  {t("exchange.linkSubmit")}
                </button>
              </div>
            </Form>
          </section>
          <section className="card" aria-labelledby="edit-exchange">
            <h2 id="edit-exchange">{t("session.editTitle")}</h2>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="event" />
              <ExchangeFields
                values={
                  actionData?.form === "event"
                    ? (actionData.values as Record<string, string>)
                    : {
                        title: event.title,
                        date: formatDate(event.startsAt),
                        startTime: formatTime(event.startsAt),
                        endTime: formatTime(event.endsAt),
                        format: event.format,
                        venue: event.venue ?? "",
                        meetingLink: event.meetingLink ?? "",
                        expert: event.expert ?? "",
                        notes: event.notes ?? "",
                      }
                }
                errors={actionData?.form === "event" ? actionData.errors : {}}
              />
              <div>
                <button type="submit" className="button">
                  {t("exchange.save")}
                </button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
