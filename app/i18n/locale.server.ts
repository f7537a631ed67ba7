import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from "./index";

/** Remembers the chosen language for a year; not personal data. */
export const localeCookie = createCookie("lang", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export async function getTranslator(request: Request) {
  return translator(await getLocale(request));
}
