/**
 * Answering a survey on a phone, without an account: through the room's
 * anonymous link (/enkat/<code>) or a personal link from the mail
 * (/enkat/personlig/<token>). Both pages read and store a questionnaire the
 * same way, here:
 *
 * - the loader hands out a random one-time submission key with the form, so
 *   a double submit (two taps, a reload of the POST) is stored once and gets
 *   the same thank-you;
 * - answers are read with `parseSurveyAnswers`, the parser paper entry and
 *   CSV import use, and stored by `saveResponse`, which keeps the person out
 *   of the response (a personal link only leaves a receipt);
 * - every POST and every made-up code or link counts against the caller's IP
 *   address in the same throttle table check-in and sign-in use (own key,
 *   own rule), and a locked address gets HTTP 429; every POST also counts
 *   against the survey it goes to (the room code, or the personal link), so
 *   many machines together cannot flood one survey either (decision 019);
 * - nothing on the thank-you page, in its URL or in a response tells who
 *   answered or when (no response id, no time).
 */
import crypto from "node:crypto";
import { json, redirect } from "@remix-run/node";
import type { Translate } from "~/i18n";
import type { SurveyChannel } from "../../db/schema";
import { clearFailures, lockedUntil, recordFailure, type ThrottleRule } from "~/models/login-throttle.server";
import { getTemplate, saveResponse, stateOf, type SeriesSurvey, type SurveyItem } from "~/models/survey.server";
import { minutesUntil } from "./checkin-helpers";
import { retryAfter } from "./checkin.server";
import { countAttempt, firstLock, targetKey, type RateLimit } from "./rate-limit.server";
import { answerField, normalisePairCode, PAIR_CODE_PATTERN, parseSurveyAnswers, TEXT_ANSWER_MAX } from "./survey-answers";
import type { SurveyState } from "./survey-window";
import type { FieldErrors } from "./validation";

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * 120 submissions (or made-up codes and links) within fifteen minutes lock
 * the address for fifteen minutes. A whole room answers at once through one
 * venue Wi-Fi address, so the limit is well above a large seminar group with
 * a few corrections each; a script filling in hundreds of forms is stopped,
 * and guessing a room code (32^8) or a personal link (256 bits) is hopeless.
 */
