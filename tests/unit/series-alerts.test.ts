/**
 * The series dashboard's pure parts: shares as the page writes them, when a
 * session counts as held, and every alert rule, each with the case on either
 * side of its line.
 */
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import {
  DEFAULT_DROP_OFF_ALERT_PERCENT,
  dropOffAlertPercent,
  seriesAlerts,
  sessionState,
  type AlertInput,
  type AlertSession,
} from "~/lib/series-alerts";
import { buildSeriesDashboard, shareText } from "~/lib/series-dashboard";
import { alertText, cellText, dashboardTable, prepSummary, tableCsvRows } from "~/lib/series-dashboard-tables";
import type { Sector } from "../../db/schema";

const NBSP = "\u00a0";

describe("shares with one decimal, Swedish format", () => {
  it.each([
    [48, 233, "20,6"],
    [1, 3, "33,3"],
    [2, 3, "66,7"],
    [1, 8, "12,5"],
    [0, 5, "0,0"],
    [5, 5, "100,0"],
  ])("%i of %i is %s %%", (part, whole, expected) => {
    expect(shareText(part, whole)).toBe(`${expected}${NBSP}%`);
    expect(shareText(part, whole, "plain")).toBe(`${expected} %`);
  });

  it("writes a dash when there is nothing to divide by", () => {
    expect(shareText(0, 0)).toBe("–");
    expect(shareText(0, 0, "plain")).toBe("–");
    expect(cellText({ kind: "share", part: 0, whole: 0 })).toBe("–");
  });

  it("writes counts with Swedish digit grouping on the page and plain digits in CSV, negatives with a minus sign Excel does not run", () => {
    expect(cellText({ kind: "count", value: 1234 })).toBe(`1${NBSP}234`);
    expect(cellText({ kind: "count", value: 1234 }, "plain")).toBe("1234");
    expect(cellText({ kind: "count", value: -3 }, "plain")).toBe("\u22123");
    expect(cellText({ kind: "none", reason: "upcoming" })).toBe("–");
  });
});

describe("when a session counts as held", () => {
  const startsAt = new Date("2026-04-21T06:30:00Z");
  const before = new Date("2026-04-20T12:00:00Z");
  const after = new Date("2026-04-22T12:00:00Z");
  it("is upcoming before it starts, held once started with attendance, unrecorded without", () => {
    expect(sessionState({ startsAt, now: before, recorded: 0, seriesCancelled: false })).toBe("upcoming");
    expect(sessionState({ startsAt, now: before, recorded: 3, seriesCancelled: false })).toBe("upcoming");
    expect(sessionState({ startsAt, now: startsAt, recorded: 1, seriesCancelled: false })).toBe("held");
    expect(sessionState({ startsAt, now: after, recorded: 0, seriesCancelled: false })).toBe("unrecorded");
  });
  it("is cancelled in a cancelled series unless attendance was recorded", () => {
    expect(sessionState({ startsAt, now: after, recorded: 0, seriesCancelled: true })).toBe("cancelled");
    expect(sessionState({ startsAt, now: before, recorded: 0, seriesCancelled: true })).toBe("cancelled");
    expect(sessionState({ startsAt, now: after, recorded: 15, seriesCancelled: true })).toBe("held");
  });
});

describe("DROP_OFF_ALERT_PERCENT", () => {
  it("defaults to 25 and accepts 0–100, with a decimal comma too", () => {
    expect(dropOffAlertPercent({})).toBe(25);
    expect(DEFAULT_DROP_OFF_ALERT_PERCENT).toBe(25);
    expect(dropOffAlertPercent({ DROP_OFF_ALERT_PERCENT: "40" })).toBe(40);
    expect(dropOffAlertPercent({ DROP_OFF_ALERT_PERCENT: "12,5" })).toBe(12.5);
    expect(dropOffAlertPercent({ DROP_OFF_ALERT_PERCENT: "0" })).toBe(0);
    expect(dropOffAlertPercent({ DROP_OFF_ALERT_PERCENT: "" })).toBe(25);
    expect(dropOffAlertPercent({ DROP_OFF_ALERT_PERCENT: "-1" })).toBe(25);
    expect(dropOffAlertPercent({ DROP_OFF_ALERT_PERCENT: "101" })).toBe(25);
    expect(dropOffAlertPercent({ DROP_OFF_ALERT_PERCENT: "many" })).toBe(25);
  });
});

