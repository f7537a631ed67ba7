/**
 * The rules of attendance, kept free of the database so they can be tested on
 * their own: which statuses count as present, who may substitute for whom,
 * when self check-in is open, and the continuity measures of a series.
 */
import { ATTENDANCE_STATUSES, PRESENT_STATUSES, type AttendanceStatus, type Sector } from "../../db/schema";

export { ATTENDANCE_STATUSES };

/** Statuses a coordinator sets directly on the roster; "ersatt" needs a named substitute. */
export const MARKABLE_STATUSES = ["narvarande", "sen", "franvarande_anmalt", "franvarande_ej_anmalt"] as const satisfies readonly AttendanceStatus[];

export function isAttendanceStatus(value: unknown): value is AttendanceStatus {
  return typeof value === "string" && (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}

/** Present and late count as attending; substitutes have a present row of their own. */
export function countsAsPresent(status: AttendanceStatus | null | undefined): boolean {
  return status !== null && status !== undefined && (PRESENT_STATUSES as readonly string[]).includes(status);
}

export type StatusProblem =
  | "attendance.error.unknownStatus"
  | "attendance.error.useSubstituteForm"
  | "attendance.error.removeSubstituteFirst"
  | "attendance.error.substituteMustBePresent";

/**
 * Whether a status may be set on a roster row. A replaced seat changes only by
 * removing its substitute, and a substitute is either present or taken off.
 */
export function statusChangeProblem({
  status,
  hasSubstitute,
  isSubstitute,
}: {
  status: string;
  hasSubstitute: boolean;
  isSubstitute: boolean;
}): StatusProblem | null {
  if (!isAttendanceStatus(status)) return "attendance.error.unknownStatus";
  if (status === "ersatt") return "attendance.error.useSubstituteForm";
  if (hasSubstitute) return "attendance.error.removeSubstituteFirst";
  if (isSubstitute && !countsAsPresent(status)) return "attendance.error.substituteMustBePresent";
  return null;
}

export type SubstituteProblem =
  | "attendance.error.substituteSelf"
  | "attendance.error.substituteEnrolled"
  | "attendance.error.substituteOnRoster"
  | "attendance.error.absentNotEnrolled"
  | "attendance.error.alreadySubstituted";

/**
 * Whether B may take A's seat at one session. B must not be A, must not be
 * enrolled in the series (then B has a seat of their own) and must not
 * already be on this session's roster. A must hold a seat that is not yet filled.
 */
export function substituteProblem({
  absentPersonId,
  substitutePersonId,
  absentIsEnrolled,
  absentAlreadySubstituted,
  substituteIsEnrolled,
  substituteOnRoster,
}: {
  absentPersonId: number;
  substitutePersonId: number | null;
  absentIsEnrolled: boolean;
  absentAlreadySubstituted: boolean;
  substituteIsEnrolled: boolean;
  substituteOnRoster: boolean;
}): SubstituteProblem | null {
  if (substitutePersonId === absentPersonId) return "attendance.error.substituteSelf";
  if (!absentIsEnrolled) return "attendance.error.absentNotEnrolled";
  if (absentAlreadySubstituted) return "attendance.error.alreadySubstituted";
  if (substituteIsEnrolled) return "attendance.error.substituteEnrolled";
  if (substituteOnRoster) return "attendance.error.substituteOnRoster";
  return null;
}

/** A substitute exists to keep the sector mix, so a different sector is worth a warning. */
export function sectorDiffers(absent: Sector, substitute: Sector): boolean {
  return absent !== substitute;
}

/** Someone checking in more than this long after the start is marked "sen ankomst". */
export const LATE_AFTER_MINUTES = 15;
export const DEFAULT_CHECKIN_MARGIN_MINUTES = 30;

export type CheckinWindow = { opensAt: Date; closesAt: Date };

export function checkinWindow({ startsAt, endsAt, marginMinutes }: { startsAt: Date; endsAt: Date; marginMinutes: number }): CheckinWindow {
  return {
    opensAt: new Date(startsAt.getTime() - marginMinutes * 60_000),
    closesAt: new Date(endsAt.getTime() + marginMinutes * 60_000),
  };
}

export function checkinState(window: CheckinWindow, now: Date): "notYetOpen" | "open" | "closed" {
  if (now < window.opensAt) return "notYetOpen";
  if (now > window.closesAt) return "closed";
  return "open";
}

export function checkinStatus({ startsAt, now }: { startsAt: Date; now: Date }): "narvarande" | "sen" {
  return now.getTime() > startsAt.getTime() + LATE_AFTER_MINUTES * 60_000 ? "sen" : "narvarande";
}

/** Check-in codes: no 0/O or 1/I, so a code read off a projector is typed right. */
export const CHECKIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CHECKIN_CODE_LENGTH = 6;

/** What a person typed, the way codes are stored: upper case, no spaces or dashes. */
export function normalizeCheckinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").slice(0, 20);
}

/**
 * One enrolled person's seat across the seminars held so far: how many the
 * seat was filled at (by them or a substitute) and how many they attended themselves.
 */
export type SeatRecord = { sector: Sector; filled: number; attendedSelf: number };

export type Continuity = {
  seats: number;
  /** Seats filled at every seminar held. */
  seatsFilledEvery: number;
  /** People who attended every seminar held themselves. */
  peopleAttendedEvery: number;
};

/** Seat and person continuity in total and per sector, over `seminarsHeld` seminars. */
export function continuity(records: SeatRecord[], seminarsHeld: number): { total: Continuity; bySector: Map<Sector, Continuity> } {
  const empty = (): Continuity => ({ seats: 0, seatsFilledEvery: 0, peopleAttendedEvery: 0 });
  const total = empty();
  const bySector = new Map<Sector, Continuity>();
  for (const record of records) {
    const sector = bySector.get(record.sector) ?? empty();
    bySector.set(record.sector, sector);
    for (const c of [total, sector]) {
      c.seats++;
      if (seminarsHeld > 0 && record.filled >= seminarsHeld) c.seatsFilledEvery++;
      if (seminarsHeld > 0 && record.attendedSelf >= seminarsHeld) c.peopleAttendedEvery++;
    }
  }
  return { total, bySector };
}

/** The drop-off from the first seminar to the last: a count, and a share of the first. */
export function dropOff(first: number, last: number): { count: number; share: number | null } {
  return { count: first - last, share: first > 0 ? (first - last) / first : null };
}
