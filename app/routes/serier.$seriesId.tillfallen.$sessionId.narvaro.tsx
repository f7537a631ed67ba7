import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { RosterPage } from "~/components/roster-page";
import { rosterAction, rosterLoader } from "~/lib/roster.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Närvaro: ${data?.details.title ?? ""} – Processtöd` }];

export const loader = (args: LoaderFunctionArgs) => rosterLoader(args);
export const action = (args: ActionFunctionArgs) => rosterAction(args);

export default RosterPage;
