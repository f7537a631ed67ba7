import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AttendanceSheet } from "~/components/attendance-sheet";
import { loadAttendanceSheet } from "~/lib/attendance-sheet.server";

/** The printable attendance list of the exchange event (URL /utbyten/:id/narvarolista). */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.pageTitle} – Processtöd` : "Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadAttendanceSheet(request, params);
}

export default function ExchangeAttendanceSheet() {
  return <AttendanceSheet data={useLoaderData<typeof loader>()} />;
}
