import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endAuthSession } from "~/lib/auth.server";

// Logging out is a mutation, so it only answers POST; a GET goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return endAuthSession(request);
}
