/**
 * "Mina uppgifter": everything stored about one participant, gathered in one
 * place for the portal page and its JSON and CSV downloads (issue #8 item 6,
 * decision 011). Every query is keyed by the signed-in person's id (or their
 * own e-mail address), never by anything from the URL.
 *
 * Anonymous survey answers are NOT here: `survey_responses` carry no person,
 * so they cannot be found for anyone. Only that a personal link was sent and
 * that it was used (a receipt without time or response id) are personal data.
 *
 * When a table gains a reference to `people` (or an e-mail column), add it to
 * the export and to MY_DATA_COVERAGE; tests/integration/my-data.test.ts reads
 * the live schema and fails until both agree.
 */
import { sql } from "drizzle-orm";
import type {
  AttendanceSource,
  AttendanceStatus,
  DataRequestKind,
  DataRequestStatus,
  InvitationStatus,
  Level,
  RoleCategory,
  Sector,
  SessionReply,
  SubstitutionStatus,
} from "../../db/schema";
import { getDb } from "./db.server";

/** Columns that point at a person (foreign keys to people.id) and are read by `gatherMyData`. */
export const MY_DATA_COVERAGE = {
  personReferences: [
    "enrolments.person_id",
    "attendance.person_id",
    "attendance.substitute_for_person_id",
    "attendance_changes.person_id",
    "attendance_changes.substitute_for_person_id",
    "checkin_tokens.person_id",
    "invitations.person_id",
    "survey_links.person_id",
    "survey_receipts.person_id",
    "magic_links.person_id",
    "participant_sessions.person_id",
    "session_replies.person_id",
    "substitutions.for_person_id",
    "substitutions.substitute_person_id",
    "prep_progress.person_id",
    "reflections.person_id",
    "data_requests.person_id",
    "group_members.person_id",
  ],
  /**
   * Derived from covered data, so not shown on their own:
   * seminar_presence is a trigger-kept count of the person's present
   * seminars per series plus their sector (both already in the export).
   */
  derivedPersonReferences: ["seminar_presence.person_id"],
  /** E-mail address columns read by `gatherMyData` (the person's own address matched case-insensitively). */
  addressColumns: [
    "people.email",
    "people.email_normalized",
    "invitations.email",
    "invitations.email_normalized",
    "substitutions.email",
    "substitutions.email_normalized",
    "data_requests.email",
    "mail_outbox.to_address",
    "accessibility_reports.email",
  ],
  /** Staff accounts are not participants' data. */
  otherAddressColumns: ["users.email", "users.email_normalized"],
} as const;

type Iso = string;

export type MyData = {
  exportedAt: Iso;
  person: {
    name: string;
    email: string;
    workplace: string | null;
    organisation: string | null;
    sector: Sector;
    roleCategory: RoleCategory;
    jobTitle: string | null;
    level: Level | null;
    createdAt: Iso;
  };
  enrolments: { series: string; term: string; status: "anmald" | "aterbud"; enrolledAt: Iso }[];
  invitations: {
    series: string;
    name: string;
    email: string;
    workplace: string | null;
    sector: Sector;
    jobTitle: string | null;
    roleCategory: RoleCategory | null;
    status: InvitationStatus;
    declineReason: string | null;
    sentAt: Iso;
    respondedAt: Iso | null;
    reminderCount: number;
    lastReminderAt: Iso | null;
  }[];
  attendance: {
    occasion: string;
    series: string;
    date: Iso;
    status: AttendanceStatus;
    substituteFor: string | null;
    substitutedBy: string | null;
    walkIn: boolean;
    recordedAt: Iso;
    updatedAt: Iso | null;
    recordedBy: string | null;
  }[];
  attendanceChanges: {
    occasion: string;
    series: string;
    date: Iso;
    /** Null: the change is to the person's own row; else the substitute whose row it is. */
    substitute: string | null;
    status: AttendanceStatus | null;
    substituteFor: string | null;
    source: AttendanceSource;
    changedAt: Iso;
    changedBy: string | null;
  }[];
  sessionReplies: { session: string; series: string; date: Iso; reply: SessionReply; repliedAt: Iso }[];
  substitutesNamed: {
    session: string;
    series: string;
    date: Iso;
    name: string;
    email: string;
    workplace: string | null;
    status: SubstitutionStatus;
    createdAt: Iso;
    handledAt: Iso | null;
  }[];
  substituteFor: {
    session: string;
    series: string;
    date: Iso;
    forPerson: string;
    name: string;
    email: string;
    workplace: string | null;
    status: SubstitutionStatus;
    createdAt: Iso;
    handledAt: Iso | null;
  }[];
  prepProgress: { material: string; session: string; series: string; doneAt: Iso }[];
  reflections: { question: string; session: string; series: string; text: string; shared: boolean; updatedAt: Iso }[];
  surveyLinks: { survey: string; series: string; sentAt: Iso | null }[];
  surveyReceipts: { survey: string; series: string }[];
  checkinLink: { exists: boolean; createdAt: Iso | null };
  signIn: { devices: number; activeLinks: number };
  mails: { subject: string; createdAt: Iso; status: "outbox" | "sent" | "failed" }[];
  /** Discussion groups the person was placed in (the snapshot stored with the group). */
  groups: {
    occasion: string;
    series: string | null;
    date: Iso;
    groupNo: number;
    sector: Sector;
    facilitator: boolean;
    published: boolean;
  }[];
  /** Problem reports to the accessibility statement sent with the person's address. */
  accessibilityReports: { pageUrl: string | null; description: string; createdAt: Iso }[];
  dataRequests: {
    kind: DataRequestKind;
    message: string;
    status: DataRequestStatus;
    createdAt: Iso;
    handledAt: Iso | null;
    handledBy: string | null;
    handlingNote: string | null;
  }[];
};

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The occasion (session or exchange event) of an attendance row: title, series and start. */
const occasionColumns = (alias: string) => sql.raw(`
  coalesce(ss_${alias}.title, ev_${alias}.title) as occasion,
  s_${alias}.name as series,
  coalesce(ss_${alias}.starts_at, ev_${alias}.starts_at) as date`);
