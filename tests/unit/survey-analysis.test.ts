import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { analysisView, roundMean, type RawAnalysis, type RawIndex } from "~/lib/survey-analysis";
import { binLabel, formatMean, tableCsvRows, surveyTables } from "~/lib/survey-analysis-tables";

const t = translator("sv");

describe("means and labels", () => {
  it("rounds half away from zero, also where binary floating point falls just short", () => {
    expect(roundMean(36.5 / 10)).toBe(3.7);
    expect(roundMean(3.625)).toBe(3.6);
    expect(roundMean(0.75)).toBe(0.8);
    expect(roundMean(-0.75)).toBe(-0.8);
    expect(roundMean(-0.04)).toBe(0);
    expect(Object.is(roundMean(-0.04), -0)).toBe(false);
  });

  it("writes means with a Swedish comma, changes with their sign", () => {
    expect(formatMean(3.5)).toBe("3,5");
    expect(formatMean(4)).toBe("4,0");
    expect(formatMean(0.5, true)).toBe("+0,5");
    expect(formatMean(-0.3, true)).toBe("\u22120,3");
    expect(formatMean(0, true)).toBe("0,0");
  });

  it("labels half steps for two-item indices and ranges for longer ones", () => {
    expect([0, 1, 4, 5, 8].map((b) => binLabel(b, false))).toEqual(["1", "1,5", "3", "3,5", "5"]);
    expect([0, 4, 8].map((b) => binLabel(b, true))).toEqual(["1,0–1,4", "3,0–3,4", "5,0"]);
  });
});

const index = (bySector: RawIndex["bySector"], bins: number[]): RawIndex => ({ id: 1, name: "Kunskap", itemCount: 2, bySector, bins });

function raw(i: RawIndex, sectors: RawAnalysis["surveys"][number]["sectors"]): RawAnalysis {
  return {
    surveys: [{ id: 7, templateName: "Förenkät", phase: "pre", session: null, respondents: 12, attendees: null, sectors, indices: [i], nowThen: [] }],
    prePost: null,
  };
}

describe("analysisView", () => {
  // Skola 10 (3 lägre, 7 högre), Socialtjänst 2 (1 and 1).
  const kunskap = index(
    { skola: { lagre: 3, hogre: 7, sumOfMeans: 36.5 }, socialtjanst: { lagre: 1, hogre: 1, sumOfMeans: 6 } },
    [0, 1, 1, 0, 2, 3, 2, 2, 1],
  );

  it("keeps every figure for a process leader", () => {
    const view = analysisView(raw(kunskap, ["skola", "socialtjanst"]), { exact: true, threshold: 5 });
    const k = view.surveys[0].indices[0];
    expect(k.cross.cells).toEqual([
      [3, 1],
      [7, 1],
    ]);
    expect(k.cross.shares).toEqual([
      [30, 50],
      [70, 50],
    ]);
    expect(k.cross.rowShares).toEqual([33.3, 66.7]);
    expect([k.n, k.mean, k.sectorMeans]).toEqual([12, 3.5, [3.7, 3]]);
  });

  it("hides small groups, the figures that would give them away, and their shares and means", () => {
    const view = analysisView(raw(kunskap, ["skola", "socialtjanst"]), { exact: false, threshold: 5 });
    const k = view.surveys[0].indices[0];
    expect(k.cross.cells).toEqual([
      ["small", "small"],
      ["complementary", "small"],
    ]);
    // Skola's 10 goes too: the total 12 less 10 would give Socialtjänst's 2 away.
    expect(k.cross.columnTotals).toEqual(["complementary", "small"]);
    expect([k.cross.total, k.n, k.mean]).toEqual([12, 12, 3.5]);
    expect(k.cross.shares.flat()).toEqual([null, null, null, null]);
    expect(k.sectorMeans).toEqual([null, null]);
    const [means] = tableCsvRows(t, surveyTables(t, view.surveys[0]).sectors[0], 5).slice(1);
    expect(means).toEqual(["Lägre förväntningar", "<5", "–", "<5", "–", "<5", "–"]);
  });
});
