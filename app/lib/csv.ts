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
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
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
