/**
 * A participant's own preparation for one session: which materials they have
 * marked read or watched, and their reflections on the session's questions.
 *
 * Every function takes the session the participant may see (the caller has
 * checked it with `portalSession`) and scopes the material or question to it
 * inside the query, so an id from another session is simply not found.
 *
 * Reflections are private unless shared. A shared reflection is shown to the
 * other members of the session – people enrolled in the series or confirmed
 * substitutes for the session – who belong to the same organisation
 * (`people.organisation_id`) as the reader. Staff never read the text.
 */
import { sql } from "drizzle-orm";
import { getDb } from "./db.server";

export { MAX_REFLECTION_CHARS, normalizeReflection, reflectionLength } from "~/lib/reflection";

function materialInSession(sessionId: number, materialId: number): boolean {
  if (!Number.isSafeInteger(materialId) || materialId <= 0) return false;
  return Boolean(
    getDb().get<{ ok: number } | undefined>(
      sql`select 1 as ok from prep_materials where id = ${materialId} and series_session_id = ${sessionId}`,
    ),
  );
}

/** Whether the question belongs to this session (checked before anything else about a posted reflection). */
export function isSessionQuestion({ sessionId, questionId }: { sessionId: number; questionId: number }): boolean {
  return questionInSession(sessionId, questionId);
}

function questionInSession(sessionId: number, questionId: number): boolean {
  if (!Number.isSafeInteger(questionId) || questionId <= 0) return false;
  return Boolean(
    getDb().get<{ ok: number } | undefined>(
      sql`select 1 as ok from reflection_questions where id = ${questionId} and series_session_id = ${sessionId}`,
    ),
  );
}

/** Marks a material read (document) or watched (lecture). False when the material is not this session's. */
export function markMaterial({ personId, sessionId, materialId, now = new Date() }: { personId: number; sessionId: number; materialId: number; now?: Date }): boolean {
  if (!materialInSession(sessionId, materialId)) return false;
  // Marking twice keeps the first time.
  getDb().run(
    sql`insert into prep_progress (person_id, prep_material_id, done_at) values (${personId}, ${materialId}, ${now.getTime()})
      on conflict (person_id, prep_material_id) do nothing`,
  );
  return true;
}

/** Undoes `markMaterial`. False when the material is not this session's. */
export function unmarkMaterial({ personId, sessionId, materialId }: { personId: number; sessionId: number; materialId: number }): boolean {
  if (!materialInSession(sessionId, materialId)) return false;
  getDb().run(sql`delete from prep_progress where person_id = ${personId} and prep_material_id = ${materialId}`);
  return true;
}

/**
 * Stores the participant's reflection on a question of this session, or deletes
 * it when the text is blank (a blank reflection does not count as done). The
 * caller has checked the length. False when the question is not this session's.
 */
export function saveReflection({
  personId,
  sessionId,
  questionId,
  text,
  shared,
  now = new Date(),
}: {
  personId: number;
  sessionId: number;
  questionId: number;
  text: string;
  shared: boolean;
  now?: Date;
}): boolean {
  if (!questionInSession(sessionId, questionId)) return false;
  if (text.trim() === "") return deleteReflection({ personId, sessionId, questionId });
  getDb().run(
    sql`insert into reflections (person_id, reflection_question_id, text, shared, updated_at)
      values (${personId}, ${questionId}, ${text}, ${shared ? 1 : 0}, ${now.getTime()})
      on conflict (person_id, reflection_question_id)
      do update set text = excluded.text, shared = excluded.shared, updated_at = excluded.updated_at`,
  );
  return true;
}

/** Deletes the participant's reflection on a question of this session. False when the question is not this session's. */
export function deleteReflection({ personId, sessionId, questionId }: { personId: number; sessionId: number; questionId: number }): boolean {
  if (!questionInSession(sessionId, questionId)) return false;
  getDb().run(sql`delete from reflections where person_id = ${personId} and reflection_question_id = ${questionId}`);
  return true;
}

export type MyReflection = { questionId: number; text: string; shared: boolean; updatedAt: number };

/**
 * The participant's own progress in a session: the materials marked done, their
 * reflections, and "done of total" where total is the session's materials plus
 * its questions.
 */
export function myPrepProgress({ personId, sessionId }: { personId: number; sessionId: number }) {
  const db = getDb();
  const materials = db.all<{ materialId: number; doneAt: number }>(
    sql`select pp.prep_material_id as materialId, pp.done_at as doneAt
      from prep_progress pp join prep_materials m on m.id = pp.prep_material_id
      where m.series_session_id = ${sessionId} and pp.person_id = ${personId}
      order by pp.prep_material_id`,
  );
  const reflections = db
    .all<Omit<MyReflection, "shared"> & { shared: number }>(
      sql`select rf.reflection_question_id as questionId, rf.text as text, rf.shared as shared, rf.updated_at as updatedAt
        from reflections rf join reflection_questions q on q.id = rf.reflection_question_id
        where q.series_session_id = ${sessionId} and rf.person_id = ${personId}
        order by rf.reflection_question_id`,
    )
    .map((r) => ({ ...r, shared: r.shared === 1 }));
  const totals = db.get<{ total: number }>(
    sql`select (select count(*) from prep_materials where series_session_id = ${sessionId})
      + (select count(*) from reflection_questions where series_session_id = ${sessionId}) as total`,
  )!;
  return { materials, reflections, done: materials.length + reflections.length, total: totals.total };
}

export type SharedReflection = { questionId: number; authorId: number; authorName: string; text: string; updatedAt: number };

/**
 * Reflections on this session's questions that colleagues have shared with the
 * reader: shared, written by someone else who is a member of the session
 * (enrolled in its series, or its confirmed substitute) and whose organisation
 * is the reader's. A reader without an organisation sees none (null never
 * equals null in SQL).
 */
export function sharedReflections({ personId, sessionId }: { personId: number; sessionId: number }): SharedReflection[] {
  return getDb().all<SharedReflection>(
    sql`select rf.reflection_question_id as questionId, author.id as authorId, author.name as authorName, rf.text as text, rf.updated_at as updatedAt
      from reflections rf
      join reflection_questions q on q.id = rf.reflection_question_id
      join series_sessions ss on ss.id = q.series_session_id
      join people author on author.id = rf.person_id
      where q.series_session_id = ${sessionId}
        and rf.shared = 1
        and rf.person_id != ${personId}
        and author.organisation_id = (select reader.organisation_id from people reader where reader.id = ${personId})
        and (exists (select 1 from enrolments e where e.person_id = rf.person_id and e.series_id = ss.series_id)
          or exists (select 1 from substitutions sub where sub.substitute_person_id = rf.person_id
            and sub.series_session_id = ss.id and sub.status = 'bekraftad'))
      order by rf.reflection_question_id, rf.updated_at desc, rf.person_id`,
  );
}
