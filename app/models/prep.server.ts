import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, schema } from "./db.server";

const { prepMaterials, reflectionQuestions, seriesSessions } = schema;

/** Prep material and reflection questions of the given sessions. */
export function listPrep({ sessionIds }: { sessionIds: number[] }) {
  if (sessionIds.length === 0) return { materials: [], questions: [] };
  const db = getDb();
  const materials = db
    .select({
      id: prepMaterials.id,
      sessionId: prepMaterials.seriesSessionId,
      kind: prepMaterials.kind,
      title: prepMaterials.title,
      author: prepMaterials.author,
      year: prepMaterials.year,
      url: prepMaterials.url,
      fileName: prepMaterials.fileName,
      fileSize: prepMaterials.fileSize,
      durationMinutes: prepMaterials.durationMinutes,
    })
    .from(prepMaterials)
    .where(inArray(prepMaterials.seriesSessionId, sessionIds))
    .orderBy(asc(prepMaterials.kind), asc(prepMaterials.id))
    .all();
  const questions = db
    .select({ id: reflectionQuestions.id, sessionId: reflectionQuestions.seriesSessionId, text: reflectionQuestions.text })
    .from(reflectionQuestions)
    .where(inArray(reflectionQuestions.seriesSessionId, sessionIds))
    .orderBy(asc(reflectionQuestions.id))
    .all();
  return { materials, questions };
}

export type NewMaterial =
  | { kind: "dokument"; title: string; author: string | null; year: number | null; url: string | null; file: { key: string; name: string; size: number } | null }
  | { kind: "forelasning"; title: string; url: string; durationMinutes: number };

export function addMaterial({ sessionId, material }: { sessionId: number; material: NewMaterial }): number {
  const values =
    material.kind === "dokument"
      ? {
          seriesSessionId: sessionId,
          kind: material.kind,
          title: material.title,
          author: material.author,
          year: material.year,
          url: material.url,
          fileKey: material.file?.key ?? null,
          fileName: material.file?.name ?? null,
          fileSize: material.file?.size ?? null,
        }
      : { seriesSessionId: sessionId, kind: material.kind, title: material.title, url: material.url, durationMinutes: material.durationMinutes };
  return getDb().insert(prepMaterials).values(values).returning({ id: prepMaterials.id }).get().id;
}

/** Deletes a material of this session; returns its uploaded file's key so the caller can remove the file. */
export function deleteMaterial({ sessionId, materialId }: { sessionId: number; materialId: number }): { fileKey: string | null } | null {
  return (
    getDb()
      .delete(prepMaterials)
      .where(and(eq(prepMaterials.id, materialId), eq(prepMaterials.seriesSessionId, sessionId)))
      .returning({ fileKey: prepMaterials.fileKey })
      .get() ?? null
  );
}

export function addQuestion({ sessionId, text }: { sessionId: number; text: string }) {
  getDb().insert(reflectionQuestions).values({ seriesSessionId: sessionId, text }).run();
}

export function deleteQuestion({ sessionId, questionId }: { sessionId: number; questionId: number }): boolean {
  return (
    getDb()
      .delete(reflectionQuestions)
      .where(and(eq(reflectionQuestions.id, questionId), eq(reflectionQuestions.seriesSessionId, sessionId)))
      .run().changes === 1
  );
}

/** An uploaded PDF and the series it belongs to, for the permission check before download. */
export function getMaterialFile({ materialId }: { materialId: number }) {
  return (
    getDb()
      .select({
        seriesId: seriesSessions.seriesId,
        fileKey: prepMaterials.fileKey,
        fileName: prepMaterials.fileName,
      })
      .from(prepMaterials)
      .innerJoin(seriesSessions, eq(seriesSessions.id, prepMaterials.seriesSessionId))
      .where(eq(prepMaterials.id, materialId))
      .get() ?? null
  );
}
