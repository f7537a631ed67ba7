/**
 * Reading one questionnaire's answers, the same way whether they come from the
 * phone form, the paper-entry screen or a CSV row: each item is read from
 * named fields (`q_<code>`, and `q_<code>_hade` for the "at the start" half of
 * a now/then item), checked against the item, and turned into a typed answer.
 * Errors are message keys of the survey catalogue, per item code.
 */
import { ROLE_CATEGORIES, SECTORS, type RoleCategory, type Sector, type SurveyItemKind, type SurveyOption, type SurveyRespondentField } from "../../db/schema";

export const LIKERT_MIN = 1;
export const LIKERT_MAX = 5;
/** On paper and in CSV files, 9 means Vet ej (the follow-up's coding). */
export const DONT_KNOW_DIGIT = "9";
export const TEXT_ANSWER_MAX = 4000;
export const PAIR_CODE_PATTERN = /^[A-Z0-9]{4,12}$/;

export type SurveyItemDefinition = {
  id: number;
  code: string;
  kind: SurveyItemKind;
  options: SurveyOption[] | null;
  respondentField: SurveyRespondentField | null;
  required: boolean;
};

export type TypedAnswer = {
  itemId: number;
  value: number | null;
  dontKnow: boolean;
  valueThen: number | null;
  dontKnowThen: boolean;
  choice: string | null;
  choices: string[] | null;
  text: string | null;
};

export type SurveyAnswerErrorKey =
  | "survey.error.required"
  | "survey.error.scale"
  | "survey.error.option"
  | "survey.error.tooLong"
  | "survey.error.pairCode";

export type ParsedAnswers = {
  answers: TypedAnswer[];
  sector: Sector | null;
  roleCategory: RoleCategory | null;
  errors: Record<string, SurveyAnswerErrorKey>;
};

/** Field name of an item's answer in forms (and the CSV column is the bare code). */
export function answerField(code: string, then = false): string {
  return `q_${code}${then ? "_hade" : ""}`;
}

type Scale = { kind: "blank" } | { kind: "value"; value: number } | { kind: "dontKnow" } | { kind: "invalid" };

/** "1"–"5", "9" or "vet ej" (any case) for Vet ej, "" for blank; anything else is invalid. */
export function readScale(raw: string | undefined): Scale {
  const text = (raw ?? "").trim();
  if (text === "") return { kind: "blank" };
  if (text === DONT_KNOW_DIGIT || /^vet[\s_-]*ej$/i.test(text)) return { kind: "dontKnow" };
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value >= LIKERT_MIN && value <= LIKERT_MAX) return { kind: "value", value };
  }
  return { kind: "invalid" };
}

/**
 * An option given by its value ("skola"), its number on the paper form ("1"
 * is the first option) or its label ("Skola/elevhälsa", any case).
 */
export function readOption(options: SurveyOption[], raw: string): string | null {
  const text = raw.trim();
  const byValue = options.find((o) => o.value === text);
  if (byValue) return byValue.value;
  if (/^\d+$/.test(text)) return options[Number(text) - 1]?.value ?? null;
  const lower = text.toLocaleLowerCase("sv");
  return options.find((o) => o.label.toLocaleLowerCase("sv") === lower)?.value ?? null;
}

/** The pairing code as stored: trimmed, upper case, no spaces or dashes; "" is no code. */
export function normalisePairCode(raw: string | undefined): string {
  return (raw ?? "").replace(/[\s-]/g, "").toUpperCase();
}

const emptyAnswer = (itemId: number): TypedAnswer => ({
  itemId,
  value: null,
  dontKnow: false,
  valueThen: null,
  dontKnowThen: false,
  choice: null,
  choices: null,
  text: null,
});

/**
 * Reads every item through `read(field)`, which returns the field's values
 * (several for a multiple-choice item; for CSV, a cell "1,3" may be split by
 * the caller or given as one value – both work). Blank items give no answer.
 */
export function parseSurveyAnswers(items: SurveyItemDefinition[], read: (field: string) => string[]): ParsedAnswers {
  const answers: TypedAnswer[] = [];
  const errors: Record<string, SurveyAnswerErrorKey> = {};
  let sector: Sector | null = null;
  let roleCategory: RoleCategory | null = null;

  for (const item of items) {
    const values = read(answerField(item.code)).map((v) => v.trim());
    const first = values.find((v) => v !== "") ?? "";
    const answer = emptyAnswer(item.id);
    let given = false;

    if (item.kind === "likert" || item.kind === "likert_now_then") {
      const now = readScale(first);
      const then = item.kind === "likert_now_then" ? readScale(read(answerField(item.code, true)).find((v) => v.trim() !== "")) : ({ kind: "blank" } as Scale);
      if (now.kind === "invalid" || then.kind === "invalid") {
        errors[item.code] = "survey.error.scale";
        continue;
      }
      if (now.kind === "value") answer.value = now.value;
      answer.dontKnow = now.kind === "dontKnow";
      if (then.kind === "value") answer.valueThen = then.value;
      answer.dontKnowThen = then.kind === "dontKnow";
      given = now.kind !== "blank" || then.kind !== "blank";
    } else if (item.kind === "single") {
      if (first !== "") {
        const choice = readOption(item.options ?? [], first);
        if (choice === null) {
          errors[item.code] = "survey.error.option";
          continue;
        }
        answer.choice = choice;
        given = true;
      }
    } else if (item.kind === "multiple") {
      const tokens = values.flatMap((v) => v.split(/[,;]/)).map((v) => v.trim()).filter(Boolean);
      const chosen: string[] = [];
      for (const token of tokens) {
        const choice = readOption(item.options ?? [], token);
        if (choice === null) {
          errors[item.code] = "survey.error.option";
          break;
        }
        if (!chosen.includes(choice)) chosen.push(choice);
      }
      if (errors[item.code]) continue;
      // Kept in the options' order, whatever order they were ticked or typed in.
      const order = (item.options ?? []).map((o) => o.value);
      answer.choices = chosen.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      given = chosen.length > 0;
    } else {
      const text = values.join("\n").trim();
      if (text.length > TEXT_ANSWER_MAX) {
        errors[item.code] = "survey.error.tooLong";
        continue;
      }
      answer.text = text === "" ? null : text;
      given = text !== "";
    }

    if (!given) {
      if (item.required) errors[item.code] = "survey.error.required";
      continue;
    }
    if (item.respondentField === "sector" && answer.choice && (SECTORS as readonly string[]).includes(answer.choice)) sector = answer.choice as Sector;
    if (item.respondentField === "role" && answer.choice && (ROLE_CATEGORIES as readonly string[]).includes(answer.choice)) {
      roleCategory = answer.choice as RoleCategory;
    }
    answers.push(answer);
  }
  return { answers, sector, roleCategory, errors };
}
