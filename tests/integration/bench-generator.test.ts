/**
 * The benchmark's data generator (issue #10) at its tiny scale: three
 * municipalities of Stockholms län, VT 2026 and HT 2026, one series each per
 * term, plus the empty series the benchmark imports into.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBenchData, termsUpTo } from "../bench/generate-data";
import type { BenchManifest } from "../bench/manifest";
import { manifestPath, readManifest } from "../bench/manifest";
import { TMP_DIR } from "../support/paths";

const file = path.join(TMP_DIR, `bench-tiny-${process.pid}.sqlite`);
let manifest: BenchManifest;
let db: Database.Database;
const count = (sql: string, ...params: unknown[]) => Number(db.prepare(sql).pluck().get(...params));

beforeAll(async () => {
  manifest = await generateBenchData({ scale: "tiny", file });
  db = new Database(file, { readonly: true });
}, 60_000);

afterAll(() => {
  db?.close();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(manifestPath(file), { force: true });
});

describe("bench data generator, tiny scale", () => {
  it("names the terms from the oldest to HT 2026", () => {
    expect(termsUpTo(4)).toEqual(["VT 2025", "HT 2025", "VT 2026", "HT 2026"]);
    expect(termsUpTo(20)[0]).toBe("VT 2017");
  });

  it("makes one series per municipality and term, three seminars each, and the empty import series", () => {
    expect(count("select count(*) from series")).toBe(3 * 2 + 1);
    expect(count("select count(*) from series_sessions")).toBe(7 * 3);
    expect(count("select count(*) from series s where (select count(*) from series_sessions ss where ss.series_id = s.id) <> 3")).toBe(0);
    // One exchange event per county and term; every series but the import target (VT 2027) takes part.
    expect(count("select count(*) from exchange_events")).toBe(2);
    expect(count("select count(*) from exchange_event_series")).toBe(6 - count("select count(*) from series where status = 'avbruten'"));
    // The bench's admin, five process leaders, the sponsor and one coordinator per municipality.
    expect(count("select count(*) from users")).toBe(1 + 5 + 1 + 3);
  });

  it("writes a manifest whose counts are the tables' row counts", () => {
    expect(readManifest(manifestPath(file))).toEqual(manifest);
    for (const [table, rows] of Object.entries(manifest.counts)) expect(count(`select count(*) from ${table}`), table).toBe(rows);
    expect(manifest.counts.people).toBeGreaterThan(150);
  });

  it("keeps every reference intact", () => {
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("targets a series of 150 with a roster of 150 at its last seminar, and an empty series to import into", () => {
    const { seriesId, rosterSessionId, importSeriesId, countyCode } = manifest.targets;
    expect(count("select count(*) from enrolments where series_id = ? and status = 'anmald'", seriesId)).toBe(150);
    expect(count("select series_id from series_sessions where id = ?", rosterSessionId)).toBe(seriesId);
    expect(count("select count(*) from attendance where series_session_id = ?", rosterSessionId)).toBe(150);
    expect(count("select count(*) from enrolments where series_id = ?", importSeriesId)).toBe(0);
    expect(count("select count(*) from survey_responses where series_id = ?", seriesId)).toBeGreaterThan(0);
    expect(countyCode).toBe("01");
    const coordinator = db.prepare("select u.role from users u where u.email_normalized = ?").pluck().get(manifest.users.coordinator);
    expect(coordinator).toBe("coordinator");
    expect(count("select count(*) from series_coordinators sc join users u on u.id = sc.user_id where u.email_normalized = ? and sc.series_id = ?", manifest.users.coordinator, importSeriesId)).toBe(1);
  });

  it("records every enrolled person once at each held seminar, plus substitutes and walk-ins", () => {
    const wrong = db
      .prepare(
        `select ss.id from series_sessions ss
         where ss.starts_at < ? and exists (select 1 from attendance a where a.series_session_id = ss.id)
           and (select count(*) from attendance a where a.series_session_id = ss.id and a.substitute_for_person_id is null and a.walk_in = 0)
             <> (select count(*) from enrolments e where e.series_id = ss.series_id)`,
      )
      .all(Date.UTC(2026, 10, 23));
    expect(wrong).toEqual([]);
    // A replaced seat is marked "ersatt" exactly when a substitute names that person.
    expect(
      count(`select count(*) from attendance a where a.status = 'ersatt'
             and not exists (select 1 from attendance b where b.series_session_id = a.series_session_id and b.substitute_for_person_id = a.person_id)`),
    ).toBe(0);
    expect(count("select count(*) from attendance where series_session_id in (select id from series_sessions where starts_at >= ?)", Date.UTC(2026, 10, 23))).toBe(0);
  });

  it("keeps seminar_presence equal to a recount from attendance, through the app's triggers", () => {
    const recount = db
      .prepare(
        `select a.series_id, a.person_id, count(*) as seminars from attendance a
         join series_sessions ss on ss.id = a.series_session_id and ss.kind = 'seminarium'
         where a.status in ('narvarande', 'sen') group by 1, 2 order by 1, 2`,
      )
      .all();
    expect(db.prepare("select series_id, person_id, seminars from seminar_presence order by 1, 2").all()).toEqual(recount);
  });

  it("is deterministic: the same scale gives the same rows", async () => {
    const again = path.join(TMP_DIR, `bench-tiny-again-${process.pid}.sqlite`);
    try {
      const second = await generateBenchData({ scale: "tiny", file: again });
      expect(second.counts).toEqual(manifest.counts);
      const other = new Database(again, { readonly: true });
      const rows = (d: Database.Database) => d.prepare("select name, email, sector, role_category from people order by id").all();
      expect(rows(other)).toEqual(rows(db));
      other.close();
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(again + suffix, { force: true });
      fs.rmSync(manifestPath(again), { force: true });
    }
  }, 60_000);
});
