/**
 * Rate limits on the public and sign-in forms (decision 019). Every limit has
 * two kinds of keys in the login_throttle table:
 *
 * - the caller's IP address, so one machine cannot try many targets;
 * - the target itself (an account, an address, a check-in code, a survey, an
 *   invitation link), so many machines cannot gang up on one target.
 *
 * A request is refused while any of its keys is locked; each counted attempt
 * adds one to every key. Tokens and codes go into a key only as a SHA-256
 * prefix, so the throttle table never holds a usable credential.
 */
import crypto from "node:crypto";
import { clearFailures, lockedUntil, recordFailure, type ThrottleRule } from "~/models/login-throttle.server";
import { minutesUntil } from "./checkin-helpers";

export type RateLimit = { key: string; rule: ThrottleRule };

/** The IP key of one limit: `<scope>-ip:<address>`. */
export function ipKey(scope: string, ip: string): string {
  return `${scope}-ip:${ip || "unknown"}`;
}

/** The target key of one limit: `<scope>:<sha-256 prefix of the target>`. */
export function targetKey(scope: string, target: string): string {
  return `${scope}:${crypto.createHash("sha256").update(target).digest("hex").slice(0, 32)}`;
}

/** Minutes until all these keys are open again, or null when none is locked. */
export function lockedMinutes(limits: RateLimit[], now = new Date()): number | null {
  const until = lockedUntil({ keys: limits.map((l) => l.key), now });
  return until ? minutesUntil(until, now) : null;
}

/** The first of these limits that is locked (in the order given), with the minutes left; null when none is. */
export function firstLock(limits: RateLimit[], now = new Date()): { key: string; minutes: number } | null {
  for (const { key } of limits) {
    const until = lockedUntil({ keys: [key], now });
    if (until) return { key, minutes: minutesUntil(until, now) };
  }
  return null;
}

/** Counts one attempt against every key. */
export function countAttempt(limits: RateLimit[], now = new Date()) {
  for (const { key, rule } of limits) recordFailure({ key, rule, now });
}

/** For tests and support: lifts the locks. */
export function clearLimits(limits: RateLimit[]) {
  for (const { key } of limits) clearFailures({ key });
}

/** The 429 answer's Retry-After header. */
export function retryAfterHeader(minutes: number): HeadersInit {
  return { "Retry-After": String(minutes * 60) };
}
