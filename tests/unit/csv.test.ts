import { describe, expect, it } from "vitest";
import { decodeCsv, detectSeparator, isCsvError, parseCsv, toExcelCsv } from "~/lib/csv";

const win1252 = (text: string) =>
  Uint8Array.from([...text].map((c) => ({ å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5, Ä: 0xc4, Ö: 0xd6, é: 0xe9 })[c] ?? c.charCodeAt(0)));

describe("decoding", () => {
  it("reads Windows-1252 as Excel saves it", () => {
    expect(decodeCsv(win1252("Namn;Verksamhet\r\nÅsa Öberg;Hälso- och sjukvård"))).toEqual({
      text: "Namn;Verksamhet\r\nÅsa Öberg;Hälso- och sjukvård",
      encoding: "windows-1252",
    });
  });

  it("reads Windows-1252's dashes, quotes and euro sign (0x80–0x9F), which Node's own decoder leaves as control characters", () => {
    const bytes = Uint8Array.from([0x46, 0x72, 0xe5, 0x6e, 0x20, 0x96, 0x20, 0x97, 0x20, 0x92, 0x93, 0x94, 0x80, 0x85, 0x81]);
    expect(decodeCsv(bytes)).toEqual({ text: "Från – — ’“”€…\u0081", encoding: "windows-1252" });
  });

  it("reads UTF-8 with and without BOM", () => {
    const utf8 = new TextEncoder().encode("Namn\nÅsa");
    expect(decodeCsv(utf8)).toEqual({ text: "Namn\nÅsa", encoding: "utf-8" });
    expect(decodeCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: "Namn\nÅsa", encoding: "utf-8" });
  });

  it("refuses empty and binary files", () => {
    expect(decodeCsv(new Uint8Array())).toEqual({ code: "empty" });
    expect(decodeCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({ code: "binary" });
  });
});

describe("parsing", () => {
  it("detects the separator from the header line", () => {
    expect(detectSeparator("Namn;E-post;Titel\nA, B;a@b.se;x")).toBe(";");
    expect(detectSeparator('Namn,E-post,Titel\n"A; B",a@b.se,x')).toBe(",");
  });

  it("handles quotes, doubled quotes, separators and line breaks inside quotes", () => {
    const table = parseCsv('Namn;Anteckning\r\n"Berg; Karin";"Sa ""hej""\r\npå två rader"\r\nOla;\r\n');
    expect(table).toEqual({
      separator: ";",
      header: ["Namn", "Anteckning"],
      rows: [
        { line: 2, cells: ["Berg; Karin", 'Sa "hej"\r\npå två rader'] },
        { line: 4, cells: ["Ola", ""] },
      ],
    });
  });

  it("skips blank lines and keeps the file's line numbers", () => {
    const table = parseCsv("Namn,E-post\n\nA,a@x.se\n,\nB,b@x.se");
    expect(isCsvError(table)).toBe(false);
    if (isCsvError(table)) return;
    expect(table.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [3, "A"],
      [5, "B"],
    ]);
  });

  it("reports an unclosed quote with its line, an overlong cell, and an empty file", () => {
    expect(parseCsv('Namn;Titel\nA;"Rektor\nB;Lärare')).toEqual({ code: "unclosedQuote", line: 2 });
    expect(parseCsv(`Namn;Titel\nA;${"x".repeat(100_000)}`)).toEqual({ code: "cellTooLong", line: 2, max: 2000 });
    expect(parseCsv("\r\n\r\n")).toEqual({ code: "empty" });
  });
});

describe("export for Excel", () => {
  it("writes a BOM, semicolons and CRLF, quotes where needed and neutralises formulas", () => {
    expect(toExcelCsv([["Namn", "Titel"], ["Berg; Karin", '=HYPERLINK("x")'], ["+46701234567", "@rektor"], ["-1", null]])).toBe(
      '\uFEFFNamn;Titel\r\n"Berg; Karin";"\'=HYPERLINK(""x"")"\r\n\'+46701234567;\'@rektor\r\n\'-1;\r\n',
    );
  });
});
