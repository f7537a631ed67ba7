/**
 * Two coordinators marking one roster at the same time, in separate processes
 * with their own database connections: no row may be lost, the last write per
 * person wins, and the change history holds every write.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { closeDb, getDb } from "~/models/db.server";
import { DEMO_EMAILS, seriesId, seriesSessionRows, userId } from "../support/integration";
import { ROOT } from "../support/paths";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const WRITER = path.join(ROOT, "tests/support/attendance-writer.ts");

describe("concurrent marking", () => {
  it("loses no update when two processes mark the same roster at once", async () => {
    const huddinge = seriesId("Huddinge");
    const session = seriesSessionRows(huddinge)[2]; // seminar 3: nobody marked yet
    const db = getDb();
    const enrolled = db.$client
      .prepare("select person_id as id from enrolments where series_id = ? and status = 'anmald' order by person_id")
      .all(huddinge) as { id: number }[];
    const ids = enrolled.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(80);
    // A marks the first 50, B the last 50; the middle overlaps, where both write.
    const a = ids.slice(0, 50);
    const b = ids.slice(ids.length - 50);
    const overlap = a.filter((id) => b.includes(id));
    expect(overlap.length).toBe(100 - ids.length);
    const file = process.env.DATABASE_PATH!;
    closeDb(); // this process holds no connection while the writers run
    const writer = (user: string, status: string, people: number[]) =>
      run(TSX, [WRITER, file, String(huddinge), String(session.id), String(userId(user)), status, people.join(","), "3"], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: file } });
    const coordinator = userId(DEMO_EMAILS.huddinge);
    const admin = userId(DEMO_EMAILS.admin);
    closeDb();
    const [outA, outB] = await Promise.all([writer(DEMO_EMAILS.huddinge, "narvarande", a), writer(DEMO_EMAILS.admin, "sen", b)]);
    expect(outA.stderr).toBe("");
    expect(Number(outA.stdout)).toBe(150);
    expect(Number(outB.stdout)).toBe(150);

    const sqlite = getDb().$client;
    const rows = sqlite.prepare("select person_id as id, status, updated_by_id as by from attendance where series_session_id = ?").all(session.id) as {
      id: number;
      status: string;
      by: number;
    }[];
    // Every person either writer touched has exactly one row.
    expect(rows.length).toBe(new Set([...a, ...b]).size);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of a.filter((x) => !overlap.includes(x))) expect(byId.get(id)).toMatchObject({ status: "narvarande", by: coordinator });
    for (const id of b.filter((x) => !overlap.includes(x))) expect(byId.get(id)).toMatchObject({ status: "sen", by: admin });
    // Where both wrote, the row holds whichever write came last, and the history says so.
    for (const id of overlap) {
      const last = sqlite
        .prepare("select status, changed_by_id as by from attendance_changes where series_session_id = ? and person_id = ? order by id desc limit 1")
        .get(session.id, id) as { status: string; by: number };
      expect(byId.get(id)).toMatchObject({ status: last.status, by: last.by });
    }
    // The history holds all 300 writes.
    const history = sqlite.prepare("select count(*) as n from attendance_changes where series_session_id = ? and source = 'roster'").get(session.id) as { n: number };
    expect(history.n).toBe(300);
  });
});
