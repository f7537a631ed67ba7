/**
 * The series dashboard as JSON for integrations (/serier/:id/oversikt.json),
 * with the same permission as the page. The shape is documented in the README
 * ("JSON for integrations"): codes rather than labels, counts as numbers,
 * shares as fractions (0–1, unrounded), times in ISO 8601 (UTC), and each
 * alert's text in the user's language beside its code.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { seriesDashboard } from "~/lib/series-dashboard.server";
import { alertText } from "~/lib/series-dashboard-tables";
import { getSeries } from "~/models/series.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // As on the page: process leaders and the series' coordinators, who see individuals anyway, so no suppression.
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "attendance");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  const now = new Date();
  const dashboard = seriesDashboard({ seriesId, seriesStatus: series.status, scope, now });
  const body = {
    version: 1,
    generatedAt: now.toISOString(),
    series: { id: series.id, name: series.name, term: series.term, status: series.status },
    ...dashboard,
    alerts: dashboard.alerts.map((alert) => ({ ...alert, message: alertText(t, alert, dashboard.sessions) })),
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
