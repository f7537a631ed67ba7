/**
 * Scheduling rules for series sessions. Pure functions on plain values, so the
 * same rules run in the action, in the series page's warnings and in tests.
 * Dates are calendar dates in Stockholm ("2026-09-15").
 */
import { formatDate } from "./format";

/** Parses "YYYY-MM-DD" strictly; 2026-02-30 is not a date. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Parses "HH:MM" on the 24-hour clock. */
export function parseTime(value: string): { hour: number; minute: number } | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [hour, minute] = match.slice(1).map(Number);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` calendar months later, clamped to the month's end:
 * 2026-01-31 + 1 month = 2026-02-28.
 */
export function addCalendarMonths(date: string, months: number): string {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new Error(`Ogiltigt datum: ${date}`);
  const zeroBased = parsed.month - 1 + months;
  const year = parsed.year + Math.floor(zeroBased / 12);
  const month = (((zeroBased % 12) + 12) % 12) + 1;
  const day = Math.min(parsed.day, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * True when `next` is at least `months` calendar months after `previous`.
 * 31 Jan → 28 Feb is one month; 15 Sep → 14 Oct is not.
 */
export function isAtLeastMonthsApart(previous: string, next: string, months = 1): boolean {
  // ISO dates compare correctly as strings.
  return next >= addCalendarMonths(previous, months);
}

export type ScheduledSession = {
  id: number;
  position: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
};

export type ScheduleWarning =
  | { code: "endBeforeStart"; sessionId: number }
  | { code: "outOfOrder"; sessionId: number; previousId: number }
  | { code: "tooClose"; sessionId: number; previousId: number; months: number };

/**
 * Warnings for a series' sessions in position order: end before start,
 * sessions out of order, and gaps shorter than `minimumMonths` (null = no rule).
 */
export function checkSchedule(sessions: ScheduledSession[], minimumMonths: number | null): ScheduleWarning[] {
  const ordered = [...sessions].sort((a, b) => a.position - b.position);
  const warnings: ScheduleWarning[] = [];
  ordered.forEach((session, i) => {
    if (session.endsAt.getTime() <= session.startsAt.getTime()) {
      warnings.push({ code: "endBeforeStart", sessionId: session.id });
    }
    const previous = ordered[i - 1];
    if (!previous) return;
    if (session.startsAt.getTime() < previous.endsAt.getTime()) {
      warnings.push({ code: "outOfOrder", sessionId: session.id, previousId: previous.id });
    } else if (
      minimumMonths !== null &&
      !isAtLeastMonthsApart(formatDate(previous.startsAt), formatDate(session.startsAt), minimumMonths)
    ) {
      warnings.push({ code: "tooClose", sessionId: session.id, previousId: previous.id, months: minimumMonths });
    }
  });
  return warnings;
}

/** Half-open intervals [start, end) overlap. Back-to-back bookings do not clash. */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Expert names are typed one per line; compare them without case or extra spaces. */
export function expertNames(experts: string | null | undefined): string[] {
  return (experts ?? "")
    .split(/\r?\n/)
    .map((line) => line.split(",")[0].trim().replace(/\s+/g, " ").toLowerCase())
    .filter(Boolean);
}

export type Booking = {
  id: number;
  startsAt: Date;
  endsAt: Date;
  processLeaderId: number | null;
  experts: string | null;
};

export type Conflict = { sessionId: number; otherId: number; reason: "processLeader" | "expert"; name?: string };

/** Bookings among `others` that clash with `session` on time and share its process leader or an expert. */
export function findConflicts(session: Booking, others: Booking[]): Conflict[] {
  const mine = new Set(expertNames(session.experts));
  const conflicts: Conflict[] = [];
  for (const other of others) {
    if (other.id === session.id || !overlaps(session, other)) continue;
    if (session.processLeaderId !== null && session.processLeaderId === other.processLeaderId) {
      conflicts.push({ sessionId: session.id, otherId: other.id, reason: "processLeader" });
    }
    for (const name of expertNames(other.experts)) {
      if (mine.has(name)) conflicts.push({ sessionId: session.id, otherId: other.id, reason: "expert", name });
    }
  }
  return conflicts;
}

/** Day of week 0–6 of an ISO date (0 = Sunday). */
function weekday(date: string): number {
  const p = parseIsoDate(date)!;
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Ogiltigt datum: ${date}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day + days)).toISOString().slice(0, 10);
}

/**
 * Suggested dates for a new series' sessions. With a month rule each session
 * falls `months` later on the same weekday as the first (never earlier than
 * the rule allows); otherwise every `intervalDays` days (default a week).
 */
export function proposeDates(
  first: string,
  count: number,
  rule: { minimumMonthsBetween: number | null; intervalDays: number | null },
): string[] {
  const dates = [first];
  for (let i = 1; i < count; i++) {
    const previous = dates[i - 1];
    if (rule.minimumMonthsBetween) {
      const earliest = addCalendarMonths(previous, rule.minimumMonthsBetween);
      const shift = (weekday(first) - weekday(earliest) + 7) % 7;
      dates.push(addDays(earliest, shift));
    } else {
      dates.push(addDays(previous, rule.intervalDays ?? 7));
    }
  }
  return dates;
}
