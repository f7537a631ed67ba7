import { describe, expect, it } from "vitest";
import {
  addCalendarMonths,
  checkSchedule,
  findConflicts,
  isAtLeastMonthsApart,
  overlaps,
  parseIsoDate,
  type Booking,
} from "~/lib/scheduling";
import { stockholmToUtc } from "~/lib/time";

describe("calendar months between seminars", () => {
  it.each([
    ["2026-01-31", "2026-02-28", true], // month end clamps: one month
    ["2028-01-31", "2028-02-28", false], // leap year: one month is 29 Feb
    ["2028-01-31", "2028-02-29", true],
    ["2026-09-15", "2026-10-14", false], // a day short
    ["2026-09-15", "2026-10-15", true],
    ["2026-03-31", "2026-04-30", true],
    ["2026-12-15", "2027-01-15", true], // across the new year
    ["2026-12-15", "2027-01-14", false],
    ["2026-08-31", "2026-09-30", true],
    ["2026-08-30", "2026-09-29", false],
  ])("%s → %s is at least a month: %s", (previous, next, expected) => {
    expect(isAtLeastMonthsApart(previous, next)).toBe(expected);
  });

  it("adds months with month-end clamping", () => {
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2026-10-31", 2)).toBe("2026-12-31");
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-05-31", -1)).toBe("2026-04-30");
  });

  it("rejects impossible dates", () => {
    expect(parseIsoDate("2026-02-30")).toBeNull();
    expect(parseIsoDate("2026-13-01")).toBeNull();
    expect(parseIsoDate("2026-9-15")).toBeNull();
    expect(parseIsoDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
  });
});

const session = (id: number, position: number, date: string, from = "08:30", to = "12:00") => ({
  id,
  position,
  title: `Seminarium ${position}`,
  startsAt: stockholmToUtc(date, from),
  endsAt: stockholmToUtc(date, to),
});

describe("checkSchedule", () => {
  it("accepts the template's monthly rhythm", () => {
    expect(checkSchedule([session(1, 1, "2026-09-15"), session(2, 2, "2026-10-20"), session(3, 3, "2026-11-24")], 1)).toEqual([]);
  });

  it("warns when seminar 2 is three weeks after seminar 1", () => {
    expect(checkSchedule([session(1, 1, "2026-09-15"), session(2, 2, "2026-10-06")], 1)).toEqual([
      { code: "tooClose", sessionId: 2, previousId: 1, months: 1 },
    ]);
  });

  it("warns when sessions are out of order and when a session ends before it starts", () => {
    expect(checkSchedule([session(1, 1, "2026-10-20"), session(2, 2, "2026-09-15", "13:00", "12:00")], 1)).toEqual([
      { code: "endBeforeStart", sessionId: 2 },
      { code: "outOfOrder", sessionId: 2, previousId: 1 },
    ]);
  });

  it("has no month rule for templates without one", () => {
    expect(checkSchedule([session(1, 1, "2026-09-15"), session(2, 2, "2026-09-29")], null)).toEqual([]);
  });
});

describe("conflicts", () => {
  const booking = (id: number, date: string, from: string, to: string, processLeaderId: number | null, experts: string | null): Booking => ({
    id,
    startsAt: stockholmToUtc(date, from),
    endsAt: stockholmToUtc(date, to),
    processLeaderId,
    experts,
  });

  it("treats back-to-back bookings as not overlapping", () => {
    expect(overlaps(booking(1, "2026-09-15", "08:30", "12:00", 1, null), booking(2, "2026-09-15", "12:00", "15:00", 1, null))).toBe(false);
    expect(overlaps(booking(1, "2026-09-15", "08:30", "12:00", 1, null), booking(2, "2026-09-15", "11:59", "15:00", 1, null))).toBe(true);
  });

  it("finds the same process leader or expert booked at overlapping times", () => {
    const mine = booking(1, "2026-09-15", "08:30", "12:00", 7, "Malin Gren Landell, leg. psykolog");
    const others = [
      booking(2, "2026-09-15", "10:00", "13:00", 7, null), // same process leader
      booking(3, "2026-09-15", "09:00", "11:00", 8, "malin gren landell"), // same expert, other case
      booking(4, "2026-09-15", "13:00", "16:00", 7, "Malin Gren Landell"), // later the same day
      booking(5, "2026-09-16", "08:30", "12:00", 7, "Malin Gren Landell"), // another day
      booking(6, "2026-09-15", "08:30", "12:00", 9, "Helena Andersson"), // other people
    ];
    expect(findConflicts(mine, others)).toEqual([
      { sessionId: 1, otherId: 2, reason: "processLeader" },
      { sessionId: 1, otherId: 3, reason: "expert", name: "malin gren landell" },
    ]);
  });
});
