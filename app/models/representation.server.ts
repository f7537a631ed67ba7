import { and, count, eq, sql } from "drizzle-orm";
import type { SectorCounts, Target } from "~/lib/representation";
import { ROLE_CATEGORIES, SECTORS, type RoleCategory, type Sector } from "../../db/schema";
import { getDb, preparedQuery, schema, writeTransaction } from "./db.server";
import type { Transaction } from "./participant.server";
import { audit, type AuditMeta } from "./audit-log.server";

const { representationTargets, templateTargets, invitations, enrolments, people, series, seriesSessions } = schema;

const targetsQuery = preparedQuery((db) =>
  db
    .select({ sector: representationTargets.sector, minCount: representationTargets.minCount, minSharePercent: representationTargets.minSharePercent })
    .from(representationTargets)
    .where(eq(representationTargets.seriesId, sql.placeholder("seriesId")))
    .prepare(),
);
const requireManagerQuery = preparedQuery((db) =>
  db.select({ v: series.requireManagerPerSector }).from(series).where(eq(series.id, sql.placeholder("seriesId"))).prepare(),
);

export function getTargets({ seriesId }: { seriesId: number }): { targets: Target[]; requireManager: boolean } {
  const targets = targetsQuery().all({ seriesId });
  const requireManager = requireManagerQuery().get({ seriesId })?.v ?? true;
  return { targets, requireManager };
}

export function saveTargets({ seriesId, targets, requireManager, audit: meta }: { seriesId: number; targets: Target[]; requireManager: boolean; audit?: AuditMeta }) {
  writeTransaction((tx) => {
    audit(meta, { action: "series.update", entityKind: "series", entityId: seriesId, seriesId, details: { fields: ["representationTargets", "requireManagerPerSector"] } }, tx);
    tx.delete(representationTargets).where(eq(representationTargets.seriesId, seriesId)).run();
    const kept = targets.filter((t) => t.minCount !== null || t.minSharePercent !== null);
    if (kept.length) tx.insert(representationTargets).values(kept.map((t) => ({ ...t, seriesId }))).run();
    tx.update(series).set({ requireManagerPerSector: requireManager }).where(eq(series.id, seriesId)).run();
  });
}

/** Copies a template's default targets to a new series (inside the caller's transaction). */
export function copyTemplateTargets(tx: Transaction, templateId: number, seriesId: number) {
  const defaults = tx
    .select({ sector: templateTargets.sector, minCount: templateTargets.minCount, minSharePercent: templateTargets.minSharePercent })
    .from(templateTargets)
    .where(eq(templateTargets.templateId, templateId))
    .all();
  if (defaults.length) tx.insert(representationTargets).values(defaults.map((d) => ({ ...d, seriesId }))).run();
}

/**
 * Invited, accepted, declined, unanswered, registered and managers per sector,
 * counted in SQL. "No reply" means still invited when the first session has started.
 */
export function sectorCounts({ seriesId, now = new Date() }: { seriesId: number; now?: Date }): SectorCounts[] {
  const db = getDb();
  const firstStart = db
    .select({ v: sql<number | null>`min(${seriesSessions.startsAt})` })
    .from(seriesSessions)
    .where(eq(seriesSessions.seriesId, seriesId))
    .get()?.v;
  const started = firstStart !== null && firstStart !== undefined && firstStart <= now.getTime();
  const invited = db
    .select({
      sector: invitations.sector,
      invited: count(),
      accepted: sql<number>`sum(${invitations.status} = 'accepterat')`,
      declined: sql<number>`sum(${invitations.status} = 'avbojt')`,
      pending: sql<number>`sum(${invitations.status} = 'inbjuden')`,
    })
    .from(invitations)
    .where(eq(invitations.seriesId, seriesId))
    .groupBy(invitations.sector)
    .all();
  const registered = db
    .select({ sector: people.sector, registered: count(), managers: sql<number>`sum(${people.roleCategory} = 'chef')` })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.status, "anmald")))
    .groupBy(people.sector)
    .all();
  return SECTORS.map((sector: Sector) => {
    const i = invited.find((r) => r.sector === sector);
    const r = registered.find((x) => x.sector === sector);
    return {
      sector,
      invited: i?.invited ?? 0,
      accepted: i?.accepted ?? 0,
      declined: i?.declined ?? 0,
      noReply: started ? (i?.pending ?? 0) : 0,
      registered: r?.registered ?? 0,
      managers: r?.managers ?? 0,
    };
  });
}

export type RoleCategoryCounts = { roleCategory: RoleCategory; invited: number; accepted: number; registered: number };

/** Invited, accepted and registered per role category, counted in SQL. */
export function roleCategoryCounts({ seriesId }: { seriesId: number }): RoleCategoryCounts[] {
  const db = getDb();
  const invited = db
    .select({
      roleCategory: invitations.roleCategory,
      invited: count(),
      accepted: sql<number>`sum(${invitations.status} = 'accepterat')`,
    })
    .from(invitations)
    .where(eq(invitations.seriesId, seriesId))
    .groupBy(invitations.roleCategory)
    .all();
  const registered = db
    .select({ roleCategory: people.roleCategory, registered: count() })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.status, "anmald")))
    .groupBy(people.roleCategory)
    .all();
  return ROLE_CATEGORIES.map((roleCategory) => {
    const i = invited.find((r) => r.roleCategory === roleCategory);
    return {
      roleCategory,
      invited: i?.invited ?? 0,
      accepted: i?.accepted ?? 0,
      registered: registered.find((r) => r.roleCategory === roleCategory)?.registered ?? 0,
    };
  });
}

export function getTemplateTargets({ templateId }: { templateId: number }): Target[] {
  return getDb()
    .select({ sector: templateTargets.sector, minCount: templateTargets.minCount, minSharePercent: templateTargets.minSharePercent })
    .from(templateTargets)
    .where(eq(templateTargets.templateId, templateId))
    .all();
}

/** Replaces a template's default targets; series created later get these. */
export function saveTemplateTargets({ templateId, targets }: { templateId: number; targets: Target[] }) {
  writeTransaction((tx) => {
    tx.delete(templateTargets).where(eq(templateTargets.templateId, templateId)).run();
    const kept = targets.filter((t) => t.minCount !== null || t.minSharePercent !== null);
    if (kept.length) tx.insert(templateTargets).values(kept.map((t) => ({ ...t, templateId }))).run();
  });
}
