import crypto from "node:crypto";

/** A random URL-safe token of 256 bits. */
export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Tokens are stored only as their SHA-256, so the database never holds a usable token. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
