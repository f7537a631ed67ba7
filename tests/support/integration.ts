/**
 * Small helpers for integration tests: look demo rows up by their natural keys
 * (names, e-mail addresses) instead of hard-coding autoincrement ids, and build
 * signed-in requests the way a browser would send them.
 */
import { participantSessionCookie } from "~/lib/participant-auth.server";
import { and, eq } from "drizzle-orm";
import { authCookie, sessionTimeouts } from "~/lib/auth.server";
import { createAuthSession } from "~/models/auth-session.server";
import { getDb, schema } from "~/models/db.server";

export const DEMO_EMAILS = {
  admin: "processledare@ifous.example",
  huddinge: "samordnare@huddinge.example",
  botkyrka: "samordnare@botkyrka.example",
  nacka: "samordnare@nacka.example",
  sponsor: "uppdragsgivare@uph.example",
} as const;

export function organisationId(name: string, kind: "kommun" | "stadsdelsomrade" | "region" = "kommun"): number {
  const row = getDb()
    .select({ id: schema.organisations.id })
    .from(schema.organisations)
    .where(and(eq(schema.organisations.name, name), eq(schema.organisations.kind, kind)))
    .get();
  if (!row) throw new Error(`No ${kind} named ${name} in the test database`);
  return row.id;
}

/** The demo series are named "Processtöd skolnärvaro <organisation>". */
export function seriesId(organisation: string): number {
  const row = getDb()
    .select({ id: schema.series.id })
    .from(schema.series)
    .where(eq(schema.series.name, `Processtöd skolnärvaro ${organisation}`))
    .get();
  if (!row) throw new Error(`No demo series for ${organisation}`);
  return row.id;
}

export function userId(email: string): number {
  const row = getDb().select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.emailNormalized, email)).get();
  if (!row) throw new Error(`No user ${email}`);
  return row.id;
}

/** Sessions (tillfällen) of a series, ordered by position. */
export function seriesSessionRows(id: number) {
  return getDb()
    .select()
    .from(schema.seriesSessions)
    .where(eq(schema.seriesSessions.seriesId, id))
    .orderBy(schema.seriesSessions.position)
    .all();
}

export function seriesSessionRow(sessionId: number) {
  const row = getDb().select().from(schema.seriesSessions).where(eq(schema.seriesSessions.id, sessionId)).get();
  if (!row) throw new Error(`No series session ${sessionId}`);
  return row;
}

/** A real server-side sign-in session, as the `Cookie` request header a browser would send. */
export async function signedInCookie(user: number): Promise<string> {
  const token = createAuthSession({ userId: user, timeouts: sessionTimeouts() });
  // serialize() gives a Set-Cookie value; the request header carries only name=value.
  return (await authCookie.serialize(token)).split(";")[0];
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function postForm(path: string, fields: Record<string, string>, cookie?: string): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: cookie ? { Cookie: cookie } : {},
    body: new URLSearchParams(fields),
  });
}

/** Awaits something that must throw a Response (Remix's way to answer 404/403/redirects) and returns it. */
export async function thrownResponse(work: Promise<unknown> | (() => Promise<unknown>)): Promise<Response> {
  try {
    await (typeof work === "function" ? work() : work);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("Expected a thrown Response, but nothing was thrown");
}

/** A real participant sign-in (Mina sidor) for the person, as the `Cookie` request header. */
export async function participantCookie(personId: number): Promise<string> {
  return (await participantSessionCookie(personId)).split(";")[0];
}
