import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { normalizeEmail } from "~/lib/email";
import { hashToken, randomToken } from "~/lib/tokens.server";
import type { StaffRole } from "../../db/schema";
import { getDb, preparedQuery, qualified, schema, writeTransaction } from "./db.server";
import { audit, recordAudit, type AuditMeta } from "./audit-log.server";

const { users, userOrganisations, userTokens, organisations } = schema;

export type StaffUser = {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  /** Municipalities and districts the user works for (coordinators). */
  organisationIds: number[];
};

// Read on every staff request: built once (decision 013).
const activeUserById = preparedQuery((db) =>
  db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.id, sql.placeholder("userId")), sql`${users.passwordHash} is not null`))
    .prepare(),
);
const organisationsOfUser = preparedQuery((db) =>
  db
    .select({ id: userOrganisations.organisationId })
    .from(userOrganisations)
    .where(eq(userOrganisations.userId, sql.placeholder("userId")))
    .prepare(),
);

export function getUserById({ userId }: { userId: number }): StaffUser | null {
  const user = activeUserById().get({ userId });
  if (!user) return null;
  const orgs = organisationsOfUser().all({ userId });
  return { ...user, organisationIds: orgs.map((o) => o.id) };
}

/** For sign-in only: the password hash of an activated account. */
export function getCredentialsByEmail({ email }: { email: string }) {
  return (
    getDb()
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.emailNormalized, normalizeEmail(email)))
      .get() ?? null
  );
}

export function emailIsTaken({ email }: { email: string }): boolean {
  return !!getDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.emailNormalized, normalizeEmail(email)))
    .get();
}

export const ACTIVATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Creates a staff account that is not yet usable, and a one-time activation
 * token. Returns the plain token, which exists only in the e-mail.
 */
export function createStaffUser({
  name,
  email,
  role,
  organisationIds,
  now = new Date(),
  audit: meta,
}: {
  name: string;
  email: string;
  role: StaffRole;
  organisationIds: number[];
  now?: Date;
  audit?: AuditMeta;
}): { userId: number; token: string; expiresAt: Date } {
  const db = getDb();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + ACTIVATION_TTL_MS);
  const userId = writeTransaction((tx) => {
    const created = tx
      .insert(users)
      .values({ name, email: email.trim(), emailNormalized: normalizeEmail(email), role })
      .returning({ id: users.id })
      .get();
    if (role === "coordinator" && organisationIds.length > 0) {
      tx.insert(userOrganisations)
        .values(organisationIds.map((organisationId) => ({ userId: created.id, organisationId })))
        .run();
    }
    tx.insert(userTokens)
      .values({ userId: created.id, purpose: "activation", tokenHash: hashToken(token), expiresAt })
      .run();
    audit(meta, { action: "account.create", entityKind: "user", entityId: created.id, details: { role, organisationIds } }, tx);
    return created.id;
  });
  return { userId, token, expiresAt };
}

/** The account an unused, unexpired activation token belongs to. */
export function findActivation({ token, now = new Date() }: { token: string; now?: Date }) {
  return (
    getDb()
      .select({ tokenId: userTokens.id, userId: users.id, name: users.name, email: users.email })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(
        and(
          eq(userTokens.tokenHash, hashToken(token)),
          eq(userTokens.purpose, "activation"),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, now),
        ),
      )
      .get() ?? null
  );
}

/** Sets the password and burns the token, in one transaction. Returns the user id, or null. */
export function activateAccount({
  token,
  passwordHash,
  now = new Date(),
  ip,
}: {
  token: string;
  passwordHash: string;
  now?: Date;
  /** The client's address for the audit entry; the actor is the account itself. */
  ip?: string | null;
}): number | null {
  const db = getDb();
  return writeTransaction((tx) => {
    const burned = tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(userTokens.tokenHash, hashToken(token)),
          eq(userTokens.purpose, "activation"),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, now),
        ),
      )
      .returning({ userId: userTokens.userId })
      .get();
    if (!burned) return null;
    tx.update(users).set({ passwordHash, activatedAt: now }).where(eq(users.id, burned.userId)).run();
    const account = tx.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.id, burned.userId)).get()!;
    recordAudit({ actor: { kind: "staff", user: account }, action: "account.activate", entityKind: "user", entityId: account.id, ip: ip ?? null }, tx);
    return burned.userId;
  });
}

export function listStaff() {
  const db = getDb();
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      activatedAt: users.activatedAt,
      organisations: sql<string | null>`(
        select group_concat(${organisations.name}, ', ')
        from ${userOrganisations}
        join ${organisations} on ${organisations.id} = ${userOrganisations.organisationId}
        where ${userOrganisations.userId} = ${qualified(users.id)}
      )`,
    })
    .from(users)
    .orderBy(asc(users.role), asc(users.name))
    .all();
  return rows;
}

