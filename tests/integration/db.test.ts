import fs from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { databasePath, getDb, schema } from "~/models/db.server";
import { ROOT, TEMPLATE_DB, TMP_DIR } from "../support/paths";

describe("the database connection from getDb()", () => {
  it("is this test file's own copy, never the shared template", () => {
    // Tests write to the database; a shared file would make them depend on each other.
    expect(path.dirname(databasePath())).toBe(TMP_DIR);
    expect(databasePath()).not.toBe(TEMPLATE_DB);
    expect(getDb().$client.name).toBe(databasePath());
  });

  it("has the pragmas every connection needs", () => {
    const sqlite = getDb().$client;
    const pragma = (name: string) => sqlite.pragma(name, { simple: true });
    expect(pragma("journal_mode")).toBe("wal");
    expect(pragma("foreign_keys")).toBe(1);
    expect(pragma("busy_timeout")).toBe(5000);
    // 1 = NORMAL (0 OFF, 2 FULL, 3 EXTRA).
    expect(pragma("synchronous")).toBe(1);
  });

  it("has applied every committed migration", () => {
    const journal = JSON.parse(fs.readFileSync(path.join(ROOT, "db/migrations/meta/_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    const applied = getDb().$client.prepare("select count(*) from __drizzle_migrations").pluck().get();
    expect(journal.entries.length).toBeGreaterThanOrEqual(1);
    expect(applied).toBe(journal.entries.length);
  });

  it("has the foundation's tables", () => {
    const tables = getDb()
      .$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all();
    // Later features add tables; these are the ones sign-in, permissions, mail and the demo rely on.
    expect(tables).toEqual(
      expect.arrayContaining([
        "__drizzle_migrations",
        "attendance",
        "auth_sessions",
        "enrolments",
        "login_throttle",
        "mail_outbox",
        "organisations",
        "people",
        "series",
        "series_coordinators",
        "series_organisations",
        "series_sessions",
        "user_organisations",
        "user_tokens",
        "users",
      ]),
    );
  });

  it("has, for every table in db/schema.ts, exactly the columns the schema declares", () => {
    // Catches a schema change that was never turned into a committed migration.
    const tables = Object.values(schema as Record<string, unknown>).filter((value): value is SQLiteTable => is(value, SQLiteTable));
    expect(tables.length).toBeGreaterThanOrEqual(14);
    for (const table of tables) {
      const config = getTableConfig(table);
      const columns = getDb()
        .$client.prepare(`select name from pragma_table_info(?) order by name`)
        .pluck()
        .all(config.name);
      expect({ table: config.name, columns }).toEqual({
        table: config.name,
        columns: config.columns.map((c) => c.name).sort(),
      });
    }
  });

  it("enforces foreign keys: a row pointing at a missing series is refused", () => {
    const db = getDb();
    const insertOrphan = () =>
      db
        .insert(schema.seriesSessions)
        .values({
          seriesId: 999_999,
          position: 1,
          title: "Tillfälle utan serie",
          startsAt: new Date("2026-09-15T06:30:00Z"),
          endsAt: new Date("2026-09-15T10:00:00Z"),
        })
        .run();
    expect(insertOrphan).toThrow(/FOREIGN KEY constraint failed/);
    const orphans = db.$client.prepare("select count(*) from series_sessions where series_id = 999999").pluck().get();
    expect(orphans).toBe(0);
  });

  it("enforces foreign keys on delete too: a person's organisation cannot be removed", () => {
    const sqlite = getDb().$client;
    const huddinge = sqlite.prepare("select id from organisations where name = 'Huddinge'").pluck().get();
    expect(() => sqlite.prepare("delete from organisations where id = ?").run(huddinge)).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });
});
