/**
 * Every action the audit log can record has a Swedish and an English label
 * (the filter on /granskningslogg lists them all), and the "changed fields"
 * helper names exactly the fields whose values differ.
 */
import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { sv } from "~/i18n/sv";
import { AUDIT_ACTIONS, changedFields } from "~/models/audit-log.server";

describe("audit log labels", () => {
  it("has a label in both catalogues for every action", () => {
    const missing = AUDIT_ACTIONS.filter((a) => !(`auditLog.action.${a}` in sv) || !(`auditLog.action.${a}` in en));
    expect(missing).toEqual([]);
    expect(sv["auditLog.action.attendance.update" as keyof typeof sv]).toBe("Närvaro ändrad");
  });

  it("labels no action that does not exist", () => {
    const labelled = Object.keys(sv).filter((k) => k.startsWith("auditLog.action.")).map((k) => k.slice("auditLog.action.".length));
    expect(labelled.filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });
});

describe("changedFields", () => {
  it("lists the fields whose values differ, comparing dates by time and null with undefined", () => {
    const before = { venue: "Aulan", meetingLink: null, startsAt: new Date("2026-11-24T08:00:00Z"), format: "pa_plats" };
    const after = { venue: "Sal 3", meetingLink: undefined, startsAt: new Date("2026-11-24T08:00:00Z"), format: "hybrid" };
    expect(changedFields(before, after)).toEqual(["venue", "format"]);
    expect(changedFields(null, { venue: "Aulan" })).toEqual(["venue"]);
  });
});
