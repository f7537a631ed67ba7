/**
 * One table of the series dashboard as CSV for Swedish Excel:
 * /serier/:id/oversikt/<tabell>.csv, with <tabell> one of TABLE_IDS
 * (sektorer, yrkesroller, nivaer, tratt, bortfall, chefer, ersattare, forberedelser).
 * The cells are the page's own (`dashboardTable`), so the numbers agree.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { toExcelCsv, fileNameSlug } from "~/lib/csv";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { seriesDashboard } from "~/lib/series-dashboard.server";
import { dashboardTable, isTableId, tableCsvRows } from "~/lib/series-dashboard-tables";
import { getSeries } from "~/models/series.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Same check as the page: coordinators of the series and process leaders, no suppression needed.
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "attendance");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const match = /^(.+)\.csv$/.exec(params.file ?? "");
  const id = match?.[1];
  if (!isTableId(id)) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  const table = dashboardTable(t, seriesDashboard({ seriesId, seriesStatus: series.status, scope }), id);
  // The drop-off needs two seminars held, the managers table a last seminar that is held or upcoming,
  // and the preparation table a session with prep material or reflection questions.
  if (!table) throw json({ message: "not-found" }, { status: 404 });
  return new Response(toExcelCsv(tableCsvRows(table)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="oversikt-${id}-${fileNameSlug(series.name)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
