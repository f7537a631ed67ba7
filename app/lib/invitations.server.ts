/** Sending invitations and reminders: Swedish mail with the reply link and the sessions as .ics. */
import { translator } from "~/i18n";
import { invitationsDueReminder, renewInvitationToken } from "~/models/invitation.server";
import { getSeries, listSeriesSessions } from "~/models/series.server";
import { sessionEvent } from "./calendar-export.server";
import { formatDate, formatTime } from "./format";
import { buildCalendar } from "./ics";
import { sendMail } from "./mail.server";
import { countAttempt, firstLock, ipKey, targetKey, type RateLimit } from "./rate-limit.server";
import type { ThrottleRule } from "~/models/login-throttle.server";

const t = translator("sv");

export function baseUrlFromEnv(): string {
  return process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`;
}

export async function sendInvitationMail({
  baseUrl,
  seriesId,
  to,
  name,
  token,
  sender,
  reminder = false,
}: {
  baseUrl: string;
  seriesId: number;
  to: string;
  name: string;
  token: string;
  sender: string;
  reminder?: boolean;
}) {
  const series = getSeries({ seriesId, scope: { kind: "all" } })!;
  const sessions = listSeriesSessions({ seriesId });
  const sessionLines = sessions
    .map((s) => `– ${formatDate(s.startsAt)} ${formatTime(s.startsAt)}–${formatTime(s.endsAt)}: ${s.title}${s.venue ? ` (${s.venue})` : ""}`)
    .join("\n");
  const link = new URL(`/svar/${token}`, baseUrl).toString();
  const params = { name, series: series.name, sessions: sessionLines, link, sender };
  const calendar = buildCalendar({
    name: series.name,
    events: sessions.map((s) => sessionEvent({ ...s, seriesName: series.name }, link)),
  });
  return sendMail({
    to,
    subject: reminder ? t("invite.reminderSubject", { series: series.name }) : t("invite.mailSubject", { series: series.name }),
    text: reminder ? t("invite.reminderBody", params) : t("invite.mailBody", params),
    attachments: [{ filename: "tillfallen.ics", content: calendar, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }],
  });
}

export async function sendReminder({
  baseUrl,
  seriesId,
  invitationId,
  sender,
  automatic = false,
  now = new Date(),
}: {
  baseUrl: string;
  seriesId: number;
  invitationId: number;
  sender: string;
  automatic?: boolean;
  now?: Date;
}): Promise<boolean> {
  const renewed = renewInvitationToken({ seriesId, invitationId, automatic, now });
  if (!renewed) return false;
  await sendInvitationMail({ baseUrl, seriesId, to: renewed.email, name: renewed.name, token: renewed.token, sender, reminder: true });
  return true;
}

/** The scheduled job: one automatic reminder per unanswered invitation, claimed before it is sent. */
export async function sendDueReminders({ baseUrl = baseUrlFromEnv(), now = new Date() }: { baseUrl?: string; now?: Date } = {}) {
  let sent = 0;
  for (const due of invitationsDueReminder({ now })) {
    if (await sendReminder({ baseUrl, seriesId: due.seriesId, invitationId: due.id, sender: "Processtöd", automatic: true, now })) sent++;
  }
  return sent;
}

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Replies per IP address (decision 019): every reply sent and every dead link
 * opened counts; sixty within fifteen minutes lock the address for fifteen
 * minutes. A workplace behind one address answering a mail-out together stays
 * well below; a script trying links is stopped (a token has 256 bits anyway).
 */
export const REPLY_IP_RULE: ThrottleRule = { limit: 60, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

/** Replies per link: one invitee answers once, ten posts within fifteen minutes lock that link. */
export const REPLY_TOKEN_RULE: ThrottleRule = { limit: 10, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

function replyLimits(ip: string, token: string): RateLimit[] {
  return [
    { key: ipKey("reply", ip), rule: REPLY_IP_RULE },
    { key: targetKey("reply-token", token), rule: REPLY_TOKEN_RULE },
  ];
}

/** Whether the address or the link is locked, with the minutes left; null when neither is. */
export function replyLock({ ip, token, now = new Date() }: { ip: string; token: string; now?: Date }): { minutes: number; reason: "ip" | "link" } | null {
  const limits = replyLimits(ip, token);
  const lock = firstLock(limits, now);
  return lock ? { minutes: lock.minutes, reason: lock.key === limits[0].key ? "ip" : "link" } : null;
}

/** A reply sent: counts against the address and the link. */
export function countReply({ ip, token, now = new Date() }: { ip: string; token: string; now?: Date }) {
  countAttempt(replyLimits(ip, token), now);
}

/** A dead link opened: counts against the address only (each made-up link is a new target). */
export function countDeadReplyLink({ ip, now = new Date() }: { ip: string; now?: Date }) {
  countAttempt([replyLimits(ip, "")[0]], now);
}
