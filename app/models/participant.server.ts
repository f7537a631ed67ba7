/**
 * Participants of a series. A person is one record per e-mail across the
 * system: registering an existing e-mail links that person, it never creates
 * a second record or silently overwrites the first.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { normalizeEmail } from "~/lib/email";
import type { Level, RoleCategory, Sector } from "../../db/schema";
import { getDb, preparedQuery, schema, writeTransaction } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";
import { audit, type AuditMeta } from "./audit-log.server";

const { people, enrolments, organisations, seriesOrganisations, participantImports } = schema;

export type PersonInput = {
  name: string;
  email: string;
  workplace: string | null;
  organisationId: number | null;
  sector: Sector;
  roleCategory: RoleCategory;
  jobTitle: string | null;
  level: Level | null;
};

export type PersonRecord = PersonInput & { id: number; organisation: string | null };

const personColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  workplace: people.workplace,
  organisationId: people.organisationId,
  organisation: organisations.name,
  sector: people.sector,
  roleCategory: people.roleCategory,
  jobTitle: people.jobTitle,
  level: people.level,
};

export function findPersonByEmail({ email }: { email: string }): PersonRecord | null {
  return (
    getDb()
      .select(personColumns)
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.emailNormalized, normalizeEmail(email)))
      .get() ?? null
  );
}

/** People already registered, by normalised e-mail; looked up in chunks for large imports. */
export function peopleByEmail({ emails }: { emails: string[] }): Map<string, { id: number; name: string }> {
  const db = getDb();
  const result = new Map<string, { id: number; name: string }>();
  const unique = [...new Set(emails.map(normalizeEmail))];
  for (let i = 0; i < unique.length; i += 500) {
    for (const row of db
      .select({ id: people.id, name: people.name, email: people.emailNormalized })
      .from(people)
      .where(inArray(people.emailNormalized, unique.slice(i, i + 500)))
      .all()) {
      result.set(row.email, { id: row.id, name: row.name });
    }
  }
  return result;
}

/** Person ids already enrolled in the series. */
export function enrolledPersonIds({ seriesId }: { seriesId: number }): Set<number> {
  return new Set(
    getDb()
      .select({ id: enrolments.personId })
      .from(enrolments)
      .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.status, "anmald")))
      .all()
      .map((r) => r.id),
  );
}

export type RegisterOutcome = "created" | "linked" | "alreadyEnrolled";

export type Transaction = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

// An import runs these once per row (10,000 rows in one transaction): built once, not per
// row (decision 013). They run on the one connection, so inside the caller's transaction.
const personIdByEmail = preparedQuery((db) =>
  db.select({ id: people.id }).from(people).where(eq(people.emailNormalized, sql.placeholder("emailNormalized"))).prepare(),
);
const insertPerson = preparedQuery((db) =>
  db
    .insert(people)
    .values({
      name: sql.placeholder("name"),
      email: sql.placeholder("email"),
      emailNormalized: sql.placeholder("emailNormalized"),
      workplace: sql.placeholder("workplace"),
      organisationId: sql.placeholder("organisationId"),
      sector: sql.placeholder("sector"),
      roleCategory: sql.placeholder("roleCategory"),
      jobTitle: sql.placeholder("jobTitle"),
      level: sql.placeholder("level"),
    })
    .returning({ id: people.id })
    .prepare(),
);
const enrolmentStatus = preparedQuery((db) =>
  db
    .select({ status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.seriesId, sql.placeholder("seriesId")), eq(enrolments.personId, sql.placeholder("personId"))))
    .prepare(),
);
const enrol = preparedQuery((db) =>
  db
    .insert(enrolments)
    .values({ seriesId: sql.placeholder("seriesId"), personId: sql.placeholder("personId"), status: "anmald" })
    .onConflictDoUpdate({ target: [enrolments.seriesId, enrolments.personId], set: { status: "anmald" } })
    .prepare(),
);

/**
 * Inserts the person, or finds them by e-mail, and enrols them in the series.
 * `_tx` says it must run inside the caller's transaction (the prepared
 * statements share its connection).
 */
