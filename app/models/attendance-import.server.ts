/**
 * The attendance import's database side: what the row checks need to know
 * about a series, the pending uploads (kept in `participant_imports` under the
 * "attendance" kind), and the all-or-nothing write of a checked file.
 */
import { eq, inArray, or } from "drizzle-orm";
import type { AttendanceImportContext, AttendanceWrite, ExistingAttendance, ImportOccasion } from "~/lib/attendance-rows";
import { writeAttendanceRow } from "./attendance.server";
import { getDb, schema, writeTransaction } from "./db.server";
import { exchangeForSeries } from "./exchange.server";
import { enrolledPersonIds, getPendingImport, markImportDone, peopleByEmail, savePendingImport } from "./participant.server";
import { audit, type AuditMeta } from "./audit-log.server";

const { attendance, seriesSessions } = schema;

const sessionKey = (id: number) => `s${id}`;
const exchangeKey = (id: number) => `e${id}`;

/** The series' sessions by position, with their dates for the preview. */
export function importOccasions({ seriesId }: { seriesId: number }) {
  const sessions = getDb()
    .select({ id: seriesSessions.id, position: seriesSessions.position, title: seriesSessions.title, startsAt: seriesSessions.startsAt })
    .from(seriesSessions)
    .where(eq(seriesSessions.seriesId, seriesId))
    .orderBy(seriesSessions.position)
    .all();
  return { sessions, exchange: exchangeForSeries({ seriesId }) };
}

/**
 * Everything the checks of one file need: the occasions, the people named in
 * it, who is enrolled, and the rows already recorded at the series' sessions
 * and its exchange event (there every series' rows, since a seat is per occasion).
 */
export function attendanceImportContext({ seriesId, emails }: { seriesId: number; emails: string[] }): AttendanceImportContext {
  const { sessions, exchange } = importOccasions({ seriesId });
  const bySession = new Map<number, ImportOccasion>(
    sessions.map((s) => [s.position, { key: sessionKey(s.id), occasion: { kind: "session", seriesId, sessionId: s.id } }]),
  );
  const exchangeOccasion: ImportOccasion | null = exchange ? { key: exchangeKey(exchange.id), occasion: { kind: "exchange", eventId: exchange.id } } : null;
  const sessionIds = sessions.map((s) => s.id);
  const rows = getDb()
    .select({
      sessionId: attendance.seriesSessionId,
      eventId: attendance.exchangeEventId,
      personId: attendance.personId,
      seriesId: attendance.seriesId,
      status: attendance.status,
      substituteFor: attendance.substituteForPersonId,
      walkIn: attendance.walkIn,
    })
    .from(attendance)
    .where(
      or(
        sessionIds.length ? inArray(attendance.seriesSessionId, sessionIds) : undefined,
        exchange ? eq(attendance.exchangeEventId, exchange.id) : undefined,
      ) ?? eq(attendance.id, -1),
    )
    .all();
  const byOccasion = new Map<string, Map<number, ExistingAttendance>>();
  for (const row of rows) {
    const key = row.sessionId !== null ? sessionKey(row.sessionId) : exchangeKey(row.eventId!);
    if (!byOccasion.has(key)) byOccasion.set(key, new Map());
    byOccasion.get(key)!.set(row.personId, { seriesId: row.seriesId, status: row.status, substituteFor: row.substituteFor, walkIn: row.walkIn });
  }
  return {
    seriesId,
    sessions: bySession,
    exchange: exchangeOccasion,
    people: peopleByEmail({ emails }),
    enrolled: enrolledPersonIds({ seriesId }),
    attendance: byOccasion,
  };
}

export function savePendingAttendanceImport(input: { seriesId: number; userId: number; fileName: string; content: string }): number {
  return savePendingImport({ ...input, kind: "attendance" });
}

/** A pending attendance import of the series; participant imports (and other series') are not found. */
export function getPendingAttendanceImport({ seriesId, importId }: { seriesId: number; importId: number }) {
  return getPendingImport({ seriesId, importId, kind: "attendance" });
}

/**
 * Writes every planned row, each with its history line (source "import"), and
 * marks the upload done, in one transaction: any failure leaves nothing
 * written, and a second confirmation throws ImportAlreadyDoneError.
 */
export function importAttendance({
  importId,
  writes,
  userId,
  now = new Date(),
  seriesId,
  audit: meta,
}: {
  importId: number;
  writes: AttendanceWrite[];
  userId: number;
  now?: Date;
  seriesId?: number;
  audit?: AuditMeta;
}): number {
  // BEGIN IMMEDIATE like every multi-row write (it was a deferred transaction).
  return writeTransaction((tx) => {
    markImportDone(tx, importId, now);
    for (const { occasion, ...values } of writes) writeAttendanceRow(tx, occasion, values, { userId, source: "import", now });
    audit(meta, { action: "attendance.import", entityKind: "import", entityId: importId, seriesId: seriesId ?? null, details: { rows: writes.length } }, tx);
    return writes.length;
  });
}
