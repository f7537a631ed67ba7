import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GroupsBigScreen } from "~/components/groups-page";
import { groupsViewLoader } from "~/lib/groups.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Grupperna: ${data?.details.title ?? ""} – Processtöd` }];

export const loader = (args: LoaderFunctionArgs) => groupsViewLoader(args);

export default GroupsBigScreen;
