/**
 * One staff member's paper-entry session for one survey, kept in their own
 * browser: how many questionnaires they have entered, and the one-time key of
 * the last one so it can be undone. The response's id is never sent to the
 * browser; the key is a random UUID that only the form's own page received.
 * The cookie names the user, so someone else signing in on the same computer
 * starts from zero and cannot undo a colleague's form.
 */
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { secureCookies } from "./auth.server";

/** An entry session lasts a working day at most; undo only works on the day anyway. */
const MAX_AGE_SECONDS = 12 * 60 * 60;

const paperEntryCookie = createCookie("processtod_paper", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  maxAge: MAX_AGE_SECONDS,
});

export type PaperEntrySession = { count: number; lastKey: string | null };

/** The form's one-time key: a v4 UUID made by the entry page's loader. */
export const SUBMISSION_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const cookieSchema = z.object({
  u: z.number().int(),
  n: z.number().int().min(0).max(100_000),
  k: z.string().regex(SUBMISSION_KEY_PATTERN).nullable(),
});

/**
 * The cookie's path: every page of the survey (ending in "/", so Remix's
 * `pappersenkater.data` requests carry it too), and no other survey's.
 */
export function paperEntryPath(seriesId: number, surveyId: number): string {
  return `/serier/${seriesId}/enkater/${surveyId}/`;
}

export async function readPaperEntry(request: Request, userId: number): Promise<PaperEntrySession> {
  const value = await paperEntryCookie.parse(request.headers.get("Cookie")).catch(() => null);
  const parsed = cookieSchema.safeParse(value);
  if (!parsed.success || parsed.data.u !== userId) return { count: 0, lastKey: null };
  return { count: parsed.data.n, lastKey: parsed.data.k };
}

/** The Set-Cookie header for the session's new state. */
export function writePaperEntry(session: PaperEntrySession, { userId, path }: { userId: number; path: string }): Promise<string> {
  return paperEntryCookie.serialize({ u: userId, n: session.count, k: session.lastKey }, { path });
}