const sectors = (values: Partial<Record<Sector, number>>): Record<Sector, number> => ({
  skola: 0,
  socialtjanst: 0,
  halso_sjukvard: 0,
  annat: 0,
  vill_ej_uppge: 0,
  ...values,
});

function session(key: string, bySector: Partial<Record<Sector, number>>, extra: Partial<AlertSession> = {}): AlertSession {
  const counts = sectors(bySector);
  return {
    key,
    state: "held",
    isLastSeminar: false,
    attendees: Object.values(counts).reduce((a, b) => a + b, 0),
    bySector: counts,
    managersBySector: sectors({ skola: 1, socialtjanst: 1, halso_sjukvard: 1 }),
    ...extra,
  };
}

const enrolled = (accepted: Partial<Record<Sector, number>>, managers: Partial<Record<Sector, number>> = {}) =>
  Object.fromEntries(
    (["skola", "socialtjanst", "halso_sjukvard", "annat", "vill_ej_uppge"] as Sector[]).map((s) => [
      s,
      { accepted: accepted[s] ?? 0, acceptedManagers: managers[s] ?? 0 },
    ]),
  ) as AlertInput["enrolled"];

const base: AlertInput = {
  sessions: [],
  enrolled: enrolled({ skola: 10, socialtjanst: 5, halso_sjukvard: 2 }, { skola: 1, socialtjanst: 1, halso_sjukvard: 1 }),
  targets: [],
  requireManager: true,
  dropOff: null,
  dropOffAlertPercent: 25,
};