export const SURVEY_IP_RULE: ThrottleRule = { limit: 120, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

/**
 * 300 submissions to one room code within fifteen minutes, from any number of
 * addresses, lock that survey for fifteen minutes: more than the largest
 * seminar answering at once, far fewer than a script spreading fake answers
 * over many machines.
 */
export const SURVEY_CODE_RULE: ThrottleRule = { limit: 300, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

/** A personal link answers once; ten posts within fifteen minutes (a few corrections) are plenty. */
export const SURVEY_LINK_RULE: ThrottleRule = { limit: 10, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

/** The survey a submission goes to: its room code, or a personal link's token. */
export type SurveyTarget = { code: string } | { token: string };

function throttleKey(ip: string): string {
  return `survey-ip:${ip || "unknown"}`;
}

function limitsOf(ip: string, target?: SurveyTarget): RateLimit[] {
  const limits: RateLimit[] = [{ key: throttleKey(ip), rule: SURVEY_IP_RULE }];
  if (target && "code" in target) limits.push({ key: targetKey("survey-code", target.code), rule: SURVEY_CODE_RULE });
  if (target && "token" in target) limits.push({ key: targetKey("survey-link", target.token), rule: SURVEY_LINK_RULE });
  return limits;
}

/**
 * Minutes until this address may submit again (to this survey, when given), or
 * null when nothing is locked. `reason` says whether the address or the survey is.
 */
export function surveyLock({ ip, target, now = new Date() }: { ip: string; target?: SurveyTarget; now?: Date }): { minutes: number; reason: "ip" | "target" } | null {
  const lock = firstLock(limitsOf(ip, target), now);
  return lock ? { minutes: lock.minutes, reason: lock.key === throttleKey(ip) ? "ip" : "target" } : null;
}

/** Minutes until this address may submit again, or null when it is not locked. */
export function surveyLockMinutes({ ip, now = new Date() }: { ip: string; now?: Date }): number | null {
  const until = lockedUntil({ keys: [throttleKey(ip)], now });
  return until ? minutesUntil(until, now) : null;
}

/** Counts one submission, or one made-up code or link, against the address (and the survey, when given). */
export function countSurveyAttempt({ ip, target, now = new Date() }: { ip: string; target?: SurveyTarget; now?: Date }) {
  countAttempt(limitsOf(ip, target), now);
}

/** For tests and support: lifts the lock of one address. */
export function clearSurveyAttempts({ ip }: { ip: string }) {
  clearFailures({ key: throttleKey(ip) });
}

export function lockedResponse(minutes: number, reason: "ip" | "target" = "ip") {
  return json({ kind: "locked" as const, minutes, reason }, { status: 429, headers: retryAfter(minutes) });
}

/** A form's one-time key: 128 random bits, base64url. */
export function newSubmissionKey(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export function looksLikeSubmissionKey(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{22}$/.test(value);
}

/** The room code as typed or read from a URL: upper case, no spaces or dashes, at most 20 characters. */
export function normaliseSurveyCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase().slice(0, 20);
}

/** An item as the phone form shows it. */
export type PublicItem = Pick<SurveyItem, "code" | "kind" | "leadIn" | "prompt" | "options" | "lowLabel" | "highLabel" | "required">;

/** What anyone holding the link may see of the survey. */
export type PublicSurvey = {
  name: string;
  seriesName: string;
  session: { position: number; title: string; startsAt: Date } | null;
  state: SurveyState;
  opensAt: Date | null;
  closesAt: Date | null;
};

export type PublicForm = PublicSurvey & {
  intro: string | null;
  items: PublicItem[];
  /** Pre and post surveys ask for the optional pairing code. */
  pairing: boolean;
  phase: SeriesSurvey["phase"];
};

export function publicSurvey(survey: SeriesSurvey, now = new Date()): PublicSurvey {
  return {
    name: survey.templateName,
    seriesName: survey.seriesName,
    session: survey.session ? { position: survey.session.position, title: survey.session.title, startsAt: survey.session.startsAt } : null,
    state: stateOf(survey, now),
    opensAt: survey.window?.opensAt ?? null,
    closesAt: survey.window?.closesAt ?? null,
  };
}

/** For the thank-you page: which survey, nothing about the answer or when it came. */
export function thanksSurvey(survey: SeriesSurvey) {
  const { name, seriesName, session } = publicSurvey(survey);
  return { name, seriesName, session };
}

export function publicForm(survey: SeriesSurvey, now = new Date()): PublicForm {
  const template = getTemplate(survey.templateId);
  if (!template) throw new Error(`Survey ${survey.id} has no template`);
  return {
    ...publicSurvey(survey, now),
    intro: template.intro,
    phase: template.phase,
    pairing: template.phase === "pre" || template.phase === "post",
    items: template.items.map(({ code, kind, leadIn, prompt, options, lowLabel, highLabel, required }) => ({
      code,
      kind,
      leadIn,
      prompt,
      options,
      lowLabel,
      highLabel,
      required,
    })),
  };
}

/** The page's data with a fresh one-time key; never cached, so two people never share a key. */
export function formResponse(survey: SeriesSurvey, extra: Record<string, unknown> = {}) {
  return json(
    { kind: "form" as const, survey: publicForm(survey), submissionKey: newSubmissionKey(), ...extra },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export type AnswerValues = Record<string, string[]>;

/** What the person typed, kept for the form after an error (answer fields and the pairing code only). */
function typedValues(items: PublicItem[], formData: FormData): AnswerValues {
  const names = [...items.flatMap((item) => [answerField(item.code), answerField(item.code, true)]), "pairCode"];
  const values: AnswerValues = {};
  for (const name of names) {
    const all = formData
      .getAll(name)
      .filter((v): v is string => typeof v === "string")
      .slice(0, 50)
      .map((v) => v.slice(0, TEXT_ANSWER_MAX + 1000));
    if (all.length) values[name] = all;
  }
  return values;
}

/**
 * Reads and stores a submitted questionnaire, or says why not. Redirects to
 * `thanksPath` when stored (or already stored under the same key).
 */
export async function submitAnswers({
  survey,
  formData,
  channel,
  personId = null,
  thanksPath,
  t,
  now = new Date(),
}: {
  survey: SeriesSurvey;
  formData: FormData;
  channel: SurveyChannel;
  personId?: number | null;
  thanksPath: string;
  t: Translate;
  now?: Date;
}) {
  const form = publicForm(survey, now);
  if (form.state !== "open") return json({ kind: "window" as const, survey: publicSurvey(survey, now) }, { status: 400 });
  const values = typedValues(form.items, formData);
  const key = formData.get("submissionKey");
  if (!looksLikeSubmissionKey(key)) {
    return json(
      { kind: "errors" as const, errors: {} as FieldErrors, formError: t("form.invalidRequest"), values, submissionKey: newSubmissionKey() },
      { status: 400 },
    );
  }
  const template = getTemplate(survey.templateId)!;
  // Browsers send a textarea's line breaks as CRLF; count them as one character, as the counter does.
  const parsed = parseSurveyAnswers(template.items, (field) =>
    formData
      .getAll(field)
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.replace(/\r\n?/g, "\n")),
  );
  const errors: FieldErrors = {};
  for (const [code, messageKey] of Object.entries(parsed.errors)) errors[answerField(code)] = t(messageKey);
  const pairCode = form.pairing ? normalisePairCode(String(formData.get("pairCode") ?? "")) : "";
  if (pairCode && !PAIR_CODE_PATTERN.test(pairCode)) errors.pairCode = t("survey.error.pairCode");
  if (Object.keys(errors).length) {
    return json({ kind: "errors" as const, errors, formError: t("form.errorSummary"), values, submissionKey: key }, { status: 400 });
  }
  const result = saveResponse({ survey, parsed, channel, pairCode: pairCode || null, submissionKey: key, personId, now });
  if (result.ok) return redirect(thanksPath);
  if (result.reason === "alreadyAnswered") return json({ kind: "answered" as const }, { status: 409 });
  return json({ kind: "window" as const, survey: publicSurvey(survey, now) }, { status: 400 });
}
