/**
 * Settings and the report form behind the privacy notice
 * (/personuppgiftspolicy) and the accessibility statement
 * (/tillganglighetsredogorelse). The organisation and addresses come from the
 * environment, so each installation names its own controller.
 */
import { z } from "zod";
import { translator } from "~/i18n";
import { lockedUntil, recordFailure, type ThrottleRule } from "~/models/login-throttle.server";
import { createAccessibilityReport } from "~/models/accessibility-report.server";
import { sendMail } from "./mail.server";
import { optionalText, requiredText } from "./schemas";

export const PRIVACY_CONTROLLER_DEFAULT = "Ifous (Innovation, forskning och utveckling i skola och förskola)";
export const PRIVACY_CONTACT_EMAIL_DEFAULT = "dataskydd@ifous.example";
export const ACCESSIBILITY_CONTACT_EMAIL_DEFAULT = "tillganglighet@ifous.example";

type Env = Record<string, string | undefined>;

export function policySettings(env: Env = process.env) {
  return {
    controller: env.PRIVACY_CONTROLLER?.trim() || PRIVACY_CONTROLLER_DEFAULT,
    privacyEmail: env.PRIVACY_CONTACT_EMAIL?.trim() || PRIVACY_CONTACT_EMAIL_DEFAULT,
    accessibilityEmail: env.ACCESSIBILITY_CONTACT_EMAIL?.trim() || ACCESSIBILITY_CONTACT_EMAIL_DEFAULT,
  };
}

export const REPORT_DESCRIPTION_MAX = 5000;

/** Optional e-mail: empty is fine, anything else must look like an address. */
const optionalEmail = z
  .string()
  .trim()
  .max(254, "form.tooLong:254")
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || z.string().email().safeParse(v).success, "form.emailInvalid");

export const AccessibilityReportSchema = z.object({
  name: optionalText(200),
  email: optionalEmail,
  pageUrl: optionalText(2000),
  description: z
    .string({ required_error: "policy.report.descriptionRequired", invalid_type_error: "policy.report.descriptionRequired" })
    .trim()
    .min(1, "policy.report.descriptionRequired")
    // Characters as a person counts them (an emoji is one), not UTF-16 units.
    .refine((v) => [...v].length <= REPORT_DESCRIPTION_MAX, `form.tooLong:${REPORT_DESCRIPTION_MAX}`),
});
export type AccessibilityReportInput = z.infer<typeof AccessibilityReportSchema>;

/** Ten reports per IP address per hour; then an hour's wait. */
export const REPORT_IP_RULE: ThrottleRule = { limit: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/**
 * The target of every report is the one accessibility mailbox: a hundred
 * reports per hour from all addresses together, then an hour's wait, so many
 * machines cannot flood it either (decision 019). The message then gives the
 * address to write to directly.
 */
export const REPORT_ALL_RULE: ThrottleRule = { limit: 100, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

export type ReportResult = { ok: true; id: number } | { ok: false; retryAfterMinutes: number; reason: "ip" | "all" };

/** Counts the attempt against the IP, then stores the report and mails it to the accessibility contact. */
export async function submitAccessibilityReport({
  input,
  ip,
  listUrl,
  now = new Date(),
}: {
  input: AccessibilityReportInput;
  ip: string;
  listUrl: string;
  now?: Date;
}): Promise<ReportResult> {
  const key = `a11y-report-ip:${ip || "unknown"}`;
  for (const [lockKey, reason] of [[key, "ip"], ["a11y-report:all", "all"]] as const) {
    const locked = lockedUntil({ keys: [lockKey], now });
    if (locked) return { ok: false, reason, retryAfterMinutes: Math.max(1, Math.ceil((locked.getTime() - now.getTime()) / 60_000)) };
  }
  recordFailure({ key, rule: REPORT_IP_RULE, now });
  recordFailure({ key: "a11y-report:all", rule: REPORT_ALL_RULE, now });
  const id = createAccessibilityReport({ ...input, now });
  // The mail goes to the organisation, in Swedish whatever the reporter's language.
  const t = translator("sv");
  const none = t("policy.mail.none");
  await sendMail({
    to: policySettings().accessibilityEmail,
    subject: t("policy.mail.subject", { id }),
    text: t("policy.mail.body", {
      name: input.name ?? none,
      email: input.email ?? none,
      page: input.pageUrl ?? none,
      description: input.description,
      link: listUrl,
    }),
  });
  return { ok: true, id };
}
