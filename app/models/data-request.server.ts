/**
 * Participants' requests to correct or erase their data (issue #8 item 6,
 * decision 011) and the staff queue that handles them. A request is linked to
 * every series the person is enrolled in or invited to; the coordinators of
 * those series (by scope) may handle it, process leaders may handle all. A
 * request linked to no series is seen by process leaders only.
 *
 * Handling records the outcome and a note. Anonymising or erasing the person
 * as the handling of a request is in erasure.server.ts (`eraseOnRequest`,
 * decision 017).
 */
import { sql } from "drizzle-orm";
import type { DataRequestKind, DataRequestStatus } from "../../db/schema";
import type { DataRequestFilter } from "~/lib/data-request-form";
import { getDb, schema, writeTransaction } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";
import { audit, type AuditMeta } from "./audit-log.server";

const { dataRequests, dataRequestSeries } = schema;



/** SQL condition on a data request's id: inside the scope. */
export function requestInScope(scope: Scope, requestId: ReturnType<typeof sql>) {
  if (scope.kind === "all") return sql`1 = 1`;
  return sql`exists (select 1 from data_request_series drs where drs.data_request_id = ${requestId}
    and ${seriesInScope(scope, sql`drs.series_id`)})`;
}

export type Recipient = { name: string; email: string };

/**
 * Stores the request, linked to the person's series, and returns who should
 * be told: the coordinators of those series; if they have none, the series'
 * process leaders; with no series at all, every process leader.
 */
export function createDataRequest({
  personId,
  kind,
  message,
  now = new Date(),
  audit: meta,
}: {
  personId: number;
  kind: DataRequestKind;
  message: string;
  now?: Date;
  audit?: AuditMeta;
}): { id: number; seriesIds: number[]; recipients: Recipient[] } | null {
  return writeTransaction((tx) => {
    const person = tx.get<{ name: string; email: string; emailNormalized: string } | undefined>(
      sql`select name, email, email_normalized as emailNormalized from people where id = ${personId}`,
    );
    if (!person) return null;
    const seriesIds = tx
      .all<{ id: number }>(sql`
        select series_id as id from enrolments where person_id = ${personId}
        union
        select series_id from invitations where person_id = ${personId} or email_normalized = ${person.emailNormalized}
        order by 1`)
      .map((r) => r.id);
    const { id } = tx
      .insert(dataRequests)
      .values({ personId, name: person.name, email: person.email, kind, message, status: "ny", createdAt: now })
      .returning({ id: dataRequests.id })
      .get();
    if (seriesIds.length) tx.insert(dataRequestSeries).values(seriesIds.map((seriesId) => ({ dataRequestId: id, seriesId }))).run();
    audit(meta, { action: "data_request.create", entityKind: "data_request", entityId: id, details: { kind, personId, seriesIds } }, tx);

    const ids = seriesIds.length ? sql.join(seriesIds.map((s) => sql`${s}`), sql`, `) : sql`null`;
    let recipients = tx.all<Recipient>(sql`
      select distinct u.name as name, u.email as email from series_coordinators sc join users u on u.id = sc.user_id
      where sc.series_id in (${ids}) order by u.email`);
    if (!recipients.length && seriesIds.length) {
      recipients = tx.all<Recipient>(sql`
        select distinct u.name as name, u.email as email from series s join users u on u.id = s.process_leader_id
        where s.id in (${ids}) order by u.email`);
    }
    if (!recipients.length) {
      recipients = tx.all<Recipient>(sql`select name, email from users where role = 'admin' order by email`);
    }
    return { id, seriesIds, recipients };
  });
}

export type QueueItem = {
  id: number;
  name: string;
  email: string;
  kind: DataRequestKind;
  message: string;
  status: DataRequestStatus;
  createdAt: Date;
  handledAt: Date | null;
  handledBy: string | null;
  handlingNote: string | null;
  /** The requester's person record, while it exists; null after an erasure. */
  personId: number | null;
  /** The person's identity was already removed (anonymised). */
  personAnonymised: boolean;
  /** The requester's series that the viewer may see. */
  series: { id: number; name: string }[];
};

