import { describe, expect, it } from "vitest";
import { sectorFigures } from "~/lib/sectors.server";
import { suppressSmallCells, suppressTable, suppressTables, suppressionThreshold, type TableLink } from "~/lib/suppression";

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

describe("suppressTables (tables that share their margins, threshold 5)", () => {
  const C = "complementary";
  const S = "small";
  // Municipalities × two sectors. A has 1 person from the first sector.
  const municipalities = [
    [1, 20],
    [5, 20],
  ];
  // One term with the same people: its row is the municipalities' column totals.
  const terms = [[6, 40]];
  const links: TableLink[] = ([0, 1, "total"] as const).map((column) => ({
    parts: [{ table: 1, row: "total", column }],
    total: { table: 0, row: "total", column },
  }));

  it("on its own, the municipality table hides its first column total (1 + 5 = 6 would give both away)", () => {
    const shown = suppressTable(municipalities, 5);
    expect(shown.cells).toEqual([
      [S, C],
      [C, C],
    ]);
    expect(shown.columnTotals).toEqual([C, C]);
    expect(shown.rowTotals).toEqual([21, 25]);
    expect(shown.total).toBe(46);
  });

  it("on its own, the term table hides nothing – and its 6 would reveal the hidden total, so A's 1 and B's 5", () => {
    const shown = suppressTable(terms, 5);
    expect(shown.cells).toEqual([[6, 40]]);
    expect(shown.hiddenCount).toBe(0);
  });

  it("together, a total hidden in one table is hidden in the other too", () => {
    const [termsShown, municipalitiesShown] = suppressTables(
      [{ cells: terms }, { cells: municipalities }],
      5,
      links,
    );
    expect(municipalitiesShown.columnTotals).toEqual([C, C]);
    expect(termsShown.cells).toEqual([[C, C]]);
    expect(termsShown.columnTotals).toEqual([C, C]);
    // The grand totals are equal and visible in both: they reveal nothing hidden.
    expect(termsShown.total).toBe(46);
    expect(municipalitiesShown.total).toBe(46);
  });

  it("ignores a link whose sum does not hold in the data (people counted in two terms)", () => {
    const [termsShown] = suppressTables([{ cells: [[3, 40], [4, 0]] }, { cells: municipalities }], 5, links);
    // 3 + 4 = 7 is not the municipalities' 6, so the tables are protected each on its own.
    expect(termsShown).toEqual(suppressTable([[3, 40], [4, 0]], 5));
  });
});
