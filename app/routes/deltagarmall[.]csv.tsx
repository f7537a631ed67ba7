import type { LoaderFunctionArgs } from "@remix-run/node";
import { toExcelCsv } from "~/lib/csv";
import { TEMPLATE_HEADER } from "~/lib/participant-rows";
import { requireUserWithPermission } from "~/lib/permissions.server";

/** An empty import file with the right headers and one example row. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update", "participants");
  const example = ["Anna Andersson", "anna.andersson@kommun.se", "Centrumskolan", "", "Skola", "", "Rektor", "Strategisk"];
  return new Response(toExcelCsv([TEMPLATE_HEADER, example]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="deltagare-mall.csv"',
    },
  });
}
