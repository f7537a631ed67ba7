/**
 * Content-Security-Policy of every page (issue #11, decision 015). Scripts run
 * only from this site and, inline, only with the response's own random nonce:
 * an injected `<script>` in a name or a free-text answer would not run even if
 * it slipped past React's escaping. Styles may be inline (React `style` props,
 * chart.js); objects, `<base>` and framing by other sites are not allowed.
 */
import crypto from "node:crypto";

export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** The nonce in a policy made by `contentSecurityPolicy`, or null. */
export function nonceOf(policy: string): string | null {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1] ?? null;
}
