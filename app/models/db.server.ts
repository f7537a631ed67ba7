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

export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  applyPragmas(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: path.resolve(process.cwd(), "db/migrations") });
  return db;
}

// Remix dev reloads server modules; keep one connection across reloads.
const globalForDb = globalThis as unknown as { __processtodDb?: Db; __processtodDbPath?: string };

export function getDb(): Db {
  const file = databasePath();
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
 * A transaction that takes the write lock when it begins (BEGIN IMMEDIATE).
 * A deferred transaction that reads first and writes later cannot wait for
 * another connection's write: SQLite answers SQLITE_BUSY at once instead of
 * using busy_timeout. Every transaction that writes uses this.
 */
export function writeTransaction<T>(work: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => T): T {
  return getDb().transaction(work, { behavior: "immediate" });
}

export { schema };
