import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/field";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatNumber } from "~/lib/format";
import { sendInvitationMail, sendReminder } from "~/lib/invitations.server";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { email, optionalInt, optionalText, requiredText } from "~/lib/schemas";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { createInvitation, listInvitations, pendingInvitationIds, seriesWindow, setReminderDays } from "~/models/invitation.server";
import { sectorCounts } from "~/models/representation.server";
import { getSeries } from "~/models/series.server";
import { SECTORS } from "../../db/schema";
import { audit, staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Inbjudningar – Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "participants");
  const series = getSeries({ seriesId, scope })!;
  const { first } = seriesWindow({ seriesId });
  const started = first !== null && first <= Date.now();
  return {
    series: { id: series.id, name: series.name },
    invitations: listInvitations({ seriesId }).map((i) => ({ ...i, noReply: started && i.status === "inbjuden" })),
    counts: sectorCounts({ seriesId }).filter((c) => c.invited > 0),
    reminderDaysBefore: series.reminderDaysBefore,
  };
}

const ReminderDaysSchema = z.object({ reminderDaysBefore: optionalInt(1, 60) });

const InviteSchema = z.object({
  name: requiredText(200),
  email,
  workplace: optionalText(300),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "participants.sectorInvalid" }) }),
  jobTitle: optionalText(200),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "participants");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const baseUrl = publicUrl(request, "/");
  const intent = formData.get("intent");

  if (intent === "reminderDays") {
    const parsed = parseFormData(ReminderDaysSchema, formData, t);
    if (!parsed.ok) return json({ errors: parsed.errors, values: { reminderDaysBefore: String(formData.get("reminderDaysBefore") ?? "").slice(0, 10) } as Record<string, string> }, { status: 400 });
    setReminderDays({ seriesId, days: parsed.data.reminderDaysBefore });
    audit(staffAudit(user, context), { action: "series.update", entityKind: "series", entityId: seriesId, seriesId, details: { fields: ["reminderDaysBefore"] } });
    return redirect(`/serier/${seriesId}/inbjudningar?paminnelse=1`);
  }

  if (intent === "remind" || intent === "remindAll") {
    const ids = intent === "remindAll" ? pendingInvitationIds({ seriesId }) : [Number(formData.get("id")) || 0];
    let sent = 0;
    for (const invitationId of ids) {
      if (await sendReminder({ baseUrl, seriesId, invitationId, sender: user.name })) sent++;
    }
    if (sent > 0) audit(staffAudit(user, context), { action: "invitation.send", entityKind: "series", entityId: seriesId, seriesId, details: { reminders: sent } });
    return redirect(`/serier/${seriesId}/inbjudningar?paminda=${sent}`);
  }

  const values = Object.fromEntries(["name", "email", "workplace", "sector", "jobTitle"].map((f) => [f, String(formData.get(f) ?? "").slice(0, 400)]));
  const parsed = parseFormData(InviteSchema, formData, t);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const created = createInvitation({ seriesId, input: parsed.data, userId: user.id, audit: staffAudit(user, context) });
  if (!created.ok) {
    return json({ errors: { email: t("invite.alreadyInvited", { email: parsed.data.email }) } as FieldErrors, values }, { status: 400 });
  }
  await sendInvitationMail({ baseUrl, seriesId, to: parsed.data.email, name: parsed.data.name, token: created.token, sender: user.name });
  return redirect(`/serier/${seriesId}/inbjudningar?skickad=${encodeURIComponent(parsed.data.email)}`);
}

