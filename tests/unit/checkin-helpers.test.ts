import { describe, expect, it } from "vitest";
import { accessibleSvg, firstName, formatCheckinWindow, looksLikeCheckinToken, minutesUntil } from "~/lib/checkin-helpers";
import { randomToken } from "~/lib/tokens.server";

describe("formatCheckinWindow", () => {
  it("writes one date when the window stays within a day (Stockholm time)", () => {
    // 2026-11-24 07:00Z is 08:00 in Stockholm (CET).
    expect(formatCheckinWindow(new Date("2026-11-24T07:00:00Z"), new Date("2026-11-24T11:30:00Z"))).toBe("2026-11-24 08:00–12:30");
  });

  it("writes both dates when the window passes midnight in Stockholm", () => {
    expect(formatCheckinWindow(new Date("2026-11-24T20:00:00Z"), new Date("2026-11-24T23:30:00Z"))).toBe("2026-11-24 21:00 – 2026-11-25 00:30");
  });
});

describe("minutesUntil", () => {
  const now = new Date("2026-11-24T08:00:00Z");
  it("rounds up to whole minutes", () => {
    expect(minutesUntil(new Date(now.getTime() + 15 * 60_000), now)).toBe(15);
    expect(minutesUntil(new Date(now.getTime() + 14 * 60_000 + 1), now)).toBe(15);
  });
  it("is never below one", () => {
    expect(minutesUntil(new Date(now.getTime() + 500), now)).toBe(1);
    expect(minutesUntil(new Date(now.getTime() - 60_000), now)).toBe(1);
  });
});

describe("looksLikeCheckinToken", () => {
  it("accepts what randomToken makes and nothing else", () => {
    expect(looksLikeCheckinToken(randomToken())).toBe(true);
    expect(looksLikeCheckinToken("A".repeat(42))).toBe(false);
    expect(looksLikeCheckinToken("A".repeat(44))).toBe(false);
    expect(looksLikeCheckinToken(`${"A".repeat(42)}/`)).toBe(false);
    expect(looksLikeCheckinToken(null)).toBe(false);
    expect(looksLikeCheckinToken(123)).toBe(false);
  });
});

describe("accessibleSvg", () => {
  it("gives the SVG role img and a title it is labelled by, with the text escaped", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h1"/></svg>';
    expect(accessibleSvg(svg, { id: "qr", title: 'Kod <A&B> "x"' })).toBe(
      '<svg role="img" aria-labelledby="qr" focusable="false" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><title id="qr">Kod &lt;A&amp;B&gt; &quot;x&quot;</title><path d="M0 0h1"/></svg>',
    );
  });

  it("replaces an existing role or label and keeps a leading XML declaration", () => {
    const svg = '<?xml version="1.0"?>\n<svg role="presentation" aria-label="old"><g/></svg>';
    expect(accessibleSvg(svg, { id: "t", title: "Ny" })).toBe('<?xml version="1.0"?>\n<svg role="img" aria-labelledby="t" focusable="false"><title id="t">Ny</title><g/></svg>');
  });

  it("refuses something that is not an SVG", () => {
    expect(() => accessibleSvg("<div></div>", { id: "t", title: "x" })).toThrow();
  });
});

describe("firstName", () => {
  it("takes the first word of the name", () => {
    expect(firstName("Anna-Karin Berg")).toBe("Anna-Karin");
    expect(firstName("  Sofia   Hassan ")).toBe("Sofia");
    expect(firstName("Madonna")).toBe("Madonna");
  });
});
