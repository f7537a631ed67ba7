import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GroupsPrint } from "~/components/groups-page";
import { groupsViewLoader } from "~/lib/groups.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Grupplista: ${data?.details.title ?? ""} – Processtöd` }];

export const loader = (args: LoaderFunctionArgs) => groupsViewLoader(args);

export default GroupsPrint;
