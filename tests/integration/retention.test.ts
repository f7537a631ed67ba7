/**
 * Retention (issue #11 item 6, decision 017): fixtures with known dates around
 * "today" (2026-11-23 12:00 UTC). Series A ended 25 months ago, series B 23
 * months ago. With the defaults, A's participants are anonymised and B's are
 * not; the dry run reports exact counts and changes nothing; de-identified
 * statistics are the same before and after; the settings page validates
 * (400, Swedish, nothing saved), records changes in the audit log, and is the
 * process leaders' alone.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { getDb, schema } from "~/models/db.server";
import { ANONYMISED_NAME } from "~/models/erasure.server";
import { applyRetention, getRetentionSettings } from "~/models/retention.server";
import { loader as settingsLoader, action as settingsAction } from "~/routes/installningar.gallring";
import { DEMO_EMAILS, getRequest, organisationId, postForm, signedInCookie, thrownResponse, userId } from "../support/integration";

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const context = { clientIp: "192.0.2.91" };
const at = (iso: string) => new Date(iso);

type Ids = { seriesA: number; seriesB: number; anna: number; bertil: number; cecilia: number; david: number; sessionsA: number[]; sessionsB: number[] };
let ids: Ids;

function person(name: string, email: string, sector: "skola" | "socialtjanst" | "halso_sjukvard") {
  return getDb()
    .insert(schema.people)
    .values({ name, email, emailNormalized: email, workplace: `${name}s arbetsplats`, organisationId: organisationId("Huddinge"), sector, roleCategory: "profession", jobTitle: "Kurator", level: "operativ" })
    .returning({ id: schema.people.id })
    .get().id;
}

function series(name: string, dates: string[]) {
  const db = getDb();
  const id = db.insert(schema.series).values({ name, term: "HT 2024", status: "genomford" }).returning({ id: schema.series.id }).get().id;
  const sessions = dates.map(
    (d, i) =>
      db
        .insert(schema.seriesSessions)
        .values({ seriesId: id, position: i + 1, title: `Seminarium ${i + 1}`, startsAt: at(`${d}T07:30:00Z`), endsAt: at(`${d}T11:30:00Z`) })
        .returning({ id: schema.seriesSessions.id })
        .get().id,
  );
  return { id, sessions };
}

function buildFixture(): Ids {
  const db = getDb();
  const a = series("Gammal serie A", ["2024-08-20", "2024-09-17", "2024-10-15"]);
  const b = series("Gammal serie B", ["2024-10-22", "2024-11-19", "2024-12-15"]);
  const anna = person("Anna Arkiv", "anna.arkiv@huddinge.example", "skola");
  const bertil = person("Bertil Bevarad", "bertil.bevarad@huddinge.example", "socialtjanst");
  const cecilia = person("Cecilia Båda", "cecilia.bada@huddinge.example", "halso_sjukvard");
  const david = person("David Inbjuden", "david.inbjuden@huddinge.example", "skola");
  const enrol = (seriesId: number, personId: number) => db.insert(schema.enrolments).values({ seriesId, personId }).run();
  enrol(a.id, anna);
  enrol(a.id, cecilia);
  enrol(b.id, cecilia);
  enrol(b.id, bertil);
  const mark = (seriesId: number, sessionId: number, personId: number, status: "narvarande" | "sen" | "franvarande_anmalt") =>
    db.insert(schema.attendance).values({ seriesId, seriesSessionId: sessionId, personId, status, recordedAt: at("2024-10-15T12:00:00Z") }).run();
  mark(a.id, a.sessions[0], anna, "narvarande");
  mark(a.id, a.sessions[1], anna, "sen");
  mark(a.id, a.sessions[2], anna, "franvarande_anmalt");
  mark(a.id, a.sessions[0], cecilia, "narvarande");
  mark(b.id, b.sessions[0], cecilia, "narvarande");
  mark(b.id, b.sessions[0], bertil, "narvarande");
  const invite = (seriesId: number, personId: number | null, name: string, email: string, status: "inbjuden" | "accepterat" | "avbojt") =>
    db.insert(schema.invitations).values({ seriesId, personId, name, email, emailNormalized: email, workplace: "Skolan", sector: "skola", status, sentAt: at("2024-06-01T08:00:00Z") }).run();
  invite(a.id, anna, "Anna Arkiv", "anna.arkiv@huddinge.example", "accepterat");
  invite(a.id, david, "David Inbjuden", "david.inbjuden@huddinge.example", "avbojt");
  invite(a.id, null, "Erik Extern", "erik.extern@bup.example", "avbojt");
  invite(b.id, null, "Frida Fristående", "frida.fristaende@bup.example", "inbjuden");
  // Links: Anna's go with her identity; Bertil's expired ones by the sign-in setting (30 days).
  db.insert(schema.magicLinks).values({ personId: anna, tokenHash: hashToken(randomToken()), expiresAt: at("2026-12-01T00:00:00Z") }).run();
  db.insert(schema.checkinTokens).values({ personId: anna, tokenHash: hashToken(randomToken()) }).run();
  db.insert(schema.magicLinks).values({ personId: bertil, tokenHash: hashToken(randomToken()), expiresAt: new Date(NOW.getTime() - 40 * DAY) }).run();
  db.insert(schema.magicLinks).values({ personId: bertil, tokenHash: hashToken(randomToken()), expiresAt: new Date(NOW.getTime() - 10 * DAY) }).run();
  db.insert(schema.participantSessions).values({ id: "s-bertil-old", personId: bertil, lastSeenAt: at("2026-09-01T00:00:00Z"), expiresAt: new Date(NOW.getTime() - 31 * DAY) }).run();
  db.insert(schema.checkinTokens).values({ personId: bertil, tokenHash: hashToken(randomToken()), createdAt: at("2024-09-01T00:00:00Z") }).run();
  db.insert(schema.participantImports).values({ seriesId: a.id, userId: userId(DEMO_EMAILS.admin), fileName: "lista.csv", content: "Namn;E-post\nAnna Arkiv;anna.arkiv@huddinge.example", createdAt: new Date(NOW.getTime() - 40 * DAY) }).run();
  db.insert(schema.accessibilityReports).values({ email: "x@example.se", description: "Gammal rapport", createdAt: at("2024-10-20T00:00:00Z") }).run();
  db.insert(schema.accessibilityReports).values({ email: "y@example.se", description: "Nyare rapport", createdAt: at("2024-12-20T00:00:00Z") }).run();
  db.insert(schema.dataRequests).values({ personId: null, name: "Gustav Gammal", email: "gustav@example.se", kind: "rattelse", message: "x", status: "genomford", createdAt: at("2024-10-01T00:00:00Z"), handledAt: at("2024-10-20T00:00:00Z"), handlingNote: "Rättat" }).run();
  db.insert(schema.dataRequests).values({ personId: null, name: "Hanna Nyare", email: "hanna@example.se", kind: "rattelse", message: "x", status: "avslagen", createdAt: at("2024-12-01T00:00:00Z"), handledAt: at("2024-12-20T00:00:00Z"), handlingNote: "Nej" }).run();
  db.insert(schema.dataRequests).values({ personId: null, name: "Ivar Obehandlad", email: "ivar@example.se", kind: "radering", message: "x", status: "ny", createdAt: at("2024-01-01T00:00:00Z") }).run();
  db.insert(schema.mailOutbox).values({ toAddress: "bertil.bevarad@huddinge.example", subject: "Gammalt", textBody: "Hej Bertil", createdAt: at("2026-04-20T00:00:00Z") }).run();
  db.insert(schema.mailOutbox).values({ toAddress: "bertil.bevarad@huddinge.example", subject: "Nyare", textBody: "Hej Bertil", createdAt: at("2026-06-20T00:00:00Z") }).run();
  // Inserting old audit entries is allowed (only updates and early deletes are refused).
  db.insert(schema.auditLog).values({ at: at("2024-11-01T00:00:00Z"), actorKind: "system", actorLabel: "test", action: "backup.create", entityKind: "backup" }).run();
  db.insert(schema.auditLog).values({ at: at("2025-01-01T00:00:00Z"), actorKind: "system", actorLabel: "test", action: "backup.create", entityKind: "backup" }).run();
  return { seriesA: a.id, seriesB: b.id, anna, bertil, cecilia, david, sessionsA: a.sessions, sessionsB: b.sessions };
}

function rowCounts(): Record<string, number> {
  const sqlite = getDb().$client;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
}

/** Everything identifying, as one string, to see that nothing at all changed. */
function identityDigest(): string {
  return getDb().get<{ d: string }>(sql`select
    (select group_concat(id || name || email || coalesce(workplace, ''), '|') from people) ||
    (select group_concat(id || name || email, '|') from invitations) ||
    (select count(*) from magic_links) || (select count(*) from checkin_tokens) as d`)!.d;
}

