/**
 * A participant's reply to one session (decision 011): "kommer" or
 * "kommer_inte", one row per person and session, replaced when they change
 * their mind. Callers check access first (`portalSession`); these functions
 * only write what they are given.
 */
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { SessionReply, SubstitutionStatus } from "../../db/schema";
import { getDb, schema, writeTransaction } from "./db.server";

const { sessionReplies, substitutions, seriesCoordinators, series, users } = schema;

export type ReplyResult = { withdrewSubstitute: boolean };

/**
 * Stores the reply (insert or replace) with the time it was given. Saying
 * "kommer" after naming a substitute withdraws a proposal the coordinator has
 * not yet confirmed, in the same transaction; a confirmed substitute stays,
 * because the colleague has already been told to come.
 */
export function setSessionReply({
  personId,
  sessionId,
  reply,
  now = new Date(),
}: {
  personId: number;
  sessionId: number;
  reply: SessionReply;
  now?: Date;
}): ReplyResult {
  return writeTransaction((tx) => {
    tx.insert(sessionReplies)
      .values({ personId, seriesSessionId: sessionId, reply, repliedAt: now })
      .onConflictDoUpdate({ target: [sessionReplies.seriesSessionId, sessionReplies.personId], set: { reply, repliedAt: now } })
      .run();
    if (reply !== "kommer") return { withdrewSubstitute: false };
    const removed = tx
      .delete(substitutions)
      .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.forPersonId, personId), eq(substitutions.status, "foreslagen")))
      .run();
    return { withdrewSubstitute: removed.changes > 0 };
  });
}

export type ReplyDetails = {
  reply: SessionReply | null;
  repliedAt: Date | null;
  substitute: { name: string; email: string; workplace: string | null; status: SubstitutionStatus } | null;
};

/** The reply with its date, and the substitute the person named (latest, not rejected). */
export function sessionReplyDetails({ personId, sessionId }: { personId: number; sessionId: number }): ReplyDetails {
  const db = getDb();
  const reply = db
    .select({ reply: sessionReplies.reply, repliedAt: sessionReplies.repliedAt })
    .from(sessionReplies)
    .where(and(eq(sessionReplies.seriesSessionId, sessionId), eq(sessionReplies.personId, personId)))
    .get();
  const substitute = db
    .select({ name: substitutions.name, email: substitutions.email, workplace: substitutions.workplace, status: substitutions.status })
    .from(substitutions)
    .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.forPersonId, personId), ne(substitutions.status, "avvisad")))
    .orderBy(desc(substitutions.id))
    .get();
  return { reply: reply?.reply ?? null, repliedAt: reply?.repliedAt ?? null, substitute: substitute ?? null };
}

/**
 * Who hears about a named substitute: the series' coordinators, or the process
 * leader when the series has no coordinator. Not scoped by a staff user: the
 * caller has already checked that the participant belongs to the series.
 */
export function substituteNoticeRecipients({ seriesId }: { seriesId: number }): { name: string; email: string }[] {
  const db = getDb();
  const coordinators = db
    .select({ name: users.name, email: users.email })
    .from(seriesCoordinators)
    .innerJoin(users, eq(users.id, seriesCoordinators.userId))
    .where(eq(seriesCoordinators.seriesId, seriesId))
    .orderBy(asc(users.name))
    .all();
  if (coordinators.length > 0) return coordinators;
  return db
    .select({ name: users.name, email: users.email })
    .from(series)
    .innerJoin(users, eq(users.id, series.processLeaderId))
    .where(eq(series.id, seriesId))
    .all();
}
