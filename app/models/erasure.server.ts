/**
 * Removing a participant's identity (issue #11 item 6, decision 017).
 *
 * `anonymisePerson` keeps the de-identified statistics – enrolments,
 * attendance and its history, seminar_presence, replies, prep progress, survey
 * receipts, and the person's sector, role category, level and organisation –
 * and removes everything that says who the person is: name, e-mail address,
 * workplace and title become placeholders or empty, every copy of them in
 * invitations, substitutions, group snapshots and accessibility reports too;
 * sign-in links, signed-in devices and the check-in link are deleted, survey
 * links are made unusable, reflection texts and data request messages are
 * emptied and the mails sent to the address are deleted.
 *
 * `erasePerson` deletes the person and every row about them (the statistics
 * change: for a person who objects to being counted). A substitute who came
 * in the person's place keeps their own attendance (the link to the erased
 * person is cleared rather than cascading).
 *
 * Both run in one transaction and append one audit entry with counts only.
 * The data request's own copy of the requester's name and address is kept:
 * it is the record that the request was handled (decision 011), removed by
 * the data-request retention setting.
 *
 * ERASURE_COVERAGE says what each function does with every column that points
 * at a person or holds an e-mail address; tests/integration/erasure.test.ts
 * reads the live schema and fails when a new column is not listed here.
 */
import { sql } from "drizzle-orm";
import type { DataRequestKind } from "../../db/schema";
import { getDb, writeTransaction } from "./db.server";
import { recordAudit, type AuditActor } from "./audit-log.server";
import { requestInScope } from "./data-request.server";
import type { Scope } from "./scope.server";
import type { StaffUser } from "./user.server";

export const ANONYMISED_NAME = "Anonymiserad deltagare";
/** Non-identifying, unique, never deliverable (.invalid is reserved, RFC 2606). */
export const ANONYMISED_DOMAIN = "anonymiserad.invalid";
export const anonymisedEmail = (prefix: string, id: number) => `anonymiserad-${prefix}${id}@${ANONYMISED_DOMAIN}`;

type Handling = "keep" | "scrub" | "delete" | "unlink";

/**
 * What anonymisation and erasure do with each person reference and address
 * column. keep: the row stays as de-identified statistics; scrub: identifying
 * fields replaced or emptied; delete: the row goes; unlink: the reference is
 * cleared (another person's row that names this one).
 */
export const ERASURE_COVERAGE: Record<string, { anonymise: Handling; erase: Handling }> = {
  "people.email": { anonymise: "scrub", erase: "delete" },
  "people.email_normalized": { anonymise: "scrub", erase: "delete" },
  "enrolments.person_id": { anonymise: "keep", erase: "delete" },
  "attendance.person_id": { anonymise: "keep", erase: "delete" },
  "attendance.substitute_for_person_id": { anonymise: "keep", erase: "unlink" },
  "attendance_changes.person_id": { anonymise: "keep", erase: "delete" },
  "attendance_changes.substitute_for_person_id": { anonymise: "keep", erase: "unlink" },
  "seminar_presence.person_id": { anonymise: "keep", erase: "delete" },
  "checkin_tokens.person_id": { anonymise: "delete", erase: "delete" },
  "invitations.person_id": { anonymise: "scrub", erase: "delete" },
  "invitations.email": { anonymise: "scrub", erase: "delete" },
  "invitations.email_normalized": { anonymise: "scrub", erase: "delete" },
  "survey_links.person_id": { anonymise: "scrub", erase: "delete" },
  "survey_receipts.person_id": { anonymise: "keep", erase: "delete" },
  "magic_links.person_id": { anonymise: "delete", erase: "delete" },
  "participant_sessions.person_id": { anonymise: "delete", erase: "delete" },
  "session_replies.person_id": { anonymise: "keep", erase: "delete" },
  "substitutions.for_person_id": { anonymise: "scrub", erase: "delete" },
  "substitutions.substitute_person_id": { anonymise: "scrub", erase: "delete" },
  "substitutions.email": { anonymise: "scrub", erase: "delete" },
  "substitutions.email_normalized": { anonymise: "scrub", erase: "delete" },
  "prep_progress.person_id": { anonymise: "keep", erase: "delete" },
  "reflections.person_id": { anonymise: "scrub", erase: "delete" },
  "data_requests.person_id": { anonymise: "scrub", erase: "unlink" },
  "data_requests.email": { anonymise: "keep", erase: "keep" },
  "group_members.person_id": { anonymise: "scrub", erase: "delete" },
  "mail_outbox.to_address": { anonymise: "delete", erase: "delete" },
  "accessibility_reports.email": { anonymise: "scrub", erase: "delete" },
  // Staff accounts are not participants.
  "users.email": { anonymise: "keep", erase: "keep" },
  "users.email_normalized": { anonymise: "keep", erase: "keep" },
};

