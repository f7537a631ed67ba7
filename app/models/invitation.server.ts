/**
 * Invitations with a personal reply link. The link's token is stored only as
 * its SHA-256 and is cleared when the reply is given, so a used, expired or
 * made-up link all look the same: not found. A reminder gets a fresh link.
 */
import { and, asc, eq, gt, isNull, lte, ne, sql } from "drizzle-orm";
import { normalizeEmail } from "~/lib/email";
import { suggestRoleCategory } from "~/lib/role-suggestion";
import { hashToken, randomToken } from "~/lib/tokens.server";
import type { Sector } from "../../db/schema";
import { getDb, schema, writeTransaction } from "./db.server";
import { registerInTransaction } from "./participant.server";
import { audit, type AuditMeta } from "./audit-log.server";

const { invitations, people, series, seriesSessions } = schema;

export type InvitationInput = { name: string; email: string; workplace: string | null; sector: Sector; jobTitle: string | null };

export function createInvitation({
  seriesId,
  input,
  userId,
  now = new Date(),
  audit: meta,
}: {
  seriesId: number;
  input: InvitationInput;
  userId: number;
  now?: Date;
  audit?: AuditMeta;
}): { ok: true; invitationId: number; token: string } | { ok: false; reason: "alreadyInvited" } {
  const db = getDb();
  const emailNormalized = normalizeEmail(input.email);
  const token = randomToken();
  return writeTransaction((tx) => {
    const exists = tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.seriesId, seriesId), eq(invitations.emailNormalized, emailNormalized)))
      .get();
    if (exists) return { ok: false as const, reason: "alreadyInvited" as const };
    const person = tx.select({ id: people.id }).from(people).where(eq(people.emailNormalized, emailNormalized)).get();
    const { id } = tx
      .insert(invitations)
      .values({
        seriesId,
        personId: person?.id ?? null,
        ...input,
        roleCategory: suggestRoleCategory(input.jobTitle) ?? (input.sector === "halso_sjukvard" ? "sjukvard" : null),
        email: input.email.trim(),
        emailNormalized,
        tokenHash: hashToken(token),
        sentAt: now,
        createdById: userId,
      })
      .returning({ id: invitations.id })
      .get();
    audit(meta, { action: "invitation.send", entityKind: "invitation", entityId: id, seriesId, details: { personId: person?.id ?? null } }, tx);
    return { ok: true as const, invitationId: id, token };
  });
}

export function listInvitations({ seriesId }: { seriesId: number }) {
  return getDb()
    .select({
      id: invitations.id,
      name: invitations.name,
      email: invitations.email,
      workplace: invitations.workplace,
      sector: invitations.sector,
      jobTitle: invitations.jobTitle,
      status: invitations.status,
      declineReason: invitations.declineReason,
      sentAt: invitations.sentAt,
      respondedAt: invitations.respondedAt,
      reminderCount: invitations.reminderCount,
      lastReminderAt: invitations.lastReminderAt,
    })
    .from(invitations)
    .where(eq(invitations.seriesId, seriesId))
    .orderBy(asc(invitations.sector), asc(invitations.name))
    .all();
}

/** First and last session of a series, for "no reply" and for when links expire. */
export function seriesWindow({ seriesId }: { seriesId: number }) {
  return getDb()
    .select({ first: sql<number | null>`min(${seriesSessions.startsAt})`, last: sql<number | null>`max(${seriesSessions.endsAt})` })
    .from(seriesSessions)
    .where(eq(seriesSessions.seriesId, seriesId))
    .get() ?? { first: null, last: null };
}

/**
 * The invitation behind a reply link, while it can still be answered: not yet
 * answered, the series not cancelled and not over.
 */
export function findOpenInvitation({ token, now = new Date() }: { token: string; now?: Date }) {
  if (!token || token.length > 100) return null;
  const row = getDb()
    .select({
      id: invitations.id,
      seriesId: invitations.seriesId,
      personId: invitations.personId,
      name: invitations.name,
      seriesName: series.name,
      seriesStatus: series.status,
    })
    .from(invitations)
    .innerJoin(series, eq(series.id, invitations.seriesId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), eq(invitations.status, "inbjuden")))
    .get();
  if (!row || row.seriesStatus === "avbruten") return null;
  const { last } = seriesWindow({ seriesId: row.seriesId });
  if (last !== null && last < now.getTime()) return null;
  return row;
}

