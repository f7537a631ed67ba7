/**
 * The per-IP rule of attemptSignIn: 50 failures from one address, spread over
 * many accounts (password spraying), lock the address. The first 45 failures
 * are recorded through the throttle model (each real attempt costs a scrypt
 * hash); the last five go through real sign-in attempts.
 */
import { describe, expect, it } from "vitest";
import { attemptSignIn, IP_RULE } from "~/lib/sign-in.server";
import { getDb } from "~/models/db.server";
import { recordFailure } from "~/models/login-throttle.server";
import { DEMO_PASSWORD } from "../../db/seed";
import { DEMO_EMAILS, userId } from "../support/integration";

const failuresOf = (key: string) =>
  getDb().$client.prepare("select failures from login_throttle where key = ?").pluck().get(key);

describe("attemptSignIn, per-IP throttling", () => {
  it("locks an IP after 50 failures spread over many accounts (password spraying)", async () => {
    const ip = "203.0.113.7";
    const now = new Date();
    for (let i = 0; i < 45; i++) recordFailure({ key: `ip:${ip}`, rule: IP_RULE, now });
    // Five more real guesses on five accounts: no account reaches its own limit, and
    // each being "invalid" rather than "throttled" shows the IP is not locked early.
    for (let i = 0; i < 5; i++) {
      const result = await attemptSignIn({ email: `konto${i}@spray.example`, password: "Sommar2026!", ip, now });
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    expect(failuresOf(`ip:${ip}`)).toBe(50);

    // The right password of a real, unlocked account is refused from that IP...
    expect(await attemptSignIn({ email: DEMO_EMAILS.admin, password: DEMO_PASSWORD, ip, now })).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterMinutes: 15,
    });
    // ...while the same account signs in from another IP.
    expect(await attemptSignIn({ email: DEMO_EMAILS.admin, password: DEMO_PASSWORD, ip: "198.51.100.1", now })).toEqual({
      ok: true,
      userId: userId(DEMO_EMAILS.admin),
    });
  });
});