export type ErasureCounts = Record<string, number>;

export type ErasureReason = "request" | "retention";

export type ErasureResult =
  | { ok: true; counts: ErasureCounts }
  | { ok: false; reason: "not-found" | "already-anonymised" };

type Tx = Parameters<Parameters<typeof writeTransaction>[0]>[0];

function changes(tx: Tx, query: ReturnType<typeof sql>): number {
  return (tx.run(query) as unknown as { changes: number }).changes;
}

/** Removes the identity inside a running transaction; the retention job calls this once per person. */
export function anonymiseInTransaction(tx: Tx, personId: number, now: Date): ErasureCounts | null {
  const person = tx.get<{ emailNormalized: string; anonymisedAt: number | null } | undefined>(
    sql`select email_normalized as emailNormalized, anonymised_at as anonymisedAt from people where id = ${personId}`,
  );
  if (!person || person.anonymisedAt !== null) return null;
  const e = person.emailNormalized;
  const counts: ErasureCounts = {};
  counts.invitations = changes(tx, sql`update invitations set name = ${ANONYMISED_NAME},
      email = 'anonymiserad-i' || id || '@' || ${ANONYMISED_DOMAIN}, email_normalized = 'anonymiserad-i' || id || '@' || ${ANONYMISED_DOMAIN},
      workplace = null, job_title = null, decline_reason = null, token_hash = null
    where person_id = ${personId} or email_normalized = ${e}`);
  counts.substitutions = changes(tx, sql`update substitutions set name = ${ANONYMISED_NAME},
      email = 'anonymiserad-s' || id || '@' || ${ANONYMISED_DOMAIN}, email_normalized = 'anonymiserad-s' || id || '@' || ${ANONYMISED_DOMAIN},
      workplace = null
    where for_person_id = ${personId} or substitute_person_id = ${personId} or email_normalized = ${e}`);
  counts.magicLinks = changes(tx, sql`delete from magic_links where person_id = ${personId}`);
  counts.participantSessions = changes(tx, sql`delete from participant_sessions where person_id = ${personId}`);
  counts.checkinTokens = changes(tx, sql`delete from checkin_tokens where person_id = ${personId}`);
  // The row stays (a link was sent: response rates), but the link in the mail stops working.
  counts.surveyLinks = changes(tx, sql`update survey_links set token_hash = lower(hex(randomblob(32))) where person_id = ${personId}`);
  counts.reflections = changes(tx, sql`update reflections set text = '', shared = 0 where person_id = ${personId}`);
  counts.groupMembers = changes(tx, sql`update group_members set name = ${ANONYMISED_NAME} where person_id = ${personId}`);
  counts.dataRequests = changes(tx, sql`update data_requests set message = '' where person_id = ${personId}`);
  counts.mails = changes(tx, sql`delete from mail_outbox where lower(to_address) = ${e}`);
  counts.accessibilityReports = changes(tx, sql`update accessibility_reports set name = null, email = null where lower(email) = ${e}`);
  counts.people = changes(tx, sql`update people set name = ${ANONYMISED_NAME},
      email = ${anonymisedEmail("", personId)}, email_normalized = ${anonymisedEmail("", personId)},
      workplace = null, job_title = null, anonymised_at = ${now.getTime()}
    where id = ${personId}`);
  return counts;
}

function audit(
  tx: Tx,
  action: "person.anonymise" | "person.erase",
  personId: number,
  actor: AuditActor,
  reason: ErasureReason,
  counts: ErasureCounts,
  extra: { dataRequestId?: number | null; ip?: string | null; now: Date },
) {
  recordAudit(
    {
      actor,
      action,
      entityKind: "person",
      entityId: personId,
      details: { reason, dataRequestId: extra.dataRequestId ?? null, counts },
      ip: extra.ip ?? null,
      at: extra.now,
    },
    tx,
  );
}

