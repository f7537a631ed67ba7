/**
 * How "Mina uppgifter" is laid out: one section per kind of data, each a list
 * of records with labelled fields. The page and the CSV download are both
 * built from these sections, so they always show the same things; the JSON
 * download is the model's own structure (stable English keys, ISO dates).
 */
import type { MessageKey, Translate } from "~/i18n";
import type { MyData } from "~/models/my-data.server";
import { formatDate, formatDateTime } from "./format";

export const MY_DATA_SECTIONS = [
  "person",
  "enrolments",
  "invitations",
  "attendance",
  "attendanceChanges",
  "sessionReplies",
  "substitutesNamed",
  "substituteFor",
  "prepProgress",
  "reflections",
  "surveyLinks",
  "surveyReceipts",
  "checkinLink",
  "signIn",
  "mails",
  "groups",
  "accessibilityReports",
  "dataRequests",
] as const;
export type MyDataSectionKey = (typeof MY_DATA_SECTIONS)[number];

export type MyDataField = { label: string; value: string | null };
export type MyDataRecord = { fields: MyDataField[] };
export type MyDataSection = { key: MyDataSectionKey; title: string; records: MyDataRecord[] };

/** Column headings of the CSV download (long format: one value per line). */
export const CSV_HEADER_KEYS = [
  "portalData.csv.category",
  "portalData.csv.record",
  "portalData.csv.field",
  "portalData.csv.value",
] as const satisfies readonly MessageKey[];

