/**
 * The survey's pure rules: reading answers (the same for phone, paper and CSV),
 * the index mean with every Vet ej case, the category boundaries and when a
 * survey is open.
 */
import { describe, expect, it } from "vitest";
import { answerField, normalisePairCode, parseSurveyAnswers, readOption, readScale, type SurveyItemDefinition } from "~/lib/survey-answers";
import { EFTERENKAT, FORENKAT, NU_JAMFORT_MED_START } from "~/lib/survey-builtin";
import { indexCategory, indexMean } from "~/lib/survey-indices";
import { surveyState, surveyWindow } from "~/lib/survey-window";

const items: SurveyItemDefinition[] = [
  { id: 1, code: "2", kind: "single", options: [{ value: "skola", label: "Skola/elevhälsa" }, { value: "socialtjanst", label: "Socialtjänst" }], respondentField: "sector", required: false },
  { id: 2, code: "4a", kind: "likert", options: null, respondentField: null, required: true },
  { id: 3, code: "4b", kind: "likert", options: null, respondentField: null, required: false },
  { id: 4, code: "m", kind: "multiple", options: [{ value: "a", label: "A" }, { value: "b", label: "B" }, { value: "c", label: "C" }], respondentField: null, required: false },
  { id: 5, code: "5", kind: "text", options: null, respondentField: null, required: false },
  { id: 6, code: "1a", kind: "likert_now_then", options: null, respondentField: null, required: false },
];

