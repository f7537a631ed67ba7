/**
 * Small pure helpers for self check-in, free of the database and of React so
 * they can be tested on their own and used on both server and client.
 */
import { formatDate, formatTime } from "./format";

/** "2026-11-24 08:00–12:30", or both dates when the window passes midnight. */
export function formatCheckinWindow(opensAt: Date | number, closesAt: Date | number): string {
  const sameDay = formatDate(opensAt) === formatDate(closesAt);
  return sameDay
    ? `${formatDate(opensAt)} ${formatTime(opensAt)}–${formatTime(closesAt)}`
    : `${formatDate(opensAt)} ${formatTime(opensAt)} – ${formatDate(closesAt)} ${formatTime(closesAt)}`;
}

/** Whole minutes until `until`, rounded up and never below one (for "try again in N minutes"). */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** A personal check-in token as randomToken() makes it: 32 bytes, base64url, 43 characters. */
export function looksLikeCheckinToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Gives an SVG (the QR code from the `qrcode` package) an accessible name: a
 * <title> first inside it, referenced by aria-labelledby, with role="img".
 * Any attributes of the same names already on the element are replaced.
 */
export function accessibleSvg(svg: string, { id, title }: { id: string; title: string }): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error("Not an SVG document");
  const tag = open[0]
    .replace(/\s(role|aria-labelledby|aria-label|focusable)="[^"]*"/g, "")
    .replace(/^<svg\b/, `<svg role="img" aria-labelledby="${escapeXml(id)}" focusable="false"`);
  return `${svg.slice(0, open.index)}${tag}<title id="${escapeXml(id)}">${escapeXml(title)}</title>${svg.slice(open.index + open[0].length)}`;
}

/** "Anna-Karin Berg" → "Anna-Karin": the greeting uses the first name only. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}
