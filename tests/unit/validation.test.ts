import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translator } from "~/i18n";
import { email, isHttpUrl, optionalHttpUrl, optionalText, requiredText } from "~/lib/schemas";
import { parseFormData, translateIssue } from "~/lib/validation";

const sv = translator("sv");
const en = translator("en");

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("translateIssue: zod messages are catalogue keys", () => {
  it("translates a plain key", () => {
    expect(translateIssue(sv, "form.required")).toBe("Fältet måste fyllas i.");
    expect(translateIssue(en, "form.required")).toBe("This field is required.");
  });

  it("fills the parameter after the colon into {max}", () => {
    expect(translateIssue(sv, "form.tooLong:254")).toBe("Texten är för lång (högst 254 tecken).");
    expect(translateIssue(en, "form.tooLong:300")).toBe("The text is too long (maximum 300 characters).");
  });

  it("never shows zod's own English text or an unknown key to the user", () => {
    expect(translateIssue(sv, "Required")).toBe("Begäran kunde inte tolkas. Ladda om sidan och försök igen.");
    expect(translateIssue(sv, "Expected string, received array")).toBe(
      "Begäran kunde inte tolkas. Ladda om sidan och försök igen.",
    );
    // Names inherited from Object.prototype are not catalogue keys.
    expect(translateIssue(sv, "toString")).toBe("Begäran kunde inte tolkas. Ladda om sidan och försök igen.");
  });
});

describe("parseFormData", () => {
  const schema = z.object({
    name: requiredText(10),
    email,
    note: optionalText(20),
    tags: z.array(z.string()).optional(),
  });

  it("returns the parsed, trimmed data", () => {
    const result = parseFormData(
      schema,
      form([
        ["name", "  Lena Ek "],
        ["email", " lena@huddinge.example "],
        ["note", ""],
      ]),
      sv,
    );
    expect(result).toEqual({ ok: true, data: { name: "Lena Ek", email: "lena@huddinge.example", note: null } });
  });

  it("turns a repeated field into an array", () => {
    const result = parseFormData(
      schema,
      form([
        ["name", "A"],
        ["email", "a@b.se"],
        ["tags", "x"],
        ["tags", "y"],
      ]),
      sv,
    );
    expect(result.ok && result.data.tags).toEqual(["x", "y"]);
  });

  it("gives one Swedish message per field, the first problem found", () => {
    const result = parseFormData(
      schema,
      form([
        ["name", "   "],
        ["email", `${"x".repeat(300)}@example.se`], // too long and (per zod) also not an e-mail: "too long" wins
        ["note", "n".repeat(21)],
      ]),
      sv,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: "Fältet måste fyllas i.",
        email: "Texten är för lång (högst 254 tecken).",
        note: "Texten är för lång (högst 20 tecken).",
      },
    });
  });

  it("reports missing fields as required, not as a zod type error", () => {
    const result = parseFormData(schema, form([]), sv);
    expect(result).toEqual({
      ok: false,
      errors: { name: "Fältet måste fyllas i.", email: "Ange en e-postadress." },
    });
  });

  it("answers a field sent twice where one is expected with the catalogue's message", () => {
    const result = parseFormData(
      schema,
      form([
        ["name", "A"],
        ["name", "B"],
        ["email", "a@b.se"],
      ]),
      sv,
    );
    expect(result).toEqual({ ok: false, errors: { name: "Fältet måste fyllas i." } });
  });

  it("puts errors without a field under 'form'", () => {
    const refined = z.object({ a: z.string() }).refine(() => false, "form.invalidRequest");
    const result = parseFormData(refined, form([["a", "1"]]), en);
    expect(result).toEqual({ ok: false, errors: { form: "The request could not be understood. Reload the page and try again." } });
  });
});

describe("links: only http and https", () => {
  it("accepts web addresses", () => {
    for (const url of ["https://meet.example/abc?x=1", "http://localhost:3000/", "HTTPS://TEAMS.EXAMPLE/x"]) {
      expect({ url, ok: isHttpUrl(url) }).toEqual({ url, ok: true });
    }
  });

  it("refuses javascript:, data:, ftp: and other schemes, relative and broken addresses", () => {
    for (const url of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "ftp://files.example/agenda.pdf",
      "file:///etc/passwd",
      "mailto:kalle@example.se",
      "vbscript:msgbox(1)",
      "//evil.example/x",
      "/relativ/sokvag",
      "https://",
      "meet.example",
      "",
    ]) {
      expect({ url, ok: isHttpUrl(url) }).toEqual({ url, ok: false });
    }
  });

  it("optionalHttpUrl trims, turns empty into null and refuses other schemes with the given message key", () => {
    const schema = optionalHttpUrl("series.linkInvalid");
    expect(schema.parse("  https://meet.example/x  ")).toBe("https://meet.example/x");
    expect(schema.parse("")).toBeNull();
    expect(schema.parse(undefined)).toBeNull();
    const refused = schema.safeParse("javascript:alert(1)");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toEqual(["series.linkInvalid"]);
  });
});
