import { eq } from "drizzle-orm";
import { READINESS_FIELDS, type ReadinessField } from "~/lib/readiness-fields";
import { getDb, schema } from "./db.server";

const { seriesReadiness } = schema;

export { READINESS_FIELDS, type ReadinessField };
export type ReadinessValues = Record<ReadinessField, string | null>;

export function getReadiness({ seriesId }: { seriesId: number }): ReadinessValues & { updatedAt: Date | null } {
  const row = getDb()
    .select({
      purpose: seriesReadiness.purpose,
      initiatorMandate: seriesReadiness.initiatorMandate,
      participatingFunctions: seriesReadiness.participatingFunctions,
      motivation: seriesReadiness.motivation,
      continuation: seriesReadiness.continuation,
      ongoingWork: seriesReadiness.ongoingWork,
      updatedAt: seriesReadiness.updatedAt,
    })
    .from(seriesReadiness)
    .where(eq(seriesReadiness.seriesId, seriesId))
    .get();
  return (
    row ?? {
      purpose: null,
      initiatorMandate: null,
      participatingFunctions: null,
      motivation: null,
      continuation: null,
      ongoingWork: null,
      updatedAt: null,
    }
  );
}

export function saveReadiness({
  seriesId,
  values,
  userId,
  now = new Date(),
}: {
  seriesId: number;
  values: ReadinessValues;
  userId: number;
  now?: Date;
}) {
  getDb()
    .insert(seriesReadiness)
    .values({ seriesId, ...values, updatedAt: now, updatedById: userId })
    .onConflictDoUpdate({ target: seriesReadiness.seriesId, set: { ...values, updatedAt: now, updatedById: userId } })
    .run();
}

export function readinessCompleteness({ values }: { values: ReadinessValues }) {
  const answered = READINESS_FIELDS.filter((f) => values[f]?.trim()).length;
  return { answered, total: READINESS_FIELDS.length };
}
