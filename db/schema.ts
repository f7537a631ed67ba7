/**
 * Tables and relations only. Later features extend these tables through new
 * drizzle-kit migrations. Timestamps are stored as Unix milliseconds (UTC) and
 * shown in Europe/Stockholm by the UI.
 */
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  type AnySQLiteColumn,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const ORGANISATION_KINDS = ["kommun", "stadsdelsomrade", "region"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Municipalities, Stockholm's city district areas and the 21 regions. */
export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    name: text("name").notNull(),
    /** kommunkod for municipalities; null for districts and regions. */
    code: text("code"),
    countyCode: text("county_code").notNull(),
    countyName: text("county_name").notNull(),
    /** The municipality a city district belongs to. */
    parentId: integer("parent_id").references((): any => organisations.id),
    /** The region (health-care authority) that serves a municipality or district. */
    regionId: integer("region_id").references((): any => organisations.id),
  },
  (t) => [
    uniqueIndex("organisations_kind_name_uq").on(t.kind, t.name),
    uniqueIndex("organisations_code_uq").on(t.code),
    index("organisations_parent_idx").on(t.parentId),
    index("organisations_county_idx").on(t.countyCode),
  ],
);

export const SECTORS = ["skola", "socialtjanst", "halso_sjukvard", "annat", "vill_ej_uppge"] as const;
export type Sector = (typeof SECTORS)[number];

export const ROLE_CATEGORIES = [
  "profession",
  "chef",
  "strateg",
  "medicinsk_elevhalsa",
  "sjukvard",
  "annat",
  "vill_ej_uppge",
] as const;
export type RoleCategory = (typeof ROLE_CATEGORIES)[number];

export const LEVELS = ["strategisk", "operativ"] as const;
export type Level = (typeof LEVELS)[number];

/** Participants. One record per person across the system, keyed by e-mail. */
export const people = sqliteTable(
  "people",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    /** Lower-cased e-mail; unique so that "Anna@X.se" and "anna@x.se" are one person. */
    emailNormalized: text("email_normalized").notNull(),
    workplace: text("workplace"),
    organisationId: integer("organisation_id").references(() => organisations.id),
    sector: text("sector", { enum: SECTORS }).notNull(),
    roleCategory: text("role_category", { enum: ROLE_CATEGORIES }).notNull(),
    jobTitle: text("job_title"),
    level: text("level", { enum: LEVELS }),
    createdAt: createdAt(),
    /**
     * Set when the person's identity was removed (retention or a request,
     * decision 017): name, address, workplace and title are placeholders; the
     * sector, role category, level and organisation stay for statistics.
     */
    anonymisedAt: integer("anonymised_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("people_email_uq").on(t.emailNormalized),
    index("people_organisation_idx").on(t.organisationId),
  ],
);

export const STAFF_ROLES = ["admin", "coordinator", "sponsor"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Staff accounts: process leaders (admin), municipal coordinators and sponsors. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailNormalized: text("email_normalized").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    /** Null until the account is activated through its one-time link. */
    passwordHash: text("password_hash"),
    activatedAt: integer("activated_at", { mode: "timestamp_ms" }),
    /** SHA-256 of the secret in the personal calendar feed URL. */
    calendarTokenHash: text("calendar_token_hash"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.emailNormalized),
    uniqueIndex("users_calendar_token_uq").on(t.calendarTokenHash),
  ],
);

/** A coordinator's scope: the municipalities or districts they work for. */
export const userOrganisations = sqliteTable(
  "user_organisations",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId] }),
    index("user_organisations_org_idx").on(t.organisationId),
  ],
);

export const TOKEN_PURPOSES = ["activation"] as const;

/** One-time tokens (account activation). Only the SHA-256 of the token is stored. */
export const userTokens = sqliteTable(
  "user_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_tokens_hash_uq").on(t.tokenHash),
    index("user_tokens_user_idx").on(t.userId),
  ],
);

/**
 * Server-side sign-in sessions ("auth sessions", not seminar sessions).
 * The id is the SHA-256 of the random cookie value, so a copy of the database
 * does not hand out valid cookies.
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** Failed sign-in counters, keyed per account ("email:…") and per IP ("ip:…"). */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at", { mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
});

export const SERIES_STATUSES = ["utkast", "planerad", "pagaende", "genomford", "avbruten"] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

