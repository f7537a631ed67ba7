/**
 * The audit log (issue #11 item 5, decision 016). Every change to attendance,
 * participants, series, accounts and settings, and every export of personal
 * data, appends one entry here, in the same transaction as the change where
 * there is one, so a change is never stored without its entry (or the other
 * way round).
 *
 * Entries hold ids, counts and changed field names – never a participant's
 * name or e-mail address – so erasing a person leaves the log as it is. The
 * table is append-only: the migration's triggers refuse UPDATE, and DELETE of
 * entries younger than two years.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AuditActorKind } from "../../db/schema";
import { getDb, schema } from "./db.server";
import type { StaffUser } from "./user.server";

const { auditLog } = schema;

/**
 * What can be recorded. Grouped by the area the issue names; the filter on
 * the log page lists these with labels from the message catalogue.
 */
export const AUDIT_ACTIONS = [
  // Attendance
  "attendance.update",
  "attendance.all_present",
  "attendance.import",
  "attendance.checkin",
  "attendance.walk_in",
  "attendance.substitute",
  "attendance.reply",
  "checkin.send_links",
  // Participants and invitations
  "participant.create",
  "participant.update",
  "participant.remove",
  "participant.import",
  "invitation.send",
  "invitation.reply",
  // Series, sessions, groups, surveys
  "series.create",
  "series.update",
  "series.status",
  "session.update",
  "groups.update",
  "survey.update",
  // Accounts
  "account.create",
  "account.update",
  "account.activate",
  "account.sign_in",
  "account.sign_in_failed",
  // Settings
  "settings.update",
  // Exports of personal data
  "export.participants",
  "export.attendance",
  "export.survey_responses",
  "export.my_data",
  // Personal data: requests, erasure, retention
  "data_request.create",
  "data_request.handle",
  "person.erase",
  "person.anonymise",
  "retention.apply",
  // Durability
  "backup.create",
  "backup.restore",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditActor =
  | { kind: "staff"; user: Pick<StaffUser, "id" | "name" | "role"> }
  | { kind: "participant"; personId: number }
  | { kind: "system"; label: string };

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  entityKind: string;
  entityId?: string | number | null;
  seriesId?: number | null;
  /** Ids, counts and field names only; never participants' names or addresses. */
  details?: Record<string, unknown> | null;
  ip?: string | null;
  at?: Date;
};

/** Anything with drizzle's `run`: the database or a transaction. */
type Runner = { run: (query: SQL) => unknown };

function actorColumns(actor: AuditActor): {
  actorKind: AuditActorKind;
  actorUserId: number | null;
  actorPersonId: number | null;
  actorLabel: string;
} {
  switch (actor.kind) {
    case "staff":
      return { actorKind: "staff", actorUserId: actor.user.id, actorPersonId: null, actorLabel: `${actor.user.name} (${actor.user.role})` };
    case "participant":
      return { actorKind: "participant", actorUserId: null, actorPersonId: actor.personId, actorLabel: `deltagare ${actor.personId}` };
    case "system":
      return { actorKind: "system", actorUserId: null, actorPersonId: null, actorLabel: actor.label };
  }
}

/**
 * Appends one entry. Pass the transaction that makes the change, so both are
 * written or neither; without one it writes on its own.
 */
export function recordAudit(entry: AuditEntry, runner: Runner = getDb()): void {
  const actor = actorColumns(entry.actor);
  const at = (entry.at ?? new Date()).getTime();
  const entityId = entry.entityId == null ? null : String(entry.entityId);
  const details = entry.details ? JSON.stringify(entry.details) : null;
  runner.run(sql`insert into ${auditLog}
    (at, actor_kind, actor_user_id, actor_person_id, actor_label, action, entity_kind, entity_id, series_id, details, ip)
    values (${at}, ${actor.actorKind}, ${actor.actorUserId}, ${actor.actorPersonId}, ${actor.actorLabel},
      ${entry.action}, ${entry.entityKind}, ${entityId}, ${entry.seriesId ?? null}, ${details}, ${entry.ip ?? null})`);
}

/**
 * Who is acting and from where, passed from a route down to the model
 * function that makes the change; the model writes the entry in its own
 * transaction (`audit(meta, entry, tx)`).
 */
export type AuditMeta = { actor: AuditActor; ip?: string | null };

type LoadContext = { clientIp?: string } | undefined;

export function staffAudit(user: Pick<StaffUser, "id" | "name" | "role">, context?: LoadContext): AuditMeta {
  return { actor: { kind: "staff", user: { id: user.id, name: user.name, role: user.role } }, ip: context?.clientIp || null };
}

