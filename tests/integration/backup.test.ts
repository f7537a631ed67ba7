/**
 * `npm run backup` / `npm run restore` (db/backup-lib.ts, decision 014): an
 * online backup taken while another connection keeps writing, verified;
 * restores that check the file first, keep a safety copy, refuse damaged and
 * too-new backups and a database in use, and migrate an older backup.
 */
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "~/models/db.server";
import {
  BackupError,
  backupDirectory,
  backupFileName,
  backupNamePattern,
  codeMigrations,
  copyWithBackupApi,
  createBackup,
  pruneBackups,
  restoreBackup,
  verifyDatabaseFile,
  type BackupResult,
} from "../../db/backup-lib";
import { ROOT, TMP_DIR } from "../support/paths";

/** The seeded demo data (db/seed.ts), which this file's database starts as. */
const SEEDED = { people: 253, series: 5, series_sessions: 15, enrolments: 250, attendance: 423, survey_responses: 153, mail_outbox: 0 };
const WRITES = 30;

let work: string;
let backupDir: string;
let backup: BackupResult;
let progressSteps = 0;
let writesDuringBackup = 0;

function count(file: string, table: string): number {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(`select count(*) from "${table}"`).pluck().get() as number;
  } finally {
    sqlite.close();
  }
}

function auditRows(file: string, action: string) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite
      .prepare("select actor_kind, actor_label, actor_user_id, entity_kind, details from audit_log where action = ? order by id")
      .all(action);
  } finally {
    sqlite.close();
  }
}

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Copies the verified backup to a new file and lets `damage` change it. */
function damagedCopy(name: string, damage: (file: string) => void): string {
  const file = path.join(work, name);
  fs.copyFileSync(backup.file, file);
  damage(file);
  return file;
}

/** A database nothing has open: a plain copy of the verified backup (the backup is in journal mode DELETE, one file). */
function idleDatabase(name: string): string {
  const file = path.join(work, name);
  fs.copyFileSync(backup.file, file);
  return file;
}