/** A seminar series (seminarieserie) for one or more municipalities or districts. */
export const series = sqliteTable(
  "series",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** e.g. "HT 2026" */
    term: text("term").notNull(),
    status: text("status", { enum: SERIES_STATUSES }).notNull().default("utkast"),
    cancelReason: text("cancel_reason"),
    /** Each sector should send at least one manager (Chefer/Ledning). */
    requireManagerPerSector: integer("require_manager_per_sector", { mode: "boolean" }).notNull().default(true),
    /** Automatic reminder to non-responders this many days before the first session; null = none. */
    reminderDaysBefore: integer("reminder_days_before").default(7),
    processLeaderId: integer("process_leader_id").references(() => users.id),
    templateId: integer("template_id").references((): any => seriesTemplates.id),
    rebookedFromId: integer("rebooked_from_id").references((): any => series.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("series_status_idx").on(t.status),
    index("series_process_leader_idx").on(t.processLeaderId),
  ],
);

export const seriesOrganisations = sqliteTable(
  "series_organisations",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.seriesId, t.organisationId] }),
    index("series_organisations_org_idx").on(t.organisationId),
  ],
);

export const seriesCoordinators = sqliteTable(
  "series_coordinators",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.seriesId, t.userId] }),
    index("series_coordinators_user_idx").on(t.userId),
  ],
);

export const SESSION_KINDS = ["seminarium", "utbyte", "traff"] as const;
export type SeriesSessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_FORMATS = ["pa_plats", "digitalt", "hybrid"] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

/** A seminar session (tillfälle) of a series. */
export const seriesSessions = sqliteTable(
  "series_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: SESSION_KINDS }).notNull().default("seminarium"),
    title: text("title").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    format: text("format", { enum: SESSION_FORMATS }).notNull().default("pa_plats"),
    venue: text("venue"),
    meetingLink: text("meeting_link"),
    /** Expert names, one per line ("Malin Gren Landell, leg. psykolog"). */
    expert: text("expert"),
    theme: text("theme"),
    capacity: integer("capacity"),
    notes: text("notes"),
    /** Expected preparation time in hours, shown to participants. */
    prepHours: real("prep_hours"),
    /** Why a broken scheduling rule was accepted; shown next to the warning. */
    overrideReason: text("override_reason"),
    /** Short code shown at the venue (and in the QR code) for self check-in. */
    checkinCode: text("checkin_code"),
    /** Check-in is open from this many minutes before the start until this many after the end. */
    checkinMarginMinutes: integer("checkin_margin_minutes").notNull().default(30),
  },
  (t) => [
    uniqueIndex("series_sessions_position_uq").on(t.seriesId, t.position),
    uniqueIndex("series_sessions_checkin_code_uq").on(t.checkinCode),
    index("series_sessions_starts_idx").on(t.startsAt),
  ],
);

export const ENROLMENT_STATUSES = ["anmald", "aterbud"] as const;

/** A person taking part in a series. */
export const enrolments = sqliteTable(
  "enrolments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    status: text("status", { enum: ENROLMENT_STATUSES }).notNull().default("anmald"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("enrolments_series_person_uq").on(t.seriesId, t.personId),
    index("enrolments_person_idx").on(t.personId),
    // Enrolled people per series read from the index alone (the county dashboard, decision 009).
    index("enrolments_series_status_person_idx").on(t.seriesId, t.status, t.personId),
  ],
);

export const ATTENDANCE_STATUSES = [
  "narvarande",
  "sen",
  "franvarande_anmalt",
  "franvarande_ej_anmalt",
  "ersatt",
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Statuses that count a person as present in every representation figure. */
export const PRESENT_STATUSES = ["narvarande", "sen"] as const;

/**
 * Attendance per person at one occasion: a session of a series, or the shared
 * exchange event (then `seriesId` says which series the person came through,
 * so each coordinator marks their own municipality's people).
 * A substitute (B) has a row of their own with `substituteForPersonId` = A;
 * A's row then has status "ersatt". A walk-in was not enrolled beforehand.
 */
export const attendance = sqliteTable(
  "attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    seriesSessionId: integer("series_session_id").references(() => seriesSessions.id, { onDelete: "cascade" }),
    exchangeEventId: integer("exchange_event_id").references(() => exchangeEvents.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    status: text("status", { enum: ATTENDANCE_STATUSES }).notNull(),
    substituteForPersonId: integer("substitute_for_person_id").references(() => people.id, { onDelete: "cascade" }),
    walkIn: integer("walk_in", { mode: "boolean" }).notNull().default(false),
    recordedAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    /** Null when the participant checked in themselves. */
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("attendance_session_person_uq").on(t.seriesSessionId, t.personId),
    uniqueIndex("attendance_event_person_uq").on(t.exchangeEventId, t.personId),
    index("attendance_person_idx").on(t.personId),
    index("attendance_series_idx").on(t.seriesId),
    index("attendance_substitute_for_idx").on(t.substituteForPersonId),
    // Who was present at a session, read from the index alone (no table rows): the county
    // dashboard's per-seminar scans (decision 009).
    index("attendance_session_status_idx").on(t.seriesSessionId, t.status, t.personId),
  ],
);

/**
 * Who was present (närvarande or sen) at one or more seminars of a series, with
 * the person's sector: one row per (series, person). It is derived data, kept by
 * SQLite triggers on `attendance` and `people` (migration 0008), so every write
 * path – roster, check-in, import, seed – keeps it right without knowing of it.
 * The county dashboard counts people from it instead of scanning attendance
 * and looking up each person's sector (decision 009, "Speed").
 */
export const seminarPresence = sqliteTable(
  "seminar_presence",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    sector: text("sector", { enum: SECTORS }).notNull(),
    /** How many of the series' seminars the person was present at. */
    seminars: integer("seminars").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.personId] }), index("seminar_presence_person_idx").on(t.personId)],
);

