import type { LoaderFunctionArgs } from "@remix-run/node";
import { exchangeEvent, icsResponse, sessionEvent } from "~/lib/calendar-export.server";
import { buildCalendar } from "~/lib/ics";
import { scopeFor } from "~/lib/permissions.server";
import { publicUrl } from "~/lib/urls.server";
import { listCalendarItems, userIdByCalendarToken } from "~/models/calendar.server";
import { getUserById } from "~/models/user.server";

const DAY = 86_400_000;

/**
 * The personal subscription feed. No sign-in: calendar apps cannot sign in, so
 * the secret token in the URL is the credential, and it only ever shows what
 * its owner may see.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = userIdByCalendarToken({ token: params.token ?? "" });
  const user = userId ? getUserById({ userId }) : null;
  const scope = user ? scopeFor(user, "read", "series") : null;
  if (!user || !scope) throw new Response("Okänd prenumerationslänk", { status: 404 });
  const now = Date.now();
  const items = listCalendarItems({ scope, from: new Date(now - 90 * DAY), to: new Date(now + 730 * DAY) });
  const events = items
    .filter((item) => !item.cancelled)
    .map((item) =>
      item.kind === "session"
        ? sessionEvent({ ...item, seriesName: item.seriesName ?? "" }, publicUrl(request, `/serier/${item.seriesId}/tillfallen/${item.id}`))
        : exchangeEvent(item, publicUrl(request, `/utbyten/${item.id}`)),
    );
  return icsResponse(buildCalendar({ name: `Processtöd – ${user.name}`, events }), "processtod.ics");
}
