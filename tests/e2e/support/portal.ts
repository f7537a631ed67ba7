/**
 * Signing a participant in for portal tests without a mail round trip: a link
 * token is written to the server's database the way the app writes one (only
 * its SHA-256), then the page opens the link and presses the button, as a
 * participant would. The full round trip through a real SMTP server is covered
 * by tests/e2e/portal-journey.test.ts.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";

/** Inserts a usable sign-in link for the person with this e-mail; returns the link's path. */
export function issueSignInLink(databaseFile: string, email: string, redirectTo: string | null = null): string {
  const token = crypto.randomBytes(32).toString("base64url");
  const db = new Database(databaseFile);
  try {
    const person = db.prepare("select id from people where email_normalized = ?").get(email.trim().toLowerCase()) as { id: number } | undefined;
    if (!person) throw new Error(`No person with e-mail ${email} in the test database`);
    db.prepare("insert into magic_links (person_id, token_hash, redirect_to, expires_at) values (?, ?, ?, ?)").run(
      person.id,
      crypto.createHash("sha256").update(token).digest("hex"),
      redirectTo,
      Date.now() + 20 * 60_000,
    );
  } finally {
    db.close();
  }
  return `/mina-sidor/lank/${token}`;
}

/** Signs the page's browser context in as the participant and lands on /mina-sidor (or redirectTo). */
export async function signInParticipant(page: Page, baseUrl: string, databaseFile: string, email: string, redirectTo: string | null = null) {
  await page.goto(`${baseUrl}${issueSignInLink(databaseFile, email, redirectTo)}`);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/mina-sidor/lank/")), page.getByRole("button", { name: "Logga in" }).click()]);
}

/** Removes the demo's seeded preparation (db/seed-portal.ts), for tests that start from nobody having prepared. */
export function clearPreparation(databaseFile: string) {
  const db = new Database(databaseFile);
  try {
    db.exec("delete from prep_progress; delete from reflections;");
  } finally {
    db.close();
  }
}
