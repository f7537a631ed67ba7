/**
 * Loader and action of the staff check-in screen ("Incheckning"), shared by a
 * session of a series and the exchange event (routes stay thin wrappers).
 * The page is what the coordinator projects at the venue: the code, a QR code
 * to the code's page and the address to type; below it the window, its margin
 * and the personal links by e-mail.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import QRCode from "qrcode";
import { z } from "zod";
import { translator } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { checkinState, checkinWindow, countsAsPresent } from "~/lib/attendance-rules";
import { ensureCheckinCode, listRoster, setCheckinMargin } from "~/models/attendance.server";
import { audit, occasionEntity, staffAudit } from "~/models/audit-log.server";
import { issueCheckinTokens } from "~/models/checkin-token.server";
import type { Scope } from "~/models/scope.server";
import { accessibleSvg, formatCheckinWindow } from "./checkin-helpers";
import { formatDate, formatTime } from "./format";
import { sendMail } from "./mail.server";
import { requireOccasion, type OccasionDetails } from "./occasion.server";
import { can } from "./permissions.server";
import { publicUrl } from "./urls.server";
import { parseFormData, type FieldErrors } from "./validation";

export const MAX_CHECKIN_MARGIN_MINUTES = 240;

/** Enrolled people with an e-mail address, once each (at the exchange someone may come through two series). */
function linkRecipients(occasion: OccasionDetails["occasion"], scope: Scope) {
  const seen = new Set<number>();
  return listRoster({ occasion, scope }).filter((row) => {
    if (!row.enrolled || !row.email.trim() || seen.has(row.personId)) return false;
    seen.add(row.personId);
    return true;
  });
}

export async function checkinScreenLoader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, details } = await requireOccasion(request, params, "read");
  const t = await getTranslator(request);
  const url = new URL(request.url);
  // Created the first time someone opens the check-in screen, not on every attendance page.
  const code = ensureCheckinCode(details.occasion);
  const checkinUrl = publicUrl(request, `/incheckning/${code}`);
  const entryUrl = new URL(publicUrl(request, "/incheckning"));
  const qrSvg = accessibleSvg(await QRCode.toString(checkinUrl, { type: "svg", margin: 2, errorCorrectionLevel: "M" }), {
    id: "checkin-qr-title",
    title: t("checkin.screen.qrTitle", { url: checkinUrl }),
  });
  const checkin = checkinWindow({ startsAt: details.startsAt, endsAt: details.endsAt, marginMinutes: details.checkinMarginMinutes });
  const rows = listRoster({ occasion: details.occasion, scope });
  const canUpdate = can(user, "update", "attendance");
  return {
    details,
    code,
    checkinUrl,
    /** "processtod.se/incheckning": what people type, without the scheme. */
    entryAddress: `${entryUrl.host}${entryUrl.pathname}`,
    qrSvg,
    opensAt: checkin.opensAt,
    closesAt: checkin.closesAt,
    state: checkinState(checkin, new Date()),
    present: rows.filter((r) => countsAsPresent(r.status)).length,
    enrolled: rows.filter((r) => r.enrolled).length,
    recipients: canUpdate ? linkRecipients(details.occasion, scope).length : 0,
    canUpdate,
    notice: url.searchParams.get("klart"),
    sent: Number(url.searchParams.get("antal")) || 0,
    failed: Number(url.searchParams.get("fel")) || 0,
  };
}

const MarginSchema = z.object({
  marginMinutes: z
    .string({ required_error: "checkin.screen.marginRange", invalid_type_error: "checkin.screen.marginRange" })
    .trim()
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) <= MAX_CHECKIN_MARGIN_MINUTES, "checkin.screen.marginRange")
    .transform(Number),
});

/** Mails every enrolled participant their personal link; replaces any link sent before. */
async function sendPersonalLinks({ request, details, scope, sender }: { request: Request; details: OccasionDetails; scope: Scope; sender: string }) {
  const recipients = linkRecipients(details.occasion, scope);
  const tokens = issueCheckinTokens({ personIds: recipients.map((r) => r.personId) });
  const sv = translator("sv");
  const checkin = checkinWindow({ startsAt: details.startsAt, endsAt: details.endsAt, marginMinutes: details.checkinMarginMinutes });
  const digital = details.format === "digitalt";
  const common = {
    title: details.title,
    series: details.occasion.kind === "session" ? ` (${details.seriesNames[0]})` : "",
    date: formatDate(details.startsAt),
    time: `${formatTime(details.startsAt)}–${formatTime(details.endsAt)}`,
    place: digital ? `, ${sv("checkin.mail.digital")}` : details.venue ? `, ${details.venue}` : "",
    step: sv(digital ? "checkin.mail.stepDigital" : details.format === "hybrid" ? "checkin.mail.stepHybrid" : "checkin.mail.stepOnSite"),
    window: formatCheckinWindow(checkin.opensAt, checkin.closesAt),
    sender,
  };
  let sent = 0;
  let failed = 0;
  for (const recipient of recipients) {
    const link = publicUrl(request, `/incheckning/personlig/${tokens.get(recipient.personId)}`);
    const result = await sendMail({
      to: recipient.email,
      subject: sv("checkin.mail.subject", { title: details.title, date: common.date }),
      text: sv("checkin.mail.body", { ...common, name: recipient.name, link }),
    });
    if (result.status === "failed") failed++;
    else sent++;
  }
  return { sent, failed };
}

export async function checkinScreenAction({ request, params, context }: ActionFunctionArgs) {
  const { user, scope, details } = await requireOccasion(request, params, "update");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `${details.basePath}/incheckning`;

  if (intent === "margin") {
    const parsed = parseFormData(MarginSchema, formData, t);
    if (!parsed.ok) {
      return json({ intent, errors: parsed.errors as FieldErrors, margin: String(formData.get("marginMinutes") ?? "").slice(0, 10) }, { status: 400 });
    }
    setCheckinMargin({ occasion: details.occasion, minutes: parsed.data.marginMinutes, audit: staffAudit(user, context) });
    return redirect(`${back}?klart=marginal`);
  }

  if (intent === "send-links") {
    const { sent, failed } = await sendPersonalLinks({ request, details, scope, sender: user.name });
    const occasion = details.occasion;
    audit(staffAudit(user, context), {
      action: "checkin.send_links",
      ...occasionEntity(occasion),
      seriesId: occasion.kind === "session" ? occasion.seriesId : null,
      details: { sent, failed },
    });
    return redirect(`${back}?klart=lankar&antal=${sent}&fel=${failed}`);
  }

  return json({ intent, errors: { form: t("form.invalidRequest") } as FieldErrors, margin: "" }, { status: 400 });
}
