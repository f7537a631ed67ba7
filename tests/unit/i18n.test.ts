import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, isLocale, isMessageKey, translate, translator } from "~/i18n";
import { en } from "~/i18n/en";
import { sv } from "~/i18n/sv";

describe("translate", () => {
  it("fills named placeholders", () => {
    expect(translate("sv", "nav.signedInAs", { name: "Lena Ek", role: "kommunsamordnare" })).toBe(
      "Inloggad som Lena Ek (kommunsamordnare)",
    );
    expect(translate("en", "nav.signedInAs", { name: "Lena Ek", role: "coordinator" })).toBe(
      "Signed in as Lena Ek (coordinator)",
    );
  });

  it("writes numbers as given", () => {
    expect(translate("sv", "form.tooLong", { max: 254 })).toBe("Texten är för lång (högst 254 tecken).");
  });

  it("leaves a placeholder without a value visible, rather than writing 'undefined'", () => {
    expect(translate("sv", "nav.signedInAs", { name: "Lena Ek" })).toBe("Inloggad som Lena Ek ({role})");
    expect(translate("sv", "nav.signedInAs")).toBe("Inloggad som {name} ({role})");
  });

  it("inserts values literally, even ones that look like placeholders or replacement patterns", () => {
    expect(translate("sv", "nav.signedInAs", { name: "$& $1 {role}", role: "x" })).toBe("Inloggad som $& $1 {role} (x)");
  });

  it("is Swedish by default", () => {
    expect(DEFAULT_LOCALE).toBe("sv");
    expect(translator("sv")("login.invalid")).toBe("Fel e-postadress eller lösenord.");
    expect(translator("en")("login.invalid")).toBe("Incorrect email address or password.");
  });

  it("recognises locales and message keys", () => {
    expect(isLocale("sv")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(isMessageKey("login.invalid")).toBe(true);
    expect(isMessageKey("login.nope")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
  });
});

describe("the English catalogue", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every Swedish key, with the same placeholders, and no text left empty", () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect({ key, present: typeof en[key] === "string" && en[key].trim() !== "" }).toEqual({ key, present: true });
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(sv[key]) });
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });
});
