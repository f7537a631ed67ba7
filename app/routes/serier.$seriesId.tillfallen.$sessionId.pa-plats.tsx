import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { WalkInPage } from "~/components/roster-people-pages";
import { walkInAction, walkInLoader } from "~/lib/roster-people.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Lägg till på plats: ${data?.details.title ?? ""} – Processtöd` }];

export const loader = (args: LoaderFunctionArgs) => walkInLoader(args);
export const action = (args: ActionFunctionArgs) => walkInAction(args);

export default WalkInPage;
