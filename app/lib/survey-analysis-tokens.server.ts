/**
 * Opaque per-answer values for the free-text page. The tagging form needs to
 * say which answer it tags, but the page must not show response ids: two
 * answers of one questionnaire would then be linkable to each other (and to
 * anything else that carries the id). Each answer gets an HMAC of its
 * (response, item) under a key that lives only in this server process, so
 * the value cannot be turned back into the id, differs for the two answers of
 * one response, and is looked up by recomputing it for the series' answers.
 * After a restart the old values no longer match: the form then asks the user
 * to reload the page (409), which is rare and harmless.
 */
import crypto from "node:crypto";

const holder = globalThis as unknown as { __surveyAnswerTokenKey?: Buffer };
const key = (holder.__surveyAnswerTokenKey ??= crypto.randomBytes(32));

export function answerToken(responseId: string, itemId: number): string {
  return crypto.createHmac("sha256", key).update(`${responseId}\u0000${itemId}`).digest("base64url").slice(0, 32);
}

/** The answer whose token this is, among `keys`, or null. */
export function resolveAnswerToken<K extends { responseId: string; itemId: number }>(token: string, keys: K[]): K | null {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
  const wanted = Buffer.from(token);
  return keys.find((k) => crypto.timingSafeEqual(Buffer.from(answerToken(k.responseId, k.itemId)), wanted)) ?? null;
}
