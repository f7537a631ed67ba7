import { describe, expect, it } from "vitest";
import { sectorFigures } from "~/lib/sectors.server";
import { suppressSmallCells, suppressionThreshold } from "~/lib/suppression";

const rows = (counts: Record<string, number>) => Object.entries(counts).map(([key, count]) => ({ key, count }));
const counts = (result: { key: string; count: number | null }[]) => Object.fromEntries(result.map((r) => [r.key, r.count]));

describe("suppressSmallCells (threshold 5)", () => {
  it("hides every cell with 1–4 people and keeps larger ones", () => {
    // Botkyrka's enrolment: three small cells, so no secondary suppression is needed.
    const result = suppressSmallCells(rows({ skola: 55, socialtjanst: 15, halso_sjukvard: 2, annat: 2, vill_ej_uppge: 1 }), 5);
    expect(counts(result)).toEqual({ skola: 55, socialtjanst: 15, halso_sjukvard: null, annat: null, vill_ej_uppge: null });
  });

  it("shows a cell of exactly the threshold", () => {
    expect(counts(suppressSmallCells(rows({ a: 5, b: 4, c: 6 }), 5))).toEqual({ a: null, b: null, c: 6 });
  });

  it("hides the next smallest cell too when only one was hidden, so the total does not give it away", () => {
    const result = suppressSmallCells(rows({ skola: 66, socialtjanst: 18, halso_sjukvard: 3, annat: 0, vill_ej_uppge: 0 }), 5);
    expect(counts(result)).toEqual({ skola: 66, socialtjanst: null, halso_sjukvard: null, annat: 0, vill_ej_uppge: 0 });
  });

  it("keeps zeros visible: an empty sector is the most important thing to see, and reveals nobody", () => {
    const result = suppressSmallCells(rows({ skola: 40, socialtjanst: 0, halso_sjukvard: 0 }), 5);
    expect(counts(result)).toEqual({ skola: 40, socialtjanst: 0, halso_sjukvard: 0 });
    // A zero is never picked as the "next smallest" cell either.
    expect(counts(suppressSmallCells(rows({ a: 0, b: 2, c: 9, d: 30 }), 5))).toEqual({ a: 0, b: null, c: null, d: 30 });
  });

  it("hides a lone small cell even when there is nothing else to hide with it", () => {
    expect(counts(suppressSmallCells(rows({ a: 3, b: 0 }), 5))).toEqual({ a: null, b: 0 });
  });

  it("keeps the order of the rows", () => {
    expect(suppressSmallCells(rows({ c: 10, a: 1, b: 20 }), 5).map((r) => r.key)).toEqual(["c", "a", "b"]);
  });
});

describe("suppressionThreshold", () => {
  it("is 5 by default and can be set through SUPPRESSION_THRESHOLD", () => {
    expect(suppressionThreshold({})).toBe(5);
    expect(suppressionThreshold({ SUPPRESSION_THRESHOLD: "10" })).toBe(10);
    expect(suppressionThreshold({ SUPPRESSION_THRESHOLD: "3" })).toBe(3);
    expect(suppressionThreshold({ SUPPRESSION_THRESHOLD: " 7 " })).toBe(7);
  });

  it("keeps whole numbers within 3–10: below is raised to 3 (never switched off), above lowered to 10", () => {
    for (const [value, n] of [["2", 3], ["1", 3], ["0", 3], ["-3", 3], ["11", 10], ["100", 10]] as const) {
      expect({ value, n: suppressionThreshold({ SUPPRESSION_THRESHOLD: value }) }).toEqual({ value, n });
    }
  });

  it("falls back to 5 for values that are not whole numbers", () => {
    for (const value of ["2.5", "abc", "", "  ", "5 personer", "1e1"]) {
      expect({ value, n: suppressionThreshold({ SUPPRESSION_THRESHOLD: value }) }).toEqual({ value, n: 5 });
    }
  });
});

describe("sectorFigures (what a sponsor sees per sector)", () => {
  it("lists all five sectors in fixed order with zeros, and hides small cells when asked", () => {
    // Järfälla: 12 from school, 3 from social services, nobody else.
    const figures = sectorFigures(
      [
        { sector: "socialtjanst", count: 3 },
        { sector: "skola", count: 12 },
      ],
      { suppress: true },
    );
    expect(figures).toEqual({
      rows: [
        { sector: "skola", count: null, hidden: "complementary" }, // hidden as well, or 15 − 12 would reveal the 3
        { sector: "socialtjanst", count: null, hidden: "small" },
        { sector: "halso_sjukvard", count: 0 },
        { sector: "annat", count: 0 },
        { sector: "vill_ej_uppge", count: 0 },
      ],
      total: 15,
      suppressedBelow: 5,
    });
  });

  it("shows every number to those who may see people", () => {
    const figures = sectorFigures([{ sector: "socialtjanst", count: 3 }], { suppress: false });
    expect(figures.rows.map((r) => r.count)).toEqual([0, 3, 0, 0, 0]);
    expect(figures.suppressedBelow).toBeNull();
  });

  it("says nothing was suppressed when no cell was small", () => {
    const figures = sectorFigures([{ sector: "skola", count: 30 }, { sector: "socialtjanst", count: 8 }], { suppress: true });
    expect(figures.rows.map((r) => r.count)).toEqual([30, 8, 0, 0, 0]);
    expect(figures.suppressedBelow).toBeNull();
  });
});
