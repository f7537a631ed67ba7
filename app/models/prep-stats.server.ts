/**
 * Preparation completion for staff (issue #8, item 5): per session of a
 * series and per sector, how many of the session's people have done all of
 * its preparation ("klar") and how many have started it ("påbörjad").
 *
 * - A session's items are its prep materials plus its reflection questions.
 * - A person's done count for a session is their prep_progress rows for its
 *   materials plus their non-empty reflections on its questions.
 * - "Klar": done every item (only when the session has items); "påbörjad":
 *   done at least one but not all.
 * - The people counted for a session: everyone enrolled in the series
 *   (status anmäld) plus the substitutes confirmed for that session (a
 *   substitute who is also enrolled counts once).
 *
 * One GROUP BY statement per series; no person's row, and nothing of a
 * reflection but whether it is empty, ever leaves SQLite.
 */
import { sql } from "drizzle-orm";
import { SECTORS, type Sector } from "../../db/schema";
import { getDb, schema } from "./db.server";
import { seriesInScope, type Scope } from "./scope.server";

const { seriesSessions, prepMaterials, reflectionQuestions, prepProgress, reflections, enrolments, substitutions, people } = schema;

export type PrepCounts = {
  /** People counted for the session (enrolled plus confirmed substitutes). */
  people: number;
  /** Of those, people who have done every item. */
  done: number;
  /** Of those, people who have done at least one item but not all. */
  started: number;
};

export type SessionPrepStats = {
  sessionId: number;
  /** Prep materials plus reflection questions of the session. */
  items: number;
  /** Every sector, in SECTORS order, zeros included. */
  bySector: Record<Sector, PrepCounts>;
  total: PrepCounts;
};

type Row = { sessionId: number; items: number; sector: Sector | null; people: number; done: number; started: number };

const zero = (): PrepCounts => ({ people: 0, done: 0, started: 0 });

/**
 * Preparation completion for the sessions (tillfällen) of one series, in
 * session order; `sessionId` narrows it to one session. Sessions of a series
 * outside `scope` give an empty list.
 */
export function prepStats({ seriesId, scope, sessionId }: { seriesId: number; scope: Scope; sessionId?: number }): SessionPrepStats[] {
  const onlySession = sessionId === undefined ? sql`1 = 1` : sql`ss.id = ${sessionId}`;
  const rows = getDb().all<Row>(sql`
    with sess as (
      select ss.id as session_id, ss.position as position,
        (select count(*) from ${prepMaterials} m where m.series_session_id = ss.id)
          + (select count(*) from ${reflectionQuestions} q where q.series_session_id = ss.id) as items
      from ${seriesSessions} ss
      where ss.series_id = ${seriesId} and ${onlySession} and ${seriesInScope(scope, sql`ss.series_id`)}
    ),
    cohort as (
      select sess.session_id, e.person_id
      from sess join ${enrolments} e on e.series_id = ${seriesId} and e.status = 'anmald'
      union
      select sub.series_session_id, sub.substitute_person_id
      from ${substitutions} sub join sess on sess.session_id = sub.series_session_id
      where sub.series_id = ${seriesId} and sub.status = 'bekraftad' and sub.substitute_person_id is not null
    ),
    -- CROSS JOIN keeps the series' few sessions as the outer loop (SQLite does not reorder it),
    -- so only their materials and questions are read through the session indexes.
    done_items as (
      select m.series_session_id as session_id, pp.person_id as person_id, count(*) as n
      from sess cross join ${prepMaterials} m on m.series_session_id = sess.session_id
      join ${prepProgress} pp on pp.prep_material_id = m.id
      group by 1, 2
      union all
      select q.series_session_id, r.person_id, count(*)
      from sess cross join ${reflectionQuestions} q on q.series_session_id = sess.session_id
      join ${reflections} r on r.reflection_question_id = q.id
      where trim(r.text) <> ''
      group by 1, 2
    ),
    per_person as (
      select c.session_id, c.person_id, coalesce(sum(d.n), 0) as done
      from cohort c left join done_items d on d.session_id = c.session_id and d.person_id = c.person_id
      group by 1, 2
    )
    select sess.session_id as sessionId, sess.items as items, p.sector as sector,
      count(p.id) as people,
      coalesce(sum(sess.items > 0 and pp.done >= sess.items), 0) as done,
      coalesce(sum(pp.done > 0 and pp.done < sess.items), 0) as started
    from sess
    left join per_person pp on pp.session_id = sess.session_id
    left join ${people} p on p.id = pp.person_id
    group by sess.session_id, p.sector
    order by sess.position, sess.session_id
  `);

  const bySession = new Map<number, SessionPrepStats>();
  for (const r of rows) {
    let s = bySession.get(r.sessionId);
    if (!s) {
      s = {
        sessionId: r.sessionId,
        items: r.items,
        bySector: Object.fromEntries(SECTORS.map((k) => [k, zero()])) as Record<Sector, PrepCounts>,
        total: zero(),
      };
      bySession.set(r.sessionId, s);
    }
    // A session with nobody to count gives one row with no sector.
    if (r.sector === null) continue;
    s.bySector[r.sector] = { people: r.people, done: r.done, started: r.started };
    s.total.people += r.people;
    s.total.done += r.done;
    s.total.started += r.started;
  }
  return [...bySession.values()];
}
