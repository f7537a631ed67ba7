import { eq, gt, inArray, and } from "drizzle-orm";
import { getDb, schema, writeTransaction } from "./db.server";

const { loginThrottle } = schema;

export type ThrottleRule = { limit: number; windowMs: number; lockMs: number };

/** When the earliest of these keys may try again, or null if none is locked. */
export function lockedUntil({ keys, now = new Date() }: { keys: string[]; now?: Date }): Date | null {
  const rows = getDb()
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, keys), gt(loginThrottle.lockedUntil, now)))
    .all();
  const times = rows.map((r) => r.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** Counts one failure against a key; locks it once the rule's limit is reached. */
export function recordFailure({ key, rule, now = new Date() }: { key: string; rule: ThrottleRule; now?: Date }) {
  const db = getDb();
  writeTransaction((tx) => {
    const row = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
    const windowOpen = row && now.getTime() - row.windowStartedAt.getTime() < rule.windowMs;
    const failures = windowOpen ? row.failures + 1 : 1;
    const windowStartedAt = windowOpen ? row.windowStartedAt : now;
    const locked = failures >= rule.limit ? new Date(now.getTime() + rule.lockMs) : null;
    tx.insert(loginThrottle)
      .values({ key, failures, windowStartedAt, lockedUntil: locked })
      .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, windowStartedAt, lockedUntil: locked } })
      .run();
  });
}

export function clearFailures({ key }: { key: string }) {
  getDb().delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
