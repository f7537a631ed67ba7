/** Shared zod building blocks whose messages are catalogue keys. */
import { z } from "zod";
import { SESSION_FORMATS } from "../../db/schema";
import { parseIsoDate, parseTime } from "./scheduling";

/** A required text field: trimmed, not empty, at most `max` characters. */
export const requiredText = (max: number, requiredKey = "form.required") =>
  z
    .string({ required_error: requiredKey, invalid_type_error: requiredKey })
    .trim()
    .min(1, requiredKey)
    .max(max, `form.tooLong:${max}`);

/** An optional text field: empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `form.tooLong:${max}`)
    .optional()
    .transform((v) => (v ? v : null));

export const email = z
  .string({ required_error: "form.emailRequired", invalid_type_error: "form.emailRequired" })
  .trim()
  .min(1, "form.emailRequired")
  .max(254, "form.tooLong:254")
  .email("form.emailInvalid");

/** Optional http(s) link; `javascript:` and other schemes are refused. */
export const optionalHttpUrl = (messageKey: string) =>
  z
    .string()
    .trim()
    .max(2000, "form.tooLong:2000")
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isHttpUrl(v), messageKey);

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname;
  } catch {
    return false;
  }
}


/** "2026-09-15"; impossible dates such as 2026-02-30 are refused. */
export const isoDate = z
  .string({ required_error: "form.dateInvalid", invalid_type_error: "form.dateInvalid" })
  .trim()
  .refine((v) => parseIsoDate(v) !== null, "form.dateInvalid");

/** "08:30" on the 24-hour clock. */
export const clockTime = z
  .string({ required_error: "form.timeInvalid", invalid_type_error: "form.timeInvalid" })
  .trim()
  .refine((v) => parseTime(v) !== null, "form.timeInvalid");

/** An optional whole number in a range; empty becomes null. */
export const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), `form.numberRange:${min}-${max}`)
    .transform((v) => (v === null ? null : Number(v)));

/** An optional decimal (comma or point) in a range; empty becomes null. */
export const optionalDecimal = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(",", ".") : null))
    .refine((v) => v === null || (/^\d+(\.\d+)?$/.test(v) && Number(v) >= min && Number(v) <= max), `form.numberRange:${min}-${max}`)
    .transform((v) => (v === null ? null : Number(v)));

/** One or many values of a multi-select, as positive integers. */
export const idList = (messageKey: string, max = 100) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ""))
    .pipe(z.array(z.coerce.number().int().positive(messageKey)).max(max, messageKey))
    .transform((ids) => [...new Set(ids)]);

export const TERM_PATTERN = /^(HT|VT) \d{4}$/;

/** A term such as "HT 2026"; "ht  2026" is tidied up to that form. */
export const term = z
  .string({ required_error: "series.termInvalid", invalid_type_error: "series.termInvalid" })
  .trim()
  .transform((v) => v.toUpperCase().replace(/\s+/g, " "))
  .refine((v) => TERM_PATTERN.test(v), "series.termInvalid");

/** When and where a session or an exchange event takes place, and who leads it. */
export const eventFields = {
  date: isoDate,
  startTime: clockTime,
  endTime: clockTime,
  format: z.enum(SESSION_FORMATS, { errorMap: () => ({ message: "series.formatInvalid" }) }),
  venue: optionalText(300),
  meetingLink: optionalHttpUrl("series.linkInvalid"),
  expert: optionalText(1000),
  notes: optionalText(2000),
};

/** `.refine(endsAfterStart, END_BEFORE_START)`: the message sits on the end field, where a person looks for it. */
export const endsAfterStart = (v: { startTime: string; endTime: string }) => v.endTime > v.startTime;
export const END_BEFORE_START = { path: ["endTime"], message: "form.endBeforeStart" };
