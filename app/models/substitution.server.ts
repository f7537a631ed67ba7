/**
 * Substitutes named by participants (decision 011). A participant who cannot
 * come names a colleague; the row waits as "föreslagen" until a coordinator
 * confirms or rejects it.
 */
import { and, eq, ne } from "drizzle-orm";
import { normalizeEmail } from "~/lib/email";
import { getDb, schema, writeTransaction } from "./db.server";

const { substitutions, people } = schema;

export type SubstituteInput = { name: string; email: string; workplace: string | null };

export type ProposeResult = { ok: true; id: number } | { ok: false; problem: "portal.substitute.self" | "portal.substitute.alreadyConfirmed" };

/**
 * Names (or renames) the substitute for one session. A pending proposal is
 * replaced; a confirmed one stays until the coordinator changes it, because the
 * colleague has already been told to come.
 */
export function proposeSubstitute({
  seriesId,
  sessionId,
  forPersonId,
  substitute,
}: {
  seriesId: number;
  sessionId: number;
  forPersonId: number;
  substitute: SubstituteInput;
}): ProposeResult {
  const emailNormalized = normalizeEmail(substitute.email);
  return writeTransaction((tx) => {
    const self = tx.select({ e: people.emailNormalized }).from(people).where(eq(people.id, forPersonId)).get();
    if (self?.e === emailNormalized) return { ok: false as const, problem: "portal.substitute.self" as const };
    const current = tx
      .select({ id: substitutions.id, status: substitutions.status })
      .from(substitutions)
      .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.forPersonId, forPersonId), ne(substitutions.status, "avvisad")))
      .get();
    if (current?.status === "bekraftad") return { ok: false as const, problem: "portal.substitute.alreadyConfirmed" as const };
    if (current) tx.delete(substitutions).where(eq(substitutions.id, current.id)).run();
    const row = tx
      .insert(substitutions)
      .values({ seriesId, seriesSessionId: sessionId, forPersonId, name: substitute.name, email: substitute.email, emailNormalized, workplace: substitute.workplace })
      .returning({ id: substitutions.id })
      .get();
    return { ok: true as const, id: row.id };
  });
}

/** Withdraws a pending proposal (the participant can come after all). Confirmed ones stay. */
export function withdrawPendingSubstitute({ sessionId, forPersonId }: { sessionId: number; forPersonId: number }): boolean {
  return (
    getDb()
      .delete(substitutions)
      .where(and(eq(substitutions.seriesSessionId, sessionId), eq(substitutions.forPersonId, forPersonId), eq(substitutions.status, "foreslagen")))
      .run().changes > 0
  );
}
