/**
 * Password sign-in with throttling per account and per IP. The answer is the
 * same whether or not the account exists, and takes about as long.
 */
import { normalizeEmail } from "./email";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { clearFailures, lockedUntil, recordFailure, type ThrottleRule } from "~/models/login-throttle.server";
import { getCredentialsByEmail } from "~/models/user.server";

const FIFTEEN_MINUTES = 15 * 60_000;
export const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };
export const IP_RULE: ThrottleRule = { limit: 50, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function attemptSignIn({
  email,
  password,
  ip,
  now = new Date(),
}: {
  email: string;
  password: string;
  ip: string;
  now?: Date;
}): Promise<SignInResult> {
  const accountKey = `email:${normalizeEmail(email)}`;
  const ipKey = `ip:${ip || "unknown"}`;
  const locked = lockedUntil({ keys: [accountKey, ipKey], now });
  if (locked) {
    return { ok: false, reason: "throttled", retryAfterMinutes: Math.max(1, Math.ceil((locked.getTime() - now.getTime()) / 60_000)) };
  }
  const credentials = getCredentialsByEmail({ email });
  // Unknown and not-yet-activated accounts still cost one hash, so timing does not tell them apart.
  const valid = credentials?.passwordHash
    ? await verifyPassword(password, credentials.passwordHash)
    : (await verifyPassword(password, await dummyPasswordHash()), false);
  if (!valid || !credentials) {
    recordFailure({ key: accountKey, rule: ACCOUNT_RULE, now });
    recordFailure({ key: ipKey, rule: IP_RULE, now });
    return { ok: false, reason: "invalid" };
  }
  clearFailures({ key: accountKey });
  return { ok: true, userId: credentials.id };
}
