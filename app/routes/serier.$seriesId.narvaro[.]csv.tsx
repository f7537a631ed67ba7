import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { cellNote, columnLabel } from "~/lib/attendance-report-labels";
import { toExcelCsv, fileNameSlug } from "~/lib/csv";
import { formatDate } from "~/lib/format";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { matrixColumns, matrixPeople } from "~/models/attendance-report.server";
import { getSeries } from "~/models/series.server";
import { audit, staffAudit } from "~/models/audit-log.server";

/**
 * The attendance matrix as CSV that Swedish Excel opens directly: one row per
 * person, one column per session with the status in words, and a note column
 * for substitutes, replaced seats and walk-ins.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "attendance");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  const columns = matrixColumns({ seriesId });
  const header = [
    t("attendanceReport.csv.name"),
    t("attendanceReport.csv.email"),
    t("attendanceReport.csv.organisation"),
    t("attendanceReport.csv.sector"),
    t("attendanceReport.csv.roleCategory"),
    ...columns.map((c) => t("attendanceReport.csv.column", { label: columnLabel(t, c), date: formatDate(c.startsAt) })),
    t("attendanceReport.csv.note"),
  ];
  const rows = matrixPeople({ seriesId }).map((p) => {
    const notes = columns.flatMap((c) => {
      const cell = p.cells[c.key];
      const note = cell ? cellNote(t, cell) : null;
      return note ? [t("attendanceReport.csv.noteAt", { label: columnLabel(t, c), note })] : [];
    });
    return [
      p.name,
      p.email,
      p.organisation,
      t(`sector.${p.sector}`),
      t(`roleCategory.${p.roleCategory}`),
      ...columns.map((c) => (p.cells[c.key] ? t(`attendanceStatus.${p.cells[c.key].status}`) : "")),
      notes.join("; "),
    ];
  });
  audit(staffAudit(user, context), { action: "export.attendance", entityKind: "series", entityId: seriesId, seriesId, details: { rows: rows.length, format: "csv" } });
  return new Response(toExcelCsv([header, ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="narvaro-${fileNameSlug(series.name)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
