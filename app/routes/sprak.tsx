import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale } from "~/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { safeRedirect } from "~/lib/auth.server";

export async function loader() {
  return redirect("/");
}

// Public: choosing a language needs no account and touches no data.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const requested = formData.get("locale");
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  return redirect(safeRedirect(formData.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
