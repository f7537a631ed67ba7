/**
 * Backup and restore of the SQLite database (decision 014). Plain functions
 * that take paths and return results, so tests call them without spawning;
 * `db/backup.ts` and `db/restore.ts` are the command-line wrappers.
 *
 * - A backup is taken ONLINE with SQLite's backup API (better-sqlite3's
 *   `db.backup()`), from a connection of its own, while the server keeps
 *   reading and writing. It is written under a temporary name, checked
 *   (`integrity_check`, `foreign_key_check`) and only then given its dated
 *   name, so a file called `processtod-….sqlite` is always a verified copy.
 * - A restore is for a STOPPED server. It verifies the backup, refuses one made
 *   by a newer version of the app, saves the current database first, copies the
 *   backup into the database path with the backup API, and runs the app's
 *   migrations on the result.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { recordAudit } from "../app/models/audit-log.server";
import { openDatabase } from "../app/models/db.server";

/** A failure with a message for the person running the script (Swedish). */
export class BackupError extends Error {
  override name = "BackupError";
}

export const BACKUP_PREFIX = "processtod-";
export const SAFETY_PREFIX = "fore-aterstallning-";

/** Tables whose row counts the scripts print (those that exist in the file). */
export const KEY_TABLES = ["organisations", "users", "series", "series_sessions", "people", "enrolments", "attendance", "invitations", "survey_responses", "mail_outbox"] as const;

export type RowCounts = Record<string, number>;

/** `BACKUP_DIR`, or `backups/` beside the database. */
export function backupDirectory(databaseFile: string, setting = process.env.BACKUP_DIR): string {
  return setting ? path.resolve(setting) : path.join(path.dirname(path.resolve(databaseFile)), "backups");
}

/** `processtod-2026-11-23T21-40-05Z.sqlite`: UTC, sorts by time as text. */
export function backupFileName(now: Date, prefix = BACKUP_PREFIX, counter = 1): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
  return `${prefix}${stamp}${counter > 1 ? `-${counter}` : ""}.sqlite`;
}

