import type { LoaderFunctionArgs } from "@remix-run/node";
import { icsResponse, sessionEvent } from "~/lib/calendar-export.server";
import { buildCalendar } from "~/lib/ics";
import { requireParticipant } from "~/lib/participant-auth.server";
import { publicUrl } from "~/lib/urls.server";
import { portalSession } from "~/models/portal.server";

/**
 * One of the participant's sessions as an .ics file. The event links back to
 * the portal page, not the staff page, and uses the same UID as the staff
 * download, so importing both updates one event instead of adding two.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  const sessionId = Number(params.sessionId);
  const session = Number.isSafeInteger(sessionId) ? portalSession({ personId: participant.id, sessionId }) : null;
  if (!session) throw new Response("Tillfället finns inte", { status: 404 });
  const event = sessionEvent(session, publicUrl(request, `/mina-sidor/tillfallen/${session.id}`));
  return icsResponse(buildCalendar({ name: session.seriesName, events: [event] }), `tillfalle-${session.id}.ics`);
}