async function rejection(work: Promise<unknown>): Promise<BackupError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(TMP_DIR, "backup-"));
  backupDir = path.join(work, "backups");
  const sqlite = getDb().$client;
  const insert = sqlite.prepare("insert into mail_outbox (to_address, subject, text_body, created_at) values (?, ?, ?, ?)");
  const writeOne = sqlite.transaction((n: number) => insert.run(`skrivning-${n}@example.se`, `Skrivning ${n}`, "Skrivs medan säkerhetskopian tas.", Date.now()));
  let done = false;
  let written = 0;
  // The app's connection writes one row per small transaction, a turn of the
  // event loop apart, while the backup API copies 5 pages per step from its
  // own connection (its steps are also scheduled with setImmediate).
  const writer = () => {
    if (written >= WRITES) return;
    writeOne.immediate(++written);
    if (!done) writesDuringBackup++;
    setImmediate(writer);
  };
  backup = await createBackup({
    databasePath: process.env.DATABASE_PATH!,
    backupDir,
    now: new Date("2026-11-23T21:40:05.123Z"),
    pagesPerStep: 5,
    onStep: () => {
      if (progressSteps++ === 0) setImmediate(writer);
    },
  });
  done = true;
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe("npm run backup (createBackup)", () => {
  it("copies the database while another connection writes, and the copy passes the integrity check", () => {
    // Every write happened while the backup was running, and SQLite started the copy over because of them.
    expect(writesDuringBackup).toBe(WRITES);
    expect(backup.restarts).toBeGreaterThanOrEqual(1);
    expect(progressSteps).toBeGreaterThan(WRITES);

    expect(path.basename(backup.file)).toBe("processtod-2026-11-23T21-40-05Z.sqlite");
    expect(fs.readdirSync(backupDir)).toEqual(["processtod-2026-11-23T21-40-05Z.sqlite"]); // no temporary file left
    expect(backup.bytes).toBe(fs.statSync(backup.file).size);

    const copy = new Database(backup.file, { readonly: true, fileMustExist: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("foreign_key_check")).toEqual([]);
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete"); // one self-contained file
    copy.close();
  });

  it("holds exactly the source's rows: untouched tables as seeded, and every write made before the copy finished", () => {
    const source = process.env.DATABASE_PATH!;
    for (const table of ["people", "series", "series_sessions", "enrolments", "attendance", "survey_responses"] as const) {
      expect(count(backup.file, table)).toBe(SEEDED[table]);
      expect(count(source, table)).toBe(SEEDED[table]);
    }
    // The last write restarted the copy, so the finished copy has all of them.
    expect(count(source, "mail_outbox")).toBe(WRITES);
    expect(count(backup.file, "mail_outbox")).toBe(WRITES);
    expect(backup.counts).toMatchObject({ ...SEEDED, mail_outbox: WRITES });
  });

  it("never overwrites an earlier backup made in the same second", async () => {
    const dir = path.join(work, "same-second");
    const now = new Date("2026-11-23T21:40:05Z");
    const first = await createBackup({ databasePath: backup.file, backupDir: dir, now });
    const second = await createBackup({ databasePath: backup.file, backupDir: dir, now });
    expect(path.basename(first.file)).toBe("processtod-2026-11-23T21-40-05Z.sqlite");
    expect(path.basename(second.file)).toBe("processtod-2026-11-23T21-40-05Z-2.sqlite");
    expect(backupNamePattern().test(path.basename(second.file))).toBe(true);
  });

  it("keeps only the newest N backups with --keep, and touches no other file", async () => {
    const dir = path.join(work, "keep");
    fs.mkdirSync(dir);
    for (const stamp of ["2026-11-20T02:00:00Z", "2026-11-21T02:00:00Z", "2026-11-22T02:00:00Z"]) {
      fs.copyFileSync(backup.file, path.join(dir, backupFileName(new Date(stamp))));
    }
    fs.copyFileSync(backup.file, path.join(dir, "processtod-2026-11-22T02-00-00Z-2.sqlite"));
    fs.copyFileSync(backup.file, path.join(dir, "fore-aterstallning-2026-11-01T10-00-00Z.sqlite"));
    fs.writeFileSync(path.join(dir, "anteckningar.txt"), "egen fil");
    expect(pruneBackups(dir, 2)).toEqual(["processtod-2026-11-20T02-00-00Z.sqlite", "processtod-2026-11-21T02-00-00Z.sqlite"]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "anteckningar.txt",
      "fore-aterstallning-2026-11-01T10-00-00Z.sqlite",
      "processtod-2026-11-22T02-00-00Z-2.sqlite",
      "processtod-2026-11-22T02-00-00Z.sqlite",
    ]);
    expect(() => pruneBackups(dir, 0)).toThrow("--keep måste vara ett heltal, minst 1.");
  });

  it("deletes a copy that fails verification and says why in Swedish", async () => {
    // A database with a dangling reference: an enrolment of a person who does not exist.
    const broken = idleDatabase("dangling.sqlite");
    const sqlite = new Database(broken);
    sqlite.pragma("foreign_keys = OFF");
    const enrolment = sqlite.prepare("select series_id from enrolments limit 1").get() as { series_id: number };
    sqlite.prepare("insert into enrolments (series_id, person_id, status, created_at) values (?, 999999, 'anmald', 0)").run(enrolment.series_id);
    sqlite.close();
    const dir = path.join(work, "refused");
    const error = await rejection(createBackup({ databasePath: broken, backupDir: dir }));
    expect(error.message).toMatch(/^Säkerhetskopian \.processtod-.*\.partial är inte konsekvent: 1 rader pekar på rader som saknas \(PRAGMA foreign_key_check\), t\.ex\. enrolments rad \d+ → people\. Den trasiga kopian är borttagen\.$/);
    expect(fs.readdirSync(dir)).toEqual([]);

    const missing = await rejection(createBackup({ databasePath: path.join(work, "finns-inte.sqlite"), backupDir: dir }));
    expect(missing.message).toBe(`Databasen ${path.join(work, "finns-inte.sqlite")} finns inte; det finns inget att säkerhetskopiera.`);
  });

  it("puts backups in BACKUP_DIR, or backups/ beside the database", () => {
    expect(backupDirectory("/srv/processtod/data/processtod.sqlite", "")).toBe("/srv/processtod/data/backups");
    expect(backupDirectory("/srv/processtod/data/processtod.sqlite", "/mnt/kopior")).toBe("/mnt/kopior");
  });
});

