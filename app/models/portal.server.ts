/**
 * What a signed-in participant may see: the sessions of the series they are
 * enrolled in, and sessions they attend as a confirmed substitute. Every
 * portal page goes through `portalSession`, so another person's ids give 404.
 */
import { sql } from "drizzle-orm";
import type { SessionFormat, SessionReply, SeriesSessionKind, SeriesStatus, SubstitutionStatus } from "../../db/schema";
import { getDb } from "./db.server";

export type PortalSession = {
  id: number;
  seriesId: number;
  seriesName: string;
  seriesStatus: SeriesStatus;
  kind: SeriesSessionKind;
  position: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  venue: string | null;
  meetingLink: string | null;
  expert: string | null;
  prepHours: number | null;
  /** The participant's own reply, if any. */
  reply: SessionReply | null;
  /** Set when the participant comes as a confirmed substitute for someone. */
  substituteForName: string | null;
  /** The substitute the participant named for this session (latest, not rejected). */
  namedSubstitute: { name: string; status: SubstitutionStatus } | null;
  prepDone: number;
  prepTotal: number;
};

type Row = Omit<PortalSession, "startsAt" | "endsAt" | "namedSubstitute"> & {
  startsAt: number;
  endsAt: number;
  namedName: string | null;
  namedStatus: SubstitutionStatus | null;
};

function sessionsQuery(personId: number, sessionId: number | null) {
  // One statement: the access rule, the reply, the substitution and the
  // preparation counts. The access rule is the WHERE clause, so a session
  // the person may not see is simply not found.
  return sql`
    select ss.id as id, ss.series_id as seriesId, s.name as seriesName, s.status as seriesStatus,
      ss.kind as kind, ss.position as position, ss.title as title, ss.starts_at as startsAt, ss.ends_at as endsAt,
      ss.format as format, ss.venue as venue, ss.meeting_link as meetingLink, ss.expert as expert, ss.prep_hours as prepHours,
      (select r.reply from session_replies r where r.series_session_id = ss.id and r.person_id = ${personId}) as reply,
      (select p.name from substitutions sub join people p on p.id = sub.for_person_id
        where sub.series_session_id = ss.id and sub.substitute_person_id = ${personId} and sub.status = 'bekraftad'
        order by sub.id desc limit 1) as substituteForName,
      (select sub.name from substitutions sub where sub.series_session_id = ss.id and sub.for_person_id = ${personId}
        and sub.status != 'avvisad' order by sub.id desc limit 1) as namedName,
      (select sub.status from substitutions sub where sub.series_session_id = ss.id and sub.for_person_id = ${personId}
        and sub.status != 'avvisad' order by sub.id desc limit 1) as namedStatus,
      (select count(*) from prep_progress pp join prep_materials m on m.id = pp.prep_material_id
        where m.series_session_id = ss.id and pp.person_id = ${personId})
      + (select count(*) from reflections rf join reflection_questions q on q.id = rf.reflection_question_id
        where q.series_session_id = ss.id and rf.person_id = ${personId}) as prepDone,
      (select count(*) from prep_materials m where m.series_session_id = ss.id)
      + (select count(*) from reflection_questions q where q.series_session_id = ss.id) as prepTotal
    from series_sessions ss
    join series s on s.id = ss.series_id
    where s.status != 'utkast'
      and (ss.series_id in (select e.series_id from enrolments e where e.person_id = ${personId})
        or ss.id in (select sub.series_session_id from substitutions sub
          where sub.substitute_person_id = ${personId} and sub.status = 'bekraftad'))
      ${sessionId === null ? sql`` : sql`and ss.id = ${sessionId}`}
    order by ss.starts_at, ss.id`;
}

function toSession(row: Row): PortalSession {
  const { namedName, namedStatus, ...rest } = row;
  return {
    ...rest,
    startsAt: new Date(row.startsAt),
    endsAt: new Date(row.endsAt),
    namedSubstitute: namedName && namedStatus ? { name: namedName, status: namedStatus } : null,
  };
}

/** Every session the participant may see, in date order. */
export function listPortalSessions({ personId }: { personId: number }): PortalSession[] {
  return getDb().all<Row>(sessionsQuery(personId, null)).map(toSession);
}

/** One session, or null when it does not exist or is not the participant's. */
export function portalSession({ personId, sessionId }: { personId: number; sessionId: number }): PortalSession | null {
  if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return null;
  const row = getDb().get<Row | undefined>(sessionsQuery(personId, sessionId));
  return row ? toSession(row) : null;
}

/** Whether the participant may open an uploaded prep file (its session is one of theirs). */
export function participantMayReadMaterial({ personId, materialId }: { personId: number; materialId: number }): boolean {
  const row = getDb().get<{ sessionId: number } | undefined>(
    sql`select series_session_id as sessionId from prep_materials where id = ${materialId}`,
  );
  return row ? portalSession({ personId, sessionId: row.sessionId }) !== null : false;
}

export type PortalExchange = {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  venue: string | null;
  meetingLink: string | null;
  expert: string | null;
};

/** The cross-municipality exchange sessions of the participant's series (not drafts, not cancelled). */
export function listPortalExchanges({ personId }: { personId: number }): PortalExchange[] {
  return getDb()
    .all<Omit<PortalExchange, "startsAt" | "endsAt"> & { startsAt: number; endsAt: number }>(
      sql`select distinct ev.id as id, ev.title as title, ev.starts_at as startsAt, ev.ends_at as endsAt, ev.format as format,
            ev.venue as venue, ev.meeting_link as meetingLink, ev.expert as expert
          from exchange_events ev
          join exchange_event_series es on es.event_id = ev.id
          join series s on s.id = es.series_id
          join enrolments e on e.series_id = s.id and e.person_id = ${personId} and e.status = 'anmald'
          where s.status not in ('utkast', 'avbruten')
          order by ev.starts_at, ev.id`,
    )
    .map((row) => ({ ...row, startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt) }));
}