export function participantAudit(personId: number, context?: LoadContext): AuditMeta {
  return { actor: { kind: "participant", personId }, ip: context?.clientIp || null };
}

/** A reply through an invitation link: the person when the invitation is linked to one, otherwise the link itself. */
export function replyLinkAudit(personId: number | null, context?: LoadContext): AuditMeta {
  return personId !== null ? participantAudit(personId, context) : { actor: { kind: "system", label: "svarslänk" }, ip: context?.clientIp || null };
}

export function systemAudit(label: string): AuditMeta {
  return { actor: { kind: "system", label } };
}

/** Records the entry when there is someone to record it for; a no-op without `meta`. */
export function audit(meta: AuditMeta | undefined | null, entry: Omit<AuditEntry, "actor" | "ip">, runner?: Runner): void {
  if (!meta) return;
  recordAudit({ ...entry, actor: meta.actor, ip: meta.ip ?? null }, runner);
}

/** The entity an attendance change is recorded on: the session, or the exchange event. */
export function occasionEntity(occasion: { kind: "session"; sessionId: number } | { kind: "exchange"; eventId: number }) {
  return occasion.kind === "session"
    ? { entityKind: "series_session", entityId: occasion.sessionId }
    : { entityKind: "exchange_event", entityId: occasion.eventId };
}

/** The names of the fields whose values differ (dates compared by time): what a "changed fields" entry lists. */
export function changedFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown>): string[] {
  const value = (v: unknown) => (v instanceof Date ? v.getTime() : v ?? null);
  return Object.keys(after).filter((key) => value(before?.[key]) !== value(after[key]));
}

export type AuditFilter = {
  action?: AuditAction | null;
  actorUserId?: number | null;
  seriesId?: number | null;
  /** Inclusive lower and exclusive upper bound of `at`. */
  from?: Date | null;
  to?: Date | null;
};

export type AuditRow = {
  id: number;
  at: Date;
  actorKind: AuditActorKind;
  actorUserId: number | null;
  actorPersonId: number | null;
  actorLabel: string;
  action: string;
  entityKind: string;
  entityId: string | null;
  seriesId: number | null;
  seriesName: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

function filterWhere(filter: AuditFilter): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (filter.action) parts.push(sql`a.action = ${filter.action}`);
  if (filter.actorUserId) parts.push(sql`a.actor_user_id = ${filter.actorUserId}`);
  if (filter.seriesId) parts.push(sql`a.series_id = ${filter.seriesId}`);
  if (filter.from) parts.push(sql`a.at >= ${filter.from.getTime()}`);
  if (filter.to) parts.push(sql`a.at < ${filter.to.getTime()}`);
  return sql.join(parts, sql` and `);
}

/**
 * One page of entries, newest first, and how many match, filtered in SQL
 * (the indexes on action, actor, series – each with `at` – serve the filters).
 */
export function listAuditEntries({ filter, page = 1, pageSize = AUDIT_PAGE_SIZE }: { filter: AuditFilter; page?: number; pageSize?: number }): {
  rows: AuditRow[];
  total: number;
} {
  const db = getDb();
  const where = filterWhere(filter);
  const total = db.get<{ n: number }>(sql`select count(*) as n from ${auditLog} a where ${where}`)?.n ?? 0;
  const offset = Math.max(0, (page - 1) * pageSize);
  // As stored: the time as epoch milliseconds and the details as JSON text.
  const rows = db.all<Omit<AuditRow, "at" | "details"> & { at: number; details: string | null }>(sql`
    select a.id, a.at, a.actor_kind as actorKind, a.actor_user_id as actorUserId, a.actor_person_id as actorPersonId,
      a.actor_label as actorLabel, a.action, a.entity_kind as entityKind, a.entity_id as entityId,
      a.series_id as seriesId, s.name as seriesName, a.details, a.ip
    from ${auditLog} a left join ${schema.series} s on s.id = a.series_id
    where ${where}
    order by a.at desc, a.id desc
    limit ${pageSize} offset ${offset}`);
  return {
    total,
    rows: rows.map((r) => ({ ...r, at: new Date(r.at), details: parseDetails(r.details) })),
  };
}

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Staff accounts, for the actor filter. */
export function auditActorOptions(): { id: number; name: string }[] {
  return getDb()
    .select({ id: schema.users.id, name: schema.users.name })
    .from(schema.users)
    .orderBy(schema.users.name)
    .all();
}

/** Every series, for the series filter. */
export function auditSeriesOptions(): { id: number; name: string }[] {
  return getDb()
    .select({ id: schema.series.id, name: schema.series.name })
    .from(schema.series)
    .orderBy(schema.series.name)
    .all();
}
