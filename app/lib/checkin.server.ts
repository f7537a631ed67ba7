/**
 * Self check-in by participants on their phones: no staff account, so these
 * pages are public. What protects them:
 *
 * - a code only works within its occasion's window (start minus margin to
 *   end plus margin);
 * - failures (a wrong code, an e-mail address that is not on the roster, a
 *   made-up personal link) count per IP address, and after CHECKIN_IP_RULE's
 *   limit that address is locked out for a while (HTTP 429), so codes cannot
 *   be found by trying many;
 * - e-mail addresses that are not on a code's roster also count against the
 *   code itself (CHECKIN_CODE_RULE), from whatever address they come, so a
 *   roster cannot be probed from many machines; a locked code refuses only
 *   check-ins by e-mail, not phones that carry a personal link's cookie;
 * - an e-mail that is unknown and one that exists but is not on this roster
 *   get the same answer, so the page tells nobody who is registered where;
 * - the personal link's token lives only in an HttpOnly cookie on the
 *   participant's own phone, and only its hash in the database.
 */
import { createCookie } from "@remix-run/node";
import { checkinState, checkinStatus, checkinWindow } from "~/lib/attendance-rules";
import { clearFailures, lockedUntil, recordFailure, type ThrottleRule } from "~/models/login-throttle.server";
import { personByCheckinToken } from "~/models/checkin-token.server";
import type { CheckinTarget } from "~/models/attendance.server";
import { secureCookies } from "./auth.server";
import { countAttempt, firstLock, targetKey } from "./rate-limit.server";
import { minutesUntil } from "./checkin-helpers";

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Thirty failures within fifteen minutes lock the address for fifteen minutes.
 * A whole room often shares one venue Wi-Fi address, so typos must not lock it
 * out quickly; guessing stays hopeless: 30 tries per quarter hour against about
 * a billion codes (32^6), of which only the few open right now work.
 */
export const CHECKIN_IP_RULE: ThrottleRule = { limit: 30, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

/**
 * Sixty e-mail addresses that are not on the roster, within fifteen minutes,
 * lock that code for e-mail check-ins for fifteen minutes. A room of a hundred
 * has a few typos; trying addresses from many machines is stopped.
 */
export const CHECKIN_CODE_RULE: ThrottleRule = { limit: 60, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

function throttleKey(ip: string): string {
  return `checkin-ip:${ip || "unknown"}`;
}

function codeLimit(code: string) {
  return { key: targetKey("checkin-code", code), rule: CHECKIN_CODE_RULE };
}

/** Minutes until check-ins by e-mail with this code are taken again, or null when the code is not locked. */
export function checkinCodeLockMinutes({ code, now = new Date() }: { code: string; now?: Date }): number | null {
  return firstLock([codeLimit(code)], now)?.minutes ?? null;
}

/** An address not on the code's roster: counts against the caller's IP and against the code. */
export function countRosterFailure({ ip, code, now = new Date() }: { ip: string; code: string; now?: Date }) {
  countCheckinFailure({ ip, now });
  countAttempt([codeLimit(code)], now);
}

/** Minutes until this address may try again, or null when it is not locked. */
export function checkinLockMinutes({ ip, now = new Date() }: { ip: string; now?: Date }): number | null {
  const until = lockedUntil({ keys: [throttleKey(ip)], now });
  return until ? minutesUntil(until, now) : null;
}

export function countCheckinFailure({ ip, now = new Date() }: { ip: string; now?: Date }) {
  recordFailure({ key: throttleKey(ip), rule: CHECKIN_IP_RULE, now });
}

/** For tests and support: lifts the lock of one address. */
export function clearCheckinFailures({ ip }: { ip: string }) {
  clearFailures({ key: throttleKey(ip) });
}

/** The 429 answer's headers. */
export function retryAfter(minutes: number): HeadersInit {
  return { "Retry-After": String(minutes * 60) };
}

/**
 * The personal link's token, kept on the participant's phone so the next
 * check-in needs only the code. Limited to the check-in pages.
 */
export const checkinCookie = createCookie("processtod_checkin", {
  path: "/incheckning",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  maxAge: 60 * 60 * 24 * 30,
});

/** Who the phone belongs to, from a personal link opened on it earlier; null if none or no longer valid. */
export async function cookiePerson(request: Request): Promise<{ personId: number; name: string } | null> {
  const token = await checkinCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return personByCheckinToken(token);
}

export async function rememberPersonCookie(token: string): Promise<string> {
  return checkinCookie.serialize(token);
}

export async function forgetPersonCookie(): Promise<string> {
  return checkinCookie.serialize("", { maxAge: 0 });
}

/** What a participant may see of an occasion once they hold its code. */
export type PublicOccasion = {
  code: string;
  title: string;
  seriesName: string | null;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  format: string;
  opensAt: Date;
  closesAt: Date;
  state: "notYetOpen" | "open" | "closed";
};

export function publicOccasion(code: string, target: CheckinTarget, now = new Date()): PublicOccasion {
  const window = checkinWindow(target);
  return {
    code,
    title: target.title,
    seriesName: target.seriesName,
    startsAt: target.startsAt,
    endsAt: target.endsAt,
    venue: target.venue,
    format: target.format,
    opensAt: window.opensAt,
    closesAt: window.closesAt,
    state: checkinState(window, now),
  };
}

/** Present, or "sen ankomst" for someone arriving more than 15 minutes after the start. */
export function statusOnArrival(target: CheckinTarget, now = new Date()) {
  return checkinStatus({ startsAt: target.startsAt, now });
}
