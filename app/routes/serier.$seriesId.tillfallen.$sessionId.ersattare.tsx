import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SubstitutePage } from "~/components/roster-people-pages";
import { substituteAction, substituteLoader } from "~/lib/roster-people.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Registrera ersättare: ${data?.details.title ?? ""} – Processtöd` }];

export const loader = (args: LoaderFunctionArgs) => substituteLoader(args);
export const action = (args: ActionFunctionArgs) => substituteAction(args);

export default SubstitutePage;
