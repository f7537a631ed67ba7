/**
 * The one SQLite connection of the process. Opening it applies the committed
 * drizzle-kit migrations, so a fresh database file is ready for use at once.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getTableName, sql, type Column, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = "./data/processtod.sqlite";

export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/** Pragmas every connection needs; asserted by tests/integration/db.test.ts. */
export function applyPragmas(sqlite: Database.Database) {
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // NORMAL is durable in WAL mode except for the last transactions on power loss.
  sqlite.pragma("synchronous = NORMAL");
}

/** How many distinct SQL texts keep their compiled statement (decision 013). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles every query again on each call (`client.prepare(sql)`); for
 * the small indexed queries of a page, SQLite's compile step was about a sixth
 * of the request's time at national scale (decision 013). The connection keeps
 * the compiled statement per SQL text instead, least recently used dropped
 * first. A reused statement is reset to plain object rows first, since drizzle
 * switches statements to array rows (`raw()`) when it maps columns itself
 * (and a caller may have used `pluck()`).
 */
export function cacheStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE) {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
    } else {
      statement = compile(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  applyPragmas(sqlite);
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: path.resolve(process.cwd(), "db/migrations") });
  return db;
}

// Remix dev reloads server modules; keep one connection across reloads.
const globalForDb = globalThis as unknown as { __processtodDb?: Db; __processtodDbPath?: string; __processtodDbSetting?: string };

export function getDb(): Db {
  // Every query asks for the connection: resolve the path only when the setting changed.
  if (globalForDb.__processtodDb && globalForDb.__processtodDbSetting === process.env.DATABASE_PATH) return globalForDb.__processtodDb;
  const file = databasePath();
  globalForDb.__processtodDbSetting = process.env.DATABASE_PATH;
  if (!globalForDb.__processtodDb || globalForDb.__processtodDbPath !== file) {
    globalForDb.__processtodDb?.$client.close();
    globalForDb.__processtodDb = openDatabase(file);
    globalForDb.__processtodDbPath = file;
  }
  return globalForDb.__processtodDb;
}

export function closeDb() {
  globalForDb.__processtodDb?.$client.close();
  globalForDb.__processtodDb = undefined;
  globalForDb.__processtodDbPath = undefined;
}

/**
 * A column written as "table"."column". Use it for the outer column of a
 * correlated subquery in select fields: when a query selects from one table,
 * drizzle writes its columns there without the table name, and a bare "id"
 * would bind to the subquery's own table instead of the outer row.
 */
export function qualified(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/**
 * A drizzle query built once per connection and run with placeholders
 * (`sql.placeholder("name")`). Building a query with drizzle's builder costs
 * 0.1–0.3 ms – more than running a small indexed query – so the queries every
 * staff page and the dashboards run are built once (decision 013). Per
 * connection, because tests and the benchmark open more than one database.
 */
export function preparedQuery<T>(build: (db: Db) => T): () => T {
  const byDb = new WeakMap<Db, T>();
  return () => {
    const db = getDb();
    let query = byDb.get(db);
    if (!query) {
      query = build(db);
      byDb.set(db, query);
    }
    return query;
  };
}

/**
 * Changes whenever the database may have changed: rows written through this
 * connection (`total_changes()`, triggers included) or a commit by another
 * connection (`PRAGMA data_version`, e.g. a restore or a script). The page
 * cache keys its entries on it (decision 013).
 */
export function databaseVersion(): string {
  const sqlite = getDb().$client;
  const changes = sqlite.prepare("select total_changes()").pluck().get() as number;
  const version = sqlite.pragma("data_version", { simple: true }) as number;
  return `${changes}.${version}`;
}

/**
 * A transaction that takes the write lock when it begins (BEGIN IMMEDIATE).
 * A deferred transaction that reads first and writes later cannot wait for
 * another connection's write: SQLite answers SQLITE_BUSY at once instead of
 * using busy_timeout. Every transaction that writes uses this.
 */
export function writeTransaction<T>(work: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => T): T {
  return getDb().transaction(work, { behavior: "immediate" });
}

export { schema };