/** Who is erased, by whom and why; the same for anonymisation and erasure. */
type ErasureInput = {
  personId: number;
  actor: AuditActor;
  reason: ErasureReason;
  dataRequestId?: number | null;
  ip?: string | null;
  now?: Date;
};

/** Keeps the statistics, removes the identity. One transaction with its audit entry. */
export function anonymisePerson({
  personId,
  actor,
  reason,
  dataRequestId = null,
  ip = null,
  now = new Date(),
}: ErasureInput): ErasureResult {
  return writeTransaction((tx) => {
    const exists = tx.get<{ anonymisedAt: number | null } | undefined>(sql`select anonymised_at as anonymisedAt from people where id = ${personId}`);
    if (!exists) return { ok: false, reason: "not-found" } as const;
    const counts = anonymiseInTransaction(tx, personId, now);
    if (!counts) return { ok: false, reason: "already-anonymised" } as const;
    audit(tx, "person.anonymise", personId, actor, reason, counts, { dataRequestId, ip, now });
    return { ok: true, counts } as const;
  });
}

/** How many rows of each kind an erasure removes (also the confirmation page's preview). */
function eraseCounts(tx: Pick<Tx, "get">, personId: number, e: string): ErasureCounts {
  return tx.get<ErasureCounts>(sql`select
      (select count(*) from enrolments where person_id = ${personId}) as enrolments,
      (select count(*) from attendance where person_id = ${personId}) as attendance,
      (select count(*) from attendance_changes where person_id = ${personId}) as attendanceChanges,
      (select count(*) from invitations where person_id = ${personId} or email_normalized = ${e}) as invitations,
      (select count(*) from substitutions where for_person_id = ${personId} or substitute_person_id = ${personId} or email_normalized = ${e}) as substitutions,
      (select count(*) from session_replies where person_id = ${personId}) as sessionReplies,
      (select count(*) from prep_progress where person_id = ${personId}) as prepProgress,
      (select count(*) from reflections where person_id = ${personId}) as reflections,
      (select count(*) from survey_links where person_id = ${personId}) as surveyLinks,
      (select count(*) from survey_receipts where person_id = ${personId}) as surveyReceipts,
      (select count(*) from group_members where person_id = ${personId}) as groupMembers,
      (select count(*) from magic_links where person_id = ${personId}) as magicLinks,
      (select count(*) from participant_sessions where person_id = ${personId}) as participantSessions,
      (select count(*) from checkin_tokens where person_id = ${personId}) as checkinTokens,
      (select count(*) from mail_outbox where lower(to_address) = ${e}) as mails,
      (select count(*) from accessibility_reports where lower(email) = ${e}) as accessibilityReports`)!;
}

/** What anonymisation and erasure would touch for one person, for the confirmation step. */
export function previewErasure({ personId }: { personId: number }): { counts: ErasureCounts; anonymised: boolean } | null {
  const db = getDb();
  const person = db.get<{ e: string; anonymisedAt: number | null } | undefined>(
    sql`select email_normalized as e, anonymised_at as anonymisedAt from people where id = ${personId}`,
  );
  if (!person) return null;
  return { counts: eraseCounts(db, personId, person.e), anonymised: person.anonymisedAt !== null };
}

/** Deletes the person and every row about them inside a running transaction; null if there is no such person. */
function eraseInTransaction(tx: Tx, personId: number): ErasureCounts | null {
  const person = tx.get<{ e: string } | undefined>(sql`select email_normalized as e from people where id = ${personId}`);
  if (!person) return null;
  const e = person.e;
  const counts = eraseCounts(tx, personId, e);
  // A substitute was there in this person's place: their own rows stay, without the link
  // (the foreign key's cascade would otherwise delete the substitute's attendance too).
  counts.substituteLinks =
    changes(tx, sql`update attendance set substitute_for_person_id = null where substitute_for_person_id = ${personId}`) +
    changes(tx, sql`update attendance_changes set substitute_for_person_id = null where substitute_for_person_id = ${personId}`);
  changes(tx, sql`delete from invitations where person_id = ${personId} or email_normalized = ${e}`);
  changes(tx, sql`delete from substitutions where for_person_id = ${personId} or substitute_person_id = ${personId} or email_normalized = ${e}`);
  changes(tx, sql`delete from mail_outbox where lower(to_address) = ${e}`);
  changes(tx, sql`delete from accessibility_reports where lower(email) = ${e}`);
  counts.dataRequests = changes(tx, sql`update data_requests set message = '' where person_id = ${personId}`);
  // The rest goes with the person through the foreign keys' cascades (data_requests.person_id is set null).
  counts.people = changes(tx, sql`delete from people where id = ${personId}`);
  return counts;
}

