import { inArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb, schema } from "./db.server";

const { organisations, seriesOrganisations, series } = schema;

/**
 * What part of the data a user may see. Process leaders and sponsors see all
 * series; coordinators see the series of their municipalities and of those
 * municipalities' city districts.
 */
export type Scope = { kind: "all" } | { kind: "organisations"; organisationIds: number[] };

/** SQL condition on `series.id` that keeps only series inside the scope. */
export function seriesInScope(scope: Scope, seriesId: AnyColumn | SQL = series.id): SQL {
  if (scope.kind === "all") return sql`1 = 1`;
  if (scope.organisationIds.length === 0) return sql`0 = 1`;
  const db = getDb();
  const visibleOrganisations = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      or(
        inArray(organisations.id, scope.organisationIds),
        inArray(organisations.parentId, scope.organisationIds),
      ),
    );
  const visibleSeries = db
    .select({ id: seriesOrganisations.seriesId })
    .from(seriesOrganisations)
    .where(inArray(seriesOrganisations.organisationId, visibleOrganisations));
  return sql`${seriesId} in ${visibleSeries}`;
}