export const ATTENDANCE_SOURCES = ["roster", "all_present", "checkin", "import", "substitute", "walk_in", "removed"] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/** Append-only history of attendance changes: who set what, and when. */
export const attendanceChanges = sqliteTable(
  "attendance_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    seriesSessionId: integer("series_session_id").references(() => seriesSessions.id, { onDelete: "cascade" }),
    exchangeEventId: integer("exchange_event_id").references(() => exchangeEvents.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Null when the row was removed (a substitute or walk-in taken off the roster). */
    status: text("status", { enum: ATTENDANCE_STATUSES }),
    substituteForPersonId: integer("substitute_for_person_id").references(() => people.id, { onDelete: "cascade" }),
    source: text("source", { enum: ATTENDANCE_SOURCES }).notNull(),
    changedById: integer("changed_by_id").references(() => users.id, { onDelete: "set null" }),
    changedAt: integer("changed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("attendance_changes_session_idx").on(t.seriesSessionId, t.changedAt),
    index("attendance_changes_event_idx").on(t.exchangeEventId, t.changedAt),
    // The person's history (Mina uppgifter) and the cascades when a person is deleted.
    index("attendance_changes_person_idx").on(t.personId),
    index("attendance_changes_substitute_for_idx").on(t.substituteForPersonId),
  ],
);

/** A participant's personal check-in link (one per person); only the hash is kept. */
export const checkinTokens = sqliteTable("checkin_tokens", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});

export const MAIL_STATUSES = ["outbox", "sent", "failed"] as const;

/**
 * Every e-mail the app sends. With no SMTP server configured the row stays in
 * status "outbox", and process leaders read it in the app.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    /** File names of attachments (e.g. the sessions as .ics), for the outbox view. */
    attachmentNames: text("attachment_names"),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("outbox"),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("mail_outbox_created_idx").on(t.createdAt),
    // A person's mails by address (Mina uppgifter, anonymisation, erasure; decision 017).
    index("mail_outbox_to_lower_idx").on(sql`lower(${t.toAddress})`),
  ],
);

/**
 * A series template: the sessions a series is created with, and its
 * scheduling rule. Nothing in the code assumes three seminars and an exchange.
 */
export const seriesTemplates = sqliteTable(
  "series_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    description: text("description"),
    /** Minimum calendar months between consecutive sessions; null = no such rule. */
    minimumMonthsBetween: integer("minimum_months_between"),
    /** Suggested days between sessions when there is no month rule (e.g. 14 for every other week). */
    intervalDays: integer("interval_days"),
    defaultStartTime: text("default_start_time").notNull().default("08:30"),
    defaultEndTime: text("default_end_time").notNull().default("12:00"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("series_templates_name_uq").on(t.name)],
);

export const templateSessions = sqliteTable(
  "template_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => seriesTemplates.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: SESSION_KINDS }).notNull().default("seminarium"),
    title: text("title").notNull(),
    theme: text("theme"),
    expert: text("expert"),
    studyMaterial: text("study_material"),
    prepHours: real("prep_hours"),
  },
  (t) => [uniqueIndex("template_sessions_position_uq").on(t.templateId, t.position)],
);