type QueueRow = Omit<QueueItem, "createdAt" | "handledAt" | "series" | "personAnonymised"> & {
  personAnonymised: number;
  createdAt: number;
  handledAt: number | null;
  seriesJson: string | null;
};

/** The queue within the user's scope: new requests oldest first, handled ones newest first. */
export function listDataRequests({ scope, filter }: { scope: Scope; filter: DataRequestFilter }): QueueItem[] {
  const status =
    filter === "ny" ? sql`d.status = 'ny'` : filter === "hanterade" ? sql`d.status != 'ny'` : sql`1 = 1`;
  const rows = getDb().all<QueueRow>(sql`
    select d.id as id, d.name as name, d.email as email, d.kind as kind, d.message as message, d.status as status,
      d.created_at as createdAt, d.handled_at as handledAt, u.name as handledBy, d.handling_note as handlingNote,
      d.person_id as personId, (p.anonymised_at is not null) as personAnonymised,
      (select json_group_array(json_object('id', s.id, 'name', s.name))
        from (select s.id, s.name from data_request_series drs join series s on s.id = drs.series_id
          where drs.data_request_id = d.id and ${seriesInScope(scope, sql`s.id`)} order by s.name) s) as seriesJson
    from data_requests d left join users u on u.id = d.handled_by_id left join people p on p.id = d.person_id
    where ${status} and ${requestInScope(scope, sql`d.id`)}
    order by case when d.status = 'ny' then 0 else 1 end,
      case when d.status = 'ny' then d.created_at else -coalesce(d.handled_at, 0) end, d.id`);
  return rows.map(({ seriesJson, ...r }) => ({
    ...r,
    personAnonymised: r.personAnonymised === 1,
    createdAt: new Date(r.createdAt),
    handledAt: r.handledAt === null ? null : new Date(r.handledAt),
    series: seriesJson ? (JSON.parse(seriesJson) as { id: number; name: string }[]) : [],
  }));
}

/** New requests the user may handle: the count in the main menu. */
export function countNewDataRequests({ scope }: { scope: Scope }): number {
  return getDb().get<{ n: number }>(
    sql`select count(*) as n from data_requests d where d.status = 'ny' and ${requestInScope(scope, sql`d.id`)}`,
  )!.n;
}

export type HandleResult =
  | { ok: true; request: { name: string; email: string; kind: DataRequestKind } }
  | { ok: false; reason: "not-found" | "already-handled" };

/** Records the outcome; a request outside the scope is "not found", and only a new request can be handled. */
export function handleDataRequest({
  requestId,
  scope,
  userId,
  outcome,
  note,
  now = new Date(),
  audit: meta,
}: {
  requestId: number;
  scope: Scope;
  userId: number;
  outcome: "genomford" | "avslagen";
  note: string;
  now?: Date;
  audit?: AuditMeta;
}): HandleResult {
  return writeTransaction((tx) => {
    const row = tx.get<{ name: string; email: string; kind: DataRequestKind; status: DataRequestStatus; personId: number | null } | undefined>(sql`
      select name, email, kind, status, person_id as personId from data_requests d
      where d.id = ${requestId} and ${requestInScope(scope, sql`d.id`)}`);
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (row.status !== "ny") return { ok: false, reason: "already-handled" } as const;
    tx.run(sql`update data_requests set status = ${outcome}, handled_at = ${now.getTime()}, handled_by_id = ${userId},
      handling_note = ${note} where id = ${requestId} and status = 'ny'`);
    audit(meta, { action: "data_request.handle", entityKind: "data_request", entityId: requestId, details: { kind: row.kind, outcome, personId: row.personId } }, tx);
    return { ok: true, request: { name: row.name, email: row.email, kind: row.kind } } as const;
  });
}
