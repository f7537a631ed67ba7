import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ExchangeFields } from "~/components/exchange-fields";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { ExchangeSchema, EXCHANGE_FIELDS } from "~/lib/exchange-schema";
import { formatDate, formatNumber, formatTime } from "~/lib/format";
import { can, requireUserWithPermission } from "~/lib/permissions.server";
import { stockholmToUtc } from "~/lib/time";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { createExchangeEvent, listExchangeEvents } from "~/models/exchange.server";
import { TableWrap } from "~/components/table-wrap";
import { audit, staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Erfarenhetsutbyten – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "read", "series");
  return { events: listExchangeEvents({ scope }), canCreate: can(user, "update", "exchange") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update", "exchange");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = Object.fromEntries(EXCHANGE_FIELDS.map((f) => [f, String(formData.get(f) ?? "").slice(0, 2000)]));
  const parsed = parseFormData(ExchangeSchema, formData, t);
  if (!parsed.ok) return json<{ errors: FieldErrors; values: Record<string, string> }>({ errors: parsed.errors, values }, { status: 400 });
  const { date, startTime, endTime, ...rest } = parsed.data;
  const eventId = createExchangeEvent({
    values: { ...rest, startsAt: stockholmToUtc(date, startTime), endsAt: stockholmToUtc(date, endTime), processLeaderId: user.id },
  });
  audit(staffAudit(user, context), { action: "session.update", entityKind: "exchange_event", entityId: eventId, details: { created: true } });
  return redirect(`/utbyten/${eventId}?sparat=1`);
}

export default function Exchanges() {
  const { events, canCreate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{t("exchange.title")}</h1>
      <p className="lead">{t("exchange.intro")}</p>
      {events.length === 0 ? (
        <p className="empty">{t("exchange.empty")}</p>
      ) : (
        <TableWrap label={t("exchange.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("exchange.name")}</th>
                <th scope="col">{t("series.date")}</th>
                <th scope="col">{t("exchange.series")}</th>
                <th scope="col" className="num">
                  {t("exchange.participants")}
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/utbyten/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>
                    {formatDate(e.startsAt)} {formatTime(e.startsAt)}–{formatTime(e.endsAt)}
                  </td>
                  <td>{e.series || t("exchange.noSeries")}</td>
                  <td className="num">{formatNumber(e.participants)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {canCreate ? (
        <section className="card" aria-labelledby="new-exchange" style={{ marginTop: "2rem" }}>
          <h2 id="new-exchange">{t("exchange.create")}</h2>
          <Form method="post" className="stack" noValidate>
            <ExchangeFields values={actionData?.values} errors={actionData?.errors ?? {}} />
            <div>
              <button type="submit" className="button">
                {t("exchange.save")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