/** The exchange session (erfarenhetsutbyte): one event that several series share. */
export const exchangeEvents = sqliteTable(
  "exchange_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    format: text("format", { enum: SESSION_FORMATS }).notNull().default("pa_plats"),
    venue: text("venue"),
    meetingLink: text("meeting_link"),
    expert: text("expert"),
    processLeaderId: integer("process_leader_id").references(() => users.id),
    notes: text("notes"),
    checkinCode: text("checkin_code"),
    checkinMarginMinutes: integer("checkin_margin_minutes").notNull().default(30),
    createdAt: createdAt(),
  },
  (t) => [index("exchange_events_starts_idx").on(t.startsAt), uniqueIndex("exchange_events_checkin_code_uq").on(t.checkinCode)],
);

export const exchangeEventSeries = sqliteTable(
  "exchange_event_series",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => exchangeEvents.id, { onDelete: "cascade" }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.seriesId] }),
    // A series takes part in one exchange session.
    uniqueIndex("exchange_event_series_series_uq").on(t.seriesId),
  ],
);

export const PREP_KINDS = ["dokument", "forelasning"] as const;
export type PrepKind = (typeof PREP_KINDS)[number];

/** Preparation material for a session: documents (link or uploaded PDF) and recorded lectures. */
export const prepMaterials = sqliteTable(
  "prep_materials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesSessionId: integer("series_session_id")
      .notNull()
      .references(() => seriesSessions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: PREP_KINDS }).notNull(),
    title: text("title").notNull(),
    author: text("author"),
    year: integer("year"),
    url: text("url"),
    /** Name of the uploaded PDF under the upload folder (random, not the user's file name). */
    fileKey: text("file_key"),
    fileName: text("file_name"),
    fileSize: integer("file_size"),
    durationMinutes: integer("duration_minutes"),
    createdAt: createdAt(),
  },
  (t) => [index("prep_materials_session_idx").on(t.seriesSessionId)],
);

export const reflectionQuestions = sqliteTable(
  "reflection_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesSessionId: integer("series_session_id")
      .notNull()
      .references(() => seriesSessions.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("reflection_questions_session_idx").on(t.seriesSessionId)],
);

/** The readiness (förankring) checklist a coordinator fills in before the series starts. */
export const seriesReadiness = sqliteTable("series_readiness", {
  seriesId: integer("series_id")
    .primaryKey()
    .references(() => series.id, { onDelete: "cascade" }),
  purpose: text("purpose"),
  initiatorMandate: text("initiator_mandate"),
  participatingFunctions: text("participating_functions"),
  motivation: text("motivation"),
  continuation: text("continuation"),
  ongoingWork: text("ongoing_work"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  updatedById: integer("updated_by_id").references(() => users.id),
});

/**
 * An uploaded participant or attendance list waiting for the coordinator to confirm the
 * preview. Kept as text so the confirmation imports exactly what was previewed.
 */
export const participantImports = sqliteTable(
  "participant_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What the file holds: participants to register, attendance to record, or a survey's paper questionnaires. */
    kind: text("kind", { enum: ["participants", "attendance", "survey"] }).notNull().default("participants"),
    /** For kind "survey": the survey the questionnaires belong to. */
    surveyId: integer("survey_id").references((): AnySQLiteColumn => surveys.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    content: text("content").notNull(),
    importedAt: integer("imported_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("participant_imports_series_idx").on(t.seriesId)],
);

/** Minimum representation per sector for a series: a count, a share, or both. */
export const representationTargets = sqliteTable(
  "representation_targets",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    sector: text("sector", { enum: SECTORS }).notNull(),
    minCount: integer("min_count"),
    minSharePercent: integer("min_share_percent"),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.sector] })],
);

/** The targets a new series gets from its template. */
export const templateTargets = sqliteTable(
  "template_targets",
  {
    templateId: integer("template_id")
      .notNull()
      .references(() => seriesTemplates.id, { onDelete: "cascade" }),
    sector: text("sector", { enum: SECTORS }).notNull(),
    minCount: integer("min_count"),
    minSharePercent: integer("min_share_percent"),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.sector] })],
);

