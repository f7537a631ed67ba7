import { count, eq, lt, or, sql } from "drizzle-orm";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { getDb, preparedQuery, schema } from "./db.server";

const { authSessions } = schema;

// Every staff request reads its session: built once (decision 013).
const sessionById = preparedQuery((db) =>
  db
    .select({ userId: authSessions.userId, lastSeenAt: authSessions.lastSeenAt, expiresAt: authSessions.expiresAt })
    .from(authSessions)
    .where(eq(authSessions.id, sql.placeholder("id")))
    .prepare(),
);

export type SessionTimeouts = { idleMs: number; absoluteMs: number };

/** Creates a session; returns the random cookie value (only its hash is stored). */
export function createAuthSession({
  userId,
  timeouts,
  now = new Date(),
}: {
  userId: number;
  timeouts: SessionTimeouts;
  now?: Date;
}): string {
  const token = randomToken();
  getDb()
    .insert(authSessions)
    .values({
      id: hashToken(token),
      userId,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + timeouts.absoluteMs),
    })
    .run();
  return token;
}

/**
 * The user id of a live session, sliding its idle timer. Expired sessions are
 * deleted on sight, so a stale cookie simply means "signed out".
 */
export function touchAuthSession({
  token,
  timeouts,
  now = new Date(),
}: {
  token: string;
  timeouts: SessionTimeouts;
  now?: Date;
}): number | null {
  const db = getDb();
  const id = hashToken(token);
  const row = sessionById().get({ id });
  if (!row) return null;
  const idleExpired = now.getTime() - row.lastSeenAt.getTime() > timeouts.idleMs;
  if (idleExpired || row.expiresAt <= now) {
    db.delete(authSessions).where(eq(authSessions.id, id)).run();
    return null;
  }
  // Writing on every request would make reads into writes; a minute's
  // precision is plenty for an idle timeout counted in hours.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, id)).run();
  }
  return row.userId;
}

export function deleteAuthSession({ token }: { token: string }) {
  getDb().delete(authSessions).where(eq(authSessions.id, hashToken(token))).run();
}

export function deleteExpiredAuthSessions({ timeouts, now = new Date() }: { timeouts: SessionTimeouts; now?: Date }) {
  getDb()
    .delete(authSessions)
    .where(
      or(
        lt(authSessions.expiresAt, now),
        lt(authSessions.lastSeenAt, new Date(now.getTime() - timeouts.idleMs)),
      ),
    )
    .run();
}

export function countAuthSessions({ userId }: { userId: number }): number {
  return (
    getDb().select({ n: count() }).from(authSessions).where(eq(authSessions.userId, userId)).get()?.n ?? 0
  );
}
