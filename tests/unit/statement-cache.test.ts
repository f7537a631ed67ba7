import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "~/models/db.server";

function database() {
  const sqlite = new Database(":memory:");
  sqlite.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b')");
  return sqlite;
}

describe("statement cache", () => {
  it("hands out the same compiled statement for the same SQL text", () => {
    const sqlite = database();
    cacheStatements(sqlite);
    const first = sqlite.prepare("select name from t order by id");
    expect(sqlite.prepare("select name from t order by id")).toBe(first);
    expect(sqlite.prepare("select id from t")).not.toBe(first);
  });

  it("resets a reused statement to object rows after raw() or pluck()", () => {
    const sqlite = database();
    cacheStatements(sqlite);
    expect(sqlite.prepare("select id, name from t order by id").raw().all()).toEqual([[1, "a"], [2, "b"]]);
    expect(sqlite.prepare("select id, name from t order by id").all()).toEqual([{ id: 1, name: "a" }, { id: 2, name: "b" }]);
    expect(sqlite.prepare("select id, name from t order by id").pluck().all()).toEqual([1, 2]);
    expect(sqlite.prepare("select id, name from t order by id").get()).toEqual({ id: 1, name: "a" });
    // Statements that return no rows cannot switch modes and are reused as they are.
    sqlite.prepare("insert into t (name) values (?)").run("c");
    sqlite.prepare("insert into t (name) values (?)").run("d");
    expect(sqlite.prepare("select count(*) from t").pluck().get()).toBe(4);
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const sqlite = database();
    cacheStatements(sqlite, 2);
    const a = sqlite.prepare("select 1");
    const b = sqlite.prepare("select 2");
    expect(sqlite.prepare("select 1")).toBe(a); // now "select 2" is the oldest
    sqlite.prepare("select 3");
    expect(sqlite.prepare("select 1")).toBe(a);
    expect(sqlite.prepare("select 2")).not.toBe(b);
  });
});