export const INVITATION_STATUSES = ["inbjuden", "accepterat", "avbojt"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * An invitation to a series, to a registered participant or to a contact not
 * yet registered (e.g. someone at BUP). "Inget svar" is not stored: it is an
 * invitation still "inbjuden" once the first session has started.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    personId: integer("person_id").references(() => people.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailNormalized: text("email_normalized").notNull(),
    workplace: text("workplace"),
    sector: text("sector", { enum: SECTORS }).notNull(),
    jobTitle: text("job_title"),
    /** Suggested from the job title, so invitations can be counted per role category. */
    roleCategory: text("role_category", { enum: ROLE_CATEGORIES }),
    status: text("status", { enum: INVITATION_STATUSES }).notNull().default("inbjuden"),
    declineReason: text("decline_reason"),
    /** SHA-256 of the personal reply link's token; null once the reply is given. */
    tokenHash: text("token_hash"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    reminderCount: integer("reminder_count").notNull().default(0),
    lastReminderAt: integer("last_reminder_at", { mode: "timestamp_ms" }),
    /** Set when the automatic reminder was claimed, so a restart never sends it twice. */
    autoReminderAt: integer("auto_reminder_at", { mode: "timestamp_ms" }),
    createdById: integer("created_by_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("invitations_series_email_uq").on(t.seriesId, t.emailNormalized),
    uniqueIndex("invitations_token_uq").on(t.tokenHash),
    index("invitations_status_idx").on(t.seriesId, t.status),
    // Deleting or erasing a person sets this to null: without an index that reads every invitation.
    index("invitations_person_idx").on(t.personId),
    // A person's invitations by address, across series (anonymisation and erasure, decision 017).
    index("invitations_email_idx").on(t.emailNormalized),
  ],
);

// ---------------------------------------------------------------------------
// Surveys (issue #7, decision 010). Templates are data; a survey is a template
// given to one series with its own opening times and anonymous link. Responses
// carry no person: not a person id, not a time of day – only the day, the
// series, the session and the sector and role the respondent gave.
// ---------------------------------------------------------------------------

export const SURVEY_PHASES = ["pre", "post", "other"] as const;
export type SurveyPhase = (typeof SURVEY_PHASES)[number];

/** Likert: 1–5 or Vet ej. likert_now_then: the same scale twice, now (har) and at the start (hade). */
export const SURVEY_ITEM_KINDS = ["likert", "likert_now_then", "single", "multiple", "text"] as const;
export type SurveyItemKind = (typeof SURVEY_ITEM_KINDS)[number];

/** A single-choice item whose answer is the respondent's sector or role category. */
export const SURVEY_RESPONDENT_FIELDS = ["sector", "role"] as const;
export type SurveyRespondentField = (typeof SURVEY_RESPONDENT_FIELDS)[number];

export const SURVEY_CHANNELS = ["personal", "session_link", "paper", "import"] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

/** The ROS model's themes for coding free-text answers. */
export const ROS_THEMES = ["regelverk", "organisation", "synsatt"] as const;
export type RosTheme = (typeof ROS_THEMES)[number];

export const surveyTemplates = sqliteTable("survey_templates", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Built-in templates have a key ("forenkat", "efterenkat", "nu-jamfort-med-start"); custom ones null. */
  key: text("key").unique(),
  name: text("name").notNull(),
  /** Decides the category wording: pre "förväntningar", post "bidragit i … grad". */
  phase: text("phase", { enum: SURVEY_PHASES }).notNull(),
  intro: text("intro"),
  builtIn: integer("built_in", { mode: "boolean" }).notNull().default(false),
  createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export type SurveyOption = { value: string; label: string };

export const surveyItems = sqliteTable(
  "survey_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => surveyTemplates.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** The questionnaire's own numbering: "1", "4a". Paper entry and CSV import use it. */
    code: text("code").notNull(),
    kind: text("kind", { enum: SURVEY_ITEM_KINDS }).notNull(),
    /** Shared stem or theme shown above a run of items ("Jag har förväntningar på att seminarieserien kan öka:"). */
    leadIn: text("lead_in"),
    prompt: text("prompt").notNull(),
    /** Choices of single and multiple items, in order. */
    options: text("options", { mode: "json" }).$type<SurveyOption[]>(),
    /** Likert end labels; null gives "Stämmer inte alls" / "Stämmer helt". */
    lowLabel: text("low_label"),
    highLabel: text("high_label"),
    respondentField: text("respondent_field", { enum: SURVEY_RESPONDENT_FIELDS }),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("survey_items_position_uq").on(t.templateId, t.position), uniqueIndex("survey_items_code_uq").on(t.templateId, t.code)],
);

/** A named index: the mean of the answered Likert items in it (Kunskap = mean(4a, 4b)). */
export const surveyIndices = sqliteTable(
  "survey_indices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => surveyTemplates.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("survey_indices_position_uq").on(t.templateId, t.position)],
);

export const surveyIndexItems = sqliteTable(
  "survey_index_items",
  {
    indexId: integer("index_id")
      .notNull()
      .references(() => surveyIndices.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => surveyItems.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.indexId, t.itemId] })],
);

