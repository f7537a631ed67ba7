import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/field";
import { PortalGroupCard } from "~/components/portal-group";
import { PortalShell } from "~/components/portal-shell";
import { translator, useLocale, useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatNumber, formatTimeRange } from "~/lib/format";
import { sendMail } from "~/lib/mail.server";
import { requireParticipant, type Participant } from "~/lib/participant-auth.server";
import { expertLines, replyBlock, type ReplyBlock } from "~/lib/portal-reply";
import { email, isHttpUrl, optionalText, requiredText } from "~/lib/schemas";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { publishedGroupFor } from "~/models/groups.server";
import { portalSession, type PortalSession } from "~/models/portal.server";
import { sessionReplyDetails, setSessionReply, substituteNoticeRecipients } from "~/models/session-reply.server";
import { proposeSubstitute, withdrawPendingSubstitute } from "~/models/substitution.server";
import { audit, participantAudit } from "~/models/audit-log.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.session.title} – Mina sidor – Processtöd` : "Mina sidor – Processtöd" },
];

/** What a successful post leads to (?sparat=…), shown as a status notice. */
const SAVED = {
  svar: "portalSession.saved.reply",
  "svar-ersattare-borttagen": "portalSession.saved.replyWithdrew",
  ersattare: "portalSession.saved.substitute",
  "ersattare-borttagen": "portalSession.saved.withdrawn",
} as const;
type SavedKey = keyof typeof SAVED;

/** The participant's session, or 404: unknown ids and other people's sessions look the same. */
async function loadSession(request: Request, params: { sessionId?: string }): Promise<{ participant: Participant; session: PortalSession }> {
  const participant = await requireParticipant(request);
  const sessionId = Number(params.sessionId);
  const session = Number.isSafeInteger(sessionId) ? portalSession({ personId: participant.id, sessionId }) : null;
  if (!session) throw new Response("Tillfället finns inte", { status: 404 });
  return { participant, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participant, session } = await loadSession(request, params);
  const details = sessionReplyDetails({ personId: participant.id, sessionId: session.id });
  const saved = new URL(request.url).searchParams.get("sparat");
  return {
    name: participant.name,
    session: {
      id: session.id,
      title: session.title,
      seriesName: session.seriesName,
      startsAt: session.startsAt.getTime(),
      endsAt: session.endsAt.getTime(),
      format: session.format,
      venue: session.venue,
      meetingLink: session.meetingLink,
      // Only http(s) links become clickable; anything else is shown as text.
      meetingLinkIsUrl: session.meetingLink ? isHttpUrl(session.meetingLink) : false,
      experts: expertLines(session.expert),
      prepHours: session.prepHours,
      prepDone: session.prepDone,
      prepTotal: session.prepTotal,
      cancelled: session.seriesStatus === "avbruten",
      // Over, and never answered: asking "Kommer du?" afterwards would only be noise.
      endedUnanswered: session.endsAt.getTime() <= Date.now() && session.reply === null && session.substituteForName === null,
      substituteForName: session.substituteForName,
    },
    reply: details.reply,
    repliedAt: details.repliedAt?.getTime() ?? null,
    substitute: details.substitute,
    block: replyBlock(session),
    group: publishedGroupFor({ personId: participant.id, sessionId: session.id }),
    saved: saved && saved in SAVED ? (saved as SavedKey) : null,
  };
}

const SubstituteSchema = z.object({
  name: requiredText(200),
  email,
  workplace: optionalText(200),
});

type SubstituteValues = { name: string; email: string; workplace: string };

function blockMessage(t: Translate, block: Exclude<ReplyBlock, null>, session: PortalSession): string {
  if (block === "cancelled") return t("portalSession.reply.cancelledError");
  if (block === "substitute") return t("portalSession.reply.asSubstituteError", { name: session.substituteForName ?? "" });
  return t("portalSession.reply.startedError");
}

