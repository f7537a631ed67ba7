/**
 * zod schemas carry message keys from the catalogue, not text, so one schema
 * serves every language. A key may carry one parameter after a colon
 * ("form.tooLong:254" fills {max}; "form.numberRange:1-12" fills {min} and {max}).
 */
import type { z } from "zod";
import { isMessageKey, type Translate } from "~/i18n";

export type FieldErrors = Record<string, string>;

export function translateIssue(t: Translate, code: string): string {
  const [key, param] = code.split(":");
  if (!isMessageKey(key)) return t("form.invalidRequest");
  if (param === undefined) return t(key);
  const [min, max] = param.includes("-") ? param.split("-") : [undefined, param];
  return t(key, min === undefined ? { max } : { min, max });
}

export function parseFormData<S extends z.ZodTypeAny>(
  schema: S,
  formData: FormData,
  t: Translate,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= translateIssue(t, issue.message);
  }
  return { ok: false, errors };
}
