import { describe, expect, it } from "vitest";
import { stockholmToUtc } from "~/lib/time";
import {
  attendanceBySector,
  countSeriesByStatus,
  listSeries,
  listSeriesSessions,
  listUpcomingSessions,
} from "~/models/series.server";
import { organisationId, seriesId } from "../support/integration";

const ALL = { kind: "all" } as const;
/** A fixed "today" between Huddinge's second and third seminar. */
const NOW = stockholmToUtc("2026-10-21", "12:00");

describe("series read models (numbers from the demo seed)", () => {
  it("lists every series with its organisation, next session and number of participants", () => {
    const rows = listSeries({ scope: ALL, now: NOW }).map((r) => ({
      name: r.name,
      organisations: r.organisations,
      participants: r.participants,
      next: r.nextSessionAt === null ? null : new Date(r.nextSessionAt).toISOString(),
    }));
    // Newest first (by creation, which the seed sets to the first seminar's date).
    expect(rows).toEqual([
      { name: "Processtöd skolnärvaro Skärholmen", organisations: "Skärholmen", participants: 0, next: stockholmToUtc("2027-03-04", "08:30").toISOString() },
      { name: "Processtöd skolnärvaro Nacka", organisations: "Nacka", participants: 70, next: stockholmToUtc("2027-02-09", "08:30").toISOString() },
      { name: "Processtöd skolnärvaro Huddinge", organisations: "Huddinge", participants: 90, next: stockholmToUtc("2026-11-24", "08:30").toISOString() },
      { name: "Processtöd skolnärvaro Botkyrka", organisations: "Botkyrka", participants: 75, next: null },
      { name: "Processtöd skolnärvaro Järfälla", organisations: "Järfälla", participants: 15, next: null },
    ]);
  });

  it("counts who attended each session (present or late)", () => {
    const attended = (organisation: string) => listSeriesSessions({ seriesId: seriesId(organisation) }).map((s) => s.attended);
    // Deterministic from the seeded PRNG; social services attendance falls session by session.
    // Seminar 2 counts its substitutes (Botkyrka 1, Huddinge 1) and Huddinge's walk-in.
    expect(attended("Botkyrka")).toEqual([67, 58, 49]);
    expect(attended("Huddinge")).toEqual([83, 76, 0]);
    expect(attended("Järfälla")).toEqual([15, 0, 0]);
    expect(attended("Nacka")).toEqual([0, 0, 0]);
  });

  it("lists sessions in order with Stockholm times", () => {
    const sessions = listSeriesSessions({ seriesId: seriesId("Huddinge") });
    expect(sessions.map((s) => [s.position, s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      [1, "2026-09-15T06:30:00.000Z", "2026-09-15T10:00:00.000Z"],
      [2, "2026-10-20T06:30:00.000Z", "2026-10-20T10:00:00.000Z"],
      [3, "2026-11-24T07:30:00.000Z", "2026-11-24T11:00:00.000Z"], // winter time
    ]);
  });

  it("counts series per status", () => {
    const byStatus = Object.fromEntries(countSeriesByStatus({ scope: ALL }).map((r) => [r.status, r.count]));
    expect(byStatus).toEqual({ utkast: 1, planerad: 1, pagaende: 1, genomford: 1, avbruten: 1 });
  });

  it("lists upcoming sessions, skipping cancelled series", () => {
    const upcoming = listUpcomingSessions({ scope: ALL, now: NOW, limit: 10 });
    expect(upcoming.map((s) => [s.seriesName.replace("Processtöd skolnärvaro ", ""), s.startsAt.toISOString().slice(0, 10)])).toEqual([
      ["Huddinge", "2026-11-24"],
      ["Nacka", "2027-02-09"],
      ["Skärholmen", "2027-03-04"],
      ["Nacka", "2027-03-16"],
      ["Skärholmen", "2027-04-08"],
      ["Nacka", "2027-04-20"],
      ["Skärholmen", "2027-05-13"],
    ]);
  });

  it("sums attendance per sector in the scope", () => {
    const bySector = Object.fromEntries(attendanceBySector({ scope: ALL }).map((r) => [r.sector, r.count]));
    // Substitutes count as present: two from social services and a walk-in from health care.
    expect(bySector).toEqual({ skola: 276, socialtjanst: 54, halso_sjukvard: 7, annat: 8, vill_ej_uppge: 3 });
    // Huddinge's two seminars so far: 83 + 76 = 159 attendances.
    const huddinge = attendanceBySector({ scope: { kind: "organisations", organisationIds: [organisationId("Huddinge")] } });
    expect(Object.fromEntries(huddinge.map((r) => [r.sector, r.count]))).toEqual({
      skola: 125,
      socialtjanst: 24,
      halso_sjukvard: 4,
      annat: 5,
      vill_ej_uppge: 1,
    });
    expect(attendanceBySector({ scope: { kind: "organisations", organisationIds: [] } })).toEqual([]);
  });
});
