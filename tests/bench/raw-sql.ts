/**
 * The benchmark's raw SQL floor (issue #10, item 2.3): everything the series
 * dashboard counts – its columns, attendees per column × sector × role × level,
 * per-column activity (recorded, substitutes, from another sector, walk-ins),
 * the invitation funnel per sector, the targets and preparation per session
 * and sector – as ONE hand-tuned statement, prepared once and run directly on
 * better-sqlite3. The series' attendance rows are read once (the `att` CTE is
 * materialised) instead of once per figure.
 *
 * The loader ÷ this ratio says what the app's layers (sign-in check, drizzle,
 * assembling the figures in JavaScript) cost on top of the SQLite work.
 * `rawSeriesDashboard` returns the rows so tests/integration/bench-raw-sql.test.ts
 * can check that it counts the same as the app's loader.
 */
import Database from "better-sqlite3";

export const RAW_SERIES_DASHBOARD_SQL = `
with
att as materialized (
  select case when a.series_session_id is not null then 's' || a.series_session_id else 'e' || a.exchange_event_id end as k,
    a.person_id, a.status, a.substitute_for_person_id as sub, a.walk_in
  from attendance a where a.series_id = :id
),
present as (select k, person_id from att where status in ('narvarande', 'sen')),
candidates as (
  select coalesce(i.person_id, (select p.id from people p where p.email_normalized = i.email_normalized)) as person_id,
    i.email_normalized as email, i.sector as sector
  from invitations i where i.series_id = :id
  union all
  select e.person_id, null, null from enrolments e where e.series_id = :id
),
keyed as (select coalesce('p' || person_id, 'e' || email) as k, person_id, max(sector) as sector from candidates group by 1),
sess as (
  select ss.id as session_id, ss.position,
    (select count(*) from prep_materials m where m.series_session_id = ss.id)
      + (select count(*) from reflection_questions q where q.series_session_id = ss.id) as items
  from series_sessions ss where ss.series_id = :id
),
cohort as (
  select sess.session_id, e.person_id from sess join enrolments e on e.series_id = :id and e.status = 'anmald'
  union
  select sub.series_session_id, sub.substitute_person_id from substitutions sub join sess on sess.session_id = sub.series_session_id
  where sub.series_id = :id and sub.status = 'bekraftad' and sub.substitute_person_id is not null
),
done_items as (
  select m.series_session_id as session_id, pp.person_id, count(*) as n
  from sess cross join prep_materials m on m.series_session_id = sess.session_id join prep_progress pp on pp.prep_material_id = m.id
  group by 1, 2
  union all
  select q.series_session_id, r.person_id, count(*)
  from sess cross join reflection_questions q on q.series_session_id = sess.session_id join reflections r on r.reflection_question_id = q.id
  where trim(r.text) <> '' group by 1, 2
),
per_person as (
  select c.session_id, c.person_id, coalesce(sum(d.n), 0) as done
  from cohort c left join done_items d on d.session_id = c.session_id and d.person_id = c.person_id group by 1, 2
)
select 'column' as part, 's' || ss.id as k, ss.position as a, ss.kind as b, ss.title as c, ss.starts_at as n1, null as n2, null as n3, null as n4
  from series_sessions ss where ss.series_id = :id
union all
select 'column', 'e' || ev.id, null, 'utbyte', ev.title, ev.starts_at, null, null, null
  from exchange_event_series es join exchange_events ev on ev.id = es.event_id where es.series_id = :id
union all
select 'attendees', present.k, p.sector, p.role_category, p.level, count(*), null, null, null
  from present join people p on p.id = present.person_id group by 2, 3, 4, 5
union all
select 'activity', k, null, null, null, count(*), coalesce(sum(sub is not null), 0),
  coalesce(sum(sub is not null and (select r.sector from people r where r.id = sub) <> (select s.sector from people s where s.id = att.person_id)), 0),
  coalesce(sum(walk_in), 0)
  from att group by k
union all
select 'funnel', null, coalesce(p.sector, keyed.sector), null, null, count(*), coalesce(sum(e.status = 'anmald'), 0),
  coalesce(sum(e.status = 'anmald' and keyed.person_id in (select person_id from present)), 0),
  coalesce(sum(e.status = 'anmald' and p.role_category = 'chef'), 0)
  from keyed left join people p on p.id = keyed.person_id left join enrolments e on e.series_id = :id and e.person_id = keyed.person_id
  group by 3
union all
select 'target', null, t.sector, null, null, t.min_count, t.min_share_percent, null, null
  from representation_targets t where t.series_id = :id
union all
select 'prep', 's' || sess.session_id, p.sector, null, null, sess.items, count(p.id),
  coalesce(sum(sess.items > 0 and pp.done >= sess.items), 0), coalesce(sum(pp.done > 0 and pp.done < sess.items), 0)
  from sess left join per_person pp on pp.session_id = sess.session_id left join people p on p.id = pp.person_id
  group by sess.session_id, p.sector
`;

export type RawRow = { part: string; k: string | null; a: unknown; b: unknown; c: unknown; n1: number | null; n2: number | null; n3: number | null; n4: number | null };

export function rawSeriesDashboard(db: Database.Database, seriesId: number): RawRow[] {
  return db.prepare(RAW_SERIES_DASHBOARD_SQL).all({ id: seriesId }) as RawRow[];
}

/** The statement prepared once on a read-only connection of its own: `run()` executes it once. */
export function openRawSeriesDashboard(dbFile: string, seriesId: number): { run: () => void; close: () => void } {
  const db = new Database(dbFile, { readonly: true });
  const statement = db.prepare(RAW_SERIES_DASHBOARD_SQL);
  return { run: () => void statement.all({ id: seriesId }), close: () => db.close() };
}
