/**
 * Retention (gallring) per kind of personal data, and the job that applies it
 * (issue #11 item 6, decision 017).
 *
 * A process leader sets how long each kind is kept on /installningar/gallring;
 * a kind that was never changed uses its default here. `applyRetention` runs
 * at the server's start and every RETENTION_INTERVAL_HOURS, from
 * `npm run retention`, and from the settings page. With `dryRun` it only
 * counts, in a transaction that is rolled back, so the preview and the real
 * run share one code path and cannot disagree.
 *
 * A series "ends" with its last session or exchange event. A participant's
 * identity is anonymised (erasure.server.ts) N months after the end of the
 * last series they are enrolled in, invited to or marked present at; while
 * one of their series has no dates yet, they are kept.
 */
import { sql } from "drizzle-orm";
import { getDb, schema, writeTransaction } from "./db.server";
import { recordAudit, type AuditActor } from "./audit-log.server";
import { ANONYMISED_DOMAIN, anonymiseInTransaction } from "./erasure.server";
import { AUDIT_LOG_RETENTION_DAYS, RETENTION_KINDS, RETENTION_RULES, type RetentionKind, type RetentionSettings } from "~/lib/retention-form";

export { RETENTION_KINDS, RETENTION_RULES, type RetentionKind, type RetentionSettings } from "~/lib/retention-form";

export type RetentionSettingRow = {
  kind: RetentionKind;
  value: number;
  isDefault: boolean;
  updatedAt: number | null;
  updatedBy: string | null;
};

const { retentionSettings } = schema;

export function getRetentionSettings(): RetentionSettings {
  const stored = getDb().all<{ kind: string; value: number }>(sql`select kind, value from retention_settings`);
  const byKind = new Map(stored.map((r) => [r.kind, r.value]));
  return Object.fromEntries(RETENTION_KINDS.map((k) => [k, byKind.get(k) ?? RETENTION_RULES[k].defaultValue])) as RetentionSettings;
}

/** The settings with who changed them last, for the settings page. */
export function listRetentionSettings(): RetentionSettingRow[] {
  const stored = getDb().all<{ kind: string; value: number; updatedAt: number; updatedBy: string | null }>(sql`
    select r.kind as kind, r.value as value, r.updated_at as updatedAt, u.name as updatedBy
    from retention_settings r left join users u on u.id = r.updated_by_id`);
  const byKind = new Map(stored.map((r) => [r.kind, r]));
  return RETENTION_KINDS.map((kind) => {
    const row = byKind.get(kind);
    return row
      ? { kind, value: row.value, isDefault: false, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
      : { kind, value: RETENTION_RULES[kind].defaultValue, isDefault: true, updatedAt: null, updatedBy: null };
  });
}

/**
 * Stores the new values (already validated) and appends one settings.update
 * entry with old → new for the kinds that changed, in the same transaction.
 * Returns the kinds that changed.
 */
export function updateRetentionSettings({
  values,
  user,
  ip = null,
  now = new Date(),
}: {
  values: RetentionSettings;
  user: { id: number; name: string; role: "admin" | "coordinator" | "sponsor" };
  ip?: string | null;
  now?: Date;
}): RetentionKind[] {
  return writeTransaction((tx) => {
    const before = getRetentionSettings();
    const changed = RETENTION_KINDS.filter((k) => before[k] !== values[k]);
    if (!changed.length) return [];
    for (const kind of changed) {
      tx.insert(retentionSettings)
        .values({ kind, value: values[kind], updatedAt: now, updatedById: user.id })
        .onConflictDoUpdate({ target: retentionSettings.kind, set: { value: values[kind], updatedAt: now, updatedById: user.id } })
        .run();
    }
    recordAudit(
      {
        actor: { kind: "staff", user },
        action: "settings.update",
        entityKind: "retention_settings",
        details: { changes: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: values[k] }])) },
        ip,
        at: now,
      },
      tx,
    );
    return changed;
  });
}

/** `now` minus whole months (calendar months, UTC), or days. */
export function cutoff(now: Date, value: number, unit: "months" | "days"): number {
  if (unit === "days") return now.getTime() - value * 86_400_000;
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - value);
  return d.getTime();
}

export type RetentionCounts = Record<RetentionKind | "audit_log", number>;

export type RetentionResult = {
  dryRun: boolean;
  now: number;
  settings: RetentionSettings;
  counts: RetentionCounts;
  /** Per series: participants whose identity goes, and invitations of people who never enrolled. */
  bySeries: { seriesId: number; name: string; people: number; invitations: number }[];
};

/** When each series ended: its last session's or exchange event's end (null while it has no dates). */
const SERIES_END = sql.raw(`
  select s.id as series_id, max(coalesce(
    (select max(ss.ends_at) from series_sessions ss where ss.series_id = s.id),
    0), coalesce(
    (select max(ev.ends_at) from exchange_event_series es join exchange_events ev on ev.id = es.event_id where es.series_id = s.id),
    0)) as ends_at
  from series s`);

/**
 * The people whose identity goes: not anonymised yet, and every series they
 * are in has dates and ended before the cutoff (or, in no series at all,
 * created before it). One grouped pass over the person–series links, so it
 * scales with the number of rows, not people × rows.
 */
