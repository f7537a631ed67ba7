/**
 * The rules of the county dashboard that need no database: complementary
 * suppression of a table with its totals, an organisation's state from its
 * series, shares with one decimal, the order of terms, and the CSV cells.
 */
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import {
  compareTerms,
  countyQuery,
  formatShare,
  formatShareNumber,
  organisationState,
  percentOf,
  type CountyDashboard,
} from "~/lib/county-dashboard";
import { countyTable, tableCsvRows } from "~/lib/county-dashboard-tables";
import { suppressTable, unsuppressedTable } from "~/lib/suppression";
import { SECTORS } from "../../db/schema";

const NBSP = "\u00a0";
const S = "small";
const C = "complementary";

describe("suppressTable (threshold 5)", () => {
  it("shows everything, with row and column totals, when no cell is small", () => {
    const result = suppressTable([[10, 20], [30, 40]], 5);
    expect(result).toEqual({ cells: [[10, 20], [30, 40]], rowTotals: [30, 70], columnTotals: [40, 60], total: 100, hiddenCount: 0 });
  });

  it("row case: one small cell in a row hides the next smallest in that row, and then the columns need a partner each", () => {
    //        a    b    c   | total
    // r0    20    3   30   |  53
    // r1    25   40   35   | 100
    const result = suppressTable([[20, 3, 30], [25, 40, 35]], 5);
    // 3 is small; row 0 would give it away (53 − 20 − 30), so 20 goes too. Then columns a and b
    // each have one hidden cell, so 25 and 40 go; row 1 now has two hidden cells and stays.
    expect(result.cells).toEqual([[C, S, 30], [C, C, 35]]);
    expect(result.rowTotals).toEqual([53, 100]);
    expect(result.columnTotals).toEqual([45, 43, 65]);
    expect(result.total).toBe(153);
    expect(result.hiddenCount).toBe(4);
  });

  it("column case: two small cells in one row are safe in the row, but each column needs a partner", () => {
    const result = suppressTable([[3, 4, 50], [60, 70, 80]], 5);
    expect(result.cells).toEqual([[S, S, 50], [C, C, 80]]);
    expect(result.rowTotals).toEqual([57, 210]);
  });

  it("cascades: a partner hidden in one line can leave another line with a single hidden cell", () => {
    //  3  20  30
    // 40  50  60
    // 70  80  90
    const result = suppressTable([[3, 20, 30], [40, 50, 60], [70, 80, 90]], 5);
    // 3 → partner 20 (row 0) → column 0 needs 40, and column 1 (where 20 went) needs 50.
    expect(result.cells).toEqual([[S, C, 30], [C, C, 60], [70, 80, 90]]);
  });

  it("hides a small total too, and protects it in the totals column", () => {
    // Row 0 has 1 + 2 = 3 people in all: the total is small as well.
    const result = suppressTable([[1, 2, 0], [30, 40, 50]], 5);
    expect(result.cells).toEqual([[S, S, 0], [C, C, 50]]);
    // The totals column then has one hidden figure, so row 1's total is hidden with it.
    expect(result.rowTotals).toEqual([S, C]);
    expect(result.columnTotals).toEqual([31, 42, 50]);
    expect(result.total).toBe(123);
  });

  it("hides one more where the hidden figures could only add up one way", () => {
    // 106 − 100 = 6 = a small one (1–4) plus a partner (5 or more): only 1 + 5 fits, so 100 goes too.
    expect(suppressTable([[1, 5, 100], [50, 60, 70]], 5).cells).toEqual([[S, C, C], [C, C, C]]);
    // Two small ones that add up to 2 can only be 1 and 1.
    expect(suppressTable([[1, 1, 50], [30, 40, 50]], 5).cells).toEqual([[S, S, C], [C, C, C]]);
    // Two small ones that add up to 8 can only be 4 and 4.
    expect(suppressTable([[4, 4, 50], [30, 40, 50]], 5).cells).toEqual([[S, S, C], [C, C, C]]);
    // 3 + 2 = 5 has several ways (1+4, 2+3, …): nothing more is needed in the row.
    expect(suppressTable([[3, 2, 50], [30, 40, 50]], 5).cells).toEqual([[S, S, 50], [C, C, 50]]);
  });

  it("keeps zeros visible and never picks a zero as a partner", () => {
    const result = suppressTable([[0, 2, 9], [0, 30, 40]], 5);
    // Row 0: 2 and its partner 9; column 1: 2 and 30; column 2: 9 and 40. Zeros stay.
    expect(result.cells).toEqual([[0, S, C], [0, C, C]]);
    expect(result.rowTotals).toEqual([11, 70]);
  });

  it("hides a lone small grand total (and everything under it)", () => {
    const result = suppressTable([[1, 0], [0, 2]], 5);
    expect(result).toEqual({ cells: [[S, 0], [0, S]], rowTotals: [S, S], columnTotals: [S, S], total: S, hiddenCount: 7 });
  });

  it("leaves every line with zero or at least two hidden figures (the demo municipalities)", () => {
    // Botkyrka, Huddinge, Järfälla and Nacka × the five sectors, as in the demo data.
    const cells = [[55, 15, 2, 2, 1], [66, 16, 3, 3, 1], [12, 3, 0, 0, 0], [0, 0, 0, 0, 0]];
    const result = suppressTable(cells, 5);
    const grid = [...result.cells.map((r, i) => [...r, result.rowTotals[i]]), [...result.columnTotals, result.total]];
    const lines = [...grid, ...grid[0].map((_, j) => grid.map((r) => r[j]))];
    for (const line of lines) expect(line.filter((v) => typeof v !== "number").length).not.toBe(1);
    // No visible figure is small, and every small one is marked so.
    grid.flat().forEach((v, k) => {
      if (typeof v === "number") expect(v === 0 || v >= 5).toBe(true);
      const original = [...cells.map((r) => [...r, r.reduce((a, b) => a + b, 0)])][Math.floor(k / 6)]?.[k % 6];
      if (original !== undefined && original > 0 && original < 5) expect(v).toBe(S);
    });
  });

  it("uses the threshold it is given (3 hides only 1 and 2)", () => {
    expect(suppressTable([[3, 10], [4, 10]], 3).hiddenCount).toBe(0);
    expect(suppressTable([[2, 10], [4, 10]], 3).cells).toEqual([[S, C], [C, C]]);
  });

  it("keeps the column totals of a table without rows", () => {
    expect(suppressTable([], 5, { columns: 3 })).toEqual({ cells: [], rowTotals: [], columnTotals: [0, 0, 0], total: 0, hiddenCount: 0 });
  });

  it("hides nothing for those who may see individuals", () => {
    expect(unsuppressedTable([[1, 2], [3, 4]])).toEqual({ cells: [[1, 2], [3, 4]], rowTotals: [3, 7], columnTotals: [4, 6], total: 10, hiddenCount: 0 });
  });
});

