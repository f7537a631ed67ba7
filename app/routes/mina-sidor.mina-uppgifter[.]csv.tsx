/**
 * /mina-sidor/mina-uppgifter.csv: the signed-in participant's data for Excel,
 * in long format (Kategori;Post;Fält;Värde), built from the same sections as
 * the page so the two always agree.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import { toExcelCsv } from "~/lib/csv";
import { myDataCsvRows } from "~/lib/my-data";
import { requireParticipant } from "~/lib/participant-auth.server";
import { gatherMyData } from "~/models/my-data.server";
import { audit, participantAudit } from "~/models/audit-log.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  const data = gatherMyData({ personId: participant.id });
  if (!data) throw json({ message: "not-found" }, { status: 404 });
  audit(participantAudit(participant.id, context), { action: "export.my_data", entityKind: "person", entityId: participant.id, details: { format: "csv" } });
  const t = await getTranslator(request);
  return new Response(toExcelCsv(myDataCsvRows(data, t)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="mina-uppgifter-${data.exportedAt.slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
