/**
 * Reading a survey's CSV file: headers by item code in any case and common
 * spellings, files as Excel saves them (UTF-8 with BOM, Windows-1252), the
 * paper coding in cells (digits, 9 and "Vet ej", options by number, value or
 * label, "1,3"), exact errors per row and column, and what a whole file can
 * get wrong.
 */
import { describe, expect, it } from "vitest";
import { decodeCsv, isCsvError } from "~/lib/csv";
import type { SurveyItemDefinition } from "~/lib/survey-answers";
import { EFTERENKAT, NU_JAMFORT_MED_START, type BuiltInTemplate } from "~/lib/survey-builtin";
import { answerTexts, checkSurveyRows, foldHeader, mapSurveyHeader, parseStoredSurveyFile, readSurveyFile, surveyTemplateHeader, type StoredSurveyFile } from "~/lib/survey-import";
import { windows1252 } from "../support/windows-1252";

/** A built-in template's items as the database gives them, with ids 101, 102, … */
function itemsOf(template: BuiltInTemplate) {
  return template.items.map((item, i) => ({
    id: 101 + i,
    code: item.code,
    kind: item.kind,
    options: item.options ?? null,
    respondentField: item.respondentField ?? null,
    required: item.required ?? false,
  }));
}

const post = itemsOf(EFTERENKAT);
const selfAssessment = itemsOf(NU_JAMFORT_MED_START);
const id = (code: string, items = post) => items.find((i) => i.code === code)!.id;

/** A custom template with a multiple-choice and a required item. */
const custom: SurveyItemDefinition[] = [
  { id: 1, code: "1", kind: "likert", options: null, respondentField: null, required: true },
  { id: 2, code: "2", kind: "multiple", options: [{ value: "mote", label: "Möten" }, { value: "mejl", label: "Mejl" }, { value: "telefon", label: "Telefon" }], respondentField: null, required: false },
  { id: 3, code: "3", kind: "text", options: null, respondentField: null, required: false },
];

function read(text: string, items: SurveyItemDefinition[] = post): StoredSurveyFile {
  const result = readSurveyFile(text, items);
  if (!result.ok) throw new Error(`Unexpected file problem ${JSON.stringify(result.problem)}`);
  return result.file;
}

const blankAnswer = { value: null, dontKnow: false, valueThen: null, dontKnowThen: false, choice: null, choices: null, text: null };

describe("the template's header", () => {
  it("lists the efterenkät's item codes in order, then Kod", () => {
    expect(surveyTemplateHeader(post)).toEqual(["1", "2", "3", "3b", "4a", "4b", "4c", "4d", "4e", "4f", "5", "6", "Kod"]);
  });

  it("gives a now/then item two columns, the second named '<code> hade'", () => {
    expect(surveyTemplateHeader(selfAssessment).slice(0, 5)).toEqual(["1a", "1a hade", "1b", "1b hade", "1c"]);
    expect(surveyTemplateHeader(selfAssessment)).toHaveLength(13 * 2 + 1);
  });
});

describe("header matching", () => {
  it("folds case, spaces, dashes, underscores, brackets and a trailing *", () => {
    expect(["4A", " 4a ", "4 a", "4a*", "4-a"].map(foldHeader)).toEqual(["4a", "4a", "4a", "4a", "4a"]);
    expect(["1a hade", "1A_HADE", "1a (hade)", "1a-hade"].map(foldHeader)).toEqual(["1ahade", "1ahade", "1ahade", "1ahade"]);
  });

  it("recognises the item codes with or without 'Fråga' or 'q', and Kod under its other names", () => {
    const mapping = mapSurveyHeader(["Löpnr", "FRÅGA 2", "q_3", "4A", "4b*", " 4 c ", "Parkod", "Namn", ""], post);
    expect(mapping.columns.map((c) => [c.fileHeader, c.field, c.index])).toEqual([
      ["FRÅGA 2", "q_2", 1],
      ["q_3", "q_3", 2],
      ["4A", "q_4a", 3],
      ["4b*", "q_4b", 4],
      ["4 c", "q_4c", 5],
      ["Parkod", "kod", 6],
    ]);
    expect(mapping.ignored).toEqual(["Löpnr", "Namn"]);
    expect(mapping.duplicates).toEqual([]);
    expect(mapping.missing).toEqual([]);
  });

  it("tells the now column from the 'hade' column of a now/then item", () => {
    const mapping = mapSurveyHeader(["1a hade", "1A", "1b nu", "1b vid start"], selfAssessment);
    expect(mapping.columns.map((c) => [c.fileHeader, c.field])).toEqual([
      ["1A", "q_1a"],
      ["1a hade", "q_1a_hade"],
      ["1b nu", "q_1b"],
      ["1b vid start", "q_1b_hade"],
    ]);
  });

  it("reports a column given twice and a required item without a column", () => {
    expect(mapSurveyHeader(["4a", "Fråga 4A"], post).duplicates).toEqual(["Fråga 4A"]);
    expect(mapSurveyHeader(["2", "3"], custom).missing).toEqual(["1"]);
  });
});

