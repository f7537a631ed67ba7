/**
 * The audit log's store (issue #11 item 5, decision 016): an entry is written
 * with its actor, and the table is append-only – no update ever, no delete of
 * an entry younger than two years – while a two-year-old entry can be pruned.
 */
import { describe, expect, it } from "vitest";
import { recordAudit } from "~/models/audit-log.server";
import { getDb, writeTransaction } from "~/models/db.server";

const db = () => getDb().$client;
type Row = { actor_kind: string; actor_user_id: number | null; actor_label: string; action: string; entity_kind: string; entity_id: string | null; series_id: number | null; details: string | null; ip: string | null };

describe("audit log store", () => {
  it("stores a staff entry with its actor, entity, series and details", () => {
    recordAudit({
      actor: { kind: "staff", user: { id: 7, name: "Pia Processledare", role: "admin" } },
      action: "series.update",
      entityKind: "series",
      entityId: 12,
      seriesId: 12,
      details: { fields: ["name"] },
      ip: "203.0.113.9",
    });
    const row = db().prepare("select * from audit_log order by id desc limit 1").get() as Row;
    expect(row).toMatchObject({
      actor_kind: "staff",
      actor_user_id: 7,
      actor_label: "Pia Processledare (admin)",
      action: "series.update",
      entity_kind: "series",
      entity_id: "12",
      series_id: 12,
      details: '{"fields":["name"]}',
      ip: "203.0.113.9",
    });
  });

  it("is written or rolled back with the transaction it is given", () => {
    const before = (db().prepare("select count(*) as n from audit_log").get() as { n: number }).n;
    expect(() =>
      writeTransaction((tx) => {
        recordAudit({ actor: { kind: "system", label: "test" }, action: "settings.update", entityKind: "settings" }, tx);
        throw new Error("rollback");
      }),
    ).toThrow("rollback");
    expect((db().prepare("select count(*) as n from audit_log").get() as { n: number }).n).toBe(before);
  });

  it("refuses to change or remove a recent entry", () => {
    recordAudit({ actor: { kind: "participant", personId: 3 }, action: "attendance.checkin", entityKind: "attendance", entityId: 5 });
    const { id } = db().prepare("select max(id) as id from audit_log").get() as { id: number };
    expect(() => db().prepare("update audit_log set action = 'x' where id = ?").run(id)).toThrow("append-only");
    expect(() => db().prepare("delete from audit_log where id = ?").run(id)).toThrow("append-only");
    expect(db().prepare("select action, actor_label from audit_log where id = ?").get(id)).toEqual({
      action: "attendance.checkin",
      actor_label: "deltagare 3",
    });
  });

  it("lets an entry older than two years be pruned, but still not changed", () => {
    const old = new Date(Date.now() - 731 * 86_400_000);
    recordAudit({ actor: { kind: "system", label: "test" }, action: "backup.create", entityKind: "backup", at: old });
    const { id } = db().prepare("select max(id) as id from audit_log").get() as { id: number };
    expect(() => db().prepare("update audit_log set action = 'x' where id = ?").run(id)).toThrow("append-only");
    expect(db().prepare("delete from audit_log where id = ?").run(id).changes).toBe(1);
  });
});
