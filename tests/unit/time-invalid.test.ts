/**
 * Hostile input (decision 019): zod runs an object's refinements even when a
 * field failed its format, so stockholmToUtc sees whatever was typed. It must
 * give an Invalid Date, not throw (a 500 on the survey times form before).
 */
import { describe, expect, it } from "vitest";
import { stockholmToUtc } from "~/lib/time";

describe("stockholmToUtc with what is not a date or a time", () => {
  it.each([
    ['"><img src=x onerror=alert(1)>', "10:00"],
    ["2026-12-01", "'; DROP TABLE people;--"],
    ["\u0000\u0007\u001b", "10:00"],
    ["", ""],
  ])("%j %j → Invalid Date", (date, time) => {
    expect(Number.isNaN(stockholmToUtc(date, time).getTime())).toBe(true);
  });

  it("still converts a real wall-clock time", () => {
    expect(stockholmToUtc("2026-09-15", "09:00").toISOString()).toBe("2026-09-15T07:00:00.000Z");
  });
});
