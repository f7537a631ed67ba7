/**
 * Client-safe formatting. Dates are always shown in Europe/Stockholm, whatever
 * the server's or the browser's own time zone is.
 */
import type { Locale } from "~/i18n";

export const TIME_ZONE = "Europe/Stockholm";

const dateFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const timeFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** 2026-09-15 */
export function formatDate(value: Date | number): string {
  return dateFormat.format(new Date(value));
}

/** 13:00 */
export function formatTime(value: Date | number): string {
  return timeFormat.format(new Date(value));
}

/** 2026-09-15 13:00 */
export function formatDateTime(value: Date | number): string {
  return `${formatDate(value)} ${formatTime(value)}`;
}

/** 2026-09-15 13:00–16:30 */
export function formatTimeRange(start: Date | number, end: Date | number): string {
  return `${formatDate(start)} ${formatTime(start)}–${formatTime(end)}`;
}

/**
 * Numbers follow the page's language: "76,4 %" and "1 234" in Swedish,
 * "76.4%" and "1,234" in English (where "76,4" would read as 764). Swedish
 * unless a caller passes the locale.
 */
export const NUMBER_LOCALES: Record<Locale, string> = { sv: "sv-SE", en: "en-GB" };

const percentFormats: Record<Locale, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat(NUMBER_LOCALES.sv, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat(NUMBER_LOCALES.en, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** 0.764 → "76,4 %" (with the non-breaking space Swedish typography uses); "76.4%" in English. */
export function formatPercent(share: number, locale: Locale = "sv"): string {
  return percentFormats[locale].format(share);
}

const integerFormats: Record<Locale, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat(NUMBER_LOCALES.sv),
  en: new Intl.NumberFormat(NUMBER_LOCALES.en),
};

/** 1234 → "1 234" (non-breaking space); "1,234" in English. */
export function formatNumber(value: number, locale: Locale = "sv"): string {
  return integerFormats[locale].format(value);
}

/** ISO 8601 week number of the date as seen in Stockholm. */
export function isoWeek(value: Date | number): number {
  const [y, m, d] = formatDate(value).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const dayOfWeek = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dayOfWeek);
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  return Math.ceil(((date.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
}
