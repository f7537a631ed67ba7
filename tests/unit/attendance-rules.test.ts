import { describe, expect, it } from "vitest";
import {
  checkinState,
  checkinStatus,
  checkinWindow,
  continuity,
  countsAsPresent,
  dropOff,
  normalizeCheckinCode,
  statusChangeProblem,
  substituteProblem,
  type SeatRecord,
} from "~/lib/attendance-rules";

describe("statuses", () => {
  it("counts present and late as attending, and nothing else", () => {
    expect(countsAsPresent("narvarande")).toBe(true);
    expect(countsAsPresent("sen")).toBe(true);
    expect(countsAsPresent("franvarande_anmalt")).toBe(false);
    expect(countsAsPresent("franvarande_ej_anmalt")).toBe(false);
    // The replaced person is not present; their substitute has a present row of their own.
    expect(countsAsPresent("ersatt")).toBe(false);
    expect(countsAsPresent(null)).toBe(false);
  });

  it("refuses statuses that do not exist", () => {
    for (const status of ["", "present", "NARVARANDE", "narvarande ", "deleted"]) {
      expect(statusChangeProblem({ status, hasSubstitute: false, isSubstitute: false })).toBe("attendance.error.unknownStatus");
    }
  });

  it("accepts the four markable statuses on an ordinary seat", () => {
    for (const status of ["narvarande", "sen", "franvarande_anmalt", "franvarande_ej_anmalt"]) {
      expect(statusChangeProblem({ status, hasSubstitute: false, isSubstitute: false })).toBeNull();
    }
  });

  it("sets 'ersatt' only through a named substitute", () => {
    expect(statusChangeProblem({ status: "ersatt", hasSubstitute: false, isSubstitute: false })).toBe("attendance.error.useSubstituteForm");
  });

  it("keeps a replaced seat replaced until its substitute is removed", () => {
    expect(statusChangeProblem({ status: "narvarande", hasSubstitute: true, isSubstitute: false })).toBe("attendance.error.removeSubstituteFirst");
  });

  it("lets a substitute be present or late, not absent", () => {
    expect(statusChangeProblem({ status: "sen", hasSubstitute: false, isSubstitute: true })).toBeNull();
    expect(statusChangeProblem({ status: "franvarande_anmalt", hasSubstitute: false, isSubstitute: true })).toBe("attendance.error.substituteMustBePresent");
  });
});

describe("substitutes", () => {
  const ok = {
    absentPersonId: 1,
    substitutePersonId: 2,
    absentIsEnrolled: true,
    absentAlreadySubstituted: false,
    substituteIsEnrolled: false,
    substituteOnRoster: false,
  };

  it("accepts a colleague who is not enrolled, and a person not yet registered", () => {
    expect(substituteProblem(ok)).toBeNull();
    expect(substituteProblem({ ...ok, substitutePersonId: null })).toBeNull();
  });

  it("refuses the absent person as their own substitute", () => {
    expect(substituteProblem({ ...ok, substitutePersonId: 1 })).toBe("attendance.error.substituteSelf");
  });

  it("refuses someone enrolled in the series: they have a seat of their own", () => {
    expect(substituteProblem({ ...ok, substituteIsEnrolled: true })).toBe("attendance.error.substituteEnrolled");
  });

  it("refuses someone already on the session's roster", () => {
    expect(substituteProblem({ ...ok, substituteOnRoster: true })).toBe("attendance.error.substituteOnRoster");
  });

  it("fills only an enrolled seat, and only once", () => {
    expect(substituteProblem({ ...ok, absentIsEnrolled: false })).toBe("attendance.error.absentNotEnrolled");
    expect(substituteProblem({ ...ok, absentAlreadySubstituted: true })).toBe("attendance.error.alreadySubstituted");
  });
});

describe("check-in window", () => {
  const startsAt = new Date("2026-11-24T07:30:00Z"); // 08:30 in Stockholm
  const endsAt = new Date("2026-11-24T11:00:00Z");
  const window = checkinWindow({ startsAt, endsAt, marginMinutes: 30 });

  it("opens the margin before the start and closes the margin after the end", () => {
    expect(window.opensAt.toISOString()).toBe("2026-11-24T07:00:00.000Z");
    expect(window.closesAt.toISOString()).toBe("2026-11-24T11:30:00.000Z");
  });

  it("is open on its edges and closed one millisecond outside them", () => {
    expect(checkinState(window, new Date("2026-11-24T06:59:59.999Z"))).toBe("notYetOpen");
    expect(checkinState(window, new Date("2026-11-24T07:00:00.000Z"))).toBe("open");
    expect(checkinState(window, new Date("2026-11-24T11:30:00.000Z"))).toBe("open");
    expect(checkinState(window, new Date("2026-11-24T11:30:00.001Z"))).toBe("closed");
  });

  it("marks arrivals more than 15 minutes after the start as late", () => {
    expect(checkinStatus({ startsAt, now: new Date("2026-11-24T07:45:00Z") })).toBe("narvarande");
    expect(checkinStatus({ startsAt, now: new Date("2026-11-24T07:45:00.001Z") })).toBe("sen");
  });

  it("reads codes the way people type them", () => {
    expect(normalizeCheckinCode(" k7q-4mx ")).toBe("K7Q4MX");
  });
});

describe("continuity", () => {
  // Three seminars held. Five seats: two in school, two in social services, one in health care.
  const records: SeatRecord[] = [
    { sector: "skola", filled: 3, attendedSelf: 3 }, // came every time
    { sector: "skola", filled: 3, attendedSelf: 2 }, // sent a substitute once
    { sector: "socialtjanst", filled: 2, attendedSelf: 2 }, // missed one, nobody came
    { sector: "socialtjanst", filled: 3, attendedSelf: 1 }, // substitutes twice
    { sector: "halso_sjukvard", filled: 1, attendedSelf: 1 },
  ];

  it("counts seats filled at every seminar and people who came to all", () => {
    const { total, bySector } = continuity(records, 3);
    expect(total).toEqual({ seats: 5, seatsFilledEvery: 3, peopleAttendedEvery: 1 });
    expect(bySector.get("skola")).toEqual({ seats: 2, seatsFilledEvery: 2, peopleAttendedEvery: 1 });
    expect(bySector.get("socialtjanst")).toEqual({ seats: 2, seatsFilledEvery: 1, peopleAttendedEvery: 0 });
    expect(bySector.get("halso_sjukvard")).toEqual({ seats: 1, seatsFilledEvery: 0, peopleAttendedEvery: 0 });
  });

  it("measures only the seminars held so far", () => {
    const { total } = continuity(records, 1);
    expect(total).toEqual({ seats: 5, seatsFilledEvery: 5, peopleAttendedEvery: 5 });
  });

  it("claims no continuity before the first seminar", () => {
    expect(continuity(records, 0).total).toEqual({ seats: 5, seatsFilledEvery: 0, peopleAttendedEvery: 0 });
  });

  it("gives the drop-off as a count and a share of the first seminar", () => {
    expect(dropOff(34, 26)).toEqual({ count: 8, share: 8 / 34 });
    expect(dropOff(0, 0)).toEqual({ count: 0, share: null });
    // More at the last seminar is a negative drop-off.
    expect(dropOff(4, 5)).toEqual({ count: -1, share: -0.25 });
  });
});
