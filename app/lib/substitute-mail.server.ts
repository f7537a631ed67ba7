/**
 * Mail about substitutes named in the participant portal (decision 011).
 * Always Swedish: the colleague has no language setting yet. Only sent after
 * a coordinator has handled the request; a rejected colleague is never mailed.
 */
import { translator } from "~/i18n";
import { createMagicLink } from "~/models/participant-auth.server";
import { listPrep } from "~/models/prep.server";
import { getSeries } from "~/models/series.server";
import { getSession } from "~/models/series-planning.server";
import type { StaffSubstitution } from "~/models/substitution.server";
import { formatDate, formatNumber, formatTime } from "./format";
import { sendMail } from "./mail.server";
import { publicUrl } from "./urls.server";

const t = translator("sv");

/**
 * The invitation link must survive a few days in an inbox before the session,
 * so it lives for seven days instead of the sign-in link's minutes. It is
 * still single use and only its hash is stored.
 */
export const INVITATION_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type Handler = { name: string; email: string };

function sessionLines(seriesId: number, sessionId: number) {
  const session = getSession({ seriesId, sessionId })!;
  const where = [session.venue, session.meetingLink].filter(Boolean).join(", ") || t("substituteStaff.substitute.mail.noVenue");
  const { materials } = listPrep({ sessionIds: [sessionId] });
  const prep =
    materials.length === 0
      ? t("substituteStaff.substitute.mail.noMaterial")
      : materials.map((m) => (m.url ? `– ${m.title}: ${m.url}` : `– ${m.title}`)).join("\n");
  const series = getSeries({ seriesId, scope: { kind: "all" } })!;
  return {
    session,
    params: {
      series: series.name,
      title: `${session.position}. ${session.title}`,
      date: formatDate(session.startsAt),
      time: `${formatTime(session.startsAt)}–${formatTime(session.endsAt)}`,
      where,
      prepHours:
        session.prepHours !== null
          ? t("substituteStaff.substitute.mail.prepHours", { hours: formatNumber(session.prepHours) })
          : t("substituteStaff.substitute.mail.prepHoursMissing"),
      prep,
    },
  };
}

/**
 * The colleague's invitation: whom they replace, the session, the
 * preparation and a personal sign-in link straight to the session's portal
 * page; and a one-line confirmation to the participant who named them.
 */
export async function sendSubstituteConfirmedMails({
  request,
  seriesId,
  sessionId,
  substitution,
  substitutePersonId,
  absentEmail,
  handler,
}: {
  request: Request;
  seriesId: number;
  sessionId: number;
  substitution: StaffSubstitution;
  substitutePersonId: number;
  absentEmail: string;
  handler: Handler;
}) {
  const { params } = sessionLines(seriesId, sessionId);
  const token = createMagicLink({ personId: substitutePersonId, redirectTo: `/mina-sidor/tillfallen/${sessionId}`, ttlMs: INVITATION_LINK_TTL_MS });
  const link = publicUrl(request, `/mina-sidor/lank/${token}`);
  await sendMail({
    to: substitution.email,
    subject: t("substituteStaff.substitute.mail.inviteSubject", { date: params.date }),
    text: t("substituteStaff.substitute.mail.inviteBody", {
      ...params,
      name: substitution.name,
      absent: substitution.forPerson.name,
      link,
      days: 7,
      sender: handler.name,
      senderEmail: handler.email,
    }),
  });
  await sendMail({
    to: absentEmail,
    subject: t("substituteStaff.substitute.mail.confirmedSubject", { date: params.date }),
    text: t("substituteStaff.substitute.mail.confirmedBody", {
      name: substitution.forPerson.name,
      substitute: substitution.name,
      title: params.title,
      date: params.date,
      sender: handler.name,
    }),
  });
}

/** Tells the participant who named the colleague; the colleague hears nothing. */
export async function sendSubstituteRejectedMail({
  seriesId,
  sessionId,
  substitution,
  absentEmail,
  reason,
  handler,
}: {
  seriesId: number;
  sessionId: number;
  substitution: StaffSubstitution;
  absentEmail: string;
  reason: string | null;
  handler: Handler;
}) {
  const { params } = sessionLines(seriesId, sessionId);
  await sendMail({
    to: absentEmail,
    subject: t("substituteStaff.substitute.mail.rejectedSubject", { date: params.date }),
    text: t("substituteStaff.substitute.mail.rejectedBody", {
      name: substitution.forPerson.name,
      substitute: substitution.name,
      title: params.title,
      date: params.date,
      reason: reason ? t("substituteStaff.substitute.mail.reason", { reason }) : "",
      sender: handler.name,
      senderEmail: handler.email,
    }),
  });
}
