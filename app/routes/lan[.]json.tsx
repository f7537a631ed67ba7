/**
 * The county dashboard as JSON for integrations: GET /lan.json with the page's
 * filters (lan, termin, ledare). Same permission and suppression as the page.
 * The format is documented in the README ("JSON for integrations") and built
 * by `countyDashboardJson`.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { countyDashboard, readCountyFilters, suppressesFor } from "~/lib/county-dashboard.server";
import { countyDashboardJson } from "~/lib/county-dashboard-json";
import { requireUserWithPermission } from "~/lib/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read", "aggregates");
  const { filter, options } = readCountyFilters(new URL(request.url));
  const dashboard = countyDashboard({ filter, options, suppress: suppressesFor(user) });
  return new Response(JSON.stringify(countyDashboardJson(dashboard, new Date()), null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