function peopleDue(tx: Pick<ReturnType<typeof getDb>, "all">, before: number): number[] {
  return tx
    .all<{ id: number }>(sql`
      with series_end as materialized (${SERIES_END}),
      person_end as (
        select x.person_id as person_id, max(se.ends_at) as last_end, min(se.ends_at) as first_end
        from (select person_id, series_id from enrolments
          union select person_id, series_id from invitations where person_id is not null
          union select person_id, series_id from attendance) x
        join series_end se on se.series_id = x.series_id
        group by x.person_id
      )
      select p.id as id from people p left join person_end pe on pe.person_id = p.id
      where p.anonymised_at is null
        and ((pe.person_id is null and p.created_at < ${before})
          or (pe.first_end > 0 and pe.last_end < ${before}))
      order by p.id`)
    .map((r) => r.id);
}

const notAnonymisedInvitation = sql.raw(`i.email_normalized not like '%@${ANONYMISED_DOMAIN}'`);

/**
 * Applies (or with dryRun only counts) every retention rule at `now`. A real
 * run appends one retention.apply entry with the counts.
 */
export function applyRetention({
  now = new Date(),
  dryRun = false,
  actor = { kind: "system", label: "gallring" },
}: {
  now?: Date;
  dryRun?: boolean;
  actor?: AuditActor;
} = {}): RetentionResult {
  const settings = getRetentionSettings();
  const before = Object.fromEntries(
    RETENTION_KINDS.map((k) => [k, cutoff(now, settings[k], RETENTION_RULES[k].unit)]),
  ) as Record<RetentionKind, number>;
  // The log's triggers compare with the real clock: never ask it to delete what they would refuse.
  const auditBefore = Math.min(now.getTime(), Date.now()) - (AUDIT_LOG_RETENTION_DAYS + 1) * 86_400_000;
  const rollback = new Error("dry run");
  let result: RetentionResult | undefined;
  try {
    writeTransaction((tx) => {
      const due = peopleDue(tx, before.participant_identity);
      // Already anonymised (the person step comes first) are left out by their placeholder address.
      const invitationsDue = sql`from invitations i join (${SERIES_END}) se on se.series_id = i.series_id
        where se.ends_at > 0 and se.ends_at < ${before.unenrolled_invitations} and ${notAnonymisedInvitation}
          and (i.person_id is null or not exists (select 1 from enrolments e where e.series_id = i.series_id and e.person_id = i.person_id))`;
      const counts = {} as RetentionCounts;
      counts.participant_identity = due.length;
      for (const id of due) anonymiseInTransaction(tx, id, now);
      // After the people: their own invitations are already anonymised and not counted twice.
      const bySeries = tx.all<{ seriesId: number; name: string; people: number; invitations: number }>(sql`
        select s.id as seriesId, s.name as name,
          (select count(distinct x.person_id) from (
            select person_id from enrolments where series_id = s.id
            union select person_id from invitations where series_id = s.id and person_id is not null
            union select person_id from attendance where series_id = s.id) x
            join people p on p.id = x.person_id and p.anonymised_at = ${now.getTime()}) as people,
          (select count(*) ${invitationsDue} and i.series_id = s.id) as invitations
        from series s order by s.name, s.id`).filter((r) => r.people > 0 || r.invitations > 0);

      const run = (query: ReturnType<typeof sql>) => (tx.run(query) as unknown as { changes: number }).changes;
      counts.unenrolled_invitations = run(sql`update invitations set name = 'Anonymiserad inbjuden',
          email = 'anonymiserad-i' || id || '@' || ${ANONYMISED_DOMAIN}, email_normalized = 'anonymiserad-i' || id || '@' || ${ANONYMISED_DOMAIN},
          workplace = null, job_title = null, decline_reason = null, token_hash = null
        where id in (select i.id ${invitationsDue})`);
      counts.sign_in_links =
        run(sql`delete from magic_links where expires_at < ${before.sign_in_links}`) +
        run(sql`delete from participant_sessions where expires_at < ${before.sign_in_links}`) +
        // A check-in link is of use until the person's last series ends.
        run(sql`delete from checkin_tokens where person_id not in (
          select x.person_id from (select person_id, series_id from enrolments union select person_id, series_id from attendance) x
          join (${SERIES_END}) se on se.series_id = x.series_id where se.ends_at = 0 or se.ends_at >= ${before.sign_in_links})
          and created_at < ${before.sign_in_links}`);
      counts.uploaded_lists = run(sql`delete from participant_imports where created_at < ${before.uploaded_lists}`);
      counts.accessibility_reports = run(sql`delete from accessibility_reports where created_at < ${before.accessibility_reports}`);
      counts.data_requests = run(sql`delete from data_requests where status != 'ny' and handled_at < ${before.data_requests}`);
      counts.sent_mail = run(sql`delete from mail_outbox where created_at < ${before.sent_mail}`);
      counts.audit_log = run(sql`delete from audit_log where at < ${auditBefore}`);

      result = { dryRun, now: now.getTime(), settings, counts, bySeries };
      if (dryRun) throw rollback;
      recordAudit({ actor, action: "retention.apply", entityKind: "retention", details: { counts }, at: now }, tx);
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result!;
}

/** The latest real run (from the audit log), for the settings page. */
export function lastRetentionRun(): { at: number; by: string } | null {
  return (
    getDb().get<{ at: number; by: string } | undefined>(
      sql`select at, actor_label as by from audit_log where action = 'retention.apply' order by at desc, id desc limit 1`,
    ) ?? null
  );
}