/** A template given to one series: when it is open, and its anonymous link for the room. */
export const surveys = sqliteTable(
  "surveys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    templateId: integer("template_id")
      .notNull()
      .references(() => surveyTemplates.id),
    /** The session it is answered at (pre: seminar 1, post: the last seminar). */
    seriesSessionId: integer("series_session_id").references(() => seriesSessions.id, { onDelete: "set null" }),
    /** Set by a process leader; null follows the session (the default rule in app/lib/survey-window.ts). */
    opensAt: integer("opens_at", { mode: "timestamp_ms" }),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }),
    /** The anonymous session link and QR code: /enkat/<code>. Random, not derived from anything. */
    publicCode: text("public_code").notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("surveys_series_template_uq").on(t.seriesId, t.templateId)],
);

/** A participant's personal link to a survey. Only the token's SHA-256 is stored. */
export const surveyLinks = sqliteTable(
  "survey_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("survey_links_survey_person_uq").on(t.surveyId, t.personId), index("survey_links_person_idx").on(t.personId)],
);

/**
 * That a person has answered through their personal link – so the link is not
 * used twice – and nothing else: no response id and no time, so it cannot be
 * joined to the answers.
 */
export const surveyReceipts = sqliteTable(
  "survey_receipts",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.personId] }), index("survey_receipts_person_idx").on(t.personId)],
);

/** One questionnaire. The id is random so that the order of answering cannot be read from it. */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: text("id").primaryKey(),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    seriesSessionId: integer("series_session_id").references(() => seriesSessions.id, { onDelete: "set null" }),
    /** As the respondent gave them (null: not answered). */
    sector: text("sector", { enum: SECTORS }),
    roleCategory: text("role_category", { enum: ROLE_CATEGORIES }),
    /** Pseudonymous pairing code chosen by or given to the respondent, upper-cased; never derived from identity. */
    pairCode: text("pair_code"),
    channel: text("channel", { enum: SURVEY_CHANNELS }).notNull(),
    /** The form's one-time key: a second submit of the same form is recognised, not stored twice. */
    submissionKey: text("submission_key").notNull().unique(),
    /** The day only (YYYY-MM-DD, Stockholm), never the time. */
    submittedOn: text("submitted_on").notNull(),
  },
  (t) => [index("survey_responses_survey_idx").on(t.surveyId, t.sector), index("survey_responses_series_idx").on(t.seriesId), index("survey_responses_pair_idx").on(t.seriesId, t.pairCode)],
);

export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => surveyItems.id, { onDelete: "cascade" }),
    /** Likert 1–5 (for likert_now_then: now); null with dontKnow for Vet ej. */
    value: integer("value"),
    dontKnow: integer("dont_know", { mode: "boolean" }).notNull().default(false),
    /** likert_now_then: at the start (hade). */
    valueThen: integer("value_then"),
    dontKnowThen: integer("dont_know_then", { mode: "boolean" }).notNull().default(false),
    /** Single choice: the option's value. */
    choice: text("choice"),
    /** Multiple choice: the options' values. */
    choices: text("choices", { mode: "json" }).$type<string[]>(),
    text: text("text"),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] }), index("survey_answers_item_idx").on(t.itemId, t.value)],
);

/** A process leader's ROS coding of one free-text answer. */
export const surveyTextTags = sqliteTable(
  "survey_text_tags",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => surveyItems.id, { onDelete: "cascade" }),
    theme: text("theme", { enum: ROS_THEMES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId, t.theme] })],
);

// ---------------------------------------------------------------------------
// Participant portal (issue #8, decision 011). Participants have no password:
// they sign in through a single-use e-mailed link and stay signed in on that
// device for up to 30 days.
// ---------------------------------------------------------------------------

/** A participant's single-use sign-in link. Only the SHA-256 of the token is stored. */
export const magicLinks = sqliteTable(
  "magic_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    /** Where to go after signing in (a same-site path), e.g. a session page. */
    redirectTo: text("redirect_to"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("magic_links_hash_uq").on(t.tokenHash), index("magic_links_person_idx").on(t.personId)],
);

