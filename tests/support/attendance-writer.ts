/**
 * A second coordinator in another process: marks the given people on one
 * roster through the app's own model, as fast as it can. Run with tsx by
 * tests/integration/attendance-concurrency.test.ts; prints how many writes succeeded.
 *
 * Usage: tsx attendance-writer.ts <db> <seriesId> <sessionId> <userId> <status> <personId,...> <rounds>
 */
import { setAttendanceStatus } from "~/models/attendance.server";

const [, , db, seriesId, sessionId, userId, status, ids, rounds] = process.argv;
process.env.DATABASE_PATH = db;
const occasion = { kind: "session" as const, seriesId: Number(seriesId), sessionId: Number(sessionId) };
let written = 0;
for (let round = 0; round < Number(rounds); round++) {
  for (const personId of ids.split(",").map(Number)) {
    const result = setAttendanceStatus({ occasion, scope: { kind: "all" }, personId, status, actor: { userId: Number(userId), source: "roster" } });
    if (result.ok) written++;
  }
}
process.stdout.write(String(written));
