import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { toExcelCsv } from "~/lib/csv";
import { TEMPLATE_HEADER } from "~/lib/participant-rows";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { listParticipantsWithOrganisation } from "~/models/participant.server";
import { audit, staffAudit } from "~/models/audit-log.server";

/** The participant list as CSV that Swedish Excel opens directly. Same columns as the import. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "participants");
  const t = translator(await getLocale(request));
  const rows = listParticipantsWithOrganisation({ seriesId, scope }).map((p) => [
    p.name,
    p.email,
    p.workplace,
    p.organisation,
    t(`sector.${p.sector}`),
    t(`roleCategory.${p.roleCategory}`),
    p.jobTitle,
    p.level ? t(`level.${p.level}`) : "",
  ]);
  audit(staffAudit(user, context), { action: "export.participants", entityKind: "series", entityId: seriesId, seriesId, details: { rows: rows.length, format: "csv" } });
  return new Response(toExcelCsv([TEMPLATE_HEADER, ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deltagare-serie-${seriesId}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
