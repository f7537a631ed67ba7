/**
 * The survey CSV import, pure: which columns a survey's file has (one per
 * item, named by the item's code as on the paper form, "<code> hade" for the
 * "at the start" half of a now/then item, and an optional Kod), reading an
 * uploaded file into the few columns the survey knows, and checking each row
 * with the same parser as the phone form and paper entry
 * (`parseSurveyAnswers`). Cells use the paper coding: 1–5, 9 or "Vet ej",
 * options by number, value or label, several options as "1,3".
 */
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { MAX_IMPORT_ROWS, parseImportTable, type ImportFileProblem } from "./csv";
import {
  answerField,
  normalisePairCode,
  PAIR_CODE_PATTERN,
  parseSurveyAnswers,
  readScale,
  type ParsedAnswers,
  type SurveyItemDefinition,
  type TypedAnswer,
} from "./survey-answers";

/** The form field and CSV column of the optional pairing code. */
export const PAIR_CODE_FIELD = "kod";
export const PAIR_CODE_HEADER = "Kod";

export type SurveyImportColumn = {
  /** The answer field it fills (`q_4a`, `q_1a_hade`, `kod`). */
  field: string;
  /** Its name in the template file. */
  header: string;
  /** The item's code; null for Kod. */
  code: string | null;
  /** The "hade" half of a now/then item. */
  then: boolean;
};

/** The columns of a survey's file in questionnaire order: one per item (two for now/then), then Kod. */
export function surveyImportColumns(items: Pick<SurveyItemDefinition, "code" | "kind">[]): SurveyImportColumn[] {
  return [
    ...items.flatMap((item) => {
      const now: SurveyImportColumn = { field: answerField(item.code), header: item.code, code: item.code, then: false };
      if (item.kind !== "likert_now_then") return [now];
      return [now, { field: answerField(item.code, true), header: `${item.code} hade`, code: item.code, then: true }];
    }),
    { field: PAIR_CODE_FIELD, header: PAIR_CODE_HEADER, code: null, then: false },
  ];
}

/**
 * A header as compared: lower case, without a trailing "*" (required-column
 * marks), spaces, dashes, underscores, dots, colons or brackets, so "4a",
 * "4A", " 4 a ", "Fråga 4a", "q_4a" and "4a*" are one column, and
 * "1a hade", "1a_hade" and "1a (hade)" another.
 */
export function foldHeader(header: string): string {
  return header
    .trim()
    .replace(/\*+$/, "")
    .toLocaleLowerCase("sv")
    .replace(/[\s_\-\u2010-\u2015.:()]+/g, "");
}

const PREFIXES = ["", "q", "fråga", "fraga"];
const PAIR_CODE_ALIASES = ["kod", "parkod", "parningskod", "kodförparning", "kodforparning", "paircode", "code"];

function aliases(column: SurveyImportColumn): string[] {
  if (column.code === null) return PAIR_CODE_ALIASES;
  const code = foldHeader(column.code);
  const suffixes = column.then ? ["hade", "vidstart"] : ["", "nu", "har"];
  return PREFIXES.flatMap((prefix) => suffixes.map((suffix) => `${prefix}${code}${suffix}`));
}

export type SurveyHeaderMapping = {
  /** The recognised columns: where they are in the file and what the file calls them. */
  columns: (SurveyImportColumn & { index: number; fileHeader: string })[];
  /** Other columns (their names only), which are not read. */
  ignored: string[];
  /** Columns that appear twice (by their name in the file). */
  duplicates: string[];
  /** Required items without a column, by code. */
  missing: string[];
};