/** The names `backupFileName` gives, for one prefix; nothing else is ever pruned. */
export function backupNamePattern(prefix = BACKUP_PREFIX): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z(?:-\\d+)?\\.sqlite$`);
}

function sqliteProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  const text = error instanceof Error ? error.message : String(error);
  return code ? `${text} (${code})` : text;
}

function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

function countRows(sqlite: Database.Database): RowCounts {
  const existing = new Set(sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]);
  const counts: RowCounts = {};
  for (const table of KEY_TABLES) {
    if (existing.has(table)) counts[table] = sqlite.prepare(`select count(*) from "${table}"`).pluck().get() as number;
  }
  return counts;
}

export type Verification =
  | { ok: true; counts: RowCounts; migrations: { hash: string; createdAt: number }[] | null }
  | { ok: false; message: string };

/**
 * Opens the file read-only and checks it: `PRAGMA integrity_check` must answer
 * "ok" and `PRAGMA foreign_key_check` nothing. With `requireMigrations`, it
 * must also be this app's database (a `__drizzle_migrations` table).
 */
export function verifyDatabaseFile(file: string, { requireMigrations = false } = {}): Verification {
  if (!fs.existsSync(file)) return { ok: false, message: `Filen ${file} finns inte.` };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== "ok") {
      const shown = problems.slice(0, 3).join("; ");
      return { ok: false, message: `Säkerhetskopian ${path.basename(file)} är skadad: integritetskontrollen (PRAGMA integrity_check) hittade fel: ${shown}.` };
    }
    const foreignKeys = sqlite.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    if (foreignKeys.length > 0) {
      const first = foreignKeys[0];
      return {
        ok: false,
        message: `Säkerhetskopian ${path.basename(file)} är inte konsekvent: ${foreignKeys.length} rader pekar på rader som saknas (PRAGMA foreign_key_check), t.ex. ${first.table} rad ${first.rowid} → ${first.parent}.`,
      };
    }
    const hasMigrations = sqlite.prepare("select count(*) from sqlite_master where type = 'table' and name = '__drizzle_migrations'").pluck().get() === 1;
    if (requireMigrations && !hasMigrations) {
      return { ok: false, message: `Filen ${path.basename(file)} är ingen databas från Processtöd: tabellen __drizzle_migrations saknas.` };
    }
    const migrations = hasMigrations
      ? (sqlite.prepare("select hash, created_at as createdAt from __drizzle_migrations order by created_at").all() as { hash: string; createdAt: number }[])
      : null;
    return { ok: true, counts: countRows(sqlite), migrations };
  } catch (error) {
    return { ok: false, message: `Säkerhetskopian ${path.basename(file)} är skadad eller ingen SQLite-databas: ${sqliteProblem(error)}.` };
  } finally {
    sqlite?.close();
  }
}

/** The committed migrations (the same files `openDatabase` applies). */
export function codeMigrations(migrationsFolder = path.resolve(process.cwd(), "db/migrations")) {
  return readMigrationFiles({ migrationsFolder }).map((m) => ({ hash: m.hash, createdAt: m.folderMillis }));
}

/**
 * Whether the app can open a database with these applied migrations. drizzle
 * applies every committed migration newer than the newest row, so a file with
 * a migration this code does not have (a backup from a newer version) would be
 * used with a schema the code does not know: refuse it.
 */
export function migrationProblem(applied: { hash: string; createdAt: number }[], code = codeMigrations()): string | null {
  const known = new Set(code.map((m) => Number(m.createdAt)));
  const unknown = applied.filter((m) => !known.has(Number(m.createdAt)));
  if (unknown.length > 0 || applied.length > code.length) {
    return (
      `Säkerhetskopian är från en nyare version av Processtöd: den har ${applied.length} migreringar, ` +
      `varav ${unknown.length} som den här versionen inte känner till (koden har ${code.length}). ` +
      `Uppdatera appen till den version som gjorde kopian innan du återställer den.`
    );
  }
  return null;
}

export type BackupOptions = {
  databasePath: string;
  backupDir: string;
  now?: Date;
  prefix?: string;
  /**
   * Pages per step of the backup API. By default the whole file is copied in
   * one step: one read transaction, so a consistent snapshot; in WAL mode the
   * server keeps writing meanwhile. With small steps, a write by another
   * connection between two steps makes SQLite start the copy over.
   */
  pagesPerStep?: number;
  /** Called between steps (tests write from here). */
  onStep?: (progress: { totalPages: number; remainingPages: number }) => void;
  /** Keep a copy that fails verification (the safety copy before a restore). */
  keepUnverified?: boolean;
  /**
   * Records `backup.create` in the live database's audit log once the backup
   * is verified, with this label as the actor (decision 016). The safety copy
   * before a restore is not recorded on its own.
   */
  auditLabel?: string;
};

export type BackupResult = {
  file: string;
  bytes: number;
  counts: RowCounts;
  /** Steps after which the copy had not advanced: SQLite started over because another connection wrote. */
  restarts: number;
  /** Set when `keepUnverified` kept a copy that failed verification. */
  problem?: string;
};

const ALL_PAGES = 0x7fffffff;

/**
 * Runs the backup API from `source` into `destination` (a path). If no page is
 * copied for `stallMs` (SQLITE_BUSY makes better-sqlite3 try again for ever),
 * it gives up with `stallMessage`.
 *
 * better-sqlite3 (12.x) also resolves as if done, with nothing copied, when
 * the very first step answers SQLITE_BUSY (its page count is still 0 then): a
 * restore into a database whose write lock another connection holds would
 * "succeed" without writing. A database has at least one page, so a result of
 * 0 pages is that case, and it is an error here.
 */
export async function copyWithBackupApi(
  source: Database.Database,
  destination: string,
  { pagesPerStep = ALL_PAGES, onStep, stallMs = 10_000, stallMessage }: { pagesPerStep?: number; onStep?: BackupOptions["onStep"]; stallMs?: number; stallMessage: string },
): Promise<{ restarts: number }> {
  let restarts = 0;
  let previous: number | null = null;
  let lastMove = Date.now();
  const result = await source.backup(destination, {
    progress: ({ totalPages, remainingPages }) => {
      // A step copies `pagesPerStep` pages; fewer gone means SQLite started over
      // (another connection wrote) or the destination was busy.
      if (previous !== null && remainingPages > Math.max(previous - pagesPerStep, 0)) restarts++;
      if (previous === null || remainingPages < previous) lastMove = Date.now();
      else if (Date.now() - lastMove > stallMs) throw new BackupError(stallMessage);
      previous = remainingPages;
      onStep?.({ totalPages, remainingPages });
      return pagesPerStep;
    },
  });
  if (result.totalPages === 0) throw new BackupError(stallMessage);
  return { restarts };
}

/**
 * An online backup of `databasePath` into `backupDir`, verified, under a dated
 * name that is never reused. Throws BackupError (and leaves no file) when the
 * copy fails verification.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const { databasePath, backupDir, now = new Date(), prefix = BACKUP_PREFIX } = options;
  if (!fs.existsSync(databasePath)) throw new BackupError(`Databasen ${databasePath} finns inte; det finns inget att säkerhetskopiera.`);
  fs.mkdirSync(backupDir, { recursive: true });
  const first = backupFileName(now, prefix);
  // Written under a hidden temporary name: a file with a backup's name is always complete and verified.
  const partial = path.join(backupDir, `.${first}.${process.pid}.partial`);
  removeDatabaseFiles(partial);
  let restarts = 0;
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // A busy first step (e.g. while another connection recovers the WAL) is tried again a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        ({ restarts } = await copyWithBackupApi(source, partial, {
          pagesPerStep: options.pagesPerStep,
          onStep: options.onStep,
          stallMessage: `Säkerhetskopieringen av ${databasePath} kom inte framåt (databasen är låst eller skrivs hela tiden). Försök igen.`,
        }));
        break;
      } catch (error) {
        removeDatabaseFiles(partial);
        if (!(error instanceof BackupError) || attempt === 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (error) {
    removeDatabaseFiles(partial);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Säkerhetskopieringen av ${databasePath} misslyckades: ${sqliteProblem(error)}`);
  } finally {
    source.close();
  }
  // The copy is one self-contained file: a rollback journal, not WAL (whose
  // -wal and -shm files would otherwise appear beside it when it is opened).
  const copy = new Database(partial, { fileMustExist: true });
  copy.pragma("journal_mode = DELETE");
  copy.close();

  const verification = verifyDatabaseFile(partial);
  if (!verification.ok && !options.keepUnverified) {
    removeDatabaseFiles(partial);
    throw new BackupError(`${verification.message} Den trasiga kopian är borttagen.`);
  }
  // link() fails if the name exists, so an earlier backup is never overwritten.
  let file = "";
  for (let counter = 1; !file; counter++) {
    const candidate = path.join(backupDir, backupFileName(now, prefix, counter));
    try {
      fs.linkSync(partial, candidate);
      file = candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        removeDatabaseFiles(partial);
        throw error;
      }
    }
  }
  fs.rmSync(partial);
  if (options.auditLabel) {
    const live = openForAudit(databasePath);
    try {
      recordAudit(
        { actor: { kind: "system", label: options.auditLabel }, action: "backup.create", entityKind: "backup", details: { file: path.basename(file), bytes: fs.statSync(file).size } },
        live,
      );
    } finally {
      live.$client.close();
    }
  }
  return {
    file,
    bytes: fs.statSync(file).size,
    counts: verification.ok ? verification.counts : {},
    restarts,
    ...(verification.ok ? {} : { problem: verification.message }),
  };
}

