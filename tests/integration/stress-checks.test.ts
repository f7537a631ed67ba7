/**
 * The crash and load tests (tests/e2e/crash-recovery, attendance-load and
 * tests/stress) pass only if their checks can fail. These cases write the
 * demo database through the app's own model, then hand the checks ledgers
 * that do and do not match what was written: a lost acknowledged write, a
 * write nobody sent, a wrong stored value, a missing or doubled check-in,
 * and a drifted seminar_presence must all be caught.
 */
import { describe, expect, it } from "vitest";
import { checkIn, setAttendanceStatus } from "~/models/attendance.server";
import { getDb } from "~/models/db.server";
import {
  checkCheckins,
  checkRosterPairs,
  databaseHealth,
  readBaseline,
  type CheckinLedger,
  type CheckinPerson,
  type PairLedger,
  type RosterPair,
} from "../e2e/support/attendance-stress";
import { DEMO_EMAILS, seriesId, seriesSessionRows, userId } from "../support/integration";

const file = () => process.env.DATABASE_PATH!;

function enrolled(series: number): { id: number; email: string }[] {
  return getDb()
    .$client.prepare("select p.id, p.email from enrolments e join people p on p.id = e.person_id where e.series_id = ? and e.status = 'anmald' order by p.id")
    .all(series) as { id: number; email: string }[];
}

function setup() {
  const huddinge = seriesId("Huddinge");
  const [, , third] = seriesSessionRows(huddinge); // seminar 3: nobody marked yet
  const people = enrolled(huddinge);
  const occasion = { kind: "session" as const, seriesId: huddinge, sessionId: third.id };
  const pair = (personId: number): RosterPair => ({
    key: `${third.id}:${personId}`,
    seriesId: huddinge,
    sessionId: third.id,
    personId,
    path: "",
    accounts: [],
  });
  const mark = (personId: number, status: string) =>
    expect(setAttendanceStatus({ occasion, scope: { kind: "all" }, personId, status, actor: { userId: userId(DEMO_EMAILS.huddinge), source: "roster" } }).ok).toBe(true);
  return { huddinge, third, people, occasion, pair, mark };
}

describe("the crash and load tests' checks", () => {
  it("accept exactly the acknowledged writes, or those plus the one in flight that landed", () => {
    const { people, pair, mark } = setup();
    const baseline = readBaseline(file());
    const [a, b, c] = people.map((p) => p.id);
    mark(a, "narvarande");
    mark(a, "sen");
    mark(b, "narvarande"); // in flight when the server died, and it landed
    const ledgers: PairLedger[] = [
      { pair: pair(a), before: null, acked: ["narvarande", "sen"], inFlight: null },
      { pair: pair(b), before: null, acked: [], inFlight: "narvarande" },
      { pair: pair(c), before: null, acked: [], inFlight: "sen" }, // in flight, did not land
    ];
    expect(checkRosterPairs(file(), ledgers, baseline)).toEqual({ problems: [], landedInFlight: 1 });
  });

  it("find a lost acknowledged write, a write nobody sent and a stored value that is not the last write", () => {
    const { people, pair, mark, third } = setup();
    const baseline = readBaseline(file());
    const [a, b, c, d] = people.slice(4).map((p) => p.id);
    mark(a, "narvarande");
    mark(b, "narvarande");
    mark(b, "sen");
    mark(c, "narvarande");
    // The stored row changed without its history line.
    getDb().$client.prepare("update attendance set status = 'franvarande_anmalt' where series_session_id = ? and person_id = ?").run(third.id, c);
    const ledgers: PairLedger[] = [
      { pair: pair(a), before: null, acked: ["narvarande", "sen"], inFlight: null }, // "sen" was acknowledged but is lost
      { pair: pair(b), before: null, acked: ["narvarande"], inFlight: null }, // "sen" was never sent
      { pair: pair(c), before: null, acked: ["narvarande"], inFlight: null },
      { pair: pair(d), before: null, acked: ["sen"], inFlight: null }, // nothing stored at all
    ];
    const { problems } = checkRosterPairs(file(), ledgers, baseline);
    expect(problems.map((p) => p.key)).toEqual([a, b, c, d].map((id) => pair(id).key));
    expect(problems[0]).toMatchObject({ history: ["narvarande"], stored: "narvarande" });
    expect(problems[2]).toMatchObject({ history: ["narvarande"], stored: "franvarande_anmalt" });
  });

  it("hold every acknowledged check-in to one present row, and at most one 'incheckad' per person", () => {
    const { people, occasion, third } = setup();
    const baseline = readBaseline(file());
    const [a, b, c, d, e] = people.slice(10); // the tests share one database: people the others left alone
    for (const p of [a, c, e]) expect(checkIn({ occasion, personId: p.id, status: "narvarande" }).outcome).toBe("checkedIn");
    const person = (p: { id: number; email: string }): CheckinPerson => ({ sessionId: third.id, code: "", personId: p.id, email: p.email, token: null });
    const ledger = (p: { id: number; email: string }, n: Partial<CheckinLedger>): CheckinLedger => ({ person: person(p), checkedIn: 0, already: 0, unanswered: 0, ...n });
    const good = [ledger(a, { checkedIn: 1, already: 1 }), ledger(c, { unanswered: 1 }), ledger(d, { unanswered: 1 })];
    expect(checkCheckins(file(), good, baseline)).toEqual({ problems: [], present: 2 });
    const bad = [
      ledger(b, { checkedIn: 1 }), // told "incheckad", nothing stored
      ledger(c, { checkedIn: 2 }), // told twice
      ledger(e, {}), // stored, yet nobody asked
    ];
    expect(checkCheckins(file(), bad, baseline).problems.map((p) => p.personId)).toEqual([b.id, c.id, e.id]);
    // With exactlyOnce (the load test, no crash), an unanswered try is a failure too.
    expect(checkCheckins(file(), [ledger(c, { unanswered: 1 })], baseline, { exactlyOnce: true }).problems).toHaveLength(1);
  });

  it("see seminar_presence drift from attendance, and an intact file otherwise", () => {
    expect(databaseHealth(file())).toMatchObject({ integrity: ["ok"], foreignKeys: [], presenceMissing: [], presenceExtra: [] });
    getDb().$client.prepare("update seminar_presence set seminars = seminars + 1 where rowid = (select min(rowid) from seminar_presence)").run();
    const health = databaseHealth(file());
    expect(health.presenceMissing).toHaveLength(1);
    expect(health.presenceExtra).toHaveLength(1);
  });
});
