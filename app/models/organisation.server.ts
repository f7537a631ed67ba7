import { asc, inArray, sql } from "drizzle-orm";
import { getDb, schema } from "./db.server";

const { organisations } = schema;

/** Municipalities and districts a coordinator can be scoped to, for pickers. */
export function listAssignableOrganisations() {
  return getDb()
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, countyName: organisations.countyName })
    .from(organisations)
    .where(inArray(organisations.kind, ["kommun", "stadsdelsomrade"]))
    .orderBy(asc(organisations.countyCode), asc(sql`${organisations.name} collate nocase`))
    .all();
}

export function existingOrganisationIds({ ids }: { ids: number[] }): number[] {
  if (ids.length === 0) return [];
  return getDb()
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, ids))
    .all()
    .map((o) => o.id);
}

export function organisationNames({ organisationIds }: { organisationIds: number[] }): string[] {
  if (organisationIds.length === 0) return [];
  return getDb()
    .select({ name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, organisationIds))
    .orderBy(asc(organisations.name))
    .all()
    .map((o) => o.name);
}
