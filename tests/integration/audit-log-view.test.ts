/**
 * /granskningslogg (decision 016): process leaders only; newest first, 50 a
 * page; filters by action, actor, series and Stockholm days, done in SQL; bad
 * filter input is a Swedish message on the field with 400.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit, type AuditAction } from "~/models/audit-log.server";
import { getDb } from "~/models/db.server";
import { loader } from "~/routes/granskningslogg";
import { DEMO_EMAILS, getRequest, seriesId, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.10" };

async function load(query: string, email: string | null = DEMO_EMAILS.admin) {
  const cookie = email ? await signedInCookie(userId(email)) : undefined;
  return loader({ request: getRequest(`/granskningslogg${query}`, cookie), params: {}, context });
}

async function body(query: string) {
  const response = (await load(query)) as Response;
  return { status: response.status, data: (await response.json()) as { rows: { id: number; action: string; at: string; seriesId: number | null }[]; total: number; page: number; pages: number; errors: Record<string, string> } };
}

let huddinge: number;
let botkyrka: number;

beforeAll(() => {
  getDb().$client.prepare("delete from audit_log").run();
  huddinge = seriesId("Huddinge");
  botkyrka = seriesId("Botkyrka");
  const coordinator = { id: userId(DEMO_EMAILS.huddinge), name: "Samordnare Huddinge", role: "coordinator" as const };
  const admin = { id: userId(DEMO_EMAILS.admin), name: "Processledare", role: "admin" as const };
  // 60 roster changes in Huddinge on 2026-11-20 (Stockholm), one a minute from 09:00.
  for (let i = 0; i < 60; i++) {
    recordAudit({
      actor: { kind: "staff", user: coordinator },
      action: "attendance.update",
      entityKind: "series_session",
      entityId: 1,
      seriesId: huddinge,
      details: { personId: i + 1, status: "narvarande", previous: null },
      at: new Date(Date.UTC(2026, 10, 20, 8, i)),
    });
  }
  const other = (action: AuditAction, at: Date, series: number | null) =>
    recordAudit({ actor: { kind: "staff", user: admin }, action, entityKind: "series", entityId: series, seriesId: series, at });
  other("series.status", new Date("2026-11-21T22:30:00Z"), botkyrka); // 2026-11-21 23:30 in Stockholm
  other("export.participants", new Date("2026-11-21T23:30:00Z"), botkyrka); // 2026-11-22 00:30 in Stockholm
  other("account.create", new Date("2026-11-22T10:00:00Z"), null);
});

describe("who may see the audit log", () => {
  it("sends an anonymous visitor to sign in, and answers 403 to coordinators and sponsors", async () => {
    const anonymous = await thrownResponse(load("", null));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);
    for (const email of [DEMO_EMAILS.huddinge, DEMO_EMAILS.botkyrka, DEMO_EMAILS.sponsor]) {
      expect((await thrownResponse(load("", email))).status).toBe(403);
    }
  });
});

describe("listing and filtering", () => {
  it("shows the newest 50 first, then the rest on page 2", async () => {
    const first = await body("");
    expect(first.status).toBe(200);
    expect(first.data.total).toBe(63);
    expect(first.data.pages).toBe(2);
    expect(first.data.rows).toHaveLength(50);
    expect(first.data.rows.slice(0, 3).map((r) => r.action)).toEqual(["account.create", "export.participants", "series.status"]);
    const times = first.data.rows.map((r) => new Date(r.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await body("?page=2");
    expect(second.data.rows).toHaveLength(13);
    expect(second.data.page).toBe(2);
  });

  it("filters by action, actor and series", async () => {
    expect((await body("?action=attendance.update")).data.total).toBe(60);
    expect((await body(`?actor=${userId(DEMO_EMAILS.admin)}`)).data.total).toBe(3);
    expect((await body(`?series=${botkyrka}`)).data.rows.map((r) => r.action)).toEqual(["export.participants", "series.status"]);
    expect((await body(`?series=${botkyrka}&action=series.status`)).data.total).toBe(1);
    expect((await body(`?series=${huddinge}&actor=${userId(DEMO_EMAILS.admin)}`)).data.total).toBe(0);
  });

  it("counts whole days in Stockholm time", async () => {
    expect((await body("?from=2026-11-20&to=2026-11-20")).data.total).toBe(60);
    expect((await body("?from=2026-11-21&to=2026-11-21")).data.rows.map((r) => r.action)).toEqual(["series.status"]);
    expect((await body("?from=2026-11-22")).data.rows.map((r) => r.action)).toEqual(["account.create", "export.participants"]);
    expect((await body("?to=2026-11-19")).data.total).toBe(0);
  });

  it("answers bad filters with 400 and a Swedish message on the field", async () => {
    const cases: [string, string, string][] = [
      ["?action=attendance.delete", "action", "Välj en händelse i listan."],
      ["?actor=abc", "actor", "Välj en person i listan."],
      ["?actor=999999", "actor", "Välj en person i listan."],
      ["?series=-1", "series", "Välj en serie i listan."],
      ["?from=2026-02-30", "from", "Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15."],
      ["?from=2026-11-22&to=2026-11-21", "to", "Slutdatumet kan inte vara före startdatumet."],
      ["?page=0", "page", "Sidnumret måste vara ett heltal från 1."],
    ];
    for (const [query, field, message] of cases) {
      const { status, data } = await body(query);
      expect(status, query).toBe(400);
      expect(data.errors[field], query).toBe(message);
      expect(data.rows).toEqual([]);
    }
  });
});