function formFailure(formError: string, values: SubstituteValues | null = null, errors: FieldErrors = {}) {
  return json({ formError, errors, values }, { status: 400 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { participant, session } = await loadSession(request, params);
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const page = `/mina-sidor/tillfallen/${session.id}`;

  const block = replyBlock(session);
  if (block) return formFailure(blockMessage(t, block, session));

  if (intent === "kommer" || intent === "kommer_inte") {
    const result = setSessionReply({ personId: participant.id, sessionId: session.id, reply: intent });
    audit(participantAudit(participant.id, context), {
      action: "attendance.reply",
      entityKind: "series_session",
      entityId: session.id,
      seriesId: session.seriesId,
      details: { reply: intent, ...(result.withdrewSubstitute ? { substituteWithdrawn: true } : {}) },
    });
    return redirect(`${page}?sparat=${result.withdrewSubstitute ? "svar-ersattare-borttagen" : "svar"}`);
  }

  if (intent === "ersattare") {
    const values: SubstituteValues = {
      name: String(formData.get("name") ?? "").slice(0, 300),
      email: String(formData.get("email") ?? "").slice(0, 300),
      workplace: String(formData.get("workplace") ?? "").slice(0, 300),
    };
    if (sessionReplyDetails({ personId: participant.id, sessionId: session.id }).reply !== "kommer_inte") {
      return formFailure(t("portalSession.sub.replyFirst"), values);
    }
    const parsed = parseFormData(SubstituteSchema, formData, t);
    if (!parsed.ok) return formFailure("", values, parsed.errors);
    const result = proposeSubstitute({ seriesId: session.seriesId, sessionId: session.id, forPersonId: participant.id, substitute: parsed.data, audit: participantAudit(participant.id, context) });
    if (!result.ok) {
      // Naming oneself is a problem with the address; a confirmed substitute is one with the whole form.
      return result.problem === "portal.substitute.self"
        ? formFailure("", values, { email: t(result.problem) })
        : formFailure(t(result.problem), values);
    }
    await mailCoordinators({ request, session, participant, substitute: parsed.data });
    return redirect(`${page}?sparat=ersattare`);
  }

  if (intent === "aterkalla") {
    if (!withdrawPendingSubstitute({ sessionId: session.id, forPersonId: participant.id })) {
      return formFailure(t("portalSession.sub.nothingToWithdraw"));
    }
    audit(participantAudit(participant.id, context), {
      action: "attendance.substitute",
      entityKind: "series_session",
      entityId: session.id,
      seriesId: session.seriesId,
      details: { step: "withdrawn" },
    });
    return redirect(`${page}?sparat=ersattare-borttagen`);
  }

  return formFailure(t("form.invalidRequest"));
}

/**
 * Tells the series' coordinators that a substitute waits for them. The
 * colleague's address is left out on purpose: nothing goes to an address a
 * participant typed until a coordinator has confirmed it (decision 011).
 */
async function mailCoordinators({
  request,
  session,
  participant,
  substitute,
}: {
  request: Request;
  session: PortalSession;
  participant: Participant;
  substitute: { name: string; workplace: string | null };
}) {
  // Staff mail is Swedish, whatever language the participant reads the portal in.
  const t = translator("sv");
  const subject = t("portalSession.mail.subject", { series: session.seriesName, date: formatDate(session.startsAt) });
  const text = t("portalSession.mail.body", {
    person: participant.name,
    title: session.title,
    when: formatTimeRange(session.startsAt, session.endsAt),
    series: session.seriesName,
    substitute: substitute.workplace ? `${substitute.name}, ${substitute.workplace}` : substitute.name,
    link: publicUrl(request, `/serier/${session.seriesId}/tillfallen/${session.id}`),
  });
  for (const recipient of substituteNoticeRecipients({ seriesId: session.seriesId })) {
    await sendMail({ to: recipient.email, subject, text });
  }
}

export default function PortalSessionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const { session, reply, repliedAt, substitute, block } = data;
  const busy = navigation.state !== "idle";
  const subErrors: FieldErrors = actionData?.errors ?? {};
  const values = actionData?.values ?? null;
  const hasSubErrors = Object.keys(subErrors).length > 0 || values !== null;
  // After a failed post the notice of an earlier success is stale.
  const saved = actionData ? null : data.saved;

  const unit = session.prepHours === 1 ? t("portalSession.hour") : t("portalSession.hours");
  const canAnswer = block === null;
  const canName = canAnswer && reply === "kommer_inte" && substitute?.status !== "bekraftad";

  return (
    <PortalShell name={data.name} title={session.title}>
      <p className="portal-session__series">{session.seriesName}</p>
      {saved ? (
        <div className="notice notice--ok" role="status">
          {t(SAVED[saved])}
        </div>
      ) : null}
      {session.cancelled ? <div className="notice notice--warn">{t("portalSession.cancelled")}</div> : null}
      <FormError message={actionData?.formError || null} />

      <dl className="portal-facts">
        <div>
          <dt>{t("portalSession.when")}</dt>
          <dd>
            <time dateTime={new Date(session.startsAt).toISOString()}>{formatTimeRange(session.startsAt, session.endsAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("portalSession.format")}</dt>
          <dd>{t(`portal.format.${session.format}`)}</dd>
        </div>
        {session.venue ? (
          <div>
            <dt>{t("portalSession.venue")}</dt>
            <dd>{session.venue}</dd>
          </div>
        ) : null}
        {session.meetingLink ? (
          <div>
            <dt>{t("portalSession.meetingLink")}</dt>
            <dd className="portal-facts__link">
              {session.meetingLinkIsUrl ? (
                <a href={session.meetingLink} rel="noopener noreferrer">
                  {session.meetingLink}
                </a>
              ) : (
                session.meetingLink
              )}
            </dd>
          </div>
        ) : null}
        {session.experts.length ? (
          <div>
            <dt>{session.experts.length > 1 ? t("portalSession.experts") : t("portalSession.expert")}</dt>
            {session.experts.map((line, i) => (
              <dd key={i}>{line}</dd>
            ))}
          </div>
        ) : null}
      </dl>

      <PortalGroupCard group={data.group} />

      {session.prepHours !== null || session.prepTotal > 0 ? (
        <div className="portal-session__prep">
          {session.prepHours !== null ? <p>{t("portalSession.prepTime", { hours: formatNumber(session.prepHours, locale), unit })}</p> : null}
          {session.prepTotal > 0 ? (
            <>
              <p>{t("portalSession.prepProgress", { done: session.prepDone, total: session.prepTotal })}</p>
              <p>
                <Link to={`/mina-sidor/tillfallen/${session.id}/forberedelser`} className="portal-session__link">
                  {t("portalSession.prepLink")}
                </Link>
              </p>
            </>
          ) : null}
        </div>
      ) : null}

      {session.cancelled ? null : (
        <p>
          <a href={`/mina-sidor/tillfallen/${session.id}/kalender`} className="button button--secondary portal-button portal-session__calendar" download>
            {t("portalSession.calendar")}
          </a>
        </p>
      )}

      {session.cancelled || session.endedUnanswered ? null : (
        <section className="portal-session__section" aria-labelledby="svar-rubrik">
          <h2 id="svar-rubrik">{t("portalSession.reply.heading")}</h2>
          {block === "substitute" ? (
            <p>{t("portalSession.reply.asSubstitute", { name: session.substituteForName ?? "" })}</p>
          ) : (
            <>
              <p className="portal-session__reply">
                {reply === "kommer" && repliedAt !== null
                  ? t("portalSession.reply.coming", { date: formatDate(repliedAt) })
                  : reply === "kommer_inte" && repliedAt !== null
                    ? t("portalSession.reply.notComing", { date: formatDate(repliedAt) })
                    : t("portalSession.reply.none")}
              </p>
              {reply === "kommer" && substitute?.status === "bekraftad" ? <p>{t("portalSession.reply.confirmedKept")}</p> : null}
              {block === "started" ? (
                <p>{t("portalSession.reply.started")}</p>
              ) : (
                <Form method="post" className="portal-reply">
                  <button
                    type="submit"
                    name="intent"
                    value="kommer"
                    className={`button portal-button${reply === "kommer" ? "" : " button--secondary"}`}
                    disabled={busy}
                  >
                    {t("portalSession.reply.yes")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="kommer_inte"
                    className={`button portal-button${reply === "kommer_inte" ? "" : " button--secondary"}`}
                    disabled={busy}
                  >
                    {t("portalSession.reply.no")}
                  </button>
                </Form>
              )}
            </>
          )}
        </section>
      )}

      {block !== "substitute" && !session.cancelled && (substitute || canName) ? (
        <section className="portal-session__section" aria-labelledby="ersattare-rubrik">
          <h2 id="ersattare-rubrik">{t("portalSession.sub.heading")}</h2>
          {substitute ? (
            <div className="portal-sub">
              <p className="portal-sub__name">
                {t("portalSession.sub.current", { name: substitute.name })}
                {substitute.workplace ? `, ${substitute.workplace}` : ""}
              </p>
              <p className="portal-sub__email">{substitute.email}</p>
              <p>
                <span className={`badge ${substitute.status === "bekraftad" ? "badge--genomford" : "badge--planerad"}`}>
                  {substitute.status === "bekraftad" ? t("portalSession.sub.confirmed") : t("portalSession.sub.pending")}
                </span>
              </p>
              {substitute.status === "foreslagen" && canAnswer ? (
                <Form method="post">
                  <button type="submit" name="intent" value="aterkalla" className="button button--secondary portal-button" disabled={busy}>
                    {t("portalSession.sub.withdraw")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : (
            <p>{t("portalSession.sub.intro")}</p>
          )}
          {canName ? (
            substitute ? (
              <details className="portal-sub__change" open={hasSubErrors}>
                <summary>{t("portalSession.sub.change")}</summary>
                <SubstituteForm errors={subErrors} values={values} busy={busy} />
              </details>
            ) : (
              <>
                <h3>{t("portalSession.sub.formHeading")}</h3>
                <SubstituteForm errors={subErrors} values={values} busy={busy} />
              </>
            )
          ) : null}
        </section>
      ) : null}

      <p>
        <Link to="/mina-sidor" className="portal-session__link">
          {t("portalSession.back")}
        </Link>
      </p>
    </PortalShell>
  );
}

function SubstituteForm({ errors, values, busy }: { errors: FieldErrors; values: SubstituteValues | null; busy: boolean }) {
  const t = useT();
  return (
    <Form method="post" className="stack portal-sub__form" noValidate>
      <p className="help">{t("portalSession.sub.help")}</p>
      <Field
        label={t("portalSession.sub.name")}
        name="name"
        id="ersattare-namn"
        autoComplete="off"
        maxLength={200}
        required
        error={errors.name}
        defaultValue={values?.name}
      />
      <Field
        label={t("portalSession.sub.email")}
        name="email"
        id="ersattare-epost"
        type="email"
        inputMode="email"
        autoComplete="off"
        required
        error={errors.email}
        defaultValue={values?.email}
      />
      <Field
        label={t("portalSession.sub.workplace")}
        name="workplace"
        id="ersattare-arbetsplats"
        help={t("portalSession.sub.workplaceHelp")}
        autoComplete="off"
        maxLength={200}
        error={errors.workplace}
        defaultValue={values?.workplace}
      />
      <button type="submit" name="intent" value="ersattare" className="button portal-button" disabled={busy}>
        {t("portalSession.sub.submit")}
      </button>
    </Form>
  );
}