export function mapSurveyHeader(header: string[], items: SurveyItemDefinition[]): SurveyHeaderMapping {
  const known = surveyImportColumns(items);
  const byAlias = new Map<string, SurveyImportColumn>();
  for (const column of known) for (const alias of aliases(column)) if (!byAlias.has(alias)) byAlias.set(alias, column);
  const columns: SurveyHeaderMapping["columns"] = [];
  const ignored: string[] = [];
  const duplicates: string[] = [];
  header.forEach((fileHeader, index) => {
    const column = byAlias.get(foldHeader(fileHeader));
    if (!column) {
      if (fileHeader.trim() !== "") ignored.push(fileHeader.trim());
    } else if (columns.some((c) => c.field === column.field)) {
      duplicates.push(fileHeader.trim());
    } else {
      columns.push({ ...column, index, fileHeader: fileHeader.trim() });
    }
  });
  // Questionnaire order, whatever the file's order.
  columns.sort((a, b) => known.findIndex((k) => k.field === a.field) - known.findIndex((k) => k.field === b.field));
  const missing = items.filter((item) => item.required && !columns.some((c) => c.field === answerField(item.code))).map((item) => item.code);
  return { columns, ignored, duplicates, missing };
}

/**
 * What is kept of an upload until it is confirmed: the recognised columns
 * only, with each row's line number in the file. Other columns (a name, an
 * e-mail address someone left in the sheet) are never stored next to
 * anonymous answers. Empty rows are dropped and counted.
 */
export type StoredSurveyFile = {
  columns: { field: string; header: string }[];
  ignored: string[];
  skipped: number;
  rows: { line: number; cells: string[] }[];
};

const storedSurveyFileSchema = z.object({
  columns: z.array(z.object({ field: z.string(), header: z.string() })),
  ignored: z.array(z.string()),
  skipped: z.number().int().min(0),
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
});

