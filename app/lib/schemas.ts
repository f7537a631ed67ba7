/** Shared zod building blocks whose messages are catalogue keys. */
import { z } from "zod";

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
