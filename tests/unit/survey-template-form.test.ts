/** The template builder's option lines: labels, "value | label", and reading back what is shown. */
import { describe, expect, it } from "vitest";
import { EFTERENKAT, FORENKAT, NU_JAMFORT_MED_START } from "~/lib/survey-builtin";
import { STANDARD_OPTIONS, formatOptionLines, optionValueFromLabel, parseOptionLines } from "~/lib/survey-template-form";

describe("optionValueFromLabel", () => {
  it.each([
    ["Ja", "ja"],
    ["Hälso- och sjukvård", "halso_och_sjukvard"],
    ["Ålder: över 60 år!", "alder_over_60_ar"],
    ["BUP:s roll", "bup_s_roll"],
    ["???", "alternativ"],
  ])("%s → %s", (label, value) => expect(optionValueFromLabel(label)).toBe(value));
});

describe("parseOptionLines", () => {
  it("reads one label per line, skipping blank lines and spaces, with values made from the labels", () => {
    expect(parseOptionLines("  Ja \r\n\r\nNej\n")).toEqual({ ok: true, options: [{ value: "ja", label: "Ja" }, { value: "nej", label: "Nej" }] });
  });

  it("takes a written value before |, lower-cased, and steps aside for it when a label would give the same value", () => {
    expect(parseOptionLines("Skola\nSKOLA | Skola/elevhälsa")).toEqual({
      ok: true,
      options: [
        { value: "skola_2", label: "Skola" },
        { value: "skola", label: "Skola/elevhälsa" },
      ],
    });
    expect(parseOptionLines("Ja!\nJa?")).toEqual({ ok: true, options: [{ value: "ja", label: "Ja!" }, { value: "ja_2", label: "Ja?" }] });
  });

  it.each([
    ["", "surveyTemplate.error.optionsMissing", undefined],
    ["Bara ett", "surveyTemplate.error.optionsMissing", undefined],
    ["Ja\nja", "surveyTemplate.error.optionTwice", { label: "ja" }],
    ["a | Ett\na | Två", "surveyTemplate.error.optionValueTwice", { value: "a" }],
    ["skola |", "surveyTemplate.error.optionLabelMissing", { line: "skola |" }],
    ["sk ola | Skola\nNej", "surveyTemplate.error.optionValueFormat", { line: "sk ola | Skola" }],
    [Array.from({ length: 31 }, (_, i) => `Alt ${i}`).join("\n"), "surveyTemplate.error.tooManyOptions", { max: 30 }],
    [`${"x".repeat(301)}\nNej`, "surveyTemplate.error.optionTooLong", { max: 300 }],
  ])("refuses %j", (text, key, params) => {
    expect(parseOptionLines(text)).toEqual({ ok: false, problem: params ? { key, params } : { key } });
  });

  it("reads back what formatOptionLines shows, for every built-in choice item", () => {
    const options = [FORENKAT, EFTERENKAT, NU_JAMFORT_MED_START].flatMap((t) => t.items).flatMap((i) => (i.options ? [i.options] : []));
    expect(options.length).toBe(6);
    for (const list of options) expect(parseOptionLines(formatOptionLines(list))).toEqual({ ok: true, options: list });
  });

  it("has the efterenkät's sector and role answers as the standard options", () => {
    expect(STANDARD_OPTIONS.sector.map((o) => o.value)).toEqual(["skola", "socialtjanst", "halso_sjukvard", "vill_ej_uppge"]);
    expect(STANDARD_OPTIONS.role.map((o) => o.value)).toEqual(["chef", "strateg", "profession", "medicinsk_elevhalsa", "annat"]);
  });
});
