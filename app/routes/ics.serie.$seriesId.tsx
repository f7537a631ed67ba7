import type { LoaderFunctionArgs } from "@remix-run/node";
import { exchangeEvent, icsResponse, sessionEvent } from "~/lib/calendar-export.server";
import { buildCalendar } from "~/lib/ics";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { publicUrl } from "~/lib/urls.server";
import { exchangeForSeries, getExchangeEvent } from "~/models/exchange.server";
import { getSeries, listSeriesSessions } from "~/models/series.server";

/** All sessions of a series, and its exchange session, as one .ics file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "series");
  const series = getSeries({ seriesId, scope })!;
  const url = publicUrl(request, `/serier/${seriesId}`);
  const events = listSeriesSessions({ seriesId }).map((s) => sessionEvent({ ...s, seriesName: series.name }, url));
  const linked = exchangeForSeries({ seriesId });
  const exchange = linked ? getExchangeEvent({ eventId: linked.id, scope: { kind: "all" } }) : null;
  if (exchange) events.push(exchangeEvent(exchange, publicUrl(request, `/utbyten/${exchange.id}`)));
  return icsResponse(buildCalendar({ name: series.name, events }), `serie-${seriesId}.ics`);
}
