/**
 * The attendance import: reads the stored text of an upload, checks each row
 * against the series, and plans the writes. The preview and the confirmation
 * both run this on the same text, so what is saved is what was shown.
 */
import { checkAttendanceRows, mapAttendanceHeader, readAttendanceRows, type AttendanceColumn, type AttendancePlan } from "./attendance-rows";
import { parseImportTable, type ImportFileProblem } from "./csv";
import { attendanceImportContext } from "~/models/attendance-import.server";

export type AttendancePreview = ({ ok: true } & AttendancePlan) | { ok: false; problem: ImportFileProblem<AttendanceColumn> };

export function buildAttendancePreview({ seriesId, text }: { seriesId: number; text: string }): AttendancePreview {
  const file = parseImportTable(text, (header) => mapAttendanceHeader(header).missing);
  if (!file.ok) return file;
  const rows = readAttendanceRows(file.table);
  const emails = rows.flatMap((r) => (r.substituteForEmail ? [r.email, r.substituteForEmail] : [r.email])).filter(Boolean);
  return { ok: true, ...checkAttendanceRows(rows, attendanceImportContext({ seriesId, emails })) };
}
