import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { CheckinScreen } from "~/components/checkin-screen";
import { checkinScreenAction, checkinScreenLoader } from "~/lib/checkin-screen.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Incheckning: ${data?.details.title ?? ""} – Processtöd` }];

export const loader = (args: LoaderFunctionArgs) => checkinScreenLoader(args);
export const action = (args: ActionFunctionArgs) => checkinScreenAction(args);

export default CheckinScreen;