/** Removes the oldest backups (by name, which sorts by time) beyond the newest `keep`. */
export function pruneBackups(backupDir: string, keep: number, prefix = BACKUP_PREFIX): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError("--keep måste vara ett heltal, minst 1.");
  if (!fs.existsSync(backupDir)) return [];
  const pattern = backupNamePattern(prefix);
  // By time, then by the counter a second backup in the same second gets ("…Z-2.sqlite").
  const order = (name: string) => {
    const [, stamp, counter] = /(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)(?:-(\d+))?\.sqlite$/.exec(name)!;
    return [stamp, counter ? Number(counter) : 1] as const;
  };
  const names = fs
    .readdirSync(backupDir)
    .filter((name) => pattern.test(name))
    .sort((a, b) => {
      const [stampA, counterA] = order(a);
      const [stampB, counterB] = order(b);
      return stampA === stampB ? counterA - counterB : stampA < stampB ? -1 : 1;
    });
  const removed = names.slice(0, Math.max(0, names.length - keep));
  for (const name of removed) fs.rmSync(path.join(backupDir, name));
  return removed;
}

/**
 * Refuses when any other connection has the database open. In WAL mode every
 * open connection holds a shared lock on the file, so an exclusive lock can
 * only be had when no server (or script) is using it.
 */
