/**
 * The printable attendance list (närvarolista) of a session or of the
 * exchange event: the occasion's details for the header and everyone on the
 * roster, in the roster's order (municipality, sector, name).
 */
import type { RoleCategory, SessionFormat } from "../../db/schema";
import { listRoster } from "~/models/attendance.server";
import { getExchangeEvent } from "~/models/exchange.server";
import { getSeries } from "~/models/series.server";
import { getTranslator } from "~/i18n/locale.server";
import { requireOccasion } from "./occasion.server";

type Params = { seriesId?: string; sessionId?: string; eventId?: string };

export async function loadAttendanceSheet(request: Request, params: Params) {
  const { scope, details } = await requireOccasion(request, params, "read");
  const t = await getTranslator(request);
  const { occasion } = details;
  const processLeader =
    occasion.kind === "session"
      ? getSeries({ seriesId: occasion.seriesId, scope })?.processLeader ?? null
      : getExchangeEvent({ eventId: occasion.eventId, scope })?.processLeader ?? null;
  // Only what goes on paper: no e-mail addresses or change history.
  const rows = listRoster({ occasion, scope }).map((r) => ({
    personId: r.personId,
    name: r.name,
    organisation: r.organisation,
    workplace: r.workplace,
    sector: r.sector,
    roleCategory: r.roleCategory as RoleCategory,
    jobTitle: r.jobTitle,
    walkIn: r.walkIn,
    substituteFor: r.substituteFor?.name ?? null,
    substitutedBy: r.substitutedBy?.name ?? null,
  }));
  return {
    pageTitle: t("attendanceSheet.pageTitle", { title: details.title }),
    sheet: {
      title: details.title,
      seriesNames: details.seriesNames,
      startsAt: details.startsAt,
      endsAt: details.endsAt,
      format: details.format as SessionFormat,
      venue: details.venue,
      meetingLink: details.meetingLink,
      expert: details.expert,
      processLeader,
      backPath: details.backPath,
      backLabel: details.backLabel,
    },
    rows,
  };
}

export type AttendanceSheetData = Awaited<ReturnType<typeof loadAttendanceSheet>>;
