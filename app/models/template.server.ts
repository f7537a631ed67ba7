import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import type { SeriesSessionKind } from "../../db/schema";
import { getDb, qualified, schema, writeTransaction } from "./db.server";

const { seriesTemplates, templateSessions } = schema;

export type TemplateFields = {
  name: string;
  description: string | null;
  minimumMonthsBetween: number | null;
  intervalDays: number | null;
  defaultStartTime: string;
  defaultEndTime: string;
};

export type TemplateSessionFields = {
  kind: SeriesSessionKind;
  title: string;
  theme: string | null;
  expert: string | null;
  studyMaterial: string | null;
  prepHours: number | null;
};

export function listTemplates() {
  return getDb()
    .select({
      id: seriesTemplates.id,
      name: seriesTemplates.name,
      description: seriesTemplates.description,
      minimumMonthsBetween: seriesTemplates.minimumMonthsBetween,
      intervalDays: seriesTemplates.intervalDays,
      sessions: sql<number>`(select count(*) from ${templateSessions} ts where ts.template_id = ${qualified(seriesTemplates.id)})`,
    })
    .from(seriesTemplates)
    .orderBy(asc(seriesTemplates.id))
    .all();
}

export function getTemplate({ templateId }: { templateId: number }) {
  const db = getDb();
  const template = db
    .select({
      id: seriesTemplates.id,
      name: seriesTemplates.name,
      description: seriesTemplates.description,
      minimumMonthsBetween: seriesTemplates.minimumMonthsBetween,
      intervalDays: seriesTemplates.intervalDays,
      defaultStartTime: seriesTemplates.defaultStartTime,
      defaultEndTime: seriesTemplates.defaultEndTime,
    })
    .from(seriesTemplates)
    .where(eq(seriesTemplates.id, templateId))
    .get();
  if (!template) return null;
  const sessions = db
    .select({
      id: templateSessions.id,
      position: templateSessions.position,
      kind: templateSessions.kind,
      title: templateSessions.title,
      theme: templateSessions.theme,
      expert: templateSessions.expert,
      studyMaterial: templateSessions.studyMaterial,
      prepHours: templateSessions.prepHours,
    })
    .from(templateSessions)
    .where(eq(templateSessions.templateId, templateId))
    .orderBy(asc(templateSessions.position))
    .all();
  return { ...template, sessions };
}

export function templateNameTaken({ name, exceptId }: { name: string; exceptId?: number }): boolean {
  const row = getDb()
    .select({ id: seriesTemplates.id })
    .from(seriesTemplates)
    .where(sql`lower(${seriesTemplates.name}) = lower(${name})`)
    .get();
  return !!row && row.id !== exceptId;
}

export function createTemplate({ values }: { values: TemplateFields }): number {
  return getDb().insert(seriesTemplates).values(values).returning({ id: seriesTemplates.id }).get().id;
}

export function updateTemplate({ templateId, values }: { templateId: number; values: TemplateFields }): boolean {
  return getDb().update(seriesTemplates).set(values).where(eq(seriesTemplates.id, templateId)).run().changes === 1;
}

export function addTemplateSession({ templateId, values }: { templateId: number; values: TemplateSessionFields }) {
  const db = getDb();
  writeTransaction((tx) => {
    const last = tx
      .select({ n: sql<number>`coalesce(max(${templateSessions.position}), 0)` })
      .from(templateSessions)
      .where(eq(templateSessions.templateId, templateId))
      .get();
    tx.insert(templateSessions).values({ ...values, templateId, position: (last?.n ?? 0) + 1 }).run();
  });
}

export function updateTemplateSession({
  templateId,
  sessionId,
  values,
}: {
  templateId: number;
  sessionId: number;
  values: TemplateSessionFields;
}): boolean {
  return (
    getDb()
      .update(templateSessions)
      .set(values)
      .where(and(eq(templateSessions.id, sessionId), eq(templateSessions.templateId, templateId)))
      .run().changes === 1
  );
}

/** Removes a session and closes the gap in the numbering, in one transaction. */
export function deleteTemplateSession({ templateId, sessionId }: { templateId: number; sessionId: number }): boolean {
  const db = getDb();
  return writeTransaction((tx) => {
    const removed = tx
      .delete(templateSessions)
      .where(and(eq(templateSessions.id, sessionId), eq(templateSessions.templateId, templateId)))
      .returning({ position: templateSessions.position })
      .get();
    if (!removed) return false;
    // Two steps so the unique (template, position) index never sees a duplicate.
    tx.update(templateSessions)
      .set({ position: sql`-${templateSessions.position}` })
      .where(and(eq(templateSessions.templateId, templateId), gt(templateSessions.position, removed.position)))
      .run();
    tx.update(templateSessions)
      .set({ position: sql`-${templateSessions.position} - 1` })
      .where(and(eq(templateSessions.templateId, templateId), sql`${templateSessions.position} < 0`))
      .run();
    return true;
  });
}

export function countTemplates(): number {
  return getDb().select({ n: count() }).from(seriesTemplates).get()?.n ?? 0;
}
