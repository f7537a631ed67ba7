/**
 * The benchmark's raw SQL floor must count exactly what the series dashboard's
 * loader counts, or the ratio loader ÷ raw SQL would compare different work.
 * Checked on the demo series, which have substitutes, walk-ins, an exchange
 * session, targets and preparation done.
 */
import { describe, expect, it } from "vitest";
import { matrixColumns } from "~/models/attendance-report.server";
import { getDb } from "~/models/db.server";
import { prepStats } from "~/models/prep-stats.server";
import { getTargets } from "~/models/representation.server";
import { attendeeGroups, columnActivity, funnelBySector } from "~/models/series-dashboard.server";
import { rawSeriesDashboard, type RawRow } from "../bench/raw-sql";
import { seriesId } from "../support/integration";

const byKey = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe("raw SQL floor of the series dashboard", () => {
  for (const organisation of ["Huddinge", "Botkyrka", "Nacka"]) {
    it(`counts the same as the loader's queries for ${organisation}`, () => {
      const id = seriesId(organisation);
      const rows = rawSeriesDashboard(getDb().$client, id);
      const part = (name: string) => rows.filter((r) => r.part === name);

      expect(part("column").map((r) => r.k)).toEqual(matrixColumns({ seriesId: id }).map((c) => c.key));

      const groups = part("attendees").map((r: RawRow) => ({ key: r.k, sector: r.a, roleCategory: r.b, level: r.c, count: r.n1 }));
      const groupKey = (g: { key: unknown; sector: unknown; roleCategory: unknown; level: unknown }) => `${g.key}|${g.sector}|${g.roleCategory}|${g.level}`;
      expect(byKey(groups, groupKey)).toEqual(byKey(attendeeGroups({ seriesId: id }), groupKey));

      const activity = part("activity").map((r) => ({ key: r.k, recorded: r.n1, substitutes: r.n2, substitutesOtherSector: r.n3, walkIns: r.n4 }));
      expect(byKey(activity, (a) => String(a.key))).toEqual(byKey(columnActivity({ seriesId: id }), (a) => a.key));

      const funnel = part("funnel").map((r) => ({ sector: r.a, invited: r.n1, accepted: r.n2, attended: r.n3, acceptedManagers: r.n4 }));
      expect(byKey(funnel, (f) => String(f.sector))).toEqual(byKey(funnelBySector({ seriesId: id }), (f) => f.sector));

      const targets = part("target").map((r) => ({ sector: r.a, minCount: r.n1, minSharePercent: r.n2 }));
      expect(byKey(targets, (t) => String(t.sector))).toEqual(byKey(getTargets({ seriesId: id }).targets, (t) => t.sector));

      const prep = prepStats({ seriesId: id, scope: { kind: "all" } }).flatMap((s) =>
        Object.entries(s.bySector)
          .filter(([, c]) => c.people > 0)
          .map(([sector, c]) => `s${s.sessionId}|${sector}|${s.items}|${c.people}|${c.done}|${c.started}`),
      );
      const rawPrep = part("prep")
        .filter((r) => r.a !== null)
        .map((r) => `${r.k}|${r.a}|${r.n1}|${r.n2}|${r.n3}|${r.n4}`);
      expect(rawPrep.sort()).toEqual(prep.sort());
    });
  }

  it("has something to compare: Huddinge's demo series has attendees, substitutes, a walk-in and preparation done", () => {
    const rows = rawSeriesDashboard(getDb().$client, seriesId("Huddinge"));
    expect(rows.filter((r) => r.part === "activity").reduce((sum, r) => sum + (r.n2 ?? 0), 0)).toBe(1);
    expect(rows.filter((r) => r.part === "activity").reduce((sum, r) => sum + (r.n4 ?? 0), 0)).toBe(1);
    expect(rows.filter((r) => r.part === "prep").reduce((sum, r) => sum + (r.n3 ?? 0) + (r.n4 ?? 0), 0)).toBeGreaterThan(0);
  });
});
