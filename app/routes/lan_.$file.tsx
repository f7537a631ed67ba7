/**
 * One table of the county dashboard as CSV for Swedish Excel:
 * /lan/<tabell>.csv?lan=01&termin=HT+2026&ledare=1, with <tabell> one of
 * lage, terminer, halsoandel, kommuner, stadsdelar. Same permission, filters
 * and suppression as the page, and the page's own cells (`countyTable`).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { countyDashboard, readCountyFilters, suppressesFor } from "~/lib/county-dashboard.server";
import { countyTable, isCountyTableId, tableCsvRows } from "~/lib/county-dashboard-tables";
import { toExcelCsv } from "~/lib/csv";
import { requireUserWithPermission } from "~/lib/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read", "aggregates");
  const id = /^(.+)\.csv$/.exec(params.file ?? "")?.[1];
  if (!isCountyTableId(id)) throw json({ message: "not-found" }, { status: 404 });
  const { filter, options } = readCountyFilters(new URL(request.url));
  const dashboard = countyDashboard({ filter, options, suppress: suppressesFor(user) });
  const t = await getTranslator(request);
  const table = countyTable(t, dashboard, id);
  // The district table exists only for a county with city district areas.
  if (!table) throw json({ message: "not-found" }, { status: 404 });
  const term = filter.term ? `-${filter.term.replace(/\s+/g, "").toLowerCase()}` : "";
  return new Response(toExcelCsv(tableCsvRows(t, table, dashboard.suppression.threshold)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="lan-${filter.countyCode}-${id}${term}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