/** Deletes the person and every row about them. One transaction with its audit entry. */
export function erasePerson({
  personId,
  actor,
  reason,
  dataRequestId = null,
  ip = null,
  now = new Date(),
}: ErasureInput): ErasureResult {
  return writeTransaction((tx) => {
    const counts = eraseInTransaction(tx, personId);
    if (!counts) return { ok: false, reason: "not-found" } as const;
    audit(tx, "person.erase", personId, actor, reason, counts, { dataRequestId, ip, now });
    return { ok: true, counts } as const;
  });
}

export type ErasureMode = "anonymise" | "erase";

export type EraseOnRequestResult =
  | { ok: true; request: { name: string; email: string; kind: DataRequestKind }; counts: ErasureCounts }
  | { ok: false; reason: "not-found" | "already-handled" | "no-person" | "already-anonymised" };

/**
 * Handles an erasure request by anonymising or erasing its person: the
 * request must be in the user's scope (else "not found", like a request that
 * does not exist) and still new. In one transaction: the erasure, the request
 * marked done with the note, and the audit entries (person.* and
 * data_request.handle).
 */
export function eraseOnRequest({
  requestId,
  scope,
  user,
  mode,
  note,
  ip = null,
  now = new Date(),
}: {
  requestId: number;
  scope: Scope;
  user: Pick<StaffUser, "id" | "name" | "role">;
  mode: ErasureMode;
  note: string;
  ip?: string | null;
  now?: Date;
}): EraseOnRequestResult {
  return writeTransaction((tx) => {
    const row = tx.get<{ name: string; email: string; kind: DataRequestKind; status: string; personId: number | null } | undefined>(sql`
      select name, email, kind, status, person_id as personId from data_requests d
      where d.id = ${requestId} and ${requestInScope(scope, sql`d.id`)}`);
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (row.status !== "ny") return { ok: false, reason: "already-handled" } as const;
    if (row.personId === null) return { ok: false, reason: "no-person" } as const;
    const personId = row.personId;
    const counts = mode === "anonymise" ? anonymiseInTransaction(tx, personId, now) : eraseInTransaction(tx, personId);
    if (!counts) return { ok: false, reason: mode === "anonymise" ? "already-anonymised" : "no-person" } as const;
    const actor: AuditActor = { kind: "staff", user };
    audit(tx, mode === "anonymise" ? "person.anonymise" : "person.erase", personId, actor, "request", counts, { dataRequestId: requestId, ip, now });
    tx.run(sql`update data_requests set status = 'genomford', handled_at = ${now.getTime()}, handled_by_id = ${user.id},
      handling_note = ${note} where id = ${requestId}`);
    recordAudit(
      { actor, action: "data_request.handle", entityKind: "data_request", entityId: requestId, details: { outcome: "genomford", erasure: mode }, ip, at: now },
      tx,
    );
    return { ok: true, request: { name: row.name, email: row.email, kind: row.kind }, counts } as const;
  });
}

/** The request and its person for the confirmation page; null outside the scope or when it does not exist. */
export function requestForErasure({ requestId, scope }: { requestId: number; scope: Scope }): {
  id: number;
  name: string;
  kind: DataRequestKind;
  status: string;
  personId: number | null;
} | null {
  return (
    getDb().get<{ id: number; name: string; kind: DataRequestKind; status: string; personId: number | null } | undefined>(sql`
      select d.id as id, d.name as name, d.kind as kind, d.status as status, d.person_id as personId from data_requests d
      where d.id = ${requestId} and ${requestInScope(scope, sql`d.id`)}`) ?? null
  );
}
