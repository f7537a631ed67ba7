/**
 * The retention kinds, their units and limits, and the settings form's schema
 * (issue #11 item 6, decision 017). Client-safe: the settings page renders
 * from the same rules the server validates with.
 */
import { z } from "zod";

export const RETENTION_KINDS = [
  "participant_identity",
  "unenrolled_invitations",
  "sign_in_links",
  "uploaded_lists",
  "accessibility_reports",
  "data_requests",
  "sent_mail",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export type RetentionRule = { unit: "months" | "days"; defaultValue: number; min: number; max: number };

export const RETENTION_RULES: Record<RetentionKind, RetentionRule> = {
  participant_identity: { unit: "months", defaultValue: 24, min: 1, max: 120 },
  unenrolled_invitations: { unit: "months", defaultValue: 12, min: 1, max: 120 },
  sign_in_links: { unit: "days", defaultValue: 30, min: 1, max: 365 },
  uploaded_lists: { unit: "days", defaultValue: 30, min: 1, max: 365 },
  accessibility_reports: { unit: "months", defaultValue: 24, min: 1, max: 120 },
  data_requests: { unit: "months", defaultValue: 24, min: 1, max: 120 },
  sent_mail: { unit: "months", defaultValue: 6, min: 1, max: 120 },
};

/** The audit log's own retention, fixed by the table's triggers (migration 0015): 730 days, shown as 24 months. */
export const AUDIT_LOG_RETENTION_DAYS = 730;
export const AUDIT_LOG_RETENTION_MONTHS = 24;

export type RetentionSettings = Record<RetentionKind, number>;

/** A whole number within the kind's limits; "24", " 24 " pass, "2,5", "24 mån", "0" and "" do not. */
function wholeNumber(rule: RetentionRule) {
  const message = `retention.error.${rule.unit}:${rule.min}-${rule.max}`;
  return z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(rule.min, message).max(rule.max, message));
}

export const RetentionSettingsSchema = z.object(
  Object.fromEntries(RETENTION_KINDS.map((k) => [k, wholeNumber(RETENTION_RULES[k])])) as Record<
    RetentionKind,
    ReturnType<typeof wholeNumber>
  >,
);
