/**
 * Attendance pages exist both for a session of a series and for the shared
 * exchange event. This resolves either from the route's params, checks the
 * user's permission and scope, and describes the occasion for the page header.
 */
import { json } from "@remix-run/node";
import { rosterSeriesIds, type Occasion } from "~/models/attendance.server";
import { getExchangeEvent } from "~/models/exchange.server";
import { getSeries } from "~/models/series.server";
import { getSession } from "~/models/series-planning.server";
import type { Scope } from "~/models/scope.server";
import type { StaffUser } from "~/models/user.server";
import { requireSeriesPermission, requireUserWithPermission } from "./permissions.server";

export type OccasionDetails = {
  occasion: Occasion;
  /** Where the occasion's own pages live: /serier/1/tillfallen/2 or /utbyten/1. */
  basePath: string;
  backPath: string;
  backLabel: string;
  title: string;
  position: number | null;
  seriesNames: string[];
  /** The series whose people this user sees on the roster (one for a session). */
  series: { id: number; name: string }[];
  startsAt: Date;
  endsAt: Date;
  format: string;
  venue: string | null;
  meetingLink: string | null;
  expert: string | null;
  checkinMarginMinutes: number;
};

function notFound(): never {
  throw json({ message: "not-found" }, { status: 404 });
}

type Params = { seriesId?: string; sessionId?: string; eventId?: string };

/**
 * 404 for an occasion outside the user's scope, 403 for a role that may not
 * do `action` on attendance at all (sponsors never see a roster).
 */
export async function requireOccasion(
  request: Request,
  params: Params,
  action: "read" | "update",
): Promise<{ user: StaffUser; scope: Scope; details: OccasionDetails }> {
  if (params.eventId !== undefined) {
    const { user, scope } = await requireUserWithPermission(request, action, "attendance");
    const eventId = Number(params.eventId);
    if (!Number.isSafeInteger(eventId) || eventId <= 0) notFound();
    const event = getExchangeEvent({ eventId, scope });
    if (!event) notFound();
    const occasion: Occasion = { kind: "exchange", eventId };
    const visible = new Set(rosterSeriesIds({ occasion, scope }));
    return {
      user,
      scope,
      details: {
        occasion,
        basePath: `/utbyten/${eventId}`,
        backPath: `/utbyten/${eventId}`,
        backLabel: event.title,
        title: event.title,
        position: null,
        seriesNames: event.linkedSeries.map((s) => s.name),
        series: event.linkedSeries.filter((s) => visible.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        format: event.format,
        venue: event.venue,
        meetingLink: event.meetingLink,
        expert: event.expert,
        checkinMarginMinutes: event.checkinMarginMinutes,
      },
    };
  }
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, action, "attendance");
  const session = getSession({ seriesId, sessionId: Number(params.sessionId) || 0 });
  if (!session) notFound();
  const series = getSeries({ seriesId, scope })!;
  const occasion: Occasion = { kind: "session", seriesId, sessionId: session.id };
  return {
    user,
    scope,
    details: {
      occasion,
      basePath: `/serier/${seriesId}/tillfallen/${session.id}`,
      backPath: `/serier/${seriesId}/tillfallen/${session.id}`,
      backLabel: `${session.position}. ${session.title}`,
      title: `${session.position}. ${session.title}`,
      position: session.position,
      seriesNames: [series.name],
      series: [{ id: series.id, name: series.name }],
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      format: session.format,
      venue: session.venue,
      meetingLink: session.meetingLink,
      expert: session.expert,
      checkinMarginMinutes: session.checkinMarginMinutes,
    },
  };
}