export function parseStoredSurveyFile(content: string): StoredSurveyFile | null {
  try {
    const parsed = storedSurveyFileSchema.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type SurveyFileProblem = ImportFileProblem | { code: "noItemColumns"; expected: string[] } | { code: "duplicateColumns"; columns: string[] };

/** Reads an uploaded file's text into the columns the survey knows, or says what is wrong with the file as a whole. */
export function readSurveyFile(
  text: string,
  items: SurveyItemDefinition[],
  maxRows = MAX_IMPORT_ROWS,
): { ok: true; file: StoredSurveyFile } | { ok: false; problem: SurveyFileProblem } {
  let mapping: SurveyHeaderMapping | null = null;
  const table = parseImportTable(
    text,
    (header) => {
      mapping = mapSurveyHeader(header, items);
      // No answer column at all is said below, in a message that lists the expected names.
      return mapping.columns.some((c) => c.code !== null) ? mapping.missing : [];
    },
    maxRows,
  );
  const map = mapping as SurveyHeaderMapping | null;
  if (map && !map.columns.some((c) => c.code !== null)) {
    return { ok: false, problem: { code: "noItemColumns", expected: surveyImportColumns(items).filter((c) => c.code !== null).map((c) => c.header) } };
  }
  if (!table.ok) return table;
  const { columns, ignored, duplicates } = map!;
  if (duplicates.length) return { ok: false, problem: { code: "duplicateColumns", columns: duplicates } };
  let skipped = 0;
  const rows: StoredSurveyFile["rows"] = [];
  for (const row of table.table.rows) {
    const cells = columns.map((c) => (row.cells[c.index] ?? "").trim());
    if (cells.every((cell) => cell === "")) skipped++;
    else rows.push({ line: row.line, cells });
  }
  if (rows.length === 0) return { ok: false, problem: { code: "noRows" } };
  return { ok: true, file: { columns: columns.map((c) => ({ field: c.field, header: c.fileHeader })), ignored, skipped, rows } };
}

export type SurveyRowError = {
  /** The column's name as written in the file; null when the row as a whole is wrong. */
  column: string | null;
  /** The cell as written. */
  value: string;
  key: MessageKey;
};

export type SurveyImportRow = {
  line: number;
  parsed: Pick<ParsedAnswers, "answers" | "sector" | "roleCategory">;
  pairCode: string | null;
  errors: SurveyRowError[];
};

/** The pairing code as typed: null for none, or the error key when it is not 4–12 letters or digits. */
export function readPairCode(raw: string | undefined): { ok: true; pairCode: string | null } | { ok: false; key: "survey.error.pairCode" } {
  const code = normalisePairCode(raw);
  if (code === "") return { ok: true, pairCode: null };
  return PAIR_CODE_PATTERN.test(code) ? { ok: true, pairCode: code } : { ok: false, key: "survey.error.pairCode" };
}

/** Checks every stored row. A row with a code but no answer at all is an error: there is nothing to store. */
export function checkSurveyRows(file: StoredSurveyFile, items: SurveyItemDefinition[]): { rows: SurveyImportRow[]; errorRows: number } {
  const fieldIndex = new Map(file.columns.map((c, i) => [c.field, i]));
  const headerOf = (field: string) => file.columns[fieldIndex.get(field)!]?.header ?? null;
  let errorRows = 0;
  const rows = file.rows.map((row): SurveyImportRow => {
    const cell = (field: string) => {
      const i = fieldIndex.get(field);
      return i === undefined ? "" : (row.cells[i] ?? "");
    };
    const parsed = parseSurveyAnswers(items, (field) => (fieldIndex.has(field) ? [cell(field)] : []));
    const errors: SurveyRowError[] = [];
    for (const item of items) {
      const key = parsed.errors[item.code];
      if (!key) continue;
      // A now/then item's error belongs to the half that is wrong.
      const field =
        item.kind === "likert_now_then" && readScale(cell(answerField(item.code))).kind !== "invalid" && fieldIndex.has(answerField(item.code, true))
          ? answerField(item.code, true)
          : answerField(item.code);
      errors.push({ column: headerOf(field) ?? item.code, value: cell(field), key });
    }
    const pair = readPairCode(cell(PAIR_CODE_FIELD));
    if (!pair.ok) errors.push({ column: headerOf(PAIR_CODE_FIELD), value: cell(PAIR_CODE_FIELD), key: pair.key });
    if (errors.length === 0 && parsed.answers.length === 0) errors.push({ column: null, value: "", key: "surveyEntry.import.error.noAnswers" });
    if (errors.length) errorRows++;
    return {
      line: row.line,
      parsed: { answers: parsed.answers, sector: parsed.sector, roleCategory: parsed.roleCategory },
      pairCode: pair.ok ? pair.pairCode : null,
      errors,
    };
  });
  return { rows, errorRows };
}

/**
 * A checked row as the preview shows it, one text per stored column: a digit,
 * `dontKnow` for Vet ej, option labels, the start of a free text.
 */
export function answerTexts(
  row: Pick<SurveyImportRow, "parsed" | "pairCode">,
  columns: StoredSurveyFile["columns"],
  items: (SurveyItemDefinition & { options: { value: string; label: string }[] | null })[],
  dontKnow: string,
  textMax = 60,
): string[] {
  const byField = new Map<string, { item: (typeof items)[number]; then: boolean }>();
  for (const item of items) {
    byField.set(answerField(item.code), { item, then: false });
    byField.set(answerField(item.code, true), { item, then: true });
  }
  return columns.map((column) => {
    if (column.field === PAIR_CODE_FIELD) return row.pairCode ?? "";
    const found = byField.get(column.field);
    if (!found) return "";
    const answer: TypedAnswer | undefined = row.parsed.answers.find((a) => a.itemId === found.item.id);
    if (!answer) return "";
    const label = (value: string) => found.item.options?.find((o) => o.value === value)?.label ?? value;
    if (found.then) return answer.dontKnowThen ? dontKnow : answer.valueThen === null ? "" : String(answer.valueThen);
    if (answer.dontKnow) return dontKnow;
    if (answer.value !== null) return String(answer.value);
    if (answer.choice !== null) return label(answer.choice);
    if (answer.choices) return answer.choices.map(label).join(", ");
    if (answer.text !== null) return answer.text.length > textMax ? `${answer.text.slice(0, textMax - 1).trimEnd()}…` : answer.text;
    return "";
  });
}

/** The template's header row: the item codes in order, "<code> hade" for now/then items, and Kod. */
export function surveyTemplateHeader(items: Pick<SurveyItemDefinition, "code" | "kind">[]): string[] {
  return surveyImportColumns(items).map((c) => c.header);
}
