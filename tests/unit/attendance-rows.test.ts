/**
 * The attendance import's rows without a database: the accepted headers,
 * statuses and sessions, and every rule a row is checked against, with a
 * small made-up series as context.
 */
import { describe, expect, it } from "vitest";
import {
  checkAttendanceRows,
  mapAttendanceHeader,
  parseAttendanceStatus,
  parseSessionRef,
  readAttendanceRows,
  type AttendanceImportContext,
  type ExistingAttendance,
} from "~/lib/attendance-rows";
import { isCsvError, parseCsv } from "~/lib/csv";

describe("statuses", () => {
  it("accepts the Swedish labels and the codes in any case, with any dash", () => {
    const cases: [string, string | null][] = [
      ["Närvarande", "narvarande"],
      ["NÄRVARANDE", "narvarande"],
      ["narvarande", "narvarande"],
      ["Sen ankomst", "sen"],
      ["sen", "sen"],
      ["Frånvarande – anmält", "franvarande_anmalt"],
      ["Frånvarande - anmält", "franvarande_anmalt"],
      ["Frånvarande — anmält", "franvarande_anmalt"],
      ["frånvarande  anmält", "franvarande_anmalt"],
      ["Anmält frånvaro", "franvarande_anmalt"],
      ["franvarande_anmalt", "franvarande_anmalt"],
      ["Frånvarande – ej anmält", "franvarande_ej_anmalt"],
      ["Ej anmält", "franvarande_ej_anmalt"],
      ["FRANVARANDE_EJ_ANMALT", "franvarande_ej_anmalt"],
      ["Ersatt", "ersatt"],
      ["Borta", null],
      ["Frånvarande", null],
      ["", null],
    ];
    expect(cases.map(([text]) => [text, parseAttendanceStatus(text)])).toEqual(cases);
  });
});