describe("the alert rules", () => {
  it("raises nothing for a held session where every core sector came, with managers, within target", () => {
    expect(seriesAlerts({ ...base, sessions: [session("s1", { skola: 5, socialtjanst: 3, halso_sjukvard: 2 }, { isLastSeminar: true })] })).toEqual([]);
  });

  it("names each core sector with no attendees at a held session, but not 'Annat'", () => {
    expect(seriesAlerts({ ...base, sessions: [session("s1", { skola: 5, annat: 0 })] })).toEqual([
      { code: "sectorMissing", severity: "error", sessionKey: "s1", sector: "socialtjanst" },
      { code: "sectorMissing", severity: "error", sessionKey: "s1", sector: "halso_sjukvard" },
    ]);
  });

  it("raises the health-care alert instead of 'missing' at a held last seminar", () => {
    expect(seriesAlerts({ ...base, sessions: [session("s3", { skola: 5, socialtjanst: 2 }, { isLastSeminar: true })] })).toEqual([
      { code: "healthMissingHeld", severity: "error", sessionKey: "s3", sector: "halso_sjukvard" },
    ]);
  });

  it("before the last seminar: an alert when nobody from health care is enrolled, none when one is", () => {
    const upcoming = session("s3", {}, { state: "upcoming", isLastSeminar: true });
    expect(seriesAlerts({ ...base, enrolled: enrolled({ skola: 4, socialtjanst: 2 }, { skola: 1, socialtjanst: 1 }), sessions: [upcoming] })).toEqual([
      { code: "healthMissingUpcoming", severity: "error", sessionKey: "s3", sector: "halso_sjukvard" },
    ]);
    expect(seriesAlerts({ ...base, sessions: [upcoming] })).toEqual([]);
    // An upcoming session that is not the last seminar raises nothing.
    expect(seriesAlerts({ ...base, enrolled: enrolled({}), sessions: [session("s2", {}, { state: "upcoming" })] })).toEqual([]);
  });

  it("flags core sectors without managers at the last seminar, held (present) or upcoming (enrolled), only when the series requires managers", () => {
    const held = session("s3", { skola: 5, socialtjanst: 2, halso_sjukvard: 1 }, {
      isLastSeminar: true,
      managersBySector: sectors({ skola: 2 }),
    });
    expect(seriesAlerts({ ...base, sessions: [held] })).toEqual([
      { code: "noManagersHeld", severity: "warn", sessionKey: "s3", sector: "socialtjanst" },
      { code: "noManagersHeld", severity: "warn", sessionKey: "s3", sector: "halso_sjukvard" },
    ]);
    expect(seriesAlerts({ ...base, requireManager: false, sessions: [held] })).toEqual([]);
    // Not at an earlier seminar.
    expect(seriesAlerts({ ...base, sessions: [{ ...held, key: "s2", isLastSeminar: false }] })).toEqual([]);

    const upcoming = session("s3", {}, { state: "upcoming", isLastSeminar: true });
    expect(
      seriesAlerts({ ...base, enrolled: enrolled({ skola: 10, socialtjanst: 5, halso_sjukvard: 2 }, { skola: 1 }), sessions: [upcoming] }),
    ).toEqual([
      { code: "noManagersUpcoming", severity: "warn", sessionKey: "s3", sector: "socialtjanst" },
      { code: "noManagersUpcoming", severity: "warn", sessionKey: "s3", sector: "halso_sjukvard" },
    ]);
  });

  it("says 'not recorded' once for a started session nobody marked, and nothing else about it", () => {
    expect(seriesAlerts({ ...base, sessions: [session("s2", {}, { state: "unrecorded", isLastSeminar: true })] })).toEqual([
      { code: "notRecorded", severity: "warn", sessionKey: "s2" },
    ]);
    expect(seriesAlerts({ ...base, sessions: [session("s2", {}, { state: "cancelled", isLastSeminar: true })] })).toEqual([]);
  });

  it("compares a held session with its targets: count below, share below, and exactly on the target", () => {
    const targets = [
      { sector: "halso_sjukvard" as const, minCount: 2, minSharePercent: null },
      { sector: "socialtjanst" as const, minCount: null, minSharePercent: 20 },
      { sector: "annat" as const, minCount: 1, minSharePercent: null },
    ];
    // 1 of 5 social services is exactly 20 %: on target. One from health care is below 2; nobody from Annat is below 1.
    expect(seriesAlerts({ ...base, targets, sessions: [session("s1", { skola: 3, socialtjanst: 1, halso_sjukvard: 1 })] })).toEqual([
      { code: "belowTargetCount", severity: "warn", sessionKey: "s1", sector: "halso_sjukvard", actual: 1, target: 2 },
      { code: "belowTargetCount", severity: "warn", sessionKey: "s1", sector: "annat", actual: 0, target: 1 },
    ]);
    // 1 of 6 is 16,7 %: below 20 %.
    expect(
      seriesAlerts({ ...base, targets, sessions: [session("s1", { skola: 3, socialtjanst: 1, halso_sjukvard: 2 })] }).filter((a) => a.code === "belowTargetShare"),
    ).toEqual([{ code: "belowTargetShare", severity: "warn", sessionKey: "s1", sector: "socialtjanst", actual: 1, attendees: 6, targetPercent: 20 }]);
    // A core sector nobody came from is "missing", not also "below target".
    expect(seriesAlerts({ ...base, targets, sessions: [session("s1", { skola: 3, socialtjanst: 1, annat: 1 })] })).toEqual([
      { code: "sectorMissing", severity: "error", sessionKey: "s1", sector: "halso_sjukvard" },
    ]);
  });

  it("raises a drop-off above the threshold (strictly) per core sector and in total, not where nobody is left", () => {
    const rows = (entries: [Sector | "total", number, number][]) => entries.map(([sector, first, last]) => ({ sector, first, last }));
    const input = (dropRows: ReturnType<typeof rows>, threshold = 25): AlertInput => ({
      ...base,
      dropOffAlertPercent: threshold,
      dropOff: { firstKey: "s1", lastKey: "s3", rows: dropRows },
    });
    const alerts = seriesAlerts(
      input(
        rows([
          ["skola", 4, 3], // 25,0 %: not above
          ["socialtjanst", 12, 6], // 50,0 %
          ["halso_sjukvard", 2, 0], // nobody left: its own alert
          ["annat", 4, 1], // not a core sector
          ["total", 22, 10], // 54,5 %
        ]),
      ),
    );
    expect(alerts).toEqual([
      { code: "dropOff", severity: "warn", sessionKey: "s3", firstKey: "s1", sector: "socialtjanst", first: 12, last: 6, thresholdPercent: 25 },
      { code: "dropOff", severity: "warn", sessionKey: "s3", firstKey: "s1", sector: "total", first: 22, last: 10, thresholdPercent: 25 },
    ]);
    expect(seriesAlerts(input(rows([["skola", 4, 3]]), 24)).map((a) => a.code)).toEqual(["dropOff"]);
    expect(seriesAlerts(input(rows([["socialtjanst", 12, 6]]), 50))).toEqual([]);
  });

  it("puts the serious alerts first, then warnings, each in the order of the sessions", () => {
    const alerts = seriesAlerts({
      ...base,
      targets: [{ sector: "halso_sjukvard", minCount: 2, minSharePercent: null }],
      sessions: [session("s1", { skola: 3, socialtjanst: 1, halso_sjukvard: 1 }), session("s2", { skola: 3, halso_sjukvard: 1 })],
    });
    expect(alerts.map((a) => [a.code, a.sessionKey])).toEqual([
      ["sectorMissing", "s2"],
      ["belowTargetCount", "s1"],
      ["belowTargetCount", "s2"],
    ]);
  });
});

