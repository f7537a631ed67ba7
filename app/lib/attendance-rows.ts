/**
 * The attendance import's rows: maps the headers (E-post; Tillfälle; Status;
 * Ersätter), reads each row's values, and checks every row against what the
 * database knows about the series, handed in as an `AttendanceImportContext`.
 * Pure, so the rules are tested without a database; the model gathers the
 * context and writes the planned rows in one transaction.
 */
import { z } from "zod";
import type { AttendanceStatus } from "../../db/schema";
import type { Occasion } from "~/models/attendance.server";
import { countsAsPresent, statusChangeProblem, substituteProblem, type StatusProblem, type SubstituteProblem } from "./attendance-rules";
import { mapColumns, type CsvTable } from "./csv";
import { normalizeEmail } from "./email";
import { HEADER_ALIASES } from "./participant-rows";

export const ATTENDANCE_COLUMNS = ["email", "session", "status", "substituteFor"] as const;
export type AttendanceColumn = (typeof ATTENDANCE_COLUMNS)[number];

/** The header of the downloadable template, in column order. */
export const ATTENDANCE_TEMPLATE_HEADER = ["E-post", "Tillfälle", "Status", "Ersätter"];

const ALIASES: Record<AttendanceColumn, readonly string[]> = {
  email: HEADER_ALIASES.email,
  session: ["tillfälle", "tillfalle", "seminarium", "träff", "session", "occasion"],
  status: ["status", "närvaro", "narvaro", "närvarostatus", "attendance"],
  substituteFor: ["ersätter", "ersatter", "ersättare för", "ersattare for", "i stället för", "substitute for", "replaces"],
};

const REQUIRED: AttendanceColumn[] = ["email", "session", "status"];

/** The Swedish header of a column, for messages. */
export const attendanceColumnLabel = (column: string) =>
  ATTENDANCE_TEMPLATE_HEADER[ATTENDANCE_COLUMNS.indexOf(column as AttendanceColumn)] ?? column;

export function mapAttendanceHeader(header: string[]) {
  return mapColumns(header, ALIASES, REQUIRED);
}

/** Lower case, dashes and underscores as spaces, spaces folded: "Frånvarande – anmält" → "frånvarande anmält". */
const fold = (value: string) =>
  value
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212_-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const STATUS_WORDS: Record<string, AttendanceStatus> = {
  närvarande: "narvarande",
  narvarande: "narvarande",
  "sen ankomst": "sen",
  sen: "sen",
  "frånvarande anmält": "franvarande_anmalt",
  "franvarande anmalt": "franvarande_anmalt",
  "anmält frånvaro": "franvarande_anmalt",
  "anmäld frånvaro": "franvarande_anmalt",
  "frånvarande ej anmält": "franvarande_ej_anmalt",
  "franvarande ej anmalt": "franvarande_ej_anmalt",
  "ej anmält": "franvarande_ej_anmalt",
  "ej anmäld frånvaro": "franvarande_ej_anmalt",
  ersatt: "ersatt",
};

/** A status as written in the file: the Swedish labels or the codes, any case, any dash. */
export function parseAttendanceStatus(value: string): AttendanceStatus | null {
  return STATUS_WORDS[fold(value)] ?? null;
}

export type SessionRef = { kind: "seminar"; position: number } | { kind: "exchange" };

/** "2", "2.", "Seminarium 2", "Tillfälle 2"; or "Utbyte" / "Erfarenhetsutbyte" for the exchange. */
export function parseSessionRef(value: string): SessionRef | null {
  const v = fold(value);
  if (v === "utbyte" || v === "erfarenhetsutbyte") return { kind: "exchange" };
  const match = /^(?:seminarium |tillfälle |tillfalle )?(\d{1,3})\.?$/.exec(v);
  if (!match) return null;
  const position = Number(match[1]);
  return position >= 1 ? { kind: "seminar", position } : null;
}