const occasionJoins = (alias: string) => sql.raw(`
  join series s_${alias} on s_${alias}.id = ${alias}.series_id
  left join series_sessions ss_${alias} on ss_${alias}.id = ${alias}.series_session_id
  left join exchange_events ev_${alias} on ev_${alias}.id = ${alias}.exchange_event_id`);

/** Everything stored about the person, or null if the person no longer exists. */
export function gatherMyData({ personId, now = new Date() }: { personId: number; now?: Date }): MyData | null {
  const db = getDb();
  const person = db.get<
    Omit<MyData["person"], "createdAt"> & { createdAt: number; emailNormalized: string } | undefined
  >(sql`
    select p.name as name, p.email as email, p.email_normalized as emailNormalized, p.workplace as workplace,
      o.name as organisation, p.sector as sector, p.role_category as roleCategory, p.job_title as jobTitle,
      p.level as level, p.created_at as createdAt
    from people p left join organisations o on o.id = p.organisation_id
    where p.id = ${personId}`);
  if (!person) return null;
  const { emailNormalized, createdAt, ...personFields } = person;
  const nowMs = now.getTime();

  const enrolments = db
    .all<{ series: string; term: string; status: "anmald" | "aterbud"; enrolledAt: number }>(sql`
      select s.name as series, s.term as term, e.status as status, e.created_at as enrolledAt
      from enrolments e join series s on s.id = e.series_id
      where e.person_id = ${personId} order by e.created_at, e.id`)
    .map((r) => ({ ...r, enrolledAt: iso(r.enrolledAt) }));

  const invitations = db
    .all<Omit<MyData["invitations"][number], "sentAt" | "respondedAt" | "lastReminderAt"> & {
      sentAt: number;
      respondedAt: number | null;
      lastReminderAt: number | null;
    }>(sql`
      select s.name as series, i.name as name, i.email as email, i.workplace as workplace, i.sector as sector,
        i.job_title as jobTitle, i.role_category as roleCategory, i.status as status, i.decline_reason as declineReason,
        i.sent_at as sentAt, i.responded_at as respondedAt, i.reminder_count as reminderCount,
        i.last_reminder_at as lastReminderAt
      from invitations i join series s on s.id = i.series_id
      where i.person_id = ${personId} or i.email_normalized = ${emailNormalized}
      order by i.sent_at, i.id`)
    .map((r) => ({ ...r, sentAt: iso(r.sentAt), respondedAt: isoOrNull(r.respondedAt), lastReminderAt: isoOrNull(r.lastReminderAt) }));

  const attendance = db
    .all<Omit<MyData["attendance"][number], "date" | "recordedAt" | "updatedAt" | "walkIn"> & {
      date: number;
      recordedAt: number;
      updatedAt: number | null;
      walkIn: number;
    }>(sql`
      select ${occasionColumns("a")}, a.status as status,
        pf.name as substituteFor,
        (select group_concat(pb.name, ', ') from attendance b join people pb on pb.id = b.person_id
          where b.substitute_for_person_id = a.person_id and b.series_id = a.series_id
            and b.series_session_id is a.series_session_id and b.exchange_event_id is a.exchange_event_id) as substitutedBy,
        a.walk_in as walkIn, a.created_at as recordedAt, a.updated_at as updatedAt, u.name as recordedBy
      from attendance a ${occasionJoins("a")}
      left join people pf on pf.id = a.substitute_for_person_id
      left join users u on u.id = a.updated_by_id
      where a.person_id = ${personId}
      order by date, a.id`)
    .map((r) => ({ ...r, date: iso(r.date), walkIn: r.walkIn === 1, recordedAt: iso(r.recordedAt), updatedAt: isoOrNull(r.updatedAt) }));
  // A substitute's row that names this person but whose own row is missing (rare) is still about them.
  const substitutedOnly = db
    .all<{ occasion: string; series: string; date: number; substitute: string; recordedAt: number }>(sql`
      select ${occasionColumns("a")}, p.name as substitute, a.created_at as recordedAt
      from attendance a ${occasionJoins("a")} join people p on p.id = a.person_id
      where a.substitute_for_person_id = ${personId}
        and not exists (select 1 from attendance own where own.person_id = ${personId} and own.series_id = a.series_id
          and own.series_session_id is a.series_session_id and own.exchange_event_id is a.exchange_event_id)
      order by date, a.id`)
    .map((r) => ({
      occasion: r.occasion,
      series: r.series,
      date: iso(r.date),
      status: "ersatt" as const,
      substituteFor: null,
      substitutedBy: r.substitute,
      walkIn: false,
      recordedAt: iso(r.recordedAt),
      updatedAt: null,
      recordedBy: null,
    }));

  const attendanceChanges = db
    .all<Omit<MyData["attendanceChanges"][number], "date" | "changedAt"> & { date: number; changedAt: number }>(sql`
      select ${occasionColumns("c")},
        case when c.person_id = ${personId} then null else pc.name end as substitute,
        c.status as status, pf.name as substituteFor, c.source as source, c.changed_at as changedAt, u.name as changedBy
      from attendance_changes c ${occasionJoins("c")}
      join people pc on pc.id = c.person_id
      left join people pf on pf.id = c.substitute_for_person_id
      left join users u on u.id = c.changed_by_id
      where c.person_id = ${personId} or c.substitute_for_person_id = ${personId}
      order by c.changed_at, c.id`)
    .map((r) => ({ ...r, date: iso(r.date), changedAt: iso(r.changedAt) }));

  const sessionReplies = db
    .all<{ session: string; series: string; date: number; reply: SessionReply; repliedAt: number }>(sql`
      select ss.title as session, s.name as series, ss.starts_at as date, r.reply as reply, r.replied_at as repliedAt
      from session_replies r join series_sessions ss on ss.id = r.series_session_id join series s on s.id = ss.series_id
      where r.person_id = ${personId} order by ss.starts_at, ss.id`)
    .map((r) => ({ ...r, date: iso(r.date), repliedAt: iso(r.repliedAt) }));

  type SubRow = {
    session: string;
    series: string;
    date: number;
    forPerson: string;
    name: string;
    email: string;
    workplace: string | null;
    status: SubstitutionStatus;
    createdAt: number;
    handledAt: number | null;
  };
  const substitutionRows = (where: ReturnType<typeof sql>) =>
    db
      .all<SubRow>(sql`
        select ss.title as session, s.name as series, ss.starts_at as date, pf.name as forPerson, sub.name as name,
          sub.email as email, sub.workplace as workplace, sub.status as status, sub.created_at as createdAt,
          sub.handled_at as handledAt
        from substitutions sub join series_sessions ss on ss.id = sub.series_session_id
        join series s on s.id = sub.series_id join people pf on pf.id = sub.for_person_id
        where ${where} order by sub.created_at, sub.id`)
      .map((r) => ({ ...r, date: iso(r.date), createdAt: iso(r.createdAt), handledAt: isoOrNull(r.handledAt) }));
  const substitutesNamed = substitutionRows(sql`sub.for_person_id = ${personId}`).map(({ forPerson: _, ...r }) => r);
  const substituteFor = substitutionRows(
    sql`(sub.substitute_person_id = ${personId} or sub.email_normalized = ${emailNormalized}) and sub.for_person_id != ${personId}`,
  );

  const prepProgress = db
    .all<{ material: string; session: string; series: string; doneAt: number }>(sql`
      select m.title as material, ss.title as session, s.name as series, pp.done_at as doneAt
      from prep_progress pp join prep_materials m on m.id = pp.prep_material_id
      join series_sessions ss on ss.id = m.series_session_id join series s on s.id = ss.series_id
      where pp.person_id = ${personId} order by pp.done_at, m.id`)
    .map((r) => ({ ...r, doneAt: iso(r.doneAt) }));

  const reflections = db
    .all<{ question: string; session: string; series: string; text: string; shared: number; updatedAt: number }>(sql`
      select q.text as question, ss.title as session, s.name as series, rf.text as text, rf.shared as shared,
        rf.updated_at as updatedAt
      from reflections rf join reflection_questions q on q.id = rf.reflection_question_id
      join series_sessions ss on ss.id = q.series_session_id join series s on s.id = ss.series_id
      where rf.person_id = ${personId} order by ss.starts_at, q.id`)
    .map((r) => ({ ...r, shared: r.shared === 1, updatedAt: iso(r.updatedAt) }));

  const surveyLinks = db
    .all<{ survey: string; series: string; sentAt: number | null }>(sql`
      select t.name as survey, s.name as series, l.sent_at as sentAt
      from survey_links l join surveys sv on sv.id = l.survey_id join survey_templates t on t.id = sv.template_id
      join series s on s.id = sv.series_id
      where l.person_id = ${personId} order by l.id`)
    .map((r) => ({ ...r, sentAt: isoOrNull(r.sentAt) }));

  const surveyReceipts = db.all<{ survey: string; series: string }>(sql`
    select t.name as survey, s.name as series
    from survey_receipts rc join surveys sv on sv.id = rc.survey_id join survey_templates t on t.id = sv.template_id
    join series s on s.id = sv.series_id
    where rc.person_id = ${personId} order by sv.id`);

  const checkin = db.get<{ createdAt: number } | undefined>(
    sql`select created_at as createdAt from checkin_tokens where person_id = ${personId}`,
  );

  const signIn = db.get<{ devices: number; activeLinks: number }>(sql`
    select
      (select count(*) from participant_sessions where person_id = ${personId} and expires_at > ${nowMs}) as devices,
      (select count(*) from magic_links where person_id = ${personId} and used_at is null and expires_at > ${nowMs}) as activeLinks`)!;

  const mails = db
    .all<{ subject: string; createdAt: number; status: "outbox" | "sent" | "failed" }>(sql`
      select subject as subject, created_at as createdAt, status as status
      from mail_outbox where lower(to_address) = ${emailNormalized} order by created_at, id`)
    .map((r) => ({ ...r, createdAt: iso(r.createdAt) }));

  const dataRequests = db
    .all<Omit<MyData["dataRequests"][number], "createdAt" | "handledAt"> & { createdAt: number; handledAt: number | null }>(sql`
      select d.kind as kind, d.message as message, d.status as status, d.created_at as createdAt,
        d.handled_at as handledAt, u.name as handledBy, d.handling_note as handlingNote
      from data_requests d left join users u on u.id = d.handled_by_id
      where d.person_id = ${personId} order by d.created_at desc, d.id desc`)
    .map((r) => ({ ...r, createdAt: iso(r.createdAt), handledAt: isoOrNull(r.handledAt) }));

  const accessibilityReports = db
    .all<{ pageUrl: string | null; description: string; createdAt: number }>(sql`
      select page_url as pageUrl, description as description, created_at as createdAt
      from accessibility_reports where lower(email) = ${emailNormalized} order by created_at, id`)
    .map((r) => ({ ...r, createdAt: iso(r.createdAt) }));

  const groups = db
    .all<{ occasion: string; series: string | null; date: number; groupNo: number; sector: Sector; facilitator: number; status: string }>(sql`
      select coalesce(ss.title, ev.title) as occasion, coalesce(s.name, sm.name) as series,
        coalesce(ss.starts_at, ev.starts_at) as date, gm.group_no as groupNo, gm.sector as sector,
        gm.facilitator as facilitator, gs.status as status
      from group_members gm join group_sets gs on gs.id = gm.group_set_id
      left join series_sessions ss on ss.id = gs.series_session_id
      left join series s on s.id = ss.series_id
      left join exchange_events ev on ev.id = gs.exchange_event_id
      left join series sm on sm.id = gm.series_id
      where gm.person_id = ${personId} order by date, gs.id`)
    .map((r) => ({ ...r, date: iso(r.date), facilitator: r.facilitator === 1, published: r.status === "publicerad", status: undefined }))
    .map(({ status: _, ...r }) => r);

  return {
    exportedAt: now.toISOString(),
    person: { ...personFields, createdAt: iso(createdAt) },
    enrolments,
    invitations,
    attendance: [...attendance, ...substitutedOnly].sort((a, b) => a.date.localeCompare(b.date)),
    attendanceChanges,
    sessionReplies,
    substitutesNamed,
    substituteFor,
    prepProgress,
    reflections,
    surveyLinks,
    surveyReceipts,
    checkinLink: { exists: !!checkin, createdAt: checkin ? iso(checkin.createdAt) : null },
    signIn,
    mails,
    groups,
    accessibilityReports,
    dataRequests,
  };
}