/** De-identified statistics: attendance per sector, status and seminar, and the seminar_presence table. */
function statistics() {
  const db = getDb();
  return {
    attendance: db.all(sql`select a.series_session_id as session, p.sector as sector, a.status as status, count(*) as n
      from attendance a join people p on p.id = a.person_id group by 1, 2, 3 order by 1, 2, 3`),
    presence: db.all(sql`select series_id, person_id, sector, seminars from seminar_presence order by 1, 2`),
    enrolmentsPerSector: db.all(sql`select e.series_id, p.sector, count(*) as n from enrolments e join people p on p.id = e.person_id group by 1, 2 order by 1, 2`),
    invitationsPerStatus: db.all(sql`select series_id, sector, status, count(*) as n from invitations group by 1, 2, 3 order by 1, 2, 3`),
  };
}

const EXPECTED_COUNTS = {
  participant_identity: 2, // Anna and David (series A only); Cecilia is also in B
  unenrolled_invitations: 2, // Erik (A) and Frida (B): both series ended more than 12 months ago
  sign_in_links: 3, // Bertil's link expired 40 days ago, his device 31 days ago, his check-in link (B has ended)
  uploaded_lists: 1,
  accessibility_reports: 1,
  data_requests: 1, // handled 25 months ago; the one handled 23 months ago and the unhandled one stay
  sent_mail: 1,
  audit_log: 1,
};