export default function Invitations() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const v = actionData?.values;
  const pending = data.invitations.filter((i) => i.status === "inbjuden").length;
  const sent = searchParams.get("skickad");
  const reminded = searchParams.get("paminda");
  return (
    <>
      <p>
        <Link to={`/serier/${data.series.id}`}>← {t("session.backToSeries")}</Link>
      </p>
      <h1>{t("invite.title", { series: data.series.name })}</h1>
      <p className="lead">{t("invite.intro")}</p>
      {sent && !actionData ? (
        <div className="notice notice--ok" role="status">
          {t("invite.sent", { email: sent })}
        </div>
      ) : null}
      {reminded !== null ? (
        <div className="notice notice--ok" role="status">
          {t("invite.reminded", { count: Number(reminded) })}
        </div>
      ) : null}
      {data.counts.length ? (
        <ul>
          {data.counts.map((c) => (
            <li key={c.sector}>
              {t("invite.summary", {
                sector: t(`sector.${c.sector}`),
                invited: c.invited,
                accepted: c.accepted,
                declined: c.declined,
                noReply: c.noReply,
              })}
            </li>
          ))}
        </ul>
      ) : null}

      <section className="card" aria-labelledby="invite-form-title">
        <h2 id="invite-form-title">{t("invite.formTitle")}</h2>
        <Form key={location.key} method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("participants.name")} name="name" type="text" autoComplete="off" defaultValue={v?.name} error={errors.name} />
          <Field label={t("participants.email")} name="email" type="email" autoComplete="off" defaultValue={v?.email} error={errors.email} />
          <Field label={t("participants.workplace")} name="workplace" type="text" defaultValue={v?.workplace} error={errors.workplace} />
          <SelectField
            label={t("participants.sector")}
            name="sector"
            options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
            defaultValue={v?.sector ?? "skola"}
            error={errors.sector}
          />
          <Field label={t("participants.jobTitle")} name="jobTitle" type="text" defaultValue={v?.jobTitle} error={errors.jobTitle} />
          <div>
            <button type="submit" className="button">
              {t("invite.submit")}
            </button>
          </div>
        </Form>
      </section>

      <h2>{t("invite.listTitle", { count: data.invitations.length })}</h2>
      <p className="help">
        {data.reminderDaysBefore !== null ? t("invite.autoReminder", { days: data.reminderDaysBefore }) : t("invite.autoReminderOff")}
      </p>
      {searchParams.has("paminnelse") ? (
        <div className="notice notice--ok" role="status">
          {t("invite.reminderDaysSaved")}
        </div>
      ) : null}
      <details className="session-edit" open={!!errors.reminderDaysBefore}>
        <summary>{t("invite.reminderDaysEdit")}</summary>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="reminderDays" />
          <Field
            label={t("invite.reminderDays")}
            name="reminderDaysBefore"
            type="text"
            inputMode="numeric"
            help={t("invite.reminderDaysHelp")}
            defaultValue={v?.reminderDaysBefore ?? data.reminderDaysBefore ?? ""}
            error={errors.reminderDaysBefore}
          />
          <div>
            <button type="submit" className="button">
              {t("gap.save")}
            </button>
          </div>
        </Form>
      </details>
      {pending > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="remindAll" />
          <button type="submit" className="button">
            {t("invite.remindAll", { count: pending })}
          </button>
        </Form>
      ) : null}
      {data.invitations.length === 0 ? (
        <p className="empty">{t("invite.empty")}</p>
      ) : (
        <TableWrap label={t("invite.listTitle", { count: data.invitations.length })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("participants.name")}</th>
                <th scope="col">{t("participants.sector")}</th>
                <th scope="col">{t("invite.sentAt")}</th>
                <th scope="col">{t("invite.status")}</th>
                <th scope="col" className="num">
                  {t("invite.reminders")}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t("invite.remind")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.invitations.map((i) => (
                <tr key={i.id}>
                  <td>
                    {i.name}
                    <div className="help">
                      {i.email}
                      {i.workplace ? `, ${i.workplace}` : ""}
                    </div>
                  </td>
                  <td>{t(`sector.${i.sector}`)}</td>
                  <td>{formatDate(i.sentAt)}</td>
                  <td>
                    {i.noReply ? t("invite.status.ingetSvar") : t(`invite.status.${i.status}`)}
                    {i.respondedAt ? ` ${formatDate(i.respondedAt)}` : ""}
                    {i.declineReason ? <div className="help">”{i.declineReason}”</div> : null}
                  </td>
                  <td className="num">{formatNumber(i.reminderCount)}</td>
                  <td>
                    {i.status === "inbjuden" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="remind" />
                        <input type="hidden" name="id" value={i.id} />
                        <button type="submit" className="link-button" aria-label={t("invite.remindLabel", { name: i.name })}>
                          {t("invite.remind")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
