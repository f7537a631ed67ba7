/**
 * The template builder's forms (decision 010): what a process leader types for
 * a survey template, an item and an index, read and checked the same way on
 * every page. Client-safe: no database here. Checks that need the database
 * (a code already used, a template with responses) are in
 * app/models/survey-template.server.ts.
 *
 * Options of a choice item are written one per line. A line is either just the
 * label ("Ja") – the stored value is made from it ("ja") – or "value | label"
 * when the value matters, as for the sector and role questions, whose values
 * must be the app's sector and role keys ("skola | Skola/elevhälsa").
 */
import { z } from "zod";
import { ROLE_CATEGORIES, SECTORS, SURVEY_ITEM_KINDS, SURVEY_PHASES, SURVEY_RESPONDENT_FIELDS, type SurveyItemKind, type SurveyOption, type SurveyRespondentField } from "../../db/schema";
import type { MessageKey, Translate } from "~/i18n";
import { EFTERENKAT } from "./survey-builtin";
import { optionalText, requiredText } from "./schemas";
import type { FieldErrors } from "./validation";
import { translateIssue } from "./validation";

export const LIKERT_KINDS: readonly SurveyItemKind[] = ["likert", "likert_now_then"];
export const CHOICE_KINDS: readonly SurveyItemKind[] = ["single", "multiple"];
export const isLikert = (kind: SurveyItemKind) => LIKERT_KINDS.includes(kind);
export const isChoice = (kind: SurveyItemKind) => CHOICE_KINDS.includes(kind);

export const CODE_PATTERN = /^[0-9a-z]{1,10}$/;
export const MAX_OPTIONS = 30;
export const OPTION_LABEL_MAX = 300;
const VALUE_PATTERN = /^[0-9a-z_]{1,40}$/;

/**
 * The standard answers of the sector and role questions, taken from the
 * built-in efterenkät so a custom template asks them exactly as the follow-up did.
 */
export const STANDARD_OPTIONS: Record<SurveyRespondentField, SurveyOption[]> = {
  sector: EFTERENKAT.items.find((item) => item.respondentField === "sector")?.options ?? [],
  role: EFTERENKAT.items.find((item) => item.respondentField === "role")?.options ?? [],
};

/** The keys a respondent-field item's option values must be. */
export const RESPONDENT_FIELD_KEYS: Record<SurveyRespondentField, readonly string[]> = { sector: SECTORS, role: ROLE_CATEGORIES };

/** "Hälso- och sjukvård" → "halso_och_sjukvard": lower case a–z, digits and underscores. */
export function optionValueFromLabel(label: string): string {
  const slug = label
    .toLocaleLowerCase("sv")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return slug || "alternativ";
}

export type OptionProblem = { key: MessageKey; params?: Record<string, string | number> };

/** Reads the options textarea. Blank lines are skipped. */
export function parseOptionLines(text: string): { ok: true; options: SurveyOption[] } | { ok: false; problem: OptionProblem } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length > MAX_OPTIONS) return { ok: false, problem: { key: "surveyTemplate.error.tooManyOptions", params: { max: MAX_OPTIONS } } };
  const options: SurveyOption[] = [];
  const given = new Set<string>();
  for (const line of lines) {
    const bar = line.indexOf("|");
    const explicit = bar >= 0;
    const label = (explicit ? line.slice(bar + 1) : line).trim();
    if (!label) return { ok: false, problem: { key: "surveyTemplate.error.optionLabelMissing", params: { line } } };
    if (label.length > OPTION_LABEL_MAX) return { ok: false, problem: { key: "surveyTemplate.error.optionTooLong", params: { max: OPTION_LABEL_MAX } } };
    const lower = label.toLocaleLowerCase("sv");
    if (options.some((o) => o.label.toLocaleLowerCase("sv") === lower)) {
      return { ok: false, problem: { key: "surveyTemplate.error.optionTwice", params: { label } } };
    }
    let value: string;
    if (explicit) {
      value = line.slice(0, bar).trim().toLowerCase();
      if (!VALUE_PATTERN.test(value)) return { ok: false, problem: { key: "surveyTemplate.error.optionValueFormat", params: { line } } };
      if (given.has(value)) return { ok: false, problem: { key: "surveyTemplate.error.optionValueTwice", params: { value } } };
      given.add(value);
    } else {
      value = optionValueFromLabel(label);
    }
    options.push({ value, label });
  }
  // Values made from labels step aside for values written out, then for each other.
  const taken = new Set(given);
  for (const [i, line] of lines.entries()) {
    if (line.includes("|")) continue;
    const base = options[i].value;
    let value = base;
    for (let n = 2; taken.has(value); n++) value = `${base.slice(0, 36)}_${n}`;
    options[i] = { ...options[i], value };
    taken.add(value);
  }
  if (options.length < 2) return { ok: false, problem: { key: "surveyTemplate.error.optionsMissing" } };
  return { ok: true, options };
}

/** The options as the textarea shows them: the label alone when its value is made from it. */
export function formatOptionLines(options: SurveyOption[] | null | undefined): string {
  return (options ?? []).map((o) => (o.value === optionValueFromLabel(o.label) ? o.label : `${o.value} | ${o.label}`)).join("\n");
}

// ---------------------------------------------------------------------------
// Template details