describe("sessions", () => {
  it("reads a seminar number or the exchange", () => {
    expect(["1", " 2. ", "Seminarium 3", "tillfälle 12", "Utbyte", "ERFARENHETSUTBYTE", "0", "x", "1,5", "", "1000"].map(parseSessionRef)).toEqual([
      { kind: "seminar", position: 1 },
      { kind: "seminar", position: 2 },
      { kind: "seminar", position: 3 },
      { kind: "seminar", position: 12 },
      { kind: "exchange" },
      { kind: "exchange" },
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("headers", () => {
  it("maps Swedish and English headers, in any order and case", () => {
    expect(mapAttendanceHeader(["Namn", "E-post", "Tillfälle", "Status", "Ersätter"])).toEqual({
      columns: { email: 1, session: 2, status: 3, substituteFor: 4 },
      missing: [],
    });
    expect(mapAttendanceHeader(["status", "EMAIL", "Session", "Substitute for"])).toEqual({
      columns: { status: 0, email: 1, session: 2, substituteFor: 3 },
      missing: [],
    });
    expect(mapAttendanceHeader(["E-postadress", "Närvaro"]).missing).toEqual(["session"]);
    expect(mapAttendanceHeader(["Namn"]).missing).toEqual(["email", "session", "status"]);
  });
});

function table(text: string) {
  const parsed = parseCsv(text);
  if (isCsvError(parsed)) throw new Error(parsed.code);
  return parsed;
}

describe("reading rows", () => {
  it("reports what is wrong with a row without the database", () => {
    const rows = readAttendanceRows(
      table(
        [
          "E-post;Tillfälle;Status;Ersätter",
          "anna@x.example;1;Närvarande;",
          "anna@x;2;Sen;",
          "bo@x.example;sju;Borta;",
          "bo@x.example;1;Ersatt;",
          "cia@x.example;1;Närvarande;bo@x",
        ].join("\n"),
      ),
    );
    expect(rows.map((r) => [r.line, r.session, r.status, r.substituteForEmail, r.errors])).toEqual([
      [2, { kind: "seminar", position: 1 }, "narvarande", null, []],
      [3, { kind: "seminar", position: 2 }, "sen", null, [{ key: "attendanceImport.error.emailInvalid" }]],
      [
        4,
        null,
        null,
        null,
        [
          { key: "attendanceImport.error.sessionInvalid", params: { value: "sju" } },
          { key: "attendanceImport.error.statusUnknown", params: { value: "Borta" } },
        ],
      ],
      [5, { kind: "seminar", position: 1 }, "ersatt", null, [{ key: "attendanceImport.error.statusReplaced" }]],
      [6, { kind: "seminar", position: 1 }, "narvarande", "bo@x", [{ key: "attendanceImport.error.substituteForInvalid" }]],
    ]);
  });
});

/**
 * Series 10 with seminars 1 and 2 and an exchange. Anna, Bo and Dan are
 * enrolled; Cia is registered but not enrolled; Eva came as a walk-in to
 * seminar 1; at seminar 2 Fia substituted for Bo. At the exchange Gun has a
 * row through series 11.
 */
function context(): AttendanceImportContext {
  const people: [string, number, string][] = [
    ["anna@x.example", 1, "Anna A"],
    ["bo@x.example", 2, "Bo B"],
    ["cia@x.example", 3, "Cia C"],
    ["dan@x.example", 4, "Dan D"],
    ["eva@x.example", 5, "Eva E"],
    ["fia@x.example", 6, "Fia F"],
    ["gun@x.example", 7, "Gun G"],
  ];
  const row = (status: ExistingAttendance["status"], extra: Partial<ExistingAttendance> = {}): ExistingAttendance => ({
    seriesId: 10,
    status,
    substituteFor: null,
    walkIn: false,
    ...extra,
  });
  return {
    seriesId: 10,
    sessions: new Map([
      [1, { key: "s1", occasion: { kind: "session", seriesId: 10, sessionId: 101 } }],
      [2, { key: "s2", occasion: { kind: "session", seriesId: 10, sessionId: 102 } }],
    ]),
    exchange: { key: "e1", occasion: { kind: "exchange", eventId: 1 } },
    people: new Map(people.map(([email, id, name]) => [email, { id, name }])),
    enrolled: new Set([1, 2, 4, 7]),
    attendance: new Map([
      ["s1", new Map([[1, row("narvarande")], [5, row("narvarande", { walkIn: true })]])],
      ["s2", new Map([[2, row("ersatt")], [6, row("narvarande", { substituteFor: 2 })]])],
      ["e1", new Map([[7, row("narvarande", { seriesId: 11 })]])],
    ]),
  };
}

const S1 = { kind: "session", seriesId: 10, sessionId: 101 } as const;
const S2 = { kind: "session", seriesId: 10, sessionId: 102 } as const;
const E1 = { kind: "exchange", eventId: 1 } as const;

function check(lines: string[]) {
  return checkAttendanceRows(readAttendanceRows(table(["E-post;Tillfälle;Status;Ersätter", ...lines].join("\n"))), context());
}

describe("checking rows against the series", () => {
  it("plans new marks, changes and unchanged rows, keeping a walk-in's and a substitute's details", () => {
    const plan = check([
      "ANNA@x.example;1;Närvarande;", // unchanged
      "dan@x.example;1;Frånvarande – anmält;", // new
      "eva@x.example;1;Sen ankomst;", // walk-in, change
      "anna@x.example;2;Ej anmält;", // new
      "fia@x.example;2;Sen;", // substitute, change
      "dan@x.example;Utbyte;Närvarande;", // new, at the exchange
    ]);
    expect(plan.counts).toEqual({ new: 3, change: 2, unchanged: 1, error: 0 });
    expect(plan.rows.map((r) => [r.line, r.name, r.outcome, r.status, r.previous])).toEqual([
      [2, "Anna A", "unchanged", "narvarande", "narvarande"],
      [3, "Dan D", "new", "franvarande_anmalt", null],
      [4, "Eva E", "change", "sen", "narvarande"],
      [5, "Anna A", "new", "franvarande_ej_anmalt", null],
      [6, "Fia F", "change", "sen", "narvarande"],
      [7, "Dan D", "new", "narvarande", null],
    ]);
    expect(plan.writes).toEqual([
      { occasion: S1, seriesId: 10, personId: 4, status: "franvarande_anmalt", substituteForPersonId: null, walkIn: false },
      { occasion: S1, seriesId: 10, personId: 5, status: "sen", substituteForPersonId: null, walkIn: true },
      { occasion: S2, seriesId: 10, personId: 1, status: "franvarande_ej_anmalt", substituteForPersonId: null, walkIn: false },
      { occasion: S2, seriesId: 10, personId: 6, status: "sen", substituteForPersonId: 2, walkIn: false },
      { occasion: E1, seriesId: 10, personId: 4, status: "narvarande", substituteForPersonId: null, walkIn: false },
    ]);
  });

  it("a substitute row writes the substitute present for the seat and the enrolled person 'ersatt'", () => {
    const plan = check(["cia@x.example;1;Närvarande;dan@x.example", "dan@x.example;1;Frånvarande – anmält;"]);
    expect(plan.counts).toEqual({ new: 2, change: 0, unchanged: 0, error: 0 });
    expect(plan.rows.map((r) => [r.line, r.outcome, r.status, r.substituteFor, r.replacedOnLine])).toEqual([
      [2, "new", "narvarande", { email: "dan@x.example", name: "Dan D" }, null],
      // Dan's own absent row agrees with the substitute: he is "ersatt", written once.
      [3, "new", "ersatt", null, 2],
    ]);
    expect(plan.writes).toEqual([
      { occasion: S1, seriesId: 10, personId: 3, status: "narvarande", substituteForPersonId: 4, walkIn: false },
      { occasion: S1, seriesId: 10, personId: 4, status: "ersatt", substituteForPersonId: null, walkIn: false },
    ]);
  });

  it("a substitute already recorded is unchanged, and the replaced seat's absent row confirms it", () => {
    const plan = check(["fia@x.example;2;Närvarande;bo@x.example", "bo@x.example;2;Frånvarande – anmält;"]);
    expect(plan.rows.map((r) => [r.outcome, r.status])).toEqual([
      ["unchanged", "narvarande"],
      ["unchanged", "ersatt"],
    ]);
    expect(plan.writes).toEqual([]);
  });

  const errorsOf = (lines: string[]) =>
    check(lines)
      .rows.filter((r) => r.outcome === "error")
      .map((r) => [r.line, r.errors]);

  it("refuses unknown people and sessions, people not enrolled, and statuses that don't exist", () => {
    expect(
      errorsOf([
        "okand@x.example;1;Närvarande;",
        "cia@x.example;1;Närvarande;",
        "anna@x.example;3;Närvarande;",
        "anna@x.example;Utbyte;Jätteduktig;",
        "anna@x.example;2;Ersatt;",
        "anna@x.example;1;Närvarande;okand@x.example",
        "gun@x.example;Utbyte;Närvarande;",
      ]),
    ).toEqual([
      [2, [{ key: "attendanceImport.error.personUnknown", params: { email: "okand@x.example" } }]],
      [3, [{ key: "attendanceImport.error.notEnrolled", params: { name: "Cia C" } }]],
      [4, [{ key: "attendanceImport.error.noSuchSession", params: { position: 3, count: 2 } }]],
      [5, [{ key: "attendanceImport.error.statusUnknown", params: { value: "Jätteduktig" } }]],
      [6, [{ key: "attendanceImport.error.statusReplaced" }]],
      [7, [{ key: "attendanceImport.error.substituteForUnknown", params: { email: "okand@x.example" } }]],
      [8, [{ key: "attendanceImport.error.otherSeries", params: { name: "Gun G" } }]],
    ]);
  });

  it("applies the substitute rules of the roster", () => {
    expect(
      errorsOf([
        "dan@x.example;1;Närvarande;dan@x.example", // self
        "anna@x.example;2;Närvarande;dan@x.example", // the substitute is enrolled
        "cia@x.example;2;Närvarande;eva@x.example", // the absent person is not enrolled
        "eva@x.example;2;Sen;bo@x.example", // Bo's seat already has Fia
        "eva@x.example;1;Närvarande;anna@x.example", // Eva is already on seminar 1's roster
        "cia@x.example;Utbyte;Frånvarande – anmält;dan@x.example", // a substitute is present
      ]),
    ).toEqual([
      [2, [{ key: "attendance.error.substituteSelf", params: { name: "Dan D" } }]],
      [3, [{ key: "attendance.error.substituteEnrolled", params: { name: "Anna A" } }]],
      [4, [{ key: "attendance.error.absentNotEnrolled", params: { name: "Cia C" } }]],
      [5, [{ key: "attendance.error.alreadySubstituted", params: { name: "Eva E" } }]],
      [6, [{ key: "attendance.error.substituteOnRoster", params: { name: "Eva E" } }]],
      [7, [{ key: "attendanceImport.error.substituteStatus" }]],
    ]);
  });

  it("finds conflicts within the file: a person twice at one session, a seat filled twice, a replaced person present", () => {
    expect(
      errorsOf([
        "anna@x.example;1;Närvarande;",
        "anna@x.example;1.;Sen;",
        "cia@x.example;Utbyte;Närvarande;dan@x.example",
        "fia@x.example;Utbyte;Närvarande;dan@x.example",
        "dan@x.example;Utbyte;Närvarande;",
        "bo@x.example;2;Närvarande;",
        "fia@x.example;2;Frånvarande – anmält;",
      ]),
    ).toEqual([
      [3, [{ key: "attendanceImport.error.duplicate", params: { name: "Anna A", line: 2 } }]],
      [5, [{ key: "attendanceImport.error.seatTakenInFile", params: { name: "Dan D", line: 4 } }]],
      [6, [{ key: "attendanceImport.error.replacedInFile", params: { name: "Dan D", line: 4 } }]],
      [7, [{ key: "attendance.error.removeSubstituteFirst" }]],
      [8, [{ key: "attendance.error.substituteMustBePresent" }]],
    ]);
  });
});
