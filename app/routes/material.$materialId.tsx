import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/lib/auth.server";
import { getParticipant } from "~/lib/participant-auth.server";
import { requireSeriesPermission, requireUserWithPermission } from "~/lib/permissions.server";
import { readPdf } from "~/lib/uploads.server";
import { participantMayReadMaterial } from "~/models/portal.server";
import { getMaterialFile } from "~/models/prep.server";

/**
 * Downloads an uploaded PDF, for staff who may read its series and for a
 * signed-in participant whose session it belongs to (the portal's
 * preparation page links here). Anyone else gets what staff pages give: the
 * sign-in page when signed out, 404 for a series out of scope.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const materialId = Number(params.materialId) || 0;
  const participant = await getParticipant(request);
  if (participant && participantMayReadMaterial({ personId: participant.id, materialId })) {
    return pdfResponse(getMaterialFile({ materialId }));
  }
  // A participant (not also signed in as staff) asking for someone else's material: not found, not the staff sign-in.
  if (participant && !(await getUser(request))) throw new Response("Filen finns inte", { status: 404 });
  await requireUserWithPermission(request, "read", "series");
  const material = getMaterialFile({ materialId });
  if (!material?.fileKey) throw new Response("Filen finns inte", { status: 404 });
  await requireSeriesPermission(request, String(material.seriesId), "read", "series");
  return pdfResponse(material);
}

function pdfResponse(material: ReturnType<typeof getMaterialFile>): Response {
  if (!material?.fileKey) throw new Response("Filen finns inte", { status: 404 });
  const bytes = readPdf(material.fileKey);
  if (!bytes) throw new Response("Filen finns inte", { status: 404 });
  const name = material.fileName ?? "material.pdf";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename="${name.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