describe("organisationState: one state per municipality or district", () => {
  it("running beats planned, planned beats completed, completed beats none", () => {
    expect(organisationState(["genomford", "pagaende", "planerad"])).toBe("pagaende");
    expect(organisationState(["genomford", "planerad"])).toBe("planerad");
    expect(organisationState(["genomford", "avbruten"])).toBe("genomford");
  });

  it("counts a cancelled series, a draft, or nothing at all as no series", () => {
    expect(organisationState(["avbruten"])).toBe("ingen"); // Järfälla in the demo
    expect(organisationState(["utkast"])).toBe("ingen"); // Skärholmen in the demo
    expect(organisationState(["utkast", "avbruten"])).toBe("ingen");
    expect(organisationState([])).toBe("ingen");
  });
});

describe("shares", () => {
  it("48 of 233 is 20,6 %", () => {
    expect(percentOf(48, 233)).toBe(20.6);
    expect(formatShare(percentOf(48, 233)!)).toBe(`20,6${NBSP}%`);
    expect(formatShareNumber(percentOf(48, 233)!)).toBe("20,6");
  });

  it("rounds half up on the exact fraction, not on a binary approximation", () => {
    expect(percentOf(1, 8)).toBe(12.5); // exact
    expect(percentOf(33, 160)).toBe(20.6); // 20,625 → 20,6
    expect(percentOf(1, 16)).toBe(6.3); // 6,25 → 6,3
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(formatShare(100)).toBe(`100,0${NBSP}%`);
    expect(formatShare(0)).toBe(`0,0${NBSP}%`);
  });

  it("writes a share in the page's language: 20,6 % in Swedish, 20.6% in English", () => {
    expect(formatShare(20.6, "sv")).toBe(`20,6${NBSP}%`);
    expect(formatShare(20.6, "en")).toBe("20.6%");
    expect(formatShare(0, "en")).toBe("0.0%");
    expect(formatShare(100, "en")).toBe("100.0%");
  });

  it("has no share of nothing", () => {
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe("terms and query strings", () => {
  it("orders terms in time: VT before HT of the same year", () => {
    expect(["HT 2026", "VT 2027", "HT 2025", "VT 2026"].sort(compareTerms)).toEqual(["HT 2025", "VT 2026", "HT 2026", "VT 2027"]);
  });

  it("writes only the filters that are set", () => {
    expect(countyQuery({ countyCode: "01", term: null, processLeaderId: null })).toBe("?lan=01");
    expect(countyQuery({ countyCode: "12", term: "HT 2026", processLeaderId: 4 })).toBe("?lan=12&termin=HT+2026&ledare=4");
  });
});

describe("the CSV of a table holds the page's cells", () => {
  const t = translator("sv");
  const zeroStates = { genomford: 0, pagaende: 0, planerad: 0, ingen: 0 };
  const data: CountyDashboard = {
    county: { code: "01", name: "Stockholms län" },
    term: null,
    processLeader: null,
    suppression: { applied: true, threshold: 5, anyHidden: true },
    sectors: SECTORS,
    seriesCount: 1,
    states: [{ kind: "kommun", organisations: 2, counts: { ...zeroStates, genomford: 1, ingen: 1 }, everCompleted: 1 }],
    terms: {
      rows: [{ term: "VT 2026", counts: [48, 185, "small", "complementary", 0], percents: [20.6, 79.4, null, null, 0], total: 233 }],
      totals: { counts: [48, 185, "small", "complementary", 0], percents: [20.6, 79.4, null, null, 0], total: 233 },
    },
    municipalities: { kind: "kommun", rows: [], totals: { series: 0, enrolled: 0, attendees: [0, 0, 0, 0, 0], attendeesTotal: 0, healthCarePercent: null } },
    districts: null,
  };

  it("writes small counts as <5, their partners as dold, shares as 20,6 under a (%) heading, and the sum of the terms last", () => {
    const rows = tableCsvRows(t, countyTable(t, data, "terminer")!, 5);
    expect(rows[0]).toEqual([
      "Termin",
      "Skola: Antal",
      "Skola: Andel (%)",
      "Socialtjänst: Antal",
      "Socialtjänst: Andel (%)",
      "Hälso- och sjukvård: Antal",
      "Hälso- och sjukvård: Andel (%)",
      "Annat: Antal",
      "Annat: Andel (%)",
      "Vill ej uppge: Antal",
      "Vill ej uppge: Andel (%)",
      "Totalt",
    ]);
    expect(rows[1]).toEqual(["VT 2026", 48, "20,6", 185, "79,4", "<5", "–", "dold", "–", 0, "0,0", 233]);
    expect(rows[2][0]).toBe("Summa av terminerna");
    expect(rows).toHaveLength(3);
  });

  it("has no district table for a county without districts", () => {
    expect(countyTable(t, data, "stadsdelar")).toBeNull();
  });
});
