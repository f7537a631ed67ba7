/**
 * seminar_presence (one row per series and person present at one or more of
 * its seminars, with the person's sector) is kept by SQLite triggers. After
 * every kind of write it must equal the same figures recomputed from the
 * attendance rows themselves.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setAttendanceStatus } from "~/models/attendance.server";
import { getDb } from "~/models/db.server";
import { DEMO_EMAILS, seriesId, userId } from "../support/integration";

const raw = () => getDb().$client;

type PresenceRow = { series_id: number; person_id: number; sector: string; seminars: number };

function presence(): PresenceRow[] {
  return raw().prepare("select series_id, person_id, sector, seminars from seminar_presence order by series_id, person_id").all() as PresenceRow[];
}

/** The same rows worked out from attendance, sessions and people. */
function recomputed(): PresenceRow[] {
  return raw()
    .prepare(
      `select a.series_id, a.person_id, p.sector, count(*) as seminars
       from attendance a
       join series_sessions ss on ss.id = a.series_session_id
       join people p on p.id = a.person_id
       where ss.kind = 'seminarium' and a.status in ('narvarande', 'sen')
       group by a.series_id, a.person_id
       order by a.series_id, a.person_id`,
    )
    .all() as PresenceRow[];
}

function row(series: number, person: number): PresenceRow | undefined {
  return presence().find((r) => r.series_id === series && r.person_id === person);
}

let huddinge: number;
let seminars: { id: number; position: number }[];
/** A Huddinge participant present at seminars 1 and 2 of the demo. */
let personId: number;

beforeAll(() => {
  huddinge = seriesId("Huddinge");
  seminars = raw()
    .prepare("select id, position from series_sessions where series_id = ? and kind = 'seminarium' order by position")
    .all(huddinge) as { id: number; position: number }[];
  const found = raw()
    .prepare(
      `select a.person_id as id from attendance a
       where a.series_id = ? and a.series_session_id in (?, ?) and a.status in ('narvarande', 'sen')
       group by a.person_id having count(*) = 2 order by a.person_id limit 1`,
    )
    .get(huddinge, seminars[0].id, seminars[1].id) as { id: number };
  personId = found.id;
});

describe("seminar_presence", () => {
  it("matches the seeded attendance (the demo has present people)", () => {
    const rows = presence();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows).toEqual(recomputed());
    expect(row(huddinge, personId)?.seminars).toBe(2);
  });

  it("follows a status change through the app's model, both ways", () => {
    const actor = { userId: userId(DEMO_EMAILS.admin), source: "roster" as const };
    const occasion = { kind: "session" as const, seriesId: huddinge, sessionId: seminars[0].id };
    expect(setAttendanceStatus({ occasion, scope: { kind: "all" }, personId, status: "franvarande_anmalt", actor }).ok).toBe(true);
    expect(row(huddinge, personId)?.seminars).toBe(1);
    expect(setAttendanceStatus({ occasion, scope: { kind: "all" }, personId, status: "sen", actor }).ok).toBe(true);
    expect(row(huddinge, personId)?.seminars).toBe(2);
    expect(presence()).toEqual(recomputed());
  });

  it("drops the pair when the person's last present row goes, and ignores non-seminar sessions", () => {
    raw().prepare("update attendance set status = 'franvarande_anmalt' where series_id = ? and person_id = ? and series_session_id = ?").run(huddinge, personId, seminars[0].id);
    expect(row(huddinge, personId)?.seminars).toBe(1);
    raw().prepare("delete from attendance where series_id = ? and person_id = ? and series_session_id = ?").run(huddinge, personId, seminars[1].id);
    expect(row(huddinge, personId)).toBeUndefined();
    // Present at a meeting (träff) of the series: not a seminar, so still not counted.
    const meeting = raw()
      .prepare("insert into series_sessions (series_id, position, kind, title, starts_at, ends_at) values (?, 99, 'traff', 'Träff', 0, 1)")
      .run(huddinge).lastInsertRowid;
    raw().prepare("insert into attendance (series_id, series_session_id, person_id, status) values (?, ?, ?, 'narvarande')").run(huddinge, meeting, personId);
    expect(row(huddinge, personId)).toBeUndefined();
    raw().prepare("insert into attendance (series_id, series_session_id, person_id, status) values (?, ?, ?, 'narvarande')").run(huddinge, seminars[1].id, personId);
    expect(row(huddinge, personId)?.seminars).toBe(1);
    expect(presence()).toEqual(recomputed());
  });

  it("keeps the person's sector in step with people.sector", () => {
    const before = row(huddinge, personId)!.sector;
    const other = before === "skola" ? "socialtjanst" : "skola";
    raw().prepare("update people set sector = ? where id = ?").run(other, personId);
    expect(row(huddinge, personId)?.sector).toBe(other);
    expect(presence()).toEqual(recomputed());
  });

  it("recounts when a seminar is deleted (cascade) and empties with the series", () => {
    const presentAtLast = (raw().prepare("select count(*) as n from attendance where series_session_id = ? and status in ('narvarande', 'sen')").get(seminars[1].id) as { n: number }).n;
    expect(presentAtLast).toBeGreaterThan(0);
    raw().prepare("delete from series_sessions where id = ?").run(seminars[1].id);
    expect(row(huddinge, personId)).toBeUndefined();
    expect(presence()).toEqual(recomputed());
    raw().prepare("delete from series where id = ?").run(huddinge);
    expect(presence().filter((r) => r.series_id === huddinge)).toEqual([]);
    expect(presence()).toEqual(recomputed());
  });
});
