/**
 * Personal check-in links. Each person has at most one token; sending new
 * links replaces it, so only the latest mailed link works. Only the SHA-256
 * of a token is stored (see ~/lib/tokens.server.ts).
 */
import { eq, sql } from "drizzle-orm";
import { looksLikeCheckinToken } from "~/lib/checkin-helpers";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { getDb, schema } from "./db.server";

const { checkinTokens, people } = schema;

/**
 * Creates or replaces the token of every given person, in one transaction,
 * and returns the raw tokens (to put in the mail; they are not kept).
 */
export function issueCheckinTokens({ personIds, now = new Date() }: { personIds: number[]; now?: Date }): Map<number, string> {
  const tokens = new Map<number, string>();
  for (const personId of new Set(personIds)) tokens.set(personId, randomToken());
  getDb().transaction((tx) => {
    for (const [personId, token] of tokens) {
      const tokenHash = hashToken(token);
      tx.insert(checkinTokens)
        .values({ personId, tokenHash, createdAt: now })
        .onConflictDoUpdate({ target: checkinTokens.personId, set: { tokenHash, createdAt: sql`excluded.created_at` } })
        .run();
    }
  });
  return tokens;
}

/** The person a raw token belongs to, or null for anything made up, replaced or malformed. */
export function personByCheckinToken(token: unknown): { personId: number; name: string } | null {
  if (!looksLikeCheckinToken(token)) return null;
  return (
    getDb()
      .select({ personId: people.id, name: people.name })
      .from(checkinTokens)
      .innerJoin(people, eq(people.id, checkinTokens.personId))
      .where(eq(checkinTokens.tokenHash, hashToken(token)))
      .get() ?? null
  );
}