/** A participant's signed-in device. The id is the SHA-256 of the cookie value. */
export const participantSessions = sqliteTable(
  "participant_sessions",
  {
    id: text("id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("participant_sessions_person_idx").on(t.personId)],
);

export const SESSION_REPLIES = ["kommer", "kommer_inte"] as const;
export type SessionReply = (typeof SESSION_REPLIES)[number];

/** A participant's own reply for one session: coming or not. */
export const sessionReplies = sqliteTable(
  "session_replies",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    seriesSessionId: integer("series_session_id")
      .notNull()
      .references(() => seriesSessions.id, { onDelete: "cascade" }),
    reply: text("reply", { enum: SESSION_REPLIES }).notNull(),
    repliedAt: integer("replied_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesSessionId, t.personId] }), index("session_replies_person_idx").on(t.personId)],
);

export const SUBSTITUTION_STATUSES = ["foreslagen", "bekraftad", "avvisad"] as const;
export type SubstitutionStatus = (typeof SUBSTITUTION_STATUSES)[number];

/**
 * A substitute named by a participant who cannot come. It stays "föreslagen"
 * until the coordinator confirms it; only then is the colleague registered and
 * mailed (the app never mails an address a participant typed without a
 * coordinator's say-so).
 */
export const substitutions = sqliteTable(
  "substitutions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    seriesSessionId: integer("series_session_id")
      .notNull()
      .references(() => seriesSessions.id, { onDelete: "cascade" }),
    /** The participant who cannot come. */
    forPersonId: integer("for_person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailNormalized: text("email_normalized").notNull(),
    workplace: text("workplace"),
    status: text("status", { enum: SUBSTITUTION_STATUSES }).notNull().default("foreslagen"),
    /** Set on confirmation: the colleague's person record. */
    substitutePersonId: integer("substitute_person_id").references(() => people.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    handledAt: integer("handled_at", { mode: "timestamp_ms" }),
    handledById: integer("handled_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("substitutions_session_idx").on(t.seriesSessionId, t.status),
    index("substitutions_for_person_idx").on(t.forPersonId),
    index("substitutions_substitute_idx").on(t.substitutePersonId),
    index("substitutions_email_idx").on(t.emailNormalized),
  ],
);

/** A prep material the participant has marked read (document) or watched (lecture). */
export const prepProgress = sqliteTable(
  "prep_progress",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    prepMaterialId: integer("prep_material_id")
      .notNull()
      .references(() => prepMaterials.id, { onDelete: "cascade" }),
    doneAt: integer("done_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.prepMaterialId] }), index("prep_progress_material_idx").on(t.prepMaterialId)],
);

/** A participant's reflection on one reflection question. Private unless `shared`. */
export const reflections = sqliteTable(
  "reflections",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    reflectionQuestionId: integer("reflection_question_id")
      .notNull()
      .references(() => reflectionQuestions.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    /** Shared with colleagues from the same municipality in the same series. */
    shared: integer("shared", { mode: "boolean" }).notNull().default(false),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.reflectionQuestionId] }),
    index("reflections_question_idx").on(t.reflectionQuestionId, t.shared),
  ],
);

export const DATA_REQUEST_KINDS = ["rattelse", "radering"] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_STATUSES = ["ny", "genomford", "avslagen"] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/**
 * A participant's request to correct or erase their data, in the coordinators'
 * queue. The requester's name and e-mail are copied so the record of how it
 * was handled survives an erasure.
 */
export const dataRequests = sqliteTable(
  "data_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id").references(() => people.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    kind: text("kind", { enum: DATA_REQUEST_KINDS }).notNull(),
    message: text("message").notNull(),
    status: text("status", { enum: DATA_REQUEST_STATUSES }).notNull().default("ny"),
    createdAt: createdAt(),
    handledAt: integer("handled_at", { mode: "timestamp_ms" }),
    handledById: integer("handled_by_id").references(() => users.id, { onDelete: "set null" }),
    /** What the coordinator did, in their words. */
    handlingNote: text("handling_note"),
  },
  (t) => [index("data_requests_status_idx").on(t.status, t.createdAt), index("data_requests_person_idx").on(t.personId)],
);

/** Per data request, the series whose coordinators may handle it (the requester's series when asked). */
export const dataRequestSeries = sqliteTable(
  "data_request_series",
  {
    dataRequestId: integer("data_request_id")
      .notNull()
      .references(() => dataRequests.id, { onDelete: "cascade" }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.dataRequestId, t.seriesId] }), index("data_request_series_series_idx").on(t.seriesId)],
);

// ---------------------------------------------------------------------------
// Mixed discussion groups (issue #9, decision 012). One set of groups per
// occasion (a session or the exchange event). Members are a snapshot: name,
// sector, role and municipality as they were when the groups were made, so a
// later change to a person does not rewrite old groups.
// ---------------------------------------------------------------------------

export const GROUP_SET_STATUSES = ["utkast", "publicerad"] as const;
export type GroupSetStatus = (typeof GROUP_SET_STATUSES)[number];