describe("reading a file", () => {
  it("reads UTF-8 with BOM and keeps only the survey's columns, with the file's line numbers", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Löpnr;Namn;4a;4b;Kod\r\n1;Anna Andersson;4;5;bk1000\r\n2;;3;;\r\n", "utf-8")]);
    const decoded = decodeCsv(new Uint8Array(bytes));
    if (isCsvError(decoded)) throw new Error("decode");
    expect(decoded.encoding).toBe("utf-8");
    const file = read(decoded.text);
    expect(file).toEqual({
      columns: [
        { field: "q_4a", header: "4a" },
        { field: "q_4b", header: "4b" },
        { field: "kod", header: "Kod" },
      ],
      ignored: ["Löpnr", "Namn"],
      skipped: 0,
      rows: [
        { line: 2, cells: ["4", "5", "bk1000"] },
        { line: 3, cells: ["3", "", ""] },
      ],
    });
    // The name in the ignored column is not in what is stored.
    expect(JSON.stringify(file)).not.toContain("Anna");
    expect(parseStoredSurveyFile(JSON.stringify(file))).toEqual(file);
  });

  it("reads Windows-1252 as Excel saves it: å, ä, ö in headers and cells, Vet ej, option labels", () => {
    const bytes = windows1252(["Fråga 2;Fråga 3;4a;4b;5", "Hälso- och sjukvård;Chef/ledning;Vet ej;2;Bättre kontakt – äntligen"]);
    const decoded = decodeCsv(new Uint8Array(bytes));
    if (isCsvError(decoded)) throw new Error("decode");
    expect(decoded.encoding).toBe("windows-1252");
    const { rows, errorRows } = checkSurveyRows(read(decoded.text), post);
    expect(errorRows).toBe(0);
    expect(rows[0].parsed.sector).toBe("halso_sjukvard");
    expect(rows[0].parsed.roleCategory).toBe("chef");
    expect(rows[0].parsed.answers).toEqual([
      { ...blankAnswer, itemId: id("2"), choice: "halso_sjukvard" },
      { ...blankAnswer, itemId: id("3"), choice: "chef" },
      { ...blankAnswer, itemId: id("4a"), dontKnow: true },
      { ...blankAnswer, itemId: id("4b"), value: 2 },
      { ...blankAnswer, itemId: id("5"), text: "Bättre kontakt – äntligen" },
    ]);
  });

  it("skips rows with nothing in the survey's columns and counts them", () => {
    const file = read("Löpnr,4a,4b\n1,3,4\n2,,\n3, ,\n\n,,\n4,5,5\n");
    // Line 3 and 4 have only a running number; lines 5 and 6 are empty through and through.
    expect(file.skipped).toBe(2);
    expect(file.rows.map((r) => r.line)).toEqual([2, 7]);
  });

  it.each([
    ["no survey column", "Namn;E-post\nAnna;a@x.se\n", { code: "noItemColumns", expected: ["1", "2", "3", "3b", "4a", "4b", "4c", "4d", "4e", "4f", "5", "6"] }],
    ["a column twice", "4a;4b;4A\n1;2;3\n", { code: "duplicateColumns", columns: ["4A"] }],
    ["headers only", "4a;4b\n", { code: "noRows" }],
    ["only empty answers", "Löpnr;4a\n1;\n2;\n", { code: "noRows" }],
    ["an unclosed quote", '4a;5\n3;"Bra\n', { code: "unclosedQuote", line: 2 }],
  ])("refuses a file with %s", (_, text, problem) => {
    expect(readSurveyFile(text, post)).toEqual({ ok: false, problem });
  });

  it("refuses a file without the column of a required item", () => {
    expect(readSurveyFile("2;3\n1;Bra\n", custom)).toEqual({ ok: false, problem: { code: "missingColumns", columns: ["1"] } });
  });
});

