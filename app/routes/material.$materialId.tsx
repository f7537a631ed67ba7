import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeriesPermission, requireUserWithPermission } from "~/lib/permissions.server";
import { readPdf } from "~/lib/uploads.server";
import { getMaterialFile } from "~/models/prep.server";

/** Downloads an uploaded PDF, for anyone who may read its series. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "series");
  const material = getMaterialFile({ materialId: Number(params.materialId) || 0 });
  if (!material?.fileKey) throw new Response("Filen finns inte", { status: 404 });
  await requireSeriesPermission(request, String(material.seriesId), "read", "series");
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
