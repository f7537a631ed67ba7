import { desc } from "drizzle-orm";
import { getDb, schema } from "./db.server";

const { accessibilityReports } = schema;

export function createAccessibilityReport({
  name,
  email,
  pageUrl,
  description,
  now = new Date(),
}: {
  name: string | null;
  email: string | null;
  pageUrl: string | null;
  description: string;
  now?: Date;
}): number {
  return getDb()
    .insert(accessibilityReports)
    .values({ name, email, pageUrl, description, createdAt: now })
    .returning({ id: accessibilityReports.id })
    .get().id;
}

/** Newest first. Only process leaders read these (the route checks). */
export function listAccessibilityReports({ limit = 500 }: { limit?: number } = {}) {
  return getDb()
    .select({
      id: accessibilityReports.id,
      name: accessibilityReports.name,
      email: accessibilityReports.email,
      pageUrl: accessibilityReports.pageUrl,
      description: accessibilityReports.description,
      createdAt: accessibilityReports.createdAt,
    })
    .from(accessibilityReports)
    .orderBy(desc(accessibilityReports.createdAt), desc(accessibilityReports.id))
    .limit(limit)
    .all();
}