export function registerInTransaction(_tx: Transaction, seriesId: number, input: PersonInput) {
  const emailNormalized = normalizeEmail(input.email);
  const existing = personIdByEmail().get({ emailNormalized });
  const personId =
    existing?.id ??
    insertPerson().get({
      name: input.name,
      email: input.email.trim(),
      emailNormalized,
      workplace: input.workplace ?? null,
      organisationId: input.organisationId ?? null,
      sector: input.sector,
      roleCategory: input.roleCategory,
      jobTitle: input.jobTitle ?? null,
      level: input.level ?? null,
    })!.id;
  const enrolment = enrolmentStatus().get({ seriesId, personId });
  if (enrolment?.status === "anmald") return { personId, outcome: "alreadyEnrolled" as const };
  enrol().run({ seriesId, personId });
  return { personId, outcome: existing ? ("linked" as const) : ("created" as const) };
}

export function registerParticipant({ seriesId, person, audit: meta }: { seriesId: number; person: PersonInput; audit?: AuditMeta }) {
  return writeTransaction((tx) => {
    const result = registerInTransaction(tx, seriesId, person);
    if (result.outcome !== "alreadyEnrolled") {
      audit(meta, { action: "participant.create", entityKind: "person", entityId: result.personId, seriesId, details: { outcome: result.outcome } }, tx);
    }
    return result;
  });
}

/** Imports every row or none: one transaction, rolled back by any error. */
export function importParticipants({
  seriesId,
  importId,
  rows,
  now = new Date(),
  audit: meta,
}: {
  seriesId: number;
  importId: number;
  rows: PersonInput[];
  now?: Date;
  audit?: AuditMeta;
}): Record<RegisterOutcome, number> {
  return writeTransaction((tx) => {
    const counts: Record<RegisterOutcome, number> = { created: 0, linked: 0, alreadyEnrolled: 0 };
    for (const row of rows) counts[registerInTransaction(tx, seriesId, row).outcome]++;
    markImportDone(tx, importId, now);
    audit(meta, { action: "participant.import", entityKind: "import", entityId: importId, seriesId, details: { rows: rows.length, ...counts } }, tx);
    return counts;
  });
}

/**
 * Marks a pending import done inside the import's transaction. A second
 * confirmation of the same preview throws, which rolls back all it wrote.
 */
export function markImportDone(tx: Transaction, importId: number, now: Date) {
  const marked = tx
    .update(participantImports)
    .set({ importedAt: now })
    .where(and(eq(participantImports.id, importId), sql`${participantImports.importedAt} is null`))
    .run();
  if (marked.changes !== 1) throw new ImportAlreadyDoneError();
}

export class ImportAlreadyDoneError extends Error {
  constructor() {
    super("Importen är redan genomförd");
  }
}

export type PendingImportKind = "participants" | "attendance";

export function savePendingImport({
  seriesId,
  userId,
  fileName,
  content,
  kind = "participants",
}: {
  seriesId: number;
  userId: number;
  fileName: string;
  content: string;
  kind?: PendingImportKind;
}): number {
  return getDb()
    .insert(participantImports)
    .values({ seriesId, userId, kind, fileName, content })
    .returning({ id: participantImports.id })
    .get().id;
}

/** A stored upload of this series and kind; another kind's id is not found. */
export function getPendingImport({ seriesId, importId, kind = "participants" }: { seriesId: number; importId: number; kind?: PendingImportKind }) {
  return (
    getDb()
      .select({
        id: participantImports.id,
        fileName: participantImports.fileName,
        content: participantImports.content,
        importedAt: participantImports.importedAt,
      })
      .from(participantImports)
      .where(and(eq(participantImports.id, importId), eq(participantImports.seriesId, seriesId), eq(participantImports.kind, kind)))
      .get() ?? null
  );
}

/** The series' municipalities and their city districts. */
export function seriesMunicipalities({ seriesId }: { seriesId: number }): { id: number; name: string }[] {
  const db = getDb();
  const own = db
    .select({ id: seriesOrganisations.organisationId })
    .from(seriesOrganisations)
    .where(eq(seriesOrganisations.seriesId, seriesId));
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(sql`${organisations.id} in ${own} or ${organisations.parentId} in ${own}`)
    .orderBy(asc(organisations.name))
    .all();
}

/** Participants for the list and the CSV export, scoped inside the query. */
export function listParticipantsWithOrganisation({ seriesId, scope }: { seriesId: number; scope: Scope }) {
  return getDb()
    .select(personColumns)
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(enrolments.seriesId, seriesId), eq(enrolments.status, "anmald"), seriesInScope(scope, enrolments.seriesId)))
    .orderBy(asc(people.name))
    .all();
}