const reader = (fields: Record<string, string | string[]>) => (field: string) => {
  const v = fields[field];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

describe("readScale", () => {
  it.each([
    ["1", { kind: "value", value: 1 }],
    ["5", { kind: "value", value: 5 }],
    [" 3 ", { kind: "value", value: 3 }],
    ["9", { kind: "dontKnow" }],
    ["Vet ej", { kind: "dontKnow" }],
    ["vet_ej", { kind: "dontKnow" }],
    ["", { kind: "blank" }],
    ["0", { kind: "invalid" }],
    ["6", { kind: "invalid" }],
    ["3.5", { kind: "invalid" }],
    ["fyra", { kind: "invalid" }],
  ])("%j", (raw, expected) => expect(readScale(raw)).toEqual(expected));
});

describe("readOption", () => {
  const options = items[0].options!;
  it("takes the value, the number on the paper form or the label", () => {
    expect(readOption(options, "socialtjanst")).toBe("socialtjanst");
    expect(readOption(options, "2")).toBe("socialtjanst");
    expect(readOption(options, "skola/ELEVHÄLSA")).toBe("skola");
    expect(readOption(options, "3")).toBeNull();
    expect(readOption(options, "Polisen")).toBeNull();
  });
});

describe("parseSurveyAnswers", () => {
  it("reads a full questionnaire into typed answers with the respondent's sector", () => {
    const parsed = parseSurveyAnswers(
      items,
      reader({ q_2: "2", q_4a: "4", q_4b: "9", q_m: ["c", "a"], q_5: "  Bra  ", q_1a: "4", q_1a_hade: "2" }),
    );
    expect(parsed.errors).toEqual({});
    expect(parsed.sector).toBe("socialtjanst");
    expect(parsed.roleCategory).toBeNull();
    expect(parsed.answers).toEqual([
      { itemId: 1, value: null, dontKnow: false, valueThen: null, dontKnowThen: false, choice: "socialtjanst", choices: null, text: null },
      { itemId: 2, value: 4, dontKnow: false, valueThen: null, dontKnowThen: false, choice: null, choices: null, text: null },
      { itemId: 3, value: null, dontKnow: true, valueThen: null, dontKnowThen: false, choice: null, choices: null, text: null },
      { itemId: 4, value: null, dontKnow: false, valueThen: null, dontKnowThen: false, choice: null, choices: ["a", "c"], text: null },
      { itemId: 5, value: null, dontKnow: false, valueThen: null, dontKnowThen: false, choice: null, choices: null, text: "Bra" },
      { itemId: 6, value: 4, dontKnow: false, valueThen: 2, dontKnowThen: false, choice: null, choices: null, text: null },
    ]);
  });

  it("gives a message per item for bad values, blanks on required items and too long texts", () => {
    const parsed = parseSurveyAnswers(items, reader({ q_2: "7", q_4b: "6", q_m: "a,x", q_5: "x".repeat(4001), q_1a: "3", q_1a_hade: "0" }));
    expect(parsed.errors).toEqual({
      "2": "survey.error.option",
      "4a": "survey.error.required",
      "4b": "survey.error.scale",
      m: "survey.error.option",
      "5": "survey.error.tooLong",
      "1a": "survey.error.scale",
    });
    expect(parsed.answers).toEqual([]);
  });

  it("leaves blank items out and accepts a multiple-choice cell written 1,3", () => {
    const parsed = parseSurveyAnswers(items, reader({ q_4a: "1", q_m: "1,3" }));
    expect(parsed.answers.map((a) => a.itemId)).toEqual([2, 4]);
    expect(parsed.answers[1].choices).toEqual(["a", "c"]);
  });

  it("names fields q_<code> and q_<code>_hade", () => {
    expect(answerField("4a")).toBe("q_4a");
    expect(answerField("1a", true)).toBe("q_1a_hade");
  });
});

describe("pairing codes", () => {
  it("are stored upper case without spaces or dashes", () => {
    expect(normalisePairCode(" ab-12 cd ")).toBe("AB12CD");
    expect(normalisePairCode(undefined)).toBe("");
  });
});

describe("index mean and category", () => {
  it("is the mean of the answered items; Vet ej and blanks are missing", () => {
    expect(indexMean([4, 5])).toBe(4.5);
    expect(indexMean([4, null])).toBe(4); // 4b Vet ej
    expect(indexMean([null, 2])).toBe(2); // 4a blank
    expect(indexMean([null, null])).toBeNull(); // both missing: left out of the index
    expect(indexMean([])).toBeNull();
    expect(indexMean([1, 2, 4])).toBeCloseTo(7 / 3, 10);
  });

  it("has exact boundaries: 3.0 is lägre and 3.5 is högre", () => {
    expect(indexCategory(1)).toBe("lagre");
    expect(indexCategory(3)).toBe("lagre");
    expect(indexCategory(3.4)).toBe("lagre");
    expect(indexCategory(3.5)).toBe("hogre");
    expect(indexCategory(5)).toBe("hogre");
  });
});

describe("built-in templates", () => {
  it("ship items 4a–4f word for word and the three indices", () => {
    for (const template of [FORENKAT, EFTERENKAT]) {
      const q4 = template.items.filter((i) => /^4[a-f]$/.test(i.code));
      expect(q4.map((i) => i.prompt)).toEqual([
        "Mina kunskaper om samverkan i arbetet med att främja skolnärvaro",
        "Mina kunskaper om samverkan i arbetet med att förebygga skolnärvaroproblem",
        "Min egen förmåga att utveckla samverkansarbete för att främja skolnärvaro",
        "Min egen förmåga att utveckla samverkansarbete för att förebygga skolnärvaroproblem",
        "Samsynen kring hur olika aktörer kan samverka för att främja skolnärvaro",
        "Samsynen kring hur olika aktörer kan samverka för att förebygga skolnärvaroproblem",
      ]);
      expect(template.indices).toEqual([
        { name: "Kunskap", items: ["4a", "4b"] },
        { name: "Förmåga", items: ["4c", "4d"] },
        { name: "Samsyn", items: ["4e", "4f"] },
      ]);
    }
    expect(FORENKAT.items.find((i) => i.code === "4a")?.leadIn).toBe("Jag har förväntningar på att seminarieserien kan öka:");
    expect(EFTERENKAT.items.find((i) => i.code === "4a")?.leadIn).toBe("Jag upplever att seminarieserien har ökat:");
  });

  it("ship the self-assessment's six themes with 13 statements rated now and then", () => {
    expect(NU_JAMFORT_MED_START.indices.map((i) => i.name)).toEqual(["Strukturer", "Samsyn", "Kunskap och tillit", "Hänvisning", "Relationer", "Personbundenhet"]);
    expect(NU_JAMFORT_MED_START.items).toHaveLength(13);
    expect(NU_JAMFORT_MED_START.items.every((i) => i.kind === "likert_now_then")).toBe(true);
  });
});

describe("survey window", () => {
  const session = { startsAt: new Date("2026-11-24T12:00:00Z"), endsAt: new Date("2026-11-24T15:30:00Z") };
  it("follows the session: pre opens 30 min before the start, post 45 min before the end, both close 28 days after", () => {
    expect(surveyWindow({ phase: "pre", opensAt: null, closesAt: null, session })).toEqual({
      opensAt: new Date("2026-11-24T11:30:00Z"),
      closesAt: new Date("2026-12-22T15:30:00Z"),
      followsSession: true,
    });
    expect(surveyWindow({ phase: "post", opensAt: null, closesAt: null, session })?.opensAt).toEqual(new Date("2026-11-24T14:45:00Z"));
  });

  it("uses times set by a process leader, and is not open without a session or times", () => {
    const set = surveyWindow({ phase: "post", opensAt: new Date("2026-11-01T00:00:00Z"), closesAt: new Date("2026-11-02T00:00:00Z"), session });
    expect(set).toEqual({ opensAt: new Date("2026-11-01T00:00:00Z"), closesAt: new Date("2026-11-02T00:00:00Z"), followsSession: false });
    expect(surveyState(set, new Date("2026-10-31T23:59:59Z"))).toBe("notOpen");
    expect(surveyState(set, new Date("2026-11-01T00:00:00Z"))).toBe("open");
    expect(surveyState(set, new Date("2026-11-02T00:00:00Z"))).toBe("closed");
    expect(surveyState(surveyWindow({ phase: "other", opensAt: null, closesAt: null, session: null }), new Date())).toBe("notOpen");
  });
});