function prepBySector(given: Partial<Record<Sector, { people: number; done: number; started: number }>>) {
  const zero = { people: 0, done: 0, started: 0 };
  return { skola: zero, socialtjanst: zero, halso_sjukvard: zero, annat: zero, vill_ej_uppge: zero, ...given };
}

describe("the dashboard put together, in words", () => {
  const t = translator("sv");
  const day = (d: string) => new Date(`${d}T07:30:00Z`);
  const dashboard = buildSeriesDashboard({
    columns: [
      { key: "s1", kind: "session", id: 1, position: 1, title: "Ett", startsAt: day("2026-02-10"), isSeminar: true },
      { key: "s2", kind: "session", id: 2, position: 2, title: "Två", startsAt: day("2026-03-17"), isSeminar: true },
      { key: "s3", kind: "session", id: 3, position: 3, title: "Tre", startsAt: day("2026-04-21"), isSeminar: true },
    ],
    seriesStatus: "pagaende",
    groups: [
      { key: "s1", sector: "skola", roleCategory: "chef", level: "strategisk", count: 1 },
      { key: "s1", sector: "skola", roleCategory: "profession", level: null, count: 1 },
      { key: "s1", sector: "halso_sjukvard", roleCategory: "sjukvard", level: "operativ", count: 1 },
      { key: "s2", sector: "skola", roleCategory: "profession", level: "operativ", count: 2 },
    ],
    activity: [
      { key: "s1", recorded: 3, substitutes: 0, substitutesOtherSector: 0, walkIns: 0 },
      { key: "s2", recorded: 3, substitutes: 1, substitutesOtherSector: 1, walkIns: 0 },
    ],
    funnel: [{ sector: "skola", invited: 3, accepted: 2, attended: 2, acceptedManagers: 1 }],
    targets: [],
    requireManager: true,
    now: new Date("2026-04-01T00:00:00Z"),
    dropOffAlertPercent: 25,
    prep: [
      // s1 has nothing to prepare, so it has no column in the preparation table.
      { sessionId: 1, items: 0, bySector: prepBySector({}), total: { people: 4, done: 0, started: 0 } },
      {
        sessionId: 2,
        items: 3,
        bySector: prepBySector({ skola: { people: 3, done: 2, started: 1 }, halso_sjukvard: { people: 1, done: 0, started: 0 } }),
        total: { people: 4, done: 2, started: 1 },
      },
      {
        sessionId: 3,
        items: 4,
        bySector: prepBySector({ skola: { people: 3, done: 0, started: 2 }, halso_sjukvard: { people: 1, done: 1, started: 0 } }),
        total: { people: 4, done: 1, started: 2 },
      },
    ],
  });

  it("preparation: the share done is of each session's people, only sessions with something to prepare", () => {
    expect(dashboard.preparation.map((p) => p.key)).toEqual(["s2", "s3"]);
    expect(tableCsvRows(dashboardTable(t, dashboard, "forberedelser")!)).toEqual([
      ["Verksamhet", "Tillfälle 2 (2026-03-17) klara", "Tillfälle 2 (2026-03-17) andel klara", "Tillfälle 3 (2026-04-21) klara", "Tillfälle 3 (2026-04-21) andel klara"],
      ["Skola", "2", "66,7 %", "0", "0,0 %"],
      ["Socialtjänst", "0", "–", "0", "–"],
      ["Hälso- och sjukvård", "0", "0,0 %", "1", "100,0 %"],
      ["Annat", "0", "–", "0", "–"],
      ["Vill ej uppge", "0", "–", "0", "–"],
      ["Totalt", "2", "50,0 %", "1", "25,0 %"],
    ]);
    // The next session with something to prepare is s3 (2026-04-21).
    expect(prepSummary(t, dashboard)).toBe(`Inför tillfälle 3 (2026-04-21) är 1 av 4 deltagare klara med förberedelserna (25,0${NBSP}%).`);
  });

  it("shares are of each session's attendees: 1 of 3 and 2 of 3", () => {
    const rows = tableCsvRows(dashboardTable(t, dashboard, "sektorer")!);
    expect(rows[0]).toEqual([
      "Verksamhet",
      "Tillfälle 1 (2026-02-10) antal",
      "Tillfälle 1 (2026-02-10) andel",
      "Tillfälle 2 (2026-03-17) antal",
      "Tillfälle 2 (2026-03-17) andel",
      "Tillfälle 3 (2026-04-21) antal",
      "Tillfälle 3 (2026-04-21) andel",
    ]);
    expect(rows.slice(1)).toEqual([
      ["Skola", "2", "66,7 %", "2", "100,0 %", "–", "–"],
      ["Socialtjänst", "0", "0,0 %", "0", "0,0 %", "–", "–"],
      ["Hälso- och sjukvård", "1", "33,3 %", "0", "0,0 %", "–", "–"],
      ["Annat", "0", "0,0 %", "0", "0,0 %", "–", "–"],
      ["Vill ej uppge", "0", "0,0 %", "0", "0,0 %", "–", "–"],
      ["Totalt", "3", "100,0 %", "2", "100,0 %", "–", "–"],
    ]);
    expect(tableCsvRows(dashboardTable(t, dashboard, "nivaer")!).slice(1)).toEqual([
      ["Strategisk", "1", "33,3 %", "0", "0,0 %", "–", "–"],
      ["Operativ", "1", "33,3 %", "2", "100,0 %", "–", "–"],
      ["Ej angiven", "1", "33,3 %", "0", "0,0 %", "–", "–"],
      ["Totalt", "3", "100,0 %", "2", "100,0 %", "–", "–"],
    ]);
  });

  it("writes each alert as the problem and the next step", () => {
    expect(dashboard.alerts.map((a) => alertText(t, a, dashboard.sessions))).toEqual([
      {
        problem: "Socialtjänst saknades vid tillfälle 1 (2026-02-10): ingen därifrån deltog.",
        next: "Kontakta de anmälda från socialtjänsten före nästa tillfälle, och be den som inte kan komma att skicka en ersättare från samma verksamhet.",
      },
      {
        problem: "Socialtjänst saknades vid tillfälle 2 (2026-03-17): ingen därifrån deltog.",
        next: "Kontakta de anmälda från socialtjänsten före nästa tillfälle, och be den som inte kan komma att skicka en ersättare från samma verksamhet.",
      },
      {
        problem: "Hälso- och sjukvård saknades vid tillfälle 2 (2026-03-17): ingen därifrån deltog.",
        next: "Kontakta de anmälda från hälso- och sjukvården före nästa tillfälle, och be den som inte kan komma att skicka en ersättare från samma verksamhet.",
      },
      {
        problem:
          "Ingen från hälso- och sjukvården är anmäld till tillfälle 3 (2026-04-21), seriens sista seminarium – det som handlar om samverkan.",
        next: "Bjud in BUP, vårdcentralen och elevhälsans medicinska del nu, under Inbjudningar och svar.",
      },
      // Health care's 1 → 0 is its "missing" alert; the total's 3 → 2 is over 25 %.
      {
        problem: `Totalt: 3 deltog vid tillfälle 1 men 2 vid tillfälle 2, ett bortfall på 33,3${NBSP}% (larmgränsen är 25,0${NBSP}%).`,
        next: "Fråga dem som slutat komma vad som hindrar dem, och påminn om att en kollega från samma verksamhet kan gå i deras ställe.",
      },
    ]);
  });
});