beforeAll(() => {
  ids = buildFixture();
});

describe("the retention job", () => {
  it("starts from the defaults", () => {
    expect(getRetentionSettings()).toEqual({
      participant_identity: 24,
      unenrolled_invitations: 12,
      sign_in_links: 30,
      uploaded_lists: 30,
      accessibility_reports: 24,
      data_requests: 24,
      sent_mail: 6,
    });
  });

  it("a dry run reports exact counts, per series too, and changes nothing", () => {
    const counts = rowCounts();
    const digest = identityDigest();
    const auditEntries = counts.audit_log;
    const result = applyRetention({ now: NOW, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.counts).toEqual(EXPECTED_COUNTS);
    expect(result.bySeries).toEqual([
      { seriesId: ids.seriesA, name: "Gammal serie A", people: 2, invitations: 1 },
      { seriesId: ids.seriesB, name: "Gammal serie B", people: 0, invitations: 1 },
    ]);
    expect(rowCounts()).toEqual(counts);
    expect(identityDigest()).toBe(digest);
    expect(rowCounts().audit_log).toBe(auditEntries);
  });

  it("npm run retention --dry-run prints the counts in Swedish and changes nothing", () => {
    const counts = rowCounts();
    const root = path.resolve(__dirname, "../..");
    const output = execFileSync("npm", ["run", "--silent", "retention", "--dry-run"], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: getDb().$client.name },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The script runs with the real clock (2026-11-23/24): the fixture's ages are the same then.
    expect(output).toContain("tas följande bort:");
    expect(output).toContain("Deltagare som anonymiseras: 2");
    expect(output).toContain("Inbjudningar som avidentifieras: 2");
    expect(output).toContain("Skickade e-postmeddelanden: 1");
    expect(output).toContain("Gammal serie A: 2 deltagare som anonymiseras, 1 inbjudningar som avidentifieras");
    expect(output).toContain("Förhandsvisning: inget har ändrats.");
    expect(rowCounts()).toEqual(counts);
  });

  it("a shorter setting makes more due: 22 months also takes series B's people", () => {
    getDb().insert(schema.retentionSettings).values({ kind: "participant_identity", value: 22, updatedAt: NOW }).run();
    try {
      expect(applyRetention({ now: NOW, dryRun: true }).counts.participant_identity).toBe(4);
    } finally {
      getDb().delete(schema.retentionSettings).run();
    }
  });

  it("anonymises the person whose last series ended 25 months ago, not the one at 23 months, and keeps the statistics", () => {
    const before = statistics();
    const result = applyRetention({ now: NOW });
    expect(result.counts).toEqual(EXPECTED_COUNTS);
    const people = getDb().all<{ id: number; name: string; email: string; workplace: string | null; jobTitle: string | null; sector: string; anonymisedAt: number | null }>(sql`
      select id, name, email, workplace, job_title as jobTitle, sector, anonymised_at as anonymisedAt from people
      where id in (${ids.anna}, ${ids.bertil}, ${ids.cecilia}, ${ids.david}) order by id`);
    expect(people).toEqual([
      { id: ids.anna, name: ANONYMISED_NAME, email: `anonymiserad-${ids.anna}@anonymiserad.invalid`, workplace: null, jobTitle: null, sector: "skola", anonymisedAt: NOW.getTime() },
      { id: ids.bertil, name: "Bertil Bevarad", email: "bertil.bevarad@huddinge.example", workplace: "Bertil Bevarads arbetsplats", jobTitle: "Kurator", sector: "socialtjanst", anonymisedAt: null },
      { id: ids.cecilia, name: "Cecilia Båda", email: "cecilia.bada@huddinge.example", workplace: "Cecilia Bådas arbetsplats", jobTitle: "Kurator", sector: "halso_sjukvard", anonymisedAt: null },
      { id: ids.david, name: ANONYMISED_NAME, email: `anonymiserad-${ids.david}@anonymiserad.invalid`, workplace: null, jobTitle: null, sector: "skola", anonymisedAt: NOW.getTime() },
    ]);
    expect(statistics()).toEqual(before);
    // Names and addresses of A's invitations are gone; B's registered invitations were none.
    const invitationNames = getDb().all<{ name: string; email: string }>(sql`select name, email from invitations where series_id in (${ids.seriesA}, ${ids.seriesB}) order by id`);
    expect(invitationNames.map((i) => i.name)).toEqual([ANONYMISED_NAME, ANONYMISED_NAME, "Anonymiserad inbjuden", "Anonymiserad inbjuden"]);
    expect(invitationNames.every((i) => i.email.endsWith("@anonymiserad.invalid"))).toBe(true);
    // Anna's links are gone with her identity; Bertil keeps the link that expired 10 days ago.
    expect(getDb().all(sql`select person_id from magic_links where person_id in (${ids.anna}, ${ids.bertil})`)).toEqual([{ person_id: ids.bertil }]);
    expect(getDb().all(sql`select person_id from checkin_tokens where person_id in (${ids.anna}, ${ids.bertil})`)).toEqual([]);
    expect(getDb().all(sql`select subject from mail_outbox where to_address = 'bertil.bevarad@huddinge.example'`)).toEqual([{ subject: "Nyare" }]);
    expect(getDb().all(sql`select name from data_requests where name in ('Gustav Gammal', 'Hanna Nyare', 'Ivar Obehandlad') order by name`)).toEqual([
      { name: "Hanna Nyare" },
      { name: "Ivar Obehandlad" },
    ]);
  });

  it("records the run in the audit log with counts only, and a second run removes nothing", () => {
    const entry = getDb().get<{ actorLabel: string; details: string }>(sql`
      select actor_label as actorLabel, details from audit_log where action = 'retention.apply' order by id desc limit 1`)!;
    expect(entry.actorLabel).toBe("gallring");
    expect(JSON.parse(entry.details)).toEqual({ counts: EXPECTED_COUNTS });
    expect(entry.details).not.toMatch(/Anna|David|arkiv/i);
    const again = applyRetention({ now: NOW });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
  });
});

describe("the settings page", () => {
  async function post(email: string, fields: Record<string, string>) {
    try {
      return (await settingsAction({ request: postForm("/installningar/gallring", fields, await signedInCookie(userId(email))), params: {}, context })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }
  const valid = { participant_identity: "24", unenrolled_invitations: "12", sign_in_links: "30", uploaded_lists: "30", accessibility_reports: "24", data_requests: "24", sent_mail: "6" };

  it("is 403 for coordinators and sponsors, loader and action, and they change nothing", async () => {
    for (const email of [DEMO_EMAILS.huddinge, DEMO_EMAILS.sponsor]) {
      const cookie = await signedInCookie(userId(email));
      expect((await thrownResponse(() => Promise.resolve(settingsLoader({ request: getRequest("/installningar/gallring", cookie), params: {}, context })))).status).toBe(403);
      expect((await post(email, { ...valid, sent_mail: "1" })).status).toBe(403);
      expect((await post(email, { intent: "run" })).status).toBe(403);
    }
    expect(getDb().select().from(schema.retentionSettings).all()).toEqual([]);
  });

  it("shows the process leader the settings and the dry-run preview", async () => {
    const response = (await settingsLoader({ request: getRequest("/installningar/gallring", await signedInCookie(userId(DEMO_EMAILS.admin))), params: {}, context })) as Response;
    const data = (await response.json()) as { settings: { kind: string; value: number; isDefault: boolean }[]; preview: { counts: Record<string, number> } };
    expect(data.settings.map((s) => [s.kind, s.value, s.isDefault])).toEqual([
      ["participant_identity", 24, true],
      ["unenrolled_invitations", 12, true],
      ["sign_in_links", 30, true],
      ["uploaded_lists", 30, true],
      ["accessibility_reports", 24, true],
      ["data_requests", 24, true],
      ["sent_mail", 6, true],
    ]);
    expect(Object.keys(data.preview.counts)).toHaveLength(8);
  });

  it("refuses bad values with 400 and Swedish messages on the fields, and saves nothing", async () => {
    const auditBefore = rowCounts().audit_log;
    const response = await post(DEMO_EMAILS.admin, { ...valid, participant_identity: "0", sign_in_links: "2,5", sent_mail: "121", data_requests: "" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string> };
    expect(body.errors).toEqual({
      participant_identity: "Ange ett helt antal månader mellan 1 och 120.",
      sign_in_links: "Ange ett helt antal dagar mellan 1 och 365.",
      sent_mail: "Ange ett helt antal månader mellan 1 och 120.",
      data_requests: "Ange ett helt antal månader mellan 1 och 120.",
    });
    const missing = await post(DEMO_EMAILS.admin, { participant_identity: "24" });
    expect(missing.status).toBe(400);
    expect(getDb().select().from(schema.retentionSettings).all()).toEqual([]);
    expect(rowCounts().audit_log).toBe(auditBefore);
  });

  it("saves a change and records old → new in the audit log in the same write", async () => {
    const response = await post(DEMO_EMAILS.admin, { ...valid, participant_identity: " 36 ", sent_mail: "3" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/installningar/gallring?sparad=2");
    expect(getRetentionSettings()).toMatchObject({ participant_identity: 36, sent_mail: 3, data_requests: 24 });
    const entry = getDb().get<{ actorUserId: number; details: string; ip: string }>(sql`
      select actor_user_id as actorUserId, details, ip from audit_log where action = 'settings.update' order by id desc limit 1`)!;
    expect(entry.actorUserId).toBe(userId(DEMO_EMAILS.admin));
    expect(entry.ip).toBe("192.0.2.91");
    expect(JSON.parse(entry.details)).toEqual({ changes: { participant_identity: { from: 24, to: 36 }, sent_mail: { from: 6, to: 3 } } });
    // The same values again: nothing changes and nothing is logged.
    const auditBefore = rowCounts().audit_log;
    expect((await post(DEMO_EMAILS.admin, { ...valid, participant_identity: "36", sent_mail: "3" })).headers.get("Location")).toBe("/installningar/gallring?sparad=0");
    expect(rowCounts().audit_log).toBe(auditBefore);
  });

  it("runs retention now from the page, audit-logged as the process leader", async () => {
    const response = await post(DEMO_EMAILS.admin, { intent: "run" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/installningar\/gallring\?kord=\d+$/);
    const entry = getDb().get<{ actorUserId: number; action: string }>(sql`
      select actor_user_id as actorUserId, action from audit_log where action = 'retention.apply' order by id desc limit 1`)!;
    expect(entry).toEqual({ actorUserId: userId(DEMO_EMAILS.admin), action: "retention.apply" });
  });
});
