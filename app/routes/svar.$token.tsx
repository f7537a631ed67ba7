import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatTime } from "~/lib/format";
import { getParticipant, participantSessionCookie } from "~/lib/participant-auth.server";
import { countDeadReplyLink, countReply, replyLock } from "~/lib/invitations.server";
import { retryAfterHeader } from "~/lib/rate-limit.server";
import { optionalText } from "~/lib/schemas";
import { parseFormData } from "~/lib/validation";
import { findOpenInvitation, respondToInvitation } from "~/models/invitation.server";
import { listSeriesSessions } from "~/models/series.server";
import { replyLinkAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Svara på inbjudan – Processtöd" }, { name: "robots", content: "noindex" }];

/**
 * Public by design: the token in the URL is the invitee's credential. Every
 * unusable link (made up, used, expired, cancelled series) gets the same page.
 * The link also signs a registered invitee in to Mina sidor on this device
 * (decision 011): it is the same credential, mailed to the same address.
 * Dead links opened and replies sent are rate limited per IP address and per
 * link (decision 019): a locked one gets 429 and a Swedish message.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ip = context.clientIp ?? "";
  const token = params.token ?? "";
  const lock = replyLock({ ip, token });
  if (lock) return data({ invitation: null, sessions: [], signedIn: false, locked: lock }, { status: 429, headers: retryAfterHeader(lock.minutes) });
  const invitation = findOpenInvitation({ token });
  if (!invitation) {
    countDeadReplyLink({ ip });
    return data({ invitation: null, sessions: [], signedIn: false, locked: null });
  }
  const headers = await signInHeaders(request, invitation.personId);
  return data({
    locked: null,
    signedIn: invitation.personId !== null,
    invitation: { name: invitation.name, seriesName: invitation.seriesName },
    sessions: listSeriesSessions({ seriesId: invitation.seriesId }).map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      venue: s.venue,
    })),
  }, { headers });
}

/** A participant cookie for the invitee, unless this device is already signed in as them. */
async function signInHeaders(request: Request, personId: number | null): Promise<HeadersInit> {
  if (personId === null) return {};
  const current = await getParticipant(request);
  if (current?.id === personId) return {};
  return { "Set-Cookie": await participantSessionCookie(personId) };
}

const ReplySchema = z.object({ answer: z.enum(["ja", "nej"]), reason: optionalText(1000) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const ip = context.clientIp ?? "";
  const token = params.token ?? "";
  const formData = await request.formData();
  const lock = replyLock({ ip, token });
  if (lock) {
    const message = t(lock.reason === "ip" ? "reply.throttledIp" : "reply.throttledLink", { minutes: lock.minutes });
    return json({ result: null, error: message, locked: lock }, { status: 429, headers: retryAfterHeader(lock.minutes) });
  }
  countReply({ ip, token });
  const parsed = parseFormData(ReplySchema, formData, t);
  if (!parsed.ok) return json({ result: null, error: t("form.invalidRequest"), locked: null }, { status: 400 });
  const accept = parsed.data.answer === "ja";
  const result = respondToInvitation({ token, accept, reason: parsed.data.reason, audit: (personId) => replyLinkAudit(personId, context) });
  // A second submit finds the link used: it changes nothing and says the same as any dead link.
  if (!result) return json({ result: null, error: null, locked: null }, { status: 404 });
  // Accepting registers the invitee: from now on the reply link is used up, so sign them in here.
  const headers = await signInHeaders(request, result.personId);
  return json({ result: accept ? ("accepted" as const) : ("declined" as const), error: null, locked: null, portal: result.personId !== null }, { headers });
}

export default function Reply() {
  const { invitation, sessions, locked: pageLocked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locked = actionData?.locked ?? pageLocked;
  if (locked) {
    return (
      <div className="card narrow">
        <h1>{t("reply.title")}</h1>
        <div className="notice notice--error" role="alert">
          {t(locked.reason === "ip" ? "reply.throttledIp" : "reply.throttledLink", { minutes: locked.minutes })}
        </div>
      </div>
    );
  }
  if (actionData?.result) {
    return (
      <div className="card narrow">
        <h1>{t("reply.title")}</h1>
        <div className="notice notice--ok" role="status">
          {actionData.result === "accepted" ? t("reply.thanksAccept") : t("reply.thanksDecline")}
        </div>
        {"portal" in actionData && actionData.portal ? (
          <p>
            <Link to="/mina-sidor" className="button">
              {t("portal.reply.toPortal")}
            </Link>
          </p>
        ) : null}
      </div>
    );
  }
  if (!invitation || (actionData && !actionData.error)) {
    return (
      <div className="card narrow">
        <h1>{t("reply.invalidTitle")}</h1>
        <p>{t("reply.invalid")}</p>
      </div>
    );
  }
  return (
    <div className="card narrow">
      <h1>{t("reply.title")}</h1>
      <p>{t("reply.intro", { name: invitation.name, series: invitation.seriesName })}</p>
      {actionData?.error ? (
        <div className="notice notice--error" role="alert">
          {actionData.error}
        </div>
      ) : null}
      <h2>{t("reply.sessions")}</h2>
      <ul>
        {sessions.map((s) => (
          <li key={s.id}>
            {formatDate(s.startsAt)} {formatTime(s.startsAt)}–{formatTime(s.endsAt)}: {s.title}
            {s.venue ? ` (${s.venue})` : ""}
          </li>
        ))}
      </ul>
      <Form method="post" className="stack">
        <TextAreaField label={t("reply.reason")} name="reason" help={t("reply.reasonHelp")} />
        <div className="reply-buttons">
          <button type="submit" name="answer" value="ja" className="button">
            {t("reply.accept")}
          </button>
          <button type="submit" name="answer" value="nej" className="button button--secondary">
            {t("reply.decline")}
          </button>
        </div>
      </Form>
    </div>
  );
}