describe("npm run restore (restoreBackup)", () => {
  it("restores into a new path with the same rows, as a WAL database the app opens", async () => {
    const target = path.join(work, "restored", "processtod.sqlite");
    const result = await restoreBackup({ backupFile: backup.file, databasePath: target, backupDir: path.join(work, "restored", "backups") });
    expect(result.safetyBackup).toBeNull(); // nothing was there to save
    expect(result.migrationsApplied).toBe(0);
    expect(result.counts).toMatchObject({ ...SEEDED, mail_outbox: WRITES });
    for (const table of ["people", "series", "attendance"] as const) expect(count(target, table)).toBe(SEEDED[table]);
    expect(verifyDatabaseFile(target)).toMatchObject({ ok: true });
    const sqlite = new Database(target);
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    sqlite.close();
  });

  it("saves the current database first, then replaces its contents", async () => {
    const target = idleDatabase("current.sqlite");
    const sqlite = new Database(target);
    sqlite.pragma("journal_mode = WAL");
    sqlite.prepare("delete from mail_outbox").run();
    sqlite.close();
    const dir = path.join(work, "safety");
    const result = await restoreBackup({ backupFile: backup.file, databasePath: target, backupDir: dir, now: new Date("2026-11-23T22:05:00Z") });
    expect(path.basename(result.safetyBackup!.file)).toBe("fore-aterstallning-2026-11-23T22-05-00Z.sqlite");
    expect(result.safetyBackup!.problem).toBeUndefined();
    expect(count(result.safetyBackup!.file, "mail_outbox")).toBe(0); // what was there before
    expect(count(target, "mail_outbox")).toBe(WRITES); // what the backup holds
    expect(count(target, "attendance")).toBe(SEEDED.attendance);
  });

  it("refuses a truncated backup and ones with overwritten bytes, and leaves the database untouched", async () => {
    const truncated = damagedCopy("truncated.sqlite", (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)));
    const overwritten = damagedCopy("overwritten.sqlite", (file) => {
      const fd = fs.openSync(file, "r+");
      const middle = Math.floor(fs.statSync(file).size / 2 / 4096) * 4096;
      fs.writeSync(fd, Buffer.alloc(16 * 4096, 0xa5), 0, 16 * 4096, middle);
      fs.closeSync(fd);
    });
    // One data page of zeros (a leaf of attendance_changes, found with dbstat – not a page the
    // schema needs): SQLite still opens the file and reads its schema; only reading every page
    // (the integrity check, which SQLite may answer with SQLITE_CORRUPT) finds it.
    const zeroed = damagedCopy("zeroed.sqlite", (file) => {
      const probe = new Database(file, { readonly: true });
      const page = probe.prepare("select pageno from dbstat where name = 'attendance_changes' and pagetype = 'leaf' order by pageno limit 1 offset 1").pluck().get() as number;
      const size = probe.pragma("page_size", { simple: true }) as number;
      probe.close();
      const fd = fs.openSync(file, "r+");
      fs.writeSync(fd, Buffer.alloc(size, 0), 0, size, (page - 1) * size);
      fs.closeSync(fd);
    });
    const opened = new Database(zeroed, { readonly: true });
    expect(opened.prepare("select count(*) from sqlite_master").pluck().get()).toBeGreaterThan(0);
    opened.close();
    expect(verifyDatabaseFile(zeroed)).toMatchObject({ ok: false, message: expect.stringMatching(/^Säkerhetskopian zeroed\.sqlite är skadad/) });
    const target = idleDatabase("untouched.sqlite");
    const before = sha256(target);
    const dir = path.join(work, "no-safety-copy");
    for (const [file, name] of [
      [truncated, "truncated.sqlite"],
      [overwritten, "overwritten.sqlite"],
      [zeroed, "zeroed.sqlite"],
    ] as const) {
      const verification = verifyDatabaseFile(file);
      expect(verification.ok).toBe(false);
      if (verification.ok) continue;
      expect(verification.message).toMatch(new RegExp(`^Säkerhetskopian ${name.replace(".", "\\.")} är skadad`));
      const error = await rejection(restoreBackup({ backupFile: file, databasePath: target, backupDir: dir }));
      expect(error.message).toBe(`${verification.message} Ingenting är återställt; databasen är orörd.`);
    }
    expect(sha256(target)).toBe(before);
    expect(fs.existsSync(dir)).toBe(false); // refused before any safety copy was made
  });

  it("refuses a backup with a migration this version does not have", async () => {
    const latest = codeMigrations().at(-1)!;
    const newer = damagedCopy("newer.sqlite", (file) => {
      const sqlite = new Database(file);
      sqlite.prepare('insert into __drizzle_migrations ("hash", "created_at") values (?, ?)').run("f".repeat(64), latest.createdAt + 86_400_000);
      sqlite.close();
    });
    const target = idleDatabase("older-app.sqlite");
    const before = sha256(target);
    const error = await rejection(restoreBackup({ backupFile: newer, databasePath: target, backupDir: path.join(work, "newer-backups") }));
    const total = codeMigrations().length;
    expect(error.message).toBe(
      `Säkerhetskopian är från en nyare version av Processtöd: den har ${total + 1} migreringar, varav 1 som den här versionen inte känner till (koden har ${total}). ` +
        "Uppdatera appen till den version som gjorde kopian innan du återställer den. Ingenting är återställt; databasen är orörd.",
    );
    expect(sha256(target)).toBe(before);
  });

  it("refuses a file that is not the app's database", async () => {
    const other = path.join(work, "annan.sqlite");
    const sqlite = new Database(other);
    sqlite.exec("create table anteckningar (text text)");
    sqlite.close();
    const error = await rejection(restoreBackup({ backupFile: other, databasePath: idleDatabase("kept.sqlite"), backupDir: path.join(work, "other") }));
    expect(error.message).toBe("Filen annan.sqlite är ingen databas från Processtöd: tabellen __drizzle_migrations saknas. Ingenting är återställt; databasen är orörd.");
  });

  it("brings an older backup up to date with the app's migrations", async () => {
    // A backup from the version before the newest migration: a database made with every
    // committed migration but the last (whatever the last one is when this runs).
    const folder = path.join(work, "migrations-before-last");
    fs.cpSync(path.join(ROOT, "db/migrations"), folder, { recursive: true });
    const journalFile = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const last = journal.entries.pop()!;
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const older = path.join(work, "older.sqlite");
    const before = new Database(older);
    migrate(drizzle(before), { migrationsFolder: folder });
    before.close();
    // The first table or index the newest migration makes, to see that it was applied.
    const made = /CREATE (?:TABLE|INDEX) `(\w+)`/.exec(fs.readFileSync(path.join(ROOT, "db/migrations", `${last.tag}.sql`), "utf8"))![1];

    const target = path.join(work, "upgraded", "processtod.sqlite");
    const result = await restoreBackup({ backupFile: older, databasePath: target, backupDir: path.join(work, "upgraded", "backups") });
    expect(result.migrationsApplied).toBe(1);
    const sqlite = new Database(target, { readonly: true });
    expect(sqlite.prepare("select count(*) from sqlite_master where name = ?").pluck().get(made)).toBe(1);
    expect(sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(codeMigrations().length);
    sqlite.close();
  });

  it("refuses while another connection (a running server) has the database open", async () => {
    const live = process.env.DATABASE_PATH!;
    getDb(); // the app's connection is open
    const before = count(live, "mail_outbox");
    const dir = path.join(work, "in-use");
    const error = await rejection(restoreBackup({ backupFile: backup.file, databasePath: live, backupDir: dir }));
    expect(error.message).toBe(
      `Databasen ${live} används av ett annat program (är servern igång?). Stoppa servern och försök igen; återställning görs bara med servern stoppad.`,
    );
    expect(fs.existsSync(dir)).toBe(false);
    expect(count(live, "mail_outbox")).toBe(before);
  });
});