/** Settings a process leader chose; kept so "regenerate" and "shuffle" use the same. */
export type GroupSettings = {
  /** "size": aim for `value` people per group; "count": exactly `value` groups. */
  mode: "size" | "count";
  value: number;
  /** Pairs of person ids to keep together, and to keep apart. */
  together: [number, number][];
  apart: [number, number][];
  /** Person ids of fixed facilitators, one per group in group order. */
  facilitators: number[];
};

export const groupSets = sqliteTable(
  "group_sets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesSessionId: integer("series_session_id").references(() => seriesSessions.id, { onDelete: "cascade" }),
    exchangeEventId: integer("exchange_event_id").references(() => exchangeEvents.id, { onDelete: "cascade" }),
    seed: integer("seed").notNull(),
    groupCount: integer("group_count").notNull(),
    settings: text("settings", { mode: "json" }).$type<GroupSettings>().notNull(),
    status: text("status", { enum: GROUP_SET_STATUSES }).notNull().default("utkast"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("group_sets_session_uq").on(t.seriesSessionId),
    uniqueIndex("group_sets_event_uq").on(t.exchangeEventId),
  ],
);

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupSetId: integer("group_set_id")
      .notNull()
      .references(() => groupSets.id, { onDelete: "cascade" }),
    /** 1-based group number. */
    groupNo: integer("group_no").notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Snapshot at the time the groups were made. */
    name: text("name").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    roleCategory: text("role_category", { enum: ROLE_CATEGORIES }).notNull(),
    organisationId: integer("organisation_id").references(() => organisations.id),
    organisationName: text("organisation_name"),
    /** The series the person came through (matters at the exchange event). */
    seriesId: integer("series_id").references(() => series.id, { onDelete: "set null" }),
    facilitator: integer("facilitator", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.groupSetId, t.personId] }),
    index("group_members_set_group_idx").on(t.groupSetId, t.groupNo),
    index("group_members_person_idx").on(t.personId),
  ],
);

/**
 * Problems reported through the accessibility statement's form
 * (/tillganglighetsredogorelse). Anyone may report, signed in or not; name and
 * e-mail are optional, so a report holds only what the reporter chose to give.
 */
export const accessibilityReports = sqliteTable(
  "accessibility_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name"),
    email: text("email"),
    /** The page the problem is on, as the reporter wrote it. */
    pageUrl: text("page_url"),
    description: text("description").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("accessibility_reports_created_idx").on(t.createdAt)],
);

/**
 * The audit log (issue #11 item 5, decision 016): who changed attendance,
 * participants, series, accounts and settings, and who exported personal
 * data, with the time. Append-only: triggers in the migration refuse every
 * UPDATE, and every DELETE of a row younger than two years (the log's own
 * retention). No foreign keys, so an entry outlives the user, series or
 * person it names. It holds ids and counts, never a participant's name or
 * e-mail address, so erasing a person never needs to rewrite the log.
 */
export const AUDIT_ACTOR_KINDS = ["staff", "participant", "system"] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorKind: text("actor_kind", { enum: AUDIT_ACTOR_KINDS }).notNull(),
    /** The staff user who acted; kept as a plain number, not a foreign key. */
    actorUserId: integer("actor_user_id"),
    /** The participant who acted (check-in, reply, own data); plain number. */
    actorPersonId: integer("actor_person_id"),
    /** Staff name and role at the time, or the system job's name ("npm run backup"). */
    actorLabel: text("actor_label").notNull(),
    /** What was done, from AUDIT_ACTIONS in app/models/audit-log.server.ts. */
    action: text("action").notNull(),
    /** The kind of thing acted on, and its id as text ("series", "12"). */
    entityKind: text("entity_kind").notNull(),
    entityId: text("entity_id"),
    /** The series the change belongs to, when there is one: filters and scope. */
    seriesId: integer("series_id"),
    /** Ids, counts and changed field names as JSON; never names or addresses of participants. */
    details: text("details"),
    ip: text("ip"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_action_at_idx").on(t.action, t.at),
    index("audit_log_actor_user_at_idx").on(t.actorUserId, t.at),
    index("audit_log_series_at_idx").on(t.seriesId, t.at),
    index("audit_log_entity_idx").on(t.entityKind, t.entityId),
  ],
);

/**
 * How long each kind of personal data is kept (issue #11 item 6, decision
 * 017). One row per kind that a process leader has changed; a kind without a
 * row uses its default from RETENTION_KINDS in app/models/retention.server.ts.
 * The unit (months or days) belongs to the kind, not to the row.
 */
export const retentionSettings = sqliteTable("retention_settings", {
  kind: text("kind").primaryKey(),
  value: integer("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
});
