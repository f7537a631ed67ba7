/**
 * The pure parts of retention (decision 017): the settings form's schema,
 * whole calendar months back from a date, and RETENTION_INTERVAL_HOURS.
 */
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { RETENTION_KINDS, RETENTION_RULES, RetentionSettingsSchema } from "~/lib/retention-form";
import { retentionIntervalHours } from "~/lib/retention-schedule.server";
import { parseFormData } from "~/lib/validation";
import { cutoff } from "~/models/retention.server";

const t = translator("sv");
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};
const defaults = Object.fromEntries(RETENTION_KINDS.map((k) => [k, String(RETENTION_RULES[k].defaultValue)]));

describe("RetentionSettingsSchema", () => {
  it("accepts whole numbers within each kind's limits, trimmed", () => {
    const parsed = parseFormData(RetentionSettingsSchema, form({ ...defaults, participant_identity: " 120 ", sign_in_links: "365", sent_mail: "1" }), t);
    expect(parsed).toEqual({ ok: true, data: { participant_identity: 120, unenrolled_invitations: 12, sign_in_links: 365, uploaded_lists: 30, accessibility_reports: 24, data_requests: 24, sent_mail: 1 } });
  });

  it.each([["0"], ["121"], ["2,5"], ["2.5"], ["-3"], ["24 mån"], [""], ["1e2"], ["٢٤"]])("refuses %j for months with a Swedish message", (value) => {
    const parsed = parseFormData(RetentionSettingsSchema, form({ ...defaults, participant_identity: value }), t);
    expect(parsed).toEqual({ ok: false, errors: { participant_identity: "Ange ett helt antal månader mellan 1 och 120." } });
  });

  it("days have their own limits and message; a missing field is an error too", () => {
    const { participant_identity: _, ...rest } = defaults;
    expect(parseFormData(RetentionSettingsSchema, form({ ...rest, uploaded_lists: "366" }), t)).toEqual({
      ok: false,
      errors: { participant_identity: "Ange ett helt antal månader mellan 1 och 120.", uploaded_lists: "Ange ett helt antal dagar mellan 1 och 365." },
    });
  });
});

describe("cutoff", () => {
  it("goes back whole calendar months, or days", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(new Date(cutoff(now, 24, "months")).toISOString()).toBe("2024-11-23T12:00:00.000Z");
    expect(new Date(cutoff(now, 6, "months")).toISOString()).toBe("2026-05-23T12:00:00.000Z");
    expect(new Date(cutoff(now, 30, "days")).toISOString()).toBe("2026-10-24T12:00:00.000Z");
  });
});

describe("RETENTION_INTERVAL_HOURS", () => {
  it("defaults to 24, takes 0 (off) and fractions, refuses the rest", () => {
    expect(retentionIntervalHours({})).toBe(24);
    expect(retentionIntervalHours({ RETENTION_INTERVAL_HOURS: "" })).toBe(24);
    expect(retentionIntervalHours({ RETENTION_INTERVAL_HOURS: "0" })).toBe(0);
    expect(retentionIntervalHours({ RETENTION_INTERVAL_HOURS: "0.5" })).toBe(0.5);
    expect(() => retentionIntervalHours({ RETENTION_INTERVAL_HOURS: "-1" })).toThrow(/RETENTION_INTERVAL_HOURS måste vara/);
    expect(() => retentionIntervalHours({ RETENTION_INTERVAL_HOURS: "dagligen" })).toThrow(/RETENTION_INTERVAL_HOURS måste vara/);
  });
});
