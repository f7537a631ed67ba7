import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  countAuthSessions,
  createAuthSession,
  deleteAuthSession,
  deleteExpiredAuthSessions,
  touchAuthSession,
} from "~/models/auth-session.server";
import { getDb } from "~/models/db.server";
import { DEMO_EMAILS, userId } from "../support/integration";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The production defaults: 2 hours idle, 12 hours at most. */
const timeouts = { idleMs: 2 * HOUR, absoluteMs: 12 * HOUR };
const T0 = new Date("2026-09-15T06:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const storedIds = (user: number) =>
  getDb().$client.prepare("select id from auth_sessions where user_id = ?").pluck().all(user) as string[];

describe("server-side sign-in sessions", () => {
  const user = () => userId(DEMO_EMAILS.admin);

  it("gives back the user id while the session is alive", () => {
    const token = createAuthSession({ userId: user(), timeouts, now: T0 });
    expect(touchAuthSession({ token, timeouts, now: at(MINUTE) })).toBe(user());
    expect(touchAuthSession({ token, timeouts, now: at(90 * MINUTE) })).toBe(user());
  });

  it("does not know a token it never issued", () => {
    expect(touchAuthSession({ token: crypto.randomBytes(32).toString("base64url"), timeouts, now: T0 })).toBeNull();
  });

  it("expires after 2 hours without activity, and deletes the row", () => {
    const token = createAuthSession({ userId: user(), timeouts, now: T0 });
    // Exactly 2 hours idle it still lives (and the timer restarts); 2 hours and 1 ms idle after that, it is gone.
    expect(touchAuthSession({ token, timeouts, now: at(2 * HOUR) })).toBe(user());
    expect(touchAuthSession({ token, timeouts, now: at(4 * HOUR + 1) })).toBeNull();
    expect(storedIds(user())).not.toContain(sha256(token));
    // Gone for good: an earlier clock does not bring it back.
    expect(touchAuthSession({ token, timeouts, now: at(MINUTE) })).toBeNull();
  });

  it("slides the idle timer on use, but never past the absolute 12 hours", () => {
    const token = createAuthSession({ userId: user(), timeouts, now: T0 });
    // Active every 90 minutes: the idle timeout never strikes...
    for (let step = 1; step <= 7; step++) {
      expect(touchAuthSession({ token, timeouts, now: at(step * 90 * MINUTE) })).toBe(user());
    }
    // ...but at 12 hours after sign-in the session ends anyway.
    expect(touchAuthSession({ token, timeouts, now: at(12 * HOUR) })).toBeNull();
    expect(storedIds(user())).not.toContain(sha256(token));
  });

  it("is revoked by deleting it (sign-out)", () => {
    const token = createAuthSession({ userId: user(), timeouts, now: T0 });
    const before = countAuthSessions({ userId: user() });
    deleteAuthSession({ token });
    expect(countAuthSessions({ userId: user() })).toBe(before - 1);
    expect(touchAuthSession({ token, timeouts, now: at(MINUTE) })).toBeNull();
  });

  it("stores only the SHA-256 of the cookie value, never the value itself", () => {
    const token = createAuthSession({ userId: user(), timeouts, now: T0 });
    // 32 random bytes = 256 bits, well above the 128 bits required.
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const ids = storedIds(user());
    expect(ids).toContain(sha256(token));
    expect(ids).not.toContain(token);
    const rawAnywhere = getDb()
      .$client.prepare("select count(*) from auth_sessions where id = ? or instr(id, ?) > 0")
      .pluck()
      .get(token, token);
    expect(rawAnywhere).toBe(0);
  });

  it("cleans up expired sessions in bulk and leaves live ones", () => {
    const sqlite = getDb().$client;
    sqlite.prepare("delete from auth_sessions").run();
    const stale = createAuthSession({ userId: user(), timeouts, now: T0 });
    const live = createAuthSession({ userId: user(), timeouts, now: at(3 * HOUR) });
    deleteExpiredAuthSessions({ timeouts, now: at(3 * HOUR + MINUTE) });
    expect(storedIds(user())).toEqual([sha256(live)]);
    expect(touchAuthSession({ token: stale, timeouts, now: at(3 * HOUR + MINUTE) })).toBeNull();
  });
});

function sha256(value: string) {
  return crypto.createHash("sha256").update(value).digest("hex");
}
