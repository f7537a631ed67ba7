/**
 * Invitations end to end at the model level, with mail sent to a real
 * in-process SMTP server: the test reads the message, follows its link and
 * answers. Also the representation gap on a fixture with known counts, and the
 * automatic reminder that must never be sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { sendDueReminders, sendInvitationMail } from "~/lib/invitations.server";
import { computeGaps } from "~/lib/representation";
import { getDb, schema } from "~/models/db.server";
import { createInvitation, findOpenInvitation, listInvitations, respondToInvitation, setReminderDays } from "~/models/invitation.server";
import { enrolledPersonIds, findPersonByEmail, registerParticipant } from "~/models/participant.server";
import { getTargets, roleCategoryCounts, sectorCounts } from "~/models/representation.server";
import { createSeriesFromTemplate } from "~/models/series-planning.server";
import { listTemplates } from "~/models/template.server";
import { loader as replyLoader, action as replyAction } from "~/routes/svar.$token";
import { DEMO_EMAILS, organisationId, postForm, seriesId, userId } from "../support/integration";

type Received = { to: string; raw: string };
const received: Received[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port);
});

afterAll(async () => {
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
  await new Promise<void>((resolve) => smtp.close(resolve));
});

/** Quoted-printable soft breaks and escapes undone, enough to read links and Swedish text. */
function decodeQuotedPrintable(raw: string): string {
  return Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

function sollentunaSeries(firstDate = "2027-02-02") {
  return createSeriesFromTemplate({
    name: "Processtöd skolnärvaro Sollentuna",
    term: "VT 2027",
    templateId: listTemplates()[0].id,
    organisationIds: [organisationId("Sollentuna")],
    processLeaderId: userId(DEMO_EMAILS.admin),
    coordinatorIds: [],
    firstDate,
  });
}

const bup = { name: "Eva Nord", email: "eva.nord@regionstockholm.example", workplace: "BUP Sollentuna", sector: "halso_sjukvard" as const, jobTitle: "Psykolog, BUP" };

describe("an invitation by e-mail", () => {
  it("arrives in Swedish with the sessions as .ics, and its link accepts and registers the person", async () => {
    const id = sollentunaSeries();
    const created = createInvitation({ seriesId: id, input: bup, userId: userId(DEMO_EMAILS.admin) });
    if (!created.ok) throw new Error("not created");
    expect(listInvitations({ seriesId: id }).length).toBe(1);
    await sendInvitationMail({ baseUrl: "http://localhost:3000", seriesId: id, to: bup.email, name: bup.name, token: created.token, sender: "Karin Berg" });

    const mail = received.at(-1)!;
    expect(mail.to).toBe(bup.email);
    const text = decodeQuotedPrintable(mail.raw);
    expect(text).toContain("Du är inbjuden till Processtöd skolnärvaro Sollentuna");
    expect(text).toContain("2027-02-02 08:30–12:00: Skolnärvaro. En översikt av forskning");
    expect(mail.raw).toMatch(/filename=tillfallen\.ics/);
    expect(mail.raw).toMatch(/Content-Type: text\/calendar/);
    const link = text.match(/http:\/\/localhost:3000\/svar\/([A-Za-z0-9_-]+)/)!;
    expect(link[1]).toBe(created.token);

    // Following the link: the page shows the series, the answer registers the person.
    const page = await replyLoader({ request: new Request(link[0]), params: { token: link[1] }, context: { clientIp: "" } });
    expect(page.data.invitation).toEqual({ name: "Eva Nord", seriesName: "Processtöd skolnärvaro Sollentuna" });
    // Not registered yet: the link cannot sign her in to anything.
    expect(page.data.signedIn).toBe(false);
    expect(new Headers(page.init?.headers).get("Set-Cookie")).toBeNull();
    const answer = (await replyAction({ request: postForm(`/svar/${link[1]}`, { answer: "ja" }), params: { token: link[1] }, context: { clientIp: "" } })) as Response;
    expect(answer.status).toBe(200);
    // Accepting registered her, so the same reply signs this device in to Mina sidor.
    expect(answer.headers.get("Set-Cookie")).toMatch(/^processtod_deltagare=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax/);
    const person = findPersonByEmail({ email: bup.email })!;
    expect(person).toMatchObject({ name: "Eva Nord", sector: "halso_sjukvard", roleCategory: "sjukvard", workplace: "BUP Sollentuna" });
    expect(enrolledPersonIds({ seriesId: id }).has(person.id)).toBe(true);
    expect(listInvitations({ seriesId: id })[0]).toMatchObject({ status: "accepterat", declineReason: null });

    // A double submit of the same reply changes nothing and reveals nothing.
    const again = (await replyAction({ request: postForm(`/svar/${link[1]}`, { answer: "nej", reason: "x" }), params: { token: link[1] }, context: { clientIp: "" } })) as Response;
    expect(again.status).toBe(404);
    expect(listInvitations({ seriesId: id })[0]).toMatchObject({ status: "accepterat" });
  });

  it("records a decline with its reason, keeps it visible, and refuses made-up, used and cancelled-series links alike", () => {
    const id = sollentunaSeries();
    const created = createInvitation({ seriesId: id, input: { ...bup, email: "chef.bup@regionstockholm.example" }, userId: userId(DEMO_EMAILS.admin) });
    if (!created.ok) throw new Error("not created");
    expect(respondToInvitation({ token: created.token, accept: false, reason: "Omorganisation" })).toEqual({ seriesId: id, personId: null });
    expect(listInvitations({ seriesId: id })[0]).toMatchObject({ status: "avbojt", declineReason: "Omorganisation" });
    expect(findPersonByEmail({ email: "chef.bup@regionstockholm.example" })).toBeNull();
    expect(findOpenInvitation({ token: created.token })).toBeNull();
    expect(findOpenInvitation({ token: "hittepa" })).toBeNull();

    const other = createInvitation({ seriesId: id, input: { ...bup, email: "tredje@regionstockholm.example" }, userId: userId(DEMO_EMAILS.admin) });
    if (!other.ok) throw new Error("not created");
    getDb().update(schema.series).set({ status: "avbruten", cancelReason: "test" }).where(eq(schema.series.id, id)).run();
    expect(findOpenInvitation({ token: other.token })).toBeNull();
  });

  it("does not invite the same e-mail twice to one series", () => {
    const id = sollentunaSeries();
    expect(createInvitation({ seriesId: id, input: bup, userId: userId(DEMO_EMAILS.admin) }).ok).toBe(true);
    expect(createInvitation({ seriesId: id, input: { ...bup, email: bup.email.toUpperCase() }, userId: userId(DEMO_EMAILS.admin) })).toEqual({
      ok: false,
      reason: "alreadyInvited",
    });
  });
});

describe("automatic reminders", () => {
  it("remind non-responders once in the period before the first session, even when the job runs again", async () => {
    const id = sollentunaSeries("2027-02-02");
    const a = createInvitation({ seriesId: id, input: { ...bup, email: "a@region.example" }, userId: userId(DEMO_EMAILS.admin) });
    const b = createInvitation({ seriesId: id, input: { ...bup, email: "b@region.example" }, userId: userId(DEMO_EMAILS.admin) });
    if (!a.ok || !b.ok) throw new Error("not created");
    respondToInvitation({ token: b.token, accept: true, reason: null });

    const mine = (to: string) => received.filter((m) => m.to === to).length;
    // Eight days before: not yet due (the default is seven days).
    await sendDueReminders({ baseUrl: "http://localhost:3000", now: new Date("2027-01-25T07:00:00Z") });
    expect(mine("a@region.example")).toBe(0);
    // Six days before: due for the one who has not answered, and only once.
    expect(await sendDueReminders({ baseUrl: "http://localhost:3000", now: new Date("2027-01-27T07:00:00Z") })).toBeGreaterThanOrEqual(1);
    expect(await sendDueReminders({ baseUrl: "http://localhost:3000", now: new Date("2027-01-28T07:00:00Z") })).toBe(0);
    expect(mine("a@region.example")).toBe(1);
    expect(mine("b@region.example")).toBe(0);
    const reminder = decodeQuotedPrintable(received.filter((m) => m.to === "a@region.example")[0].raw);
    expect(reminder).toContain("Vi har inte fått ditt svar");
    // The reminder's new link works; the first one no longer does.
    const newToken = reminder.match(/\/svar\/([A-Za-z0-9_-]+)/)![1];
    expect(findOpenInvitation({ token: newToken, now: new Date("2027-01-27T08:00:00Z") })).not.toBeNull();
    expect(findOpenInvitation({ token: a.token, now: new Date("2027-01-27T08:00:00Z") })).toBeNull();
  });
});

describe("the reminder setting", () => {
  it("sends no automatic reminder when turned off, and follows a changed number of days", async () => {
    const id = sollentunaSeries("2027-03-02");
    const a = createInvitation({ seriesId: id, input: { ...bup, email: "c@region.example" }, userId: userId(DEMO_EMAILS.admin) });
    if (!a.ok) throw new Error("not created");
    const mine = () => received.filter((m) => m.to === "c@region.example").length;
    setReminderDays({ seriesId: id, days: null });
    await sendDueReminders({ baseUrl: "http://localhost:3000", now: new Date("2027-03-01T07:00:00Z") });
    expect(mine()).toBe(0);
    setReminderDays({ seriesId: id, days: 14 });
    await sendDueReminders({ baseUrl: "http://localhost:3000", now: new Date("2027-02-15T07:00:00Z") });
    expect(mine()).toBe(0); // 15 days before: not yet
    await sendDueReminders({ baseUrl: "http://localhost:3000", now: new Date("2027-02-17T07:00:00Z") });
    expect(mine()).toBe(1);
  });
});

describe("representation gap", () => {
  it("counts invited, answers, registered and managers per sector, and names each gap", () => {
    // Huddinge's demo: 90 registered, two invited from the region – one accepted, one declined.
    const huddinge = seriesId("Huddinge");
    const counts = sectorCounts({ seriesId: huddinge, now: new Date("2026-11-23T12:00:00Z") });
    expect(counts.map((c) => [c.sector, c.invited, c.accepted, c.declined, c.noReply, c.registered, c.managers])).toEqual([
      ["skola", 0, 0, 0, 0, 66, 14],
      ["socialtjanst", 0, 0, 0, 0, 18, 8],
      ["halso_sjukvard", 2, 1, 1, 0, 2, 0],
      ["annat", 0, 0, 0, 0, 3, 0],
      ["vill_ej_uppge", 0, 0, 0, 0, 1, 0],
    ]);
    const { targets, requireManager } = getTargets({ seriesId: huddinge });
    expect(computeGaps({ counts, targets, requireManager })).toEqual([{ kind: "manager", sector: "halso_sjukvard" }]);
    // The declined invitee was a manager at BUP: visible per role category too.
    expect(roleCategoryCounts({ seriesId: huddinge }).filter((r) => r.invited > 0)).toEqual([
      { roleCategory: "chef", invited: 1, accepted: 0, registered: 22 },
      { roleCategory: "sjukvard", invited: 1, accepted: 1, registered: 2 },
    ]);
  });

  it("finds a missing sector, a count below target and a share below target", () => {
    const id = sollentunaSeries();
    const person = (n: number, sector: "skola" | "socialtjanst", roleCategory: "chef" | "profession" = "profession") => ({
      name: `P ${n}`,
      email: `p${n}@gap.example`,
      workplace: null,
      organisationId: null,
      sector,
      roleCategory,
      jobTitle: null,
      level: null,
    });
    for (let i = 0; i < 9; i++) registerParticipant({ seriesId: id, person: person(i, "skola", i === 0 ? "chef" : "profession") });
    registerParticipant({ seriesId: id, person: person(9, "socialtjanst", "chef") });
    const counts = sectorCounts({ seriesId: id });
    const { targets, requireManager } = getTargets({ seriesId: id });
    // Template defaults: health care at least 2, social services at least 20 %.
    expect(computeGaps({ counts, targets, requireManager })).toEqual([
      { kind: "share", sector: "socialtjanst", actual: 0.1, target: 0.2 },
      { kind: "missing", sector: "halso_sjukvard" },
    ]);
  });
});
