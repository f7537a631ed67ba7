import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/lib/auth.server";

describe("safeRedirect: after sign-in, only go to pages on this site", () => {
  it("keeps same-site paths, with query and fragment", () => {
    expect(safeRedirect("/serier")).toBe("/serier");
    expect(safeRedirect("/serier/2?sparat=5#tillfalle-5")).toBe("/serier/2?sparat=5#tillfalle-5");
    expect(safeRedirect("/")).toBe("/");
  });

  it("refuses other sites, however they are written", () => {
    for (const to of [
      "//evil.com",
      "//evil.com/serier",
      "https://evil.com",
      "http://evil.com/",
      "/\\evil.com", // browsers read "\" as "/"
      "\\\\evil.com",
      "/\t/evil.com", // browsers drop tabs, leaving "//evil.com"
      "/\n/evil.com",
      "/\r\n/evil.com",
      "javascript:alert(1)",
      "evil.com",
      "serier",
      "",
    ]) {
      expect({ to, result: safeRedirect(to) }).toEqual({ to, result: "/" });
    }
  });

  it("refuses missing values and uploaded files, and uses the given fallback", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirect("//evil.com", "/serier")).toBe("/serier");
  });

  it("never returns something a browser would resolve to another origin", () => {
    const base = "https://processtod.example";
    for (const to of ["/ok", "//evil.com", "/\t/evil.com", "/\\evil.com", "/%2F/evil.com", "/.//evil.com"]) {
      expect({ to, origin: new URL(safeRedirect(to), base).origin }).toEqual({ to, origin: base });
    }
  });
});