describe("checking rows", () => {
  it("reads 9 and 'Vet ej' (any case) as Vet ej, and options by number, value or label", () => {
    const file = read(["2;3;4a;4b;4c;4d", "2;strateg;9;vet ej;VET EJ;1", "socialtjänst;5;5;4;3;2"].join("\n"));
    const { rows, errorRows } = checkSurveyRows(file, post);
    expect(errorRows).toBe(0);
    expect(rows.map((r) => [r.parsed.sector, r.parsed.roleCategory])).toEqual([
      ["socialtjanst", "strateg"],
      ["socialtjanst", "annat"],
    ]);
    expect(rows[0].parsed.answers.filter((a) => a.dontKnow).map((a) => a.itemId)).toEqual([id("4a"), id("4b"), id("4c")]);
    expect(rows[0].parsed.answers.find((a) => a.itemId === id("4d"))).toEqual({ ...blankAnswer, itemId: id("4d"), value: 1 });
  });

  it("gives each wrong cell its row, its column as named in the file, its value and a Swedish message key", () => {
    const file = read(
      [
        "Fråga 2;4A;4b;Kod", //
        "2;4;5;BK1000", // line 2: fine
        "7;6;5;BK-1001", // line 3: no option 7; 6 is off the scale; the code is fine once the dash is dropped
        "1;3,5;;AB", // line 4: 3,5 is not a digit; a code of 2 characters
        ";;;BK1002", // line 5: a code and no answer
      ].join("\n"),
    );
    const { rows, errorRows } = checkSurveyRows(file, post);
    expect(errorRows).toBe(3);
    expect(rows.map((r) => ({ line: r.line, errors: r.errors }))).toEqual([
      { line: 2, errors: [] },
      {
        line: 3,
        errors: [
          { column: "Fråga 2", value: "7", key: "survey.error.option" },
          { column: "4A", value: "6", key: "survey.error.scale" },
        ],
      },
      {
        line: 4,
        errors: [
          { column: "4A", value: "3,5", key: "survey.error.scale" },
          { column: "Kod", value: "AB", key: "survey.error.pairCode" },
        ],
      },
      { line: 5, errors: [{ column: null, value: "", key: "surveyEntry.import.error.noAnswers" }] },
    ]);
    expect(rows[0].pairCode).toBe("BK1000");
    expect(rows[1].pairCode).toBe("BK1001");
  });

  it("puts a now/then item's error on the half that is wrong", () => {
    const file = read(["1a;1a hade;1b;1b hade", "4;7;0;2", "3;Vet ej;5;"].join("\n"), selfAssessment);
    const { rows } = checkSurveyRows(file, selfAssessment);
    expect(rows[0].errors).toEqual([
      { column: "1a hade", value: "7", key: "survey.error.scale" },
      { column: "1b", value: "0", key: "survey.error.scale" },
    ]);
    expect(rows[1].errors).toEqual([]);
    expect(rows[1].parsed.answers).toEqual([
      { ...blankAnswer, itemId: id("1a", selfAssessment), value: 3, dontKnowThen: true },
      { ...blankAnswer, itemId: id("1b", selfAssessment), value: 5 },
    ]);
  });

  it("reads several options from one cell in the options' order, and a required item left blank is an error", () => {
    const file = read(['1;2;3', '4;"3,1";', ';mejl;Kort svar'].join("\n"), custom);
    const { rows } = checkSurveyRows(file, custom);
    expect(rows[0].parsed.answers).toEqual([
      { ...blankAnswer, itemId: 1, value: 4 },
      { ...blankAnswer, itemId: 2, choices: ["mote", "telefon"] },
    ]);
    expect(rows[1].errors).toEqual([{ column: "1", value: "", key: "survey.error.required" }]);
  });

  it("shows a row's answers in the preview as digits, Vet ej, option labels and the start of a text", () => {
    const file = read(["2;4a;4b;5;Kod", `1;9;3;${"Mycket bra seminarier. ".repeat(5)};bk 1014`].join("\n"));
    const { rows } = checkSurveyRows(file, post);
    const items = post.map((item) => ({ ...item, options: item.options ?? null }));
    expect(answerTexts(rows[0], file.columns, items, "Vet ej", 30)).toEqual(["Skola/elevhälsa", "Vet ej", "3", "Mycket bra seminarier. Mycket…", "BK1014"]);
  });
});
