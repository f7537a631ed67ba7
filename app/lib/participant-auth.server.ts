/**
 * Participants sign in without a password (decision 011):
 *
 * - they ask for a link on /mina-sidor/logga-in; the mail holds a single-use
 *   token valid for MAGIC_LINK_MINUTES (default 20);
 * - opening the link shows a button, and only pressing it uses the token: mail
 *   scanners (Outlook Safe Links) fetch every link in a mail, and a GET that
 *   used the token would leave the participant with a dead link;
 * - the device then gets its own cookie, valid for 30 days, whose hash is a
 *   row in `participant_sessions`; "sign out everywhere" deletes them all;
 * - requests are limited per address and per IP, and the answer is the same
 *   whether or not the address is registered.
 */
import { createCookie, redirect } from "@remix-run/node";
import { translator } from "~/i18n";
import { findPersonByEmail } from "~/models/participant.server";
import {
  consumeMagicLink,
  createMagicLink,
  createParticipantSession,
  deleteAllParticipantSessions,
  deleteParticipantSession,
  participantBySession,
  type Participant,
} from "~/models/participant-auth.server";
import { lockedUntil, recordFailure, type ThrottleRule } from "~/models/login-throttle.server";
import { safeRedirect, secureCookies } from "./auth.server";
import { minutesUntil } from "./checkin-helpers";
import { normalizeEmail } from "./email";
import { sendMail } from "./mail.server";

export type { Participant };

const DAY_MS = 86_400_000;
export const PARTICIPANT_SESSION_DAYS = 30;
const HOUR = 3_600_000;

/** Five links per address per hour: enough for a lost mail, too few to flood someone's inbox. */
export const MAGIC_LINK_ADDRESS_RULE: ThrottleRule = { limit: 5, windowMs: HOUR, lockMs: HOUR };
/** Thirty requests per IP per quarter hour: a whole office behind one address still gets through. */
export const MAGIC_LINK_IP_RULE: ThrottleRule = { limit: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export function magicLinkTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.MAGIC_LINK_MINUTES || 20) * 60_000;
}

export const participantCookie = createCookie("processtod_deltagare", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  maxAge: PARTICIPANT_SESSION_DAYS * 24 * 3600,
});

async function readToken(request: Request): Promise<string | null> {
  const value = await participantCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return typeof value === "string" && value.length >= 22 && value.length <= 128 ? value : null;
}

export async function getParticipant(request: Request): Promise<Participant | null> {
  const token = await readToken(request);
  return token ? participantBySession({ token }) : null;
}

/** The signed-in participant, or a redirect to the sign-in page that comes back here. */
export async function requireParticipant(request: Request): Promise<Participant> {
  const participant = await getParticipant(request);
  if (participant) return participant;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  throw redirect(`/mina-sidor/logga-in?${params}`);
}

/** A Set-Cookie header that signs this device in as the person. */
export async function participantSessionCookie(personId: number): Promise<string> {
  const token = createParticipantSession({ personId, maxAgeMs: PARTICIPANT_SESSION_DAYS * DAY_MS });
  return participantCookie.serialize(token);
}

export async function startParticipantSession({ personId, redirectTo }: { personId: number; redirectTo: string }) {
  return redirect(safeRedirect(redirectTo, "/mina-sidor"), { headers: { "Set-Cookie": await participantSessionCookie(personId) } });
}

/** Uses a link token and signs the device in; null when the link is unusable. */
export async function signInWithMagicLink(token: string) {
  const link = consumeMagicLink({ token });
  if (!link) return null;
  return startParticipantSession({ personId: link.personId, redirectTo: link.redirectTo ?? "/mina-sidor" });
}

export async function endParticipantSession(request: Request, { everywhere, personId }: { everywhere: boolean; personId: number }) {
  const token = await readToken(request);
  if (everywhere) deleteAllParticipantSessions({ personId });
  else if (token) deleteParticipantSession({ token });
  return redirect(`/mina-sidor/logga-in?utloggad=${everywhere ? "alla" : "1"}`, {
    headers: { "Set-Cookie": await participantCookie.serialize("", { maxAge: 0 }) },
  });
}

export type LinkRequestResult = { ok: true } | { ok: false; retryAfterMinutes: number };

/**
 * Sends a sign-in link if the address belongs to a participant. Every request
 * counts against the address and the IP, whether or not anyone has that
 * address, so the answer reveals nothing and cannot be used to flood an inbox.
 */
export async function requestMagicLink({
  email,
  ip,
  baseUrl,
  redirectTo = null,
  now = new Date(),
}: {
  email: string;
  ip: string;
  baseUrl: string;
  redirectTo?: string | null;
  now?: Date;
}): Promise<LinkRequestResult> {
  const addressKey = `magic-email:${normalizeEmail(email)}`;
  const ipKey = `magic-ip:${ip || "unknown"}`;
  const locked = lockedUntil({ keys: [addressKey, ipKey], now });
  if (locked) return { ok: false, retryAfterMinutes: minutesUntil(locked, now) };
  recordFailure({ key: addressKey, rule: MAGIC_LINK_ADDRESS_RULE, now });
  recordFailure({ key: ipKey, rule: MAGIC_LINK_IP_RULE, now });
  const person = findPersonByEmail({ email });
  if (!person) return { ok: true };
  const ttlMs = magicLinkTtlMs();
  const token = createMagicLink({ personId: person.id, redirectTo: redirectTo ? safeRedirect(redirectTo, "/mina-sidor") : null, ttlMs, now });
  await sendMagicLinkMail({ to: person.email, name: person.name, link: new URL(`/mina-sidor/lank/${token}`, baseUrl).toString(), minutes: ttlMs / 60_000 });
  return { ok: true };
}

async function sendMagicLinkMail({ to, name, link, minutes }: { to: string; name: string; link: string; minutes: number }) {
  const t = translator("sv");
  return sendMail({
    to,
    subject: t("portal.mail.subject"),
    text: t("portal.mail.body", { name, link, minutes }),
  });
}