/**
 * Records the reply and burns the link, in one transaction. Accepting also
 * registers the person (or links the existing one) and enrols them.
 */
export function respondToInvitation({
  token,
  accept,
  reason,
  now = new Date(),
  audit: auditFor,
}: {
  token: string;
  accept: boolean;
  reason: string | null;
  now?: Date;
  /** Who replied, once known: the person the invitation is linked to (decision 016). */
  audit?: (personId: number | null) => AuditMeta;
}): { seriesId: number; personId: number | null } | null {
  if (!findOpenInvitation({ token, now })) return null;
  return writeTransaction((tx) => {
    const answered = tx
      .update(invitations)
      .set({ status: accept ? "accepterat" : "avbojt", declineReason: accept ? null : reason, respondedAt: now, tokenHash: null })
      .where(and(eq(invitations.tokenHash, hashToken(token)), eq(invitations.status, "inbjuden")))
      .returning()
      .get();
    if (!answered) return null;
    if (accept) {
      const { personId } = registerInTransaction(tx, answered.seriesId, {
        name: answered.name,
        email: answered.email,
        workplace: answered.workplace,
        organisationId: null,
        sector: answered.sector,
        roleCategory: answered.roleCategory ?? "annat",
        jobTitle: answered.jobTitle,
        level: null,
      });
      tx.update(invitations).set({ personId }).where(eq(invitations.id, answered.id)).run();
      audit(auditFor?.(personId), { action: "invitation.reply", entityKind: "invitation", entityId: answered.id, seriesId: answered.seriesId, details: { answer: "accepted", personId } }, tx);
      return { seriesId: answered.seriesId, personId };
    }
    audit(auditFor?.(answered.personId), {
      action: "invitation.reply",
      entityKind: "invitation",
      entityId: answered.id,
      seriesId: answered.seriesId,
      details: { answer: "declined", personId: answered.personId, reasonGiven: Boolean(reason) },
    }, tx);
    return { seriesId: answered.seriesId, personId: answered.personId };
  });
}

/** A new reply link for a reminder; the previous link stops working. */
export function renewInvitationToken({
  seriesId,
  invitationId,
  now = new Date(),
  automatic = false,
}: {
  seriesId: number;
  invitationId: number;
  now?: Date;
  automatic?: boolean;
}): { token: string; name: string; email: string } | null {
  const token = randomToken();
  const row = getDb()
    .update(invitations)
    .set({
      tokenHash: hashToken(token),
      reminderCount: sql`${invitations.reminderCount} + 1`,
      lastReminderAt: now,
      ...(automatic ? { autoReminderAt: now } : {}),
    })
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.seriesId, seriesId),
        eq(invitations.status, "inbjuden"),
        // The automatic reminder is claimed at most once per invitation, even across restarts.
        automatic ? isNull(invitations.autoReminderAt) : undefined,
      ),
    )
    .returning({ name: invitations.name, email: invitations.email })
    .get();
  return row ? { token, ...row } : null;
}

export function pendingInvitationIds({ seriesId }: { seriesId: number }): number[] {
  return getDb()
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.seriesId, seriesId), eq(invitations.status, "inbjuden")))
    .all()
    .map((r) => r.id);
}

/**
 * Invitations due an automatic reminder: still unanswered, never auto-reminded,
 * in a series that is not cancelled, whose first session starts within its
 * reminder period and has not started yet.
 */
export function invitationsDueReminder({ now = new Date() }: { now?: Date } = {}) {
  const db = getDb();
  const firstStart = sql<number>`(select min(ss.starts_at) from ${seriesSessions} ss where ss.series_id = ${invitations.seriesId})`;
  return db
    .select({ id: invitations.id, seriesId: invitations.seriesId })
    .from(invitations)
    .innerJoin(series, eq(series.id, invitations.seriesId))
    .where(
      and(
        eq(invitations.status, "inbjuden"),
        isNull(invitations.autoReminderAt),
        ne(series.status, "avbruten"),
        sql`${series.reminderDaysBefore} is not null`,
        gt(firstStart, now.getTime()),
        lte(sql`${firstStart} - ${series.reminderDaysBefore} * 86400000`, now.getTime()),
      ),
    )
    .all();
}

/** Days before the first session for the automatic reminder; null turns it off. */
export function setReminderDays({ seriesId, days }: { seriesId: number; days: number | null }) {
  getDb().update(series).set({ reminderDaysBefore: days }).where(eq(series.id, seriesId)).run();
}
