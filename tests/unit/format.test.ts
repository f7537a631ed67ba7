import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatPercent, formatTime, isoWeek } from "~/lib/format";
import { stockholmToUtc } from "~/lib/time";

describe("Swedish formatting in Europe/Stockholm", () => {
  it("writes dates as 2026-09-15 and times on the 24-hour clock in Stockholm time", () => {
    const start = stockholmToUtc("2026-09-15", "08:30");
    expect(start.toISOString()).toBe("2026-09-15T06:30:00.000Z"); // summer time, UTC+2
    expect(formatDate(start)).toBe("2026-09-15");
    expect(formatTime(start)).toBe("08:30");
  });

  it("handles winter time and the day boundary", () => {
    const late = stockholmToUtc("2026-01-31", "23:30");
    expect(late.toISOString()).toBe("2026-01-31T22:30:00.000Z"); // UTC+1
    expect(formatDate(new Date("2026-01-31T23:30:00Z"))).toBe("2026-02-01");
  });

  it("writes shares with one decimal, a comma and a space before %", () => {
    expect(formatPercent(0.764)).toBe("76,4\u00a0%");
    expect(formatPercent(7 / 34)).toBe("20,6\u00a0%");
  });

  it("writes numbers in English when asked, and in Swedish by default", () => {
    expect(formatPercent(0.764, "en")).toBe("76.4%");
    expect(formatNumber(1234)).toBe("1\u00a0234");
    expect(formatNumber(1234, "en")).toBe("1,234");
  });

  it("gives ISO week numbers", () => {
    expect(isoWeek(stockholmToUtc("2026-11-24", "08:30"))).toBe(48);
    expect(isoWeek(stockholmToUtc("2027-01-01", "12:00"))).toBe(53);
    expect(isoWeek(stockholmToUtc("2026-01-01", "12:00"))).toBe(1);
  });
});
