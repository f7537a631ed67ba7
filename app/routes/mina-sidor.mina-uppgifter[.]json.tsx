/**
 * /mina-sidor/mina-uppgifter.json: the signed-in participant's data as JSON,
 * the structure of `MyData` (stable English keys, ISO 8601 dates in UTC).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireParticipant } from "~/lib/participant-auth.server";
import { gatherMyData } from "~/models/my-data.server";
import { audit, participantAudit } from "~/models/audit-log.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  const data = gatherMyData({ personId: participant.id });
  if (!data) throw json({ message: "not-found" }, { status: 404 });
  audit(participantAudit(participant.id, context), { action: "export.my_data", entityKind: "person", entityId: participant.id, details: { format: "json" } });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mina-uppgifter-${data.exportedAt.slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