describe("the backup API when the destination is locked", () => {
  it("fails instead of reporting a copy that was never written", async () => {
    // better-sqlite3 resolves a backup whose first step is SQLITE_BUSY as done, with 0 pages copied.
    const target = idleDatabase("write-locked.sqlite");
    const holder = new Database(target);
    holder.pragma("journal_mode = WAL");
    holder.exec("BEGIN IMMEDIATE");
    holder.prepare("delete from mail_outbox").run();
    const before = sha256(target);
    const source = new Database(backup.file, { readonly: true, fileMustExist: true });
    const error = await rejection(copyWithBackupApi(source, target, { stallMessage: "Databasen är låst." }));
    source.close();
    expect(error.message).toBe("Databasen är låst.");
    holder.exec("ROLLBACK");
    holder.close();
    expect(sha256(target)).toBe(before);
    expect(count(target, "mail_outbox")).toBe(WRITES);
  });
});

describe("the scripts", () => {
  it("npm run backup writes a verified, dated backup into BACKUP_DIR and prints its rows", () => {
    const database = idleDatabase("cli.sqlite");
    const dir = path.join(work, "cli-backups");
    closeDb();
    const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["db/backup.ts", "--keep", "1"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: database, BACKUP_DIR: dir },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(backupNamePattern());
    expect(verifyDatabaseFile(path.join(dir, files[0]))).toMatchObject({ ok: true, counts: { people: SEEDED.people, attendance: SEEDED.attendance } });
    expect(run.stdout).toContain(`Säkerhetskopia klar och kontrollerad (integrity_check ok, inga brutna främmande nycklar):\n  ${files[0]} (`);
    expect(run.stdout).toMatch(/\n {2}people +253\n/);
    expect(run.stdout).toContain("Inga äldre säkerhetskopior att ta bort (behåller den senaste).");
    // The live database records the backup once it is verified (decision 016); the copy was taken before that.
    expect(auditRows(database, "backup.create")).toEqual([
      {
        actor_kind: "system",
        actor_label: "npm run backup",
        actor_user_id: null,
        entity_kind: "backup",
        details: JSON.stringify({ file: files[0], bytes: fs.statSync(path.join(dir, files[0])).size }),
      },
    ]);
    expect(auditRows(path.join(dir, files[0]), "backup.create")).toEqual([]);
  });

  it("npm run restore restores a backup and records backup.restore in the restored database", () => {
    const database = idleDatabase("cli-restored.sqlite");
    const source = idleDatabase("cli-source.sqlite");
    const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["db/restore.ts", source], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: database, BACKUP_DIR: path.join(work, "cli-restored-backups") },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [safety] = fs.readdirSync(path.join(work, "cli-restored-backups"));
    expect(auditRows(database, "backup.restore")).toEqual([
      {
        actor_kind: "system",
        actor_label: "npm run restore",
        actor_user_id: null,
        entity_kind: "backup",
        details: JSON.stringify({ file: "cli-source.sqlite", migrationsApplied: 0, safetyBackup: safety }),
      },
    ]);
    // The safety copy is not a backup of its own in the log, and the backup file itself is unchanged.
    expect(auditRows(database, "backup.create")).toEqual([]);
    expect(auditRows(source, "backup.restore")).toEqual([]);
  });

  it("npm run restore refuses a damaged file with exit code 1 and a Swedish message", () => {
    const database = idleDatabase("cli-restore.sqlite");
    const before = sha256(database);
    const damaged = damagedCopy("cli-damaged.sqlite", (file) => fs.truncateSync(file, 3000));
    const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["db/restore.ts", damaged], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: database, BACKUP_DIR: path.join(work, "cli-restore-backups") },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("Servern måste vara stoppad under återställningen");
    expect(run.stderr).toMatch(/^Säkerhetskopian cli-damaged\.sqlite är skadad.*Ingenting är återställt; databasen är orörd\.\n$/);
    expect(sha256(database)).toBe(before);
  });
});
