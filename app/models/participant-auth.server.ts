/**
 * Participants' password-less sign-in: single-use e-mailed links and the
 * signed-in devices they create. Tokens and cookie values are stored only as
 * SHA-256 (decision 011).
 */
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { getDb, schema, writeTransaction } from "./db.server";

const { magicLinks, participantSessions, people } = schema;

export type Participant = { id: number; name: string; email: string };

/** Issues a link token for a person; returns the token (only its hash is stored). */
export function createMagicLink({
  personId,
  redirectTo = null,
  ttlMs,
  now = new Date(),
}: {
  personId: number;
  redirectTo?: string | null;
  ttlMs: number;
  now?: Date;
}): string {
  const token = randomToken();
  getDb()
    .insert(magicLinks)
    .values({ personId, tokenHash: hashToken(token), redirectTo, expiresAt: new Date(now.getTime() + ttlMs) })
    .run();
  return token;
}

/** A link that can still be used, without using it (the confirm page shows it). */
export function findUsableMagicLink({ token, now = new Date() }: { token: string; now?: Date }) {
  return (
    getDb()
      .select({ personId: magicLinks.personId, redirectTo: magicLinks.redirectTo })
      .from(magicLinks)
      .where(and(eq(magicLinks.tokenHash, hashToken(token)), isNull(magicLinks.usedAt), gt(magicLinks.expiresAt, now)))
      .get() ?? null
  );
}

/**
 * Uses a link: marks it used in the same statement that checks it is usable,
 * so two clicks at once cannot both sign in. Returns null for an unknown,
 * used or expired link.
 */
export function consumeMagicLink({ token, now = new Date() }: { token: string; now?: Date }) {
  return (
    getDb()
      .update(magicLinks)
      .set({ usedAt: now })
      .where(and(eq(magicLinks.tokenHash, hashToken(token)), isNull(magicLinks.usedAt), gt(magicLinks.expiresAt, now)))
      .returning({ personId: magicLinks.personId, redirectTo: magicLinks.redirectTo })
      .get() ?? null
  );
}

/** Creates a signed-in device for a person; returns the cookie value. */
export function createParticipantSession({ personId, maxAgeMs, now = new Date() }: { personId: number; maxAgeMs: number; now?: Date }): string {
  const token = randomToken();
  getDb()
    .insert(participantSessions)
    .values({ id: hashToken(token), personId, lastSeenAt: now, expiresAt: new Date(now.getTime() + maxAgeMs) })
    .run();
  return token;
}

/** The participant of a live device session, or null. Expired rows are deleted on sight. */
export function participantBySession({ token, now = new Date() }: { token: string; now?: Date }): Participant | null {
  const db = getDb();
  const id = hashToken(token);
  const row = db
    .select({ id: people.id, name: people.name, email: people.email, expiresAt: participantSessions.expiresAt, lastSeenAt: participantSessions.lastSeenAt })
    .from(participantSessions)
    .innerJoin(people, eq(people.id, participantSessions.personId))
    .where(eq(participantSessions.id, id))
    .get();
  if (!row) return null;
  if (row.expiresAt <= now) {
    db.delete(participantSessions).where(eq(participantSessions.id, id)).run();
    return null;
  }
  // Last seen is for the "signed-in devices" count only; once an hour is plenty.
  if (now.getTime() - row.lastSeenAt.getTime() > 3_600_000) {
    db.update(participantSessions).set({ lastSeenAt: now }).where(eq(participantSessions.id, id)).run();
  }
  return { id: row.id, name: row.name, email: row.email };
}

export function deleteParticipantSession({ token }: { token: string }) {
  getDb().delete(participantSessions).where(eq(participantSessions.id, hashToken(token))).run();
}

/** "Sign out everywhere": every device, and every link not yet used. */
export function deleteAllParticipantSessions({ personId }: { personId: number }): number {
  return writeTransaction((tx) => {
    tx.delete(magicLinks).where(and(eq(magicLinks.personId, personId), isNull(magicLinks.usedAt))).run();
    return tx.delete(participantSessions).where(eq(participantSessions.personId, personId)).run().changes;
  });
}

export function countParticipantSessions({ personId, now = new Date() }: { personId: number; now?: Date }): number {
  return getDb()
    .select({ id: participantSessions.id })
    .from(participantSessions)
    .where(and(eq(participantSessions.personId, personId), gt(participantSessions.expiresAt, now)))
    .all().length;
}

/** Housekeeping: expired devices, and links expired or used more than a day ago. */
export function deleteExpiredParticipantAuth({ now = new Date() }: { now?: Date } = {}) {
  const db = getDb();
  db.delete(participantSessions).where(lt(participantSessions.expiresAt, now)).run();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  db.delete(magicLinks).where(or(lt(magicLinks.expiresAt, dayAgo), lt(magicLinks.usedAt, dayAgo))).run();
}
