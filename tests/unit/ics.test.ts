import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine } from "~/lib/ics";
import { stockholmToUtc } from "~/lib/time";

describe("iCalendar output", () => {
  const events = [
    {
      uid: "tillfalle-1@processtod",
      startsAt: stockholmToUtc("2027-02-02", "08:30"), // winter time, UTC+1
      endsAt: stockholmToUtc("2027-02-02", "12:00"),
      summary: "Skolnärvaro; en översikt, del 1",
      location: "Kommunhuset, Sollentuna",
      description: "Expert: Helena Andersson\nMöteslänk: https://example.se/möte",
    },
    {
      uid: "tillfalle-2@processtod",
      startsAt: stockholmToUtc("2027-06-01", "13:00"), // summer time, UTC+2
      endsAt: stockholmToUtc("2027-06-01", "16:30"),
      summary: "Samverkan",
    },
  ];
  const text = buildCalendar({ name: "Processtöd Sollentuna", events, now: new Date("2026-11-23T08:00:00Z") });

  it("is read back by a real parser with the right Stockholm times", () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const parsed = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(parsed).toHaveLength(2);
    expect(parsed[0].uid).toBe("tillfalle-1@processtod");
    expect(parsed[0].summary).toBe("Skolnärvaro; en översikt, del 1");
    expect(parsed[0].location).toBe("Kommunhuset, Sollentuna");
    expect(parsed[0].description).toBe("Expert: Helena Andersson\nMöteslänk: https://example.se/möte");
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Stockholm");
    expect(parsed[0].startDate.toString()).toBe("2027-02-02T08:30:00");
    expect(parsed[1].endDate.toString()).toBe("2027-06-01T16:30:00");
    // The VTIMEZONE makes the absolute instants right on both sides of daylight saving.
    const zone = new ICAL.Timezone(calendar.getFirstSubcomponent("vtimezone")!);
    parsed[0].startDate.zone = zone;
    parsed[1].startDate.zone = zone;
    expect(parsed[0].startDate.toJSDate().toISOString()).toBe("2027-02-02T07:30:00.000Z");
    expect(parsed[1].startDate.toJSDate().toISOString()).toBe("2027-06-01T11:00:00.000Z");
  });

  it("writes DTSTAMP in UTC and ends every line with CRLF", () => {
    expect(text).toContain("DTSTAMP:20261123T080000Z\r\n");
    expect(text.split("\r\n").every((line) => !line.includes("\n"))).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("escapes text and folds long lines at 75 octets without splitting characters", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const long = `SUMMARY:${"ö".repeat(60)}`;
    const folded = foldLine(long);
    const lines = folded.split("\r\n");
    expect(lines.length).toBe(2);
    expect(Buffer.byteLength(lines[0])).toBeLessThanOrEqual(75);
    expect(lines[1].startsWith(" ")).toBe(true);
    expect(lines[0] + lines[1].slice(1)).toBe(long);
  });
});
