/**
 * Staff sign-in: server-side sessions referenced by a random cookie value.
 * See docs/decisions/002-auth-sessions.md.
 */
import { createCookie, redirect } from "@remix-run/node";
import {
  createAuthSession,
  deleteAuthSession,
  touchAuthSession,
  type SessionTimeouts,
} from "~/models/auth-session.server";
import { getUserById, type StaffUser } from "~/models/user.server";

export function sessionTimeouts(env: NodeJS.ProcessEnv = process.env): SessionTimeouts {
  return {
    idleMs: Number(env.SESSION_IDLE_MINUTES || 120) * 60_000,
    absoluteMs: Number(env.SESSION_MAX_HOURS || 12) * 3_600_000,
  };
}

export function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";
}

// No maxAge: the cookie lives until the browser closes; the server enforces
// the idle and absolute timeouts whatever the browser keeps.
export const authCookie = createCookie("processtod_auth", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
});

async function readToken(cookieHeader: string | null): Promise<string | null> {
  const value = await authCookie.parse(cookieHeader).catch(() => null);
  return typeof value === "string" && value.length >= 22 && value.length <= 128 ? value : null;
}

/**
 * The id of the staff user a Cookie header signs in, sliding the session's idle timer, or
 * null. Also used before Remix runs, by the page cache (app/lib/page-cache.server.ts).
 */
export async function signedInUserId(cookieHeader: string | null): Promise<number | null> {
  const token = await readToken(cookieHeader);
  return token ? touchAuthSession({ token, timeouts: sessionTimeouts() }) : null;
}

/** The signed-in staff user, or null. A tampered or expired cookie means signed out. */
export async function getUser(request: Request): Promise<StaffUser | null> {
  const userId = await signedInUserId(request.headers.get("Cookie"));
  return userId === null ? null : getUserById({ userId });
}

/** Only same-site relative paths, so a crafted link cannot send people elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  // Browsers drop tabs and newlines from URLs, so "/\t/evil.com" would become "//evil.com".
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  return to;
}

export async function requireUser(request: Request): Promise<StaffUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/logga-in?${params}`, {
      headers: { "Set-Cookie": await authCookie.serialize("", { maxAge: 0 }) },
    });
  }
  return user;
}

export async function startAuthSession({ userId, redirectTo }: { userId: number; redirectTo: string }) {
  const token = createAuthSession({ userId, timeouts: sessionTimeouts() });
  return redirect(redirectTo, { headers: { "Set-Cookie": await authCookie.serialize(token) } });
}

export async function endAuthSession(request: Request) {
  const token = await readToken(request.headers.get("Cookie"));
  if (token) deleteAuthSession({ token });
  return redirect("/logga-in?utloggad=1", {
    headers: { "Set-Cookie": await authCookie.serialize("", { maxAge: 0 }) },
  });
}
