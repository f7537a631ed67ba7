/** Test files as Swedish Excel saves them: Windows-1252 (– is 0x96), CRLF line ends. */
export function windows1252(lines: string[]): Buffer {
  const special: Record<string, number> = { "€": 0x80, "’": 0x92, "–": 0x96, "—": 0x97 };
  const text = `${lines.join("\r\n")}\r\n`;
  return Buffer.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (special[c] !== undefined) return special[c];
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      throw new Error(`${c} finns inte i Windows-1252`);
    }),
  );
}
