/**
 * CSV as Swedish offices produce it: Excel saves semicolon-separated
 * Windows-1252 by default, other tools UTF-8 (with or without BOM) and commas.
 * Pure functions, so they run the same in tests and in the import.
 */

export type CsvError =
  | { code: "empty" }
  | { code: "binary" }
  | { code: "unclosedQuote"; line: number }
  | { code: "cellTooLong"; line: number; max: number };

export type CsvTable = { separator: ";" | ","; header: string[]; rows: { line: number; cells: string[] }[] };

export const MAX_CELL_LENGTH = 2000;

/**
 * Windows-1252's bytes 0x80–0x9F (€, curly quotes, – and —, …). Node 20.18.3+
 * decodes "windows-1252" as Latin-1, leaving these as control characters
 * (nodejs/node#56542, #60888), so they are mapped here; the five bytes the
 * code page leaves undefined stay as they are, as the WHATWG decoder does.
 */
const WINDOWS_1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/** UTF-8 (BOM or not) when the bytes are valid UTF-8, otherwise Windows-1252. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } | CsvError {
  if (bytes.length === 0) return { code: "empty" };
  // Text files never hold NUL bytes; spreadsheets (.xlsx) and images do.
  if (bytes.subarray(0, 8192).includes(0)) return { code: "binary" };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** The separator used in the header line: the more frequent of ";" and "," outside quotes. */
export function detectSeparator(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
  }
  return commas > semicolons ? "," : ";";
}

/** RFC 4180 parsing with quotes, doubled quotes and line breaks inside quotes. */
export function parseCsv(text: string, maxCellLength = MAX_CELL_LENGTH): CsvTable | CsvError {
  const separator = detectSeparator(text);
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteStartLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        cell += char;
      }
    } else if (char === '"' && cell === "") {
      quoted = true;
      quoteStartLine = line;
    } else if (char === separator) {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
    if (cell.length > maxCellLength) return { code: "cellTooLong", line: recordLine, max: maxCellLength };
  }
  if (quoted) return { code: "unclosedQuote", line: quoteStartLine };
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (nonEmpty.length === 0) return { code: "empty" };
  const [header, ...rows] = nonEmpty;
  return { separator, header: header.cells.map((h) => h.trim()), rows };
}

export function isCsvError(value: unknown): value is CsvError {
  return typeof value === "object" && value !== null && "code" in value;
}

/** What can be wrong with an uploaded import file as a whole, before its rows are read. */
export type ImportFileProblem<Column extends string = string> =
  | CsvError
  | { code: "missingColumns"; columns: Column[] }
  | { code: "noRows" }
  | { code: "tooManyRows"; max: number };

/** Limits of an import upload (participants, attendance). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

/** The rows of an import file, or what is wrong with the file as a whole (unreadable, columns missing, no rows, too many). */
export function parseImportTable<Column extends string>(
  text: string,
  missingColumns: (header: string[]) => Column[],
  maxRows = MAX_IMPORT_ROWS,
): { ok: true; table: CsvTable } | { ok: false; problem: ImportFileProblem<Column> } {
  const table = parseCsv(text);
  if (isCsvError(table)) return { ok: false, problem: table };
  const missing = missingColumns(table.header);
  if (missing.length) return { ok: false, problem: { code: "missingColumns", columns: missing } };
  if (table.rows.length === 0) return { ok: false, problem: { code: "noRows" } };
  if (table.rows.length > maxRows) return { ok: false, problem: { code: "tooManyRows", max: maxRows } };
  return { ok: true, table };
}

/**
 * Which column index holds which field, by the header's names: case and extra
 * spaces don't matter, and a trailing "*" (Excel templates mark required
 * columns so) is ignored. The first matching header wins; unknown ones are ignored.
 */
export function mapColumns<Column extends string>(
  header: string[],
  aliases: Record<Column, readonly string[]>,
  required: readonly Column[],
): { columns: Partial<Record<Column, number>>; missing: Column[] } {
  const columns: Partial<Record<Column, number>> = {};
  const names = Object.keys(aliases) as Column[];
  header.forEach((h, index) => {
    const name = h.replace(/\*$/, "").toLowerCase().replace(/\s+/g, " ").trim();
    for (const column of names) {
      if (columns[column] === undefined && aliases[column].includes(name)) columns[column] = index;
    }
  });
  return { columns, missing: required.filter((c) => columns[c] === undefined) };
}

/**
 * Writes CSV that Swedish Excel opens correctly: UTF-8 with BOM, semicolons
 * and CRLF. Cells starting with = + - @ are prefixed with ' so a spreadsheet
 * never runs them as formulas.
 */
export function toExcelCsv(rows: (string | number | null | undefined)[][]): string {
  const escape = (value: string | number | null | undefined) => {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return "\uFEFF" + rows.map((row) => row.map(escape).join(";")).join("\r\n") + "\r\n";
}

/** "Processtöd skolnärvaro Botkyrka" → "processtod-skolnarvaro-botkyrka", safe in a download's file name. */
export function fileNameSlug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "serie"
  );
}
