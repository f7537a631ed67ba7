import type { LoaderFunctionArgs } from "@remix-run/node";
import { icsResponse, sessionEvent } from "~/lib/calendar-export.server";
import { buildCalendar } from "~/lib/ics";
import { requireSeriesPermission, requireUserWithPermission } from "~/lib/permissions.server";
import { publicUrl } from "~/lib/urls.server";
import { getSeries } from "~/models/series.server";
import { getSession, seriesIdOfSession } from "~/models/series-planning.server";

/** One session as an .ics file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "series");
  const sessionId = Number(params.sessionId) || 0;
  const owner = seriesIdOfSession({ sessionId });
  if (!owner) throw new Response("Tillfället finns inte", { status: 404 });
  const { scope, seriesId } = await requireSeriesPermission(request, String(owner), "read", "series");
  const series = getSeries({ seriesId, scope })!;
  const session = getSession({ seriesId, sessionId })!;
  const event = sessionEvent({ ...session, seriesName: series.name }, publicUrl(request, `/serier/${seriesId}/tillfallen/${sessionId}`));
  return icsResponse(buildCalendar({ name: series.name, events: [event] }), `tillfalle-${sessionId}.ics`);
}
