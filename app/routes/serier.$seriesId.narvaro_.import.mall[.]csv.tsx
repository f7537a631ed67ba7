import type { LoaderFunctionArgs } from "@remix-run/node";
import { ATTENDANCE_TEMPLATE_HEADER } from "~/lib/attendance-rows";
import { toExcelCsv } from "~/lib/csv";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { listParticipantsWithOrganisation } from "~/models/participant.server";

/**
 * An attendance file to fill in: the import's columns, one row per enrolled
 * participant with the e-mail filled in, and their name last for reading
 * (the import ignores that column).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "attendance");
  const people = listParticipantsWithOrganisation({ seriesId, scope });
  const rows = people.map((p) => [p.email, "", "", "", p.name]);
  return new Response(toExcelCsv([[...ATTENDANCE_TEMPLATE_HEADER, "Namn"], ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="narvaro-mall-serie-${seriesId}.csv"`,
    },
  });
}
