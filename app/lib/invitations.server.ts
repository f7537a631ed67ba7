/** Sending invitations and reminders: Swedish mail with the reply link and the sessions as .ics. */
import { translator } from "~/i18n";
import { invitationsDueReminder, renewInvitationToken } from "~/models/invitation.server";
import { getSeries, listSeriesSessions } from "~/models/series.server";
import { sessionEvent } from "./calendar-export.server";
import { formatDate, formatTime } from "./format";
import { buildCalendar } from "./ics";
import { sendMail } from "./mail.server";

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
