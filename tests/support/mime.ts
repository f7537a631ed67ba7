/**
 * Just enough MIME to read back what nodemailer sends for a plain-text
 * message: RFC 2047 encoded words in headers, and a quoted-printable, base64
 * or 7bit body. (No multipart: the app sends text only.)
 */
export type ReceivedMessage = { headers: Map<string, string>; subject: string; text: string };

export function parsePlainTextMessage(raw: string): ReceivedMessage {
  const split = raw.indexOf("\r\n\r\n");
  if (split < 0) throw new Error("No header/body separator in message");
  const headers = new Map<string, string>();
  // Unfold continuation lines, then read "Name: value" pairs.
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const bytes =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body.replace(/=\r\n/g, ""))
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64")
        : Buffer.from(body, "utf8");
  return {
    headers,
    subject: decodeHeader(headers.get("subject") ?? ""),
    // SMTP lines end in CRLF and the transport ends the body with one; the app's text has neither.
    text: bytes.toString("utf8").replace(/\r\n/g, "\n").replace(/\n$/, ""),
  };
}

function decodeQuotedPrintable(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(...Buffer.from(text[i], "utf8"));
    }
  }
  return Buffer.from(out);
}

/** Encoded words may split a multi-byte character, so bytes are joined before decoding UTF-8. */
function decodeHeader(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, "?==?");
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of joined.matchAll(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g)) {
    parts.push(Buffer.from(joined.slice(last, m.index), "utf8"));
    parts.push(
      m[2].toUpperCase() === "B" ? Buffer.from(m[3], "base64") : decodeQuotedPrintable(m[3].replace(/_/g, " ")),
    );
    last = m.index! + m[0].length;
  }
  parts.push(Buffer.from(joined.slice(last), "utf8"));
  return Buffer.concat(parts).toString("utf8");
}
