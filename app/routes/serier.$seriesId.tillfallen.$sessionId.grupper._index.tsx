import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GroupsPage } from "~/components/groups-page";
import { groupsAction, groupsLoader } from "~/lib/groups.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Grupper: ${data?.details.title ?? ""} – Processtöd` }];

export const loader = (args: LoaderFunctionArgs) => groupsLoader(args);
export const action = (args: ActionFunctionArgs) => groupsAction(args);

export default GroupsPage;