export function assertNotInUse(databasePath: string) {
  if (!fs.existsSync(databasePath)) return;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(databasePath, { fileMustExist: true });
    probe.pragma("busy_timeout = 0");
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.exec("ROLLBACK");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      throw new BackupError(
        `Databasen ${databasePath} används av ett annat program (är servern igång?). Stoppa servern och försök igen; återställning görs bara med servern stoppad.`,
      );
    }
    // A damaged current database is a reason to restore: the restore goes on.
  } finally {
    probe?.close();
  }
}

export type RestoreResult = {
  safetyBackup: BackupResult | null;
  /** Migrations the app applied to bring the restored file up to date. */
  migrationsApplied: number;
  counts: RowCounts;
};

/**
 * Restores `backupFile` into `databasePath`. The server must be stopped.
 *
 * The backup API writes the backup's pages INTO the existing database file as
 * one ordinary SQLite write transaction under the database's own locks (a
 * connection sees the old or the new database, never a mix; a held write lock
 * makes it give up after `stallMs`), a crash midway leaves the old database as
 * it was (the journal rolls it back), and a -wal file left from the old
 * database is applied or reset by SQLite itself. Copying a file and
 * renaming it over the database instead would let a still-open connection
 * keep writing into the deleted old file, and a stale -wal next to the new
 * file would corrupt it.
 */
export async function restoreBackup({
  backupFile,
  databasePath,
  backupDir,
  now = new Date(),
  stallMs,
  auditLabel,
}: {
  backupFile: string;
  databasePath: string;
  backupDir: string;
  now?: Date;
  stallMs?: number;
  /** Records `backup.restore` in the restored database, after its migrations (decision 016). */
  auditLabel?: string;
}): Promise<RestoreResult> {
  const source = path.resolve(backupFile);
  const target = path.resolve(databasePath);
  if (source === target) throw new BackupError("Säkerhetskopian och databasen är samma fil.");
  const verification = verifyDatabaseFile(source, { requireMigrations: true });
  if (!verification.ok) throw new BackupError(`${verification.message} Ingenting är återställt; databasen är orörd.`);
  const tooNew = migrationProblem(verification.migrations ?? []);
  if (tooNew) throw new BackupError(`${tooNew} Ingenting är återställt; databasen är orörd.`);

  assertNotInUse(target);

  let safetyBackup: BackupResult | null = null;
  if (fs.existsSync(target)) {
    try {
      safetyBackup = await createBackup({ databasePath: target, backupDir, now, prefix: SAFETY_PREFIX, keepUnverified: true });
    } catch (error) {
      throw new BackupError(
        `Kunde inte spara en kopia av den nuvarande databasen före återställningen: ${error instanceof Error ? error.message : String(error)} ` +
          `Flytta ${target} (och eventuella -wal/-shm-filer) åt sidan för hand och försök igen.`,
      );
    }
  }

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await copyWithBackupApi(from, target, {
      stallMs,
      stallMessage: `Databasen ${target} är låst av ett annat program (är servern igång?). Ingenting är återställt; stoppa servern och försök igen.`,
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Återställningen misslyckades: ${sqliteProblem(error)}. Databasen är som före försöket.`);
  } finally {
    from.close();
  }

  // An older backup is brought up to date by the app's own migrations.
  const before = verification.migrations?.length ?? 0;
  const db = openDatabase(target);
  const after = db.$client.prepare("select count(*) from __drizzle_migrations").pluck().get() as number;
  if (auditLabel) {
    recordAudit(
      {
        actor: { kind: "system", label: auditLabel },
        action: "backup.restore",
        entityKind: "backup",
        details: { file: path.basename(source), migrationsApplied: after - before, ...(safetyBackup ? { safetyBackup: path.basename(safetyBackup.file) } : {}) },
      },
      db,
    );
  }
  const counts = countRows(db.$client);
  db.$client.close();
  return { safetyBackup, migrationsApplied: after - before, counts };
}

/** A short-lived connection to the live database for one audit entry; waits for the server's write lock like the app does. */
function openForAudit(file: string) {
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite);
}
