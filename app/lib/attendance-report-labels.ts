/**
 * Labels shared by the attendance page and its CSV export. Client-safe.
 */
import type { Translate } from "~/i18n";

/** "Tillfälle 2" or "Erfarenhetsutbyte": short enough for a column header. */
export function columnLabel(t: Translate, column: { kind: "session" | "exchange"; position: number | null }): string {
  return column.kind === "exchange"
    ? t("attendanceReport.exchangeLabel")
    : t("attendanceReport.sessionLabel", { position: column.position ?? "" });
}

/** The note beside a status: whom a substitute replaced, who took a seat, or that someone came unannounced. */
export function cellNote(
  t: Translate,
  cell: { substituteFor: string | null; substitutedBy: string | null; walkIn: boolean },
): string | null {
  if (cell.substituteFor) return t("attendanceReport.substituteFor", { name: cell.substituteFor });
  if (cell.substitutedBy) return t("attendanceReport.substitutedBy", { name: cell.substitutedBy });
  if (cell.walkIn) return t("attendanceReport.walkIn");
  return null;
}
