import { beforeEach, describe, expect, it } from "vitest";
import { attemptSignIn } from "~/lib/sign-in.server";
import { getDb } from "~/models/db.server";
import { DEMO_PASSWORD } from "../../db/seed";
import { DEMO_EMAILS, userId } from "../support/integration";

/*
 * Each failed attempt costs one scrypt hash (also for unknown accounts, by design),
 * so these tests are slow-ish. The throttle table is emptied before each test so
 * tests do not lock each other out.
 */
beforeEach(() => {
  getDb().$client.prepare("delete from login_throttle").run();
});

const throttleRow = (key: string) =>
  getDb().$client.prepare("select failures, locked_until as lockedUntil from login_throttle where key = ?").get(key) as
    | { failures: number; lockedUntil: number | null }
    | undefined;

describe("attemptSignIn", () => {
  it("signs in with the right password, whatever the letter case of the e-mail", async () => {
    expect(await attemptSignIn({ email: DEMO_EMAILS.huddinge, password: DEMO_PASSWORD, ip: "10.0.0.1" })).toEqual({
      ok: true,
      userId: userId(DEMO_EMAILS.huddinge),
    });
    expect(
      await attemptSignIn({ email: "  Samordnare@HUDDINGE.example ", password: DEMO_PASSWORD, ip: "10.0.0.1" }),
    ).toEqual({ ok: true, userId: userId(DEMO_EMAILS.huddinge) });
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    const wrongPassword = await attemptSignIn({ email: DEMO_EMAILS.huddinge, password: "fel-lösenord", ip: "10.0.0.2" });
    const unknownAccount = await attemptSignIn({ email: "ingen@finns.example", password: DEMO_PASSWORD, ip: "10.0.0.2" });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownAccount).toEqual(wrongPassword);
    // Both count against the IP; an unknown account gets a counter too, so probing looks the same.
    expect(throttleRow("ip:10.0.0.2")?.failures).toBe(2);
    expect(throttleRow("email:ingen@finns.example")?.failures).toBe(1);
  });

  it("locks an account after 5 failures, even for the right password, but not other accounts", async () => {
    const now = new Date();
    for (let i = 1; i <= 4; i++) {
      expect(await attemptSignIn({ email: DEMO_EMAILS.botkyrka, password: `gissning-${i}`, ip: "10.0.1.1", now })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    // The 5th failure is still answered "invalid"; it is what sets the lock.
    expect(await attemptSignIn({ email: DEMO_EMAILS.botkyrka, password: "gissning-5", ip: "10.0.1.1", now })).toEqual({
      ok: false,
      reason: "invalid",
    });

    // Now even the right password is refused, from any IP, for the 15-minute lock.
    expect(await attemptSignIn({ email: DEMO_EMAILS.botkyrka, password: DEMO_PASSWORD, ip: "10.0.1.2", now })).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterMinutes: 15,
    });
    // Another account from another IP is not affected.
    expect(await attemptSignIn({ email: DEMO_EMAILS.nacka, password: DEMO_PASSWORD, ip: "10.0.1.3", now })).toEqual({
      ok: true,
      userId: userId(DEMO_EMAILS.nacka),
    });
    // After the lock has run out the right password works again.
    const later = new Date(now.getTime() + 15 * 60_000 + 1);
    expect(
      await attemptSignIn({ email: DEMO_EMAILS.botkyrka, password: DEMO_PASSWORD, ip: "10.0.1.2", now: later }),
    ).toEqual({ ok: true, userId: userId(DEMO_EMAILS.botkyrka) });
  });

  it("clears the account's counter on success, so earlier failures do not add up to a lock", async () => {
    for (let i = 1; i <= 4; i++) {
      await attemptSignIn({ email: DEMO_EMAILS.nacka, password: `fel-${i}`, ip: "10.0.2.1" });
    }
    expect(throttleRow("email:samordnare@nacka.example")?.failures).toBe(4);

    expect((await attemptSignIn({ email: DEMO_EMAILS.nacka, password: DEMO_PASSWORD, ip: "10.0.2.1" })).ok).toBe(true);
    expect(throttleRow("email:samordnare@nacka.example")).toBeUndefined();

    // Four more failures: without the reset this would be failure 5–8 and a lock.
    for (let i = 5; i <= 8; i++) {
      await attemptSignIn({ email: DEMO_EMAILS.nacka, password: `fel-${i}`, ip: "10.0.2.1" });
    }
    expect(throttleRow("email:samordnare@nacka.example")).toEqual({ failures: 4, lockedUntil: null });
    expect((await attemptSignIn({ email: DEMO_EMAILS.nacka, password: DEMO_PASSWORD, ip: "10.0.2.1" })).ok).toBe(true);
  });

  // The IP rule (50 failures) has its own file, sign-in-ip-throttle.test.ts, so its 50 hashes run in parallel with these.

  it("lets a not-yet-activated account (no password) never sign in", async () => {
    getDb()
      .$client.prepare("insert into users (name, email, email_normalized, role) values ('Ny Person', 'ny@kommun.example', 'ny@kommun.example', 'coordinator')")
      .run();
    expect(await attemptSignIn({ email: "ny@kommun.example", password: "", ip: "10.0.3.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await attemptSignIn({ email: "ny@kommun.example", password: "null", ip: "10.0.3.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