export type AttendanceImportIssue =
  | "attendanceImport.error.emailInvalid"
  | "attendanceImport.error.sessionInvalid"
  | "attendanceImport.error.statusUnknown"
  | "attendanceImport.error.statusReplaced"
  | "attendanceImport.error.substituteForInvalid"
  | "attendanceImport.error.personUnknown"
  | "attendanceImport.error.substituteForUnknown"
  | "attendanceImport.error.noSuchSession"
  | "attendanceImport.error.noExchange"
  | "attendanceImport.error.notEnrolled"
  | "attendanceImport.error.otherSeries"
  | "attendanceImport.error.substituteStatus"
  | "attendanceImport.error.duplicate"
  | "attendanceImport.error.seatTakenInFile"
  | "attendanceImport.error.replacedInFile";

export type RowIssue = { key: AttendanceImportIssue | StatusProblem | SubstituteProblem; params?: Record<string, string | number> };

/** One row as read from the file, with the problems visible without the database. */
export type AttendanceRow = {
  line: number;
  email: string;
  sessionText: string;
  session: SessionRef | null;
  statusText: string;
  status: AttendanceStatus | null;
  substituteForEmail: string | null;
  errors: RowIssue[];
};

const emailSchema = z.string().email().max(254);

export function readAttendanceRows(table: CsvTable): AttendanceRow[] {
  const { columns } = mapAttendanceHeader(table.header);
  const cell = (cells: string[], column: AttendanceColumn) => {
    const index = columns[column];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  return table.rows.map(({ line, cells }) => {
    const errors: RowIssue[] = [];
    const email = cell(cells, "email");
    const sessionText = cell(cells, "session");
    const statusText = cell(cells, "status");
    const substituteForEmail = cell(cells, "substituteFor") || null;
    if (!emailSchema.safeParse(email).success) errors.push({ key: "attendanceImport.error.emailInvalid" });
    const session = parseSessionRef(sessionText);
    if (!session) errors.push({ key: "attendanceImport.error.sessionInvalid", params: { value: sessionText } });
    const status = parseAttendanceStatus(statusText);
    if (!status) errors.push({ key: "attendanceImport.error.statusUnknown", params: { value: statusText } });
    else if (status === "ersatt") errors.push({ key: "attendanceImport.error.statusReplaced" });
    if (substituteForEmail !== null && !emailSchema.safeParse(substituteForEmail).success) {
      errors.push({ key: "attendanceImport.error.substituteForInvalid" });
    }
    return { line, email, sessionText, session, statusText, status, substituteForEmail, errors };
  });
}

/** A person's current row at one occasion. */
export type ExistingAttendance = { seriesId: number; status: AttendanceStatus; substituteFor: number | null; walkIn: boolean };

export type ImportOccasion = { key: string; occasion: Occasion };

/** What the database knows, as the checks need it. */
export type AttendanceImportContext = {
  seriesId: number;
  /** The series' sessions by position. */
  sessions: Map<number, ImportOccasion>;
  /** The exchange event the series takes part in, if any. */
  exchange: ImportOccasion | null;
  /** Registered people by normalised e-mail. */
  people: Map<string, { id: number; name: string }>;
  /** People enrolled in this series. */
  enrolled: Set<number>;
  /** Current rows by occasion key, then person id (at the exchange: every series' rows). */
  attendance: Map<string, Map<number, ExistingAttendance>>;
};

/** One row to write with `writeAttendanceRow`. */
export type AttendanceWrite = {
  occasion: Occasion;
  seriesId: number;
  personId: number;
  status: AttendanceStatus;
  substituteForPersonId: number | null;
  walkIn: boolean;
};

export type RowOutcome = "new" | "change" | "unchanged" | "error";

export type AttendancePreviewRow = {
  line: number;
  email: string;
  name: string | null;
  sessionText: string;
  session: SessionRef | null;
  /** What the row's person will have after the import; for a replaced seat, "ersatt". */
  status: AttendanceStatus | null;
  previous: AttendanceStatus | null;
  substituteFor: { email: string; name: string | null } | null;
  /** The line of the substitute's row when this person's seat is filled by someone in the file. */
  replacedOnLine: number | null;
  outcome: RowOutcome;
  errors: RowIssue[];
};

export type AttendancePlan = { rows: AttendancePreviewRow[]; counts: Record<RowOutcome, number>; writes: AttendanceWrite[] };

/**
 * Checks every row against the series and the other rows of the file, and
 * plans the writes. Rows that change nothing are not written again.
 *
 * Own rows: the person must be enrolled in this series or already be on the
 * occasion's roster (a substitute or walk-in). A seat whose substitute is
 * known (in the database or on another row) takes no present status, and an
 * absent status there just confirms "ersatt".
 *
 * Substitute rows (column Ersätter): the row's person filled the seat of the
 * enrolled person named there, by the same rules as on the roster.
 */
export function checkAttendanceRows(parsed: AttendanceRow[], context: AttendanceImportContext): AttendancePlan {
  const personOf = (email: string) => context.people.get(normalizeEmail(email)) ?? null;
  const substituteOf = new Map<string, Map<number, number>>();
  for (const [key, rows] of context.attendance) {
    const bySeat = new Map<number, number>();
    for (const [personId, row] of rows) if (row.substituteFor !== null) bySeat.set(row.substituteFor, personId);
    substituteOf.set(key, bySeat);
  }

  type Checked = AttendancePreviewRow & { occasion: ImportOccasion | null; personId: number | null; absentId: number | null };
  const firstLine = new Map<string, number>();
  const seatLine = new Map<string, number>();
  const checked: Checked[] = parsed.map((row) => {
    const errors = [...row.errors];
    const has = (key: RowIssue["key"]) => errors.some((e) => e.key === key);
    const person = has("attendanceImport.error.emailInvalid") ? null : personOf(row.email);
    if (!person && !has("attendanceImport.error.emailInvalid")) errors.push({ key: "attendanceImport.error.personUnknown", params: { email: row.email } });
    const absent = row.substituteForEmail && !has("attendanceImport.error.substituteForInvalid") ? personOf(row.substituteForEmail) : null;
    if (row.substituteForEmail && !absent && !has("attendanceImport.error.substituteForInvalid")) {
      errors.push({ key: "attendanceImport.error.substituteForUnknown", params: { email: row.substituteForEmail } });
    }
    let occasion: ImportOccasion | null = null;
    if (row.session?.kind === "seminar") {
      occasion = context.sessions.get(row.session.position) ?? null;
      if (!occasion) errors.push({ key: "attendanceImport.error.noSuchSession", params: { position: row.session.position, count: context.sessions.size } });
    } else if (row.session?.kind === "exchange") {
      occasion = context.exchange;
      if (!occasion) errors.push({ key: "attendanceImport.error.noExchange" });
    }
    // The same person twice at one occasion, and the same seat filled twice, are found within the file.
    if (occasion) {
      const who = person ? `id:${person.id}` : `email:${normalizeEmail(row.email)}`;
      const earlier = firstLine.get(`${occasion.key}|${who}`);
      if (earlier !== undefined) errors.push({ key: "attendanceImport.error.duplicate", params: { name: person?.name ?? row.email, line: earlier } });
      else firstLine.set(`${occasion.key}|${who}`, row.line);
      if (absent) {
        const seat = `${occasion.key}|${absent.id}`;
        const taken = seatLine.get(seat);
        if (taken !== undefined) errors.push({ key: "attendanceImport.error.seatTakenInFile", params: { name: absent.name, line: taken } });
        else seatLine.set(seat, row.line);
      }
    }
    return {
      line: row.line,
      email: row.email,
      name: person?.name ?? null,
      sessionText: row.sessionText,
      session: row.session,
      status: row.status,
      previous: null,
      substituteFor: row.substituteForEmail ? { email: row.substituteForEmail, name: absent?.name ?? null } : null,
      replacedOnLine: null,
      outcome: "error",
      errors,
      occasion,
      personId: person?.id ?? null,
      absentId: absent?.id ?? null,
    };
  });

  const writes: AttendanceWrite[] = [];
  const counts: Record<RowOutcome, number> = { new: 0, change: 0, unchanged: 0, error: 0 };
  const rows = checked.map(({ occasion, personId, absentId, ...row }): AttendancePreviewRow => {
    const outcome = (result: Omit<AttendancePreviewRow, "outcome"> & { outcome?: RowOutcome }): AttendancePreviewRow => {
      const final: RowOutcome = result.errors.length ? "error" : result.outcome ?? "error";
      counts[final]++;
      return { ...result, outcome: final };
    };
    if (row.errors.length || !occasion || personId === null || row.status === null) return outcome(row);
    const atOccasion = context.attendance.get(occasion.key) ?? new Map<number, ExistingAttendance>();
    const existing = atOccasion.get(personId) ?? null;
    const previous = existing?.status ?? null;
    const errors: RowIssue[] = [];
    const name = row.name ?? row.email;
    if (existing && existing.seriesId !== context.seriesId) {
      errors.push({ key: "attendanceImport.error.otherSeries", params: { name } });
      return outcome({ ...row, previous, errors });
    }
    const change = (status: AttendanceStatus): RowOutcome => (previous === null ? "new" : previous === status ? "unchanged" : "change");

    if (absentId !== null) {
      // B came in A's place: B present (or late) as A's substitute, A "ersatt".
      const absentRow = atOccasion.get(absentId) ?? null;
      const seatedBy = substituteOf.get(occasion.key)?.get(absentId);
      const sameAsBefore = seatedBy === personId;
      if (!countsAsPresent(row.status)) errors.push({ key: "attendanceImport.error.substituteStatus" });
      if (absentRow && absentRow.seriesId !== context.seriesId) {
        errors.push({ key: "attendanceImport.error.otherSeries", params: { name: row.substituteFor?.name ?? "" } });
      }
      const problem = substituteProblem({
        absentPersonId: absentId,
        substitutePersonId: personId,
        absentIsEnrolled: context.enrolled.has(absentId) && (absentRow?.substituteFor ?? null) === null,
        absentAlreadySubstituted: seatedBy !== undefined && !sameAsBefore,
        substituteIsEnrolled: context.enrolled.has(personId),
        substituteOnRoster: existing !== null && !sameAsBefore,
      });
      if (problem) errors.push({ key: problem, params: { name } });
      if (errors.length) return outcome({ ...row, previous, errors });
      const result = change(row.status);
      if (result !== "unchanged") {
        writes.push({ occasion: occasion.occasion, seriesId: context.seriesId, personId, status: row.status, substituteForPersonId: absentId, walkIn: false });
      }
      if (absentRow?.status !== "ersatt") {
        writes.push({ occasion: occasion.occasion, seriesId: context.seriesId, personId: absentId, status: "ersatt", substituteForPersonId: null, walkIn: false });
      }
      return outcome({ ...row, previous, errors, outcome: result === "unchanged" && absentRow?.status !== "ersatt" ? "change" : result });
    }

    if (!context.enrolled.has(personId) && !existing) {
      errors.push({ key: "attendanceImport.error.notEnrolled", params: { name } });
      return outcome({ ...row, previous, errors });
    }
    // A seat someone else filled: absent confirms "ersatt"; present contradicts the substitute.
    const replacedOnLine = seatLine.get(`${occasion.key}|${personId}`) ?? null;
    const replacedInDb = substituteOf.get(occasion.key)?.has(personId) ?? false;
    if (replacedOnLine !== null || replacedInDb) {
      if (countsAsPresent(row.status)) {
        errors.push(
          replacedOnLine !== null
            ? { key: "attendanceImport.error.replacedInFile", params: { name, line: replacedOnLine } }
            : { key: "attendance.error.removeSubstituteFirst" },
        );
        return outcome({ ...row, previous, errors });
      }
      // The substitute's row writes "ersatt"; a seat already replaced stays as it is.
      return outcome({ ...row, status: "ersatt", previous, replacedOnLine, errors, outcome: change("ersatt") });
    }
    const problem = statusChangeProblem({ status: row.status, hasSubstitute: false, isSubstitute: (existing?.substituteFor ?? null) !== null });
    if (problem) {
      errors.push({ key: problem });
      return outcome({ ...row, previous, errors });
    }
    const result = change(row.status);
    if (result !== "unchanged") {
      writes.push({
        occasion: occasion.occasion,
        seriesId: context.seriesId,
        personId,
        status: row.status,
        substituteForPersonId: existing?.substituteFor ?? null,
        walkIn: existing?.walkIn ?? false,
      });
    }
    return outcome({ ...row, previous, errors, outcome: result });
  });
  return { rows, counts, writes };
}