export const TemplateDetailsSchema = z.object({
  name: requiredText(200, "surveyTemplate.error.nameRequired"),
  phase: z.enum(SURVEY_PHASES, { errorMap: () => ({ message: "surveyTemplate.error.phase" }) }),
  intro: optionalText(2000),
});
export type TemplateDetailsValues = z.infer<typeof TemplateDetailsSchema>;

// ---------------------------------------------------------------------------
// Items

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on");

const ItemFieldsSchema = z.object({
  code: z
    .string({ required_error: "surveyTemplate.error.codeRequired", invalid_type_error: "surveyTemplate.error.codeRequired" })
    .trim()
    .toLowerCase()
    .min(1, "surveyTemplate.error.codeRequired")
    .refine((v) => CODE_PATTERN.test(v), "surveyTemplate.error.codeFormat"),
  kind: z.enum(SURVEY_ITEM_KINDS, { errorMap: () => ({ message: "surveyTemplate.error.kind" }) }),
  leadIn: optionalText(500),
  prompt: requiredText(1000, "surveyTemplate.error.promptRequired"),
  options: z.string().max(20_000, "form.tooLong:20000").optional(),
  lowLabel: optionalText(100),
  highLabel: optionalText(100),
  respondentField: z
    .enum(["", ...SURVEY_RESPONDENT_FIELDS], { errorMap: () => ({ message: "surveyTemplate.error.respondentField" }) })
    .optional()
    .transform((v) => (v ? (v as SurveyRespondentField) : null)),
  required: checkbox,
});

export type ItemValues = {
  code: string;
  kind: SurveyItemKind;
  leadIn: string | null;
  prompt: string;
  options: SurveyOption[] | null;
  lowLabel: string | null;
  highLabel: string | null;
  respondentField: SurveyRespondentField | null;
  required: boolean;
};

export const ITEM_FIELDS = ["code", "kind", "leadIn", "prompt", "options", "lowLabel", "highLabel", "respondentField", "required"] as const;

function rawValues(formData: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, String(formData.get(n) ?? "").slice(0, 20_000)]));
}

/** What the person typed into the item form, to show again. */
export const itemFormValues = (formData: FormData) => rawValues(formData, ITEM_FIELDS);
export const detailsFormValues = (formData: FormData) => rawValues(formData, ["name", "phase", "intro"]);
export const indexFormValues = (formData: FormData) => ({ name: String(formData.get("name") ?? "").slice(0, 2000), items: formData.getAll("items").map(String) });

/**
 * Reads and checks one item. Fields that do not belong to the kind are
 * dropped (end labels of a choice item, options of a Likert item), so the
 * stored item has only what the participant will see.
 */
export function parseItemForm(formData: FormData, t: Translate): { ok: true; item: ItemValues } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, string> = {};
  for (const name of ITEM_FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") raw[name] = value;
  }
  const result = ItemFieldsSchema.safeParse(raw);
  const errors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= translateIssue(t, issue.message);
  }
  const kind = result.success ? result.data.kind : (SURVEY_ITEM_KINDS as readonly string[]).includes(raw.kind) ? (raw.kind as SurveyItemKind) : null;

  let options: SurveyOption[] | null = null;
  if (kind && isChoice(kind) && !errors.options) {
    const parsed = parseOptionLines(raw.options ?? "");
    if (parsed.ok) options = parsed.options;
    else errors.options = t(parsed.problem.key, parsed.problem.params);
  }
  const respondentField = result.success ? result.data.respondentField : null;
  if (respondentField && kind && kind !== "single") {
    errors.respondentField = t("surveyTemplate.error.respondentFieldKind");
  } else if (respondentField && options) {
    const keys = RESPONDENT_FIELD_KEYS[respondentField];
    const wrong = options.find((o) => !keys.includes(o.value));
    if (wrong) errors.options = t(`surveyTemplate.error.respondentOptions.${respondentField}`, { value: wrong.value, keys: keys.join(", ") });
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const data = result.data;
  const likert = isLikert(data.kind);
  return {
    ok: true,
    item: {
      code: data.code,
      kind: data.kind,
      leadIn: data.leadIn,
      prompt: data.prompt,
      options: isChoice(data.kind) ? options : null,
      lowLabel: likert ? data.lowLabel : null,
      highLabel: likert ? data.highLabel : null,
      respondentField: data.kind === "single" ? data.respondentField : null,
      required: data.required,
    },
  };
}

/** The item form's values with the standard sector or role options filled in (the "Fyll i" buttons). */
export function withStandardOptions(values: Record<string, string>, field: SurveyRespondentField): Record<string, string> {
  return { ...values, kind: "single", respondentField: field, options: formatOptionLines(STANDARD_OPTIONS[field]) };
}

// ---------------------------------------------------------------------------
// Indices

export const IndexSchema = z.object({
  name: requiredText(100, "surveyTemplate.error.indexNameRequired"),
  items: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .refine((v) => v.every((id) => /^\d{1,12}$/.test(id)), "surveyTemplate.error.indexItems")
    .transform((v) => [...new Set(v.map(Number))])
    .refine((v) => v.length > 0, "surveyTemplate.error.indexEmpty"),
});
export type IndexValues = z.infer<typeof IndexSchema>;