export function myDataSections(data: MyData, t: Translate): MyDataSection[] {
  const f = (key: string) => t(`portalData.field.${key}` as MessageKey);
  const when = (value: string | null) => (value === null ? null : formatDateTime(new Date(value)));
  const day = (value: string | null) => (value === null ? null : formatDate(new Date(value)));
  const yesNo = (value: boolean) => t(value ? "portalData.yes" : "portalData.no");
  const label = (prefix: string, value: string | null) => (value === null ? null : t(`${prefix}.${value}` as MessageKey));
  const record = (fields: [string, string | null][]): MyDataRecord => ({
    fields: fields.map(([key, value]) => ({ label: f(key), value })),
  });
  const p = data.person;

  const sections: Record<MyDataSectionKey, MyDataRecord[]> = {
    person: [
      record([
        ["name", p.name],
        ["email", p.email],
        ["workplace", p.workplace],
        ["organisation", p.organisation],
        ["sector", label("sector", p.sector)],
        ["roleCategory", label("roleCategory", p.roleCategory)],
        ["jobTitle", p.jobTitle],
        ["level", label("level", p.level)],
        ["createdAt", when(p.createdAt)],
      ]),
    ],
    enrolments: data.enrolments.map((e) =>
      record([
        ["series", `${e.series} (${e.term})`],
        ["enrolmentStatus", label("portalData.enrolmentStatus", e.status)],
        ["enrolledAt", when(e.enrolledAt)],
      ]),
    ),
    invitations: data.invitations.map((i) =>
      record([
        ["series", i.series],
        ["invitationStatus", label("invite.status", i.status)],
        ["sentAt", when(i.sentAt)],
        ["respondedAt", when(i.respondedAt)],
        ["declineReason", i.declineReason],
        ["reminderCount", String(i.reminderCount)],
        ["lastReminderAt", when(i.lastReminderAt)],
        ["name", i.name],
        ["email", i.email],
        ["workplace", i.workplace],
        ["sector", label("sector", i.sector)],
        ["jobTitle", i.jobTitle],
        ["roleCategory", label("roleCategory", i.roleCategory)],
      ]),
    ),
    attendance: data.attendance.map((a) =>
      record([
        ["date", day(a.date)],
        ["occasion", a.occasion],
        ["series", a.series],
        ["attendanceStatus", label("attendance", a.status)],
        ["substituteFor", a.substituteFor],
        ["substitutedBy", a.substitutedBy],
        ["walkIn", yesNo(a.walkIn)],
        ["recordedAt", when(a.recordedAt)],
        ["updatedAt", when(a.updatedAt)],
        ["recordedBy", a.recordedBy ?? t("portalData.selfCheckin")],
      ]),
    ),
    attendanceChanges: data.attendanceChanges.map((c) =>
      record([
        ["changedAt", when(c.changedAt)],
        ["date", day(c.date)],
        ["occasion", c.occasion],
        ["concerns", c.substitute === null ? t("portalData.concernsYou") : t("portalData.concernsSubstitute", { name: c.substitute })],
        ["attendanceStatus", c.status === null ? t("portalData.removed") : label("attendance", c.status)],
        ["substituteFor", c.substituteFor],
        ["source", label("portalData.source", c.source)],
        ["changedBy", c.changedBy ?? t("portalData.selfCheckin")],
      ]),
    ),
    sessionReplies: data.sessionReplies.map((r) =>
      record([
        ["date", day(r.date)],
        ["session", r.session],
        ["series", r.series],
        ["reply", label("portalData.reply", r.reply)],
        ["repliedAt", when(r.repliedAt)],
      ]),
    ),
    substitutesNamed: data.substitutesNamed.map((s) =>
      record([
        ["date", day(s.date)],
        ["session", s.session],
        ["series", s.series],
        ["substituteName", s.name],
        ["email", s.email],
        ["workplace", s.workplace],
        ["substitutionStatus", label("portalData.substitutionStatus", s.status)],
        ["createdAt", when(s.createdAt)],
        ["handledAt", when(s.handledAt)],
      ]),
    ),
    substituteFor: data.substituteFor.map((s) =>
      record([
        ["date", day(s.date)],
        ["session", s.session],
        ["series", s.series],
        ["forPerson", s.forPerson],
        ["name", s.name],
        ["email", s.email],
        ["workplace", s.workplace],
        ["substitutionStatus", label("portalData.substitutionStatus", s.status)],
        ["createdAt", when(s.createdAt)],
        ["handledAt", when(s.handledAt)],
      ]),
    ),
    prepProgress: data.prepProgress.map((m) =>
      record([
        ["material", m.material],
        ["session", m.session],
        ["series", m.series],
        ["doneAt", when(m.doneAt)],
      ]),
    ),
    reflections: data.reflections.map((r) =>
      record([
        ["question", r.question],
        ["session", r.session],
        ["series", r.series],
        ["text", r.text],
        ["shared", yesNo(r.shared)],
        ["updatedAt", when(r.updatedAt)],
      ]),
    ),
    surveyLinks: data.surveyLinks.map((l) =>
      record([
        ["survey", l.survey],
        ["series", l.series],
        ["sentAt", when(l.sentAt)],
      ]),
    ),
    surveyReceipts: data.surveyReceipts.map((r) =>
      record([
        ["survey", r.survey],
        ["series", r.series],
        ["answered", t("portalData.yes")],
      ]),
    ),
    checkinLink: [
      record([
        ["checkinLink", yesNo(data.checkinLink.exists)],
        ["createdAt", when(data.checkinLink.createdAt)],
      ]),
    ],
    signIn: [
      record([
        ["devices", String(data.signIn.devices)],
        ["activeLinks", String(data.signIn.activeLinks)],
      ]),
    ],
    mails: data.mails.map((m) =>
      record([
        ["subject", m.subject],
        ["createdAt", when(m.createdAt)],
        ["mailStatus", label("portalData.mailStatus", m.status)],
      ]),
    ),
    // Labels from the groups catalogue (issue #9), which owns this section.
    groups: data.groups.map((g) => ({
      fields: [
        { label: t("groups.myData.date"), value: day(g.date) },
        { label: t("groups.myData.occasion"), value: g.occasion },
        { label: t("groups.myData.series"), value: g.series },
        { label: t("groups.myData.group"), value: t("groups.groupNo", { no: g.groupNo }) },
        { label: t("groups.myData.sector"), value: t(`sector.${g.sector}`) },
        { label: t("groups.myData.facilitator"), value: yesNo(g.facilitator) },
        { label: t("groups.myData.published"), value: yesNo(g.published) },
      ],
    })),
    accessibilityReports: data.accessibilityReports.map((r) =>
      record([
        ["createdAt", when(r.createdAt)],
        ["pageUrl", r.pageUrl],
        ["message", r.description],
      ]),
    ),
    dataRequests: data.dataRequests.map((d) =>
      record([
        ["kind", label("portalData.kind", d.kind)],
        ["message", d.message || null],
        ["createdAt", when(d.createdAt)],
        ["requestStatus", label("portalData.status", d.status)],
        ["handledAt", when(d.handledAt)],
        ["handledBy", d.handledBy],
        ["handlingNote", d.handlingNote],
      ]),
    ),
  };
  return MY_DATA_SECTIONS.map((key) => ({
    key,
    title: key === "groups" ? t("groups.myData.section") : t(`portalData.section.${key}` as MessageKey),
    records: sections[key],
  }));
}

/** The CSV's rows: header, then one line per field ("Kategori;Post;Fält;Värde"). */
export function myDataCsvRows(data: MyData, t: Translate): string[][] {
  const rows: string[][] = [CSV_HEADER_KEYS.map((key) => t(key))];
  for (const section of myDataSections(data, t)) {
    section.records.forEach((rec, index) => {
      for (const field of rec.fields) rows.push([section.title, String(index + 1), field.label, field.value ?? ""]);
    });
  }
  return rows;
}
