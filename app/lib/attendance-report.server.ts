/**
 * The figures of a series' attendance page, put together from the counts the
 * model makes in SQL and the rules in `attendance-rules`: attendees per
 * session and sector, the drop-off from the first to the last seminar held,
 * seat and person continuity, and the people × sessions matrix.
 */
import { SECTORS, type Sector } from "../../db/schema";
import {
  extrasByColumn,
  matrixColumns,
  matrixPeople,
  presentBySector,
  seatRecords,
  type MatrixColumn,
} from "~/models/attendance-report.server";
import { continuity, dropOff, type Continuity } from "./attendance-rules";
import { formatPercent } from "./format";

export type ReportColumn = MatrixColumn & { held: boolean };

export type DropOffRow = { sector: Sector | "total"; first: number; last: number; count: number; percent: string | null };

export type ContinuityRow = Continuity & { sector: Sector | "total"; seatPercent: string | null; personPercent: string | null };

/** "12,5 %", or null when there is nothing to divide by. */
function percentOf(part: number, whole: number): string | null {
  return whole > 0 ? formatPercent(part / whole) : null;
}

function continuityRow(sector: Sector | "total", c: Continuity): ContinuityRow {
  return {
    sector,
    ...c,
    seatPercent: percentOf(c.seatsFilledEvery, c.seats),
    personPercent: percentOf(c.peopleAttendedEvery, c.seats),
  };
}

/** Column key → count, with every column present (0 where nobody came). */
type Counts = Record<string, number>;

export function seriesAttendanceReport({ seriesId, now = new Date() }: { seriesId: number; now?: Date }) {
  const columns: ReportColumn[] = matrixColumns({ seriesId }).map((c) => ({ ...c, held: c.startsAt.getTime() <= now.getTime() }));
  const zero = (): Counts => Object.fromEntries(columns.map((c) => [c.key, 0]));

  const bySector = new Map<Sector, Counts>(SECTORS.map((s) => [s, zero()]));
  const total = zero();
  for (const row of presentBySector({ seriesId })) {
    const counts = bySector.get(row.sector);
    if (!counts || !(row.key in counts)) continue;
    counts[row.key] += row.count;
    total[row.key] += row.count;
  }
  const substitutes = zero();
  const walkIns = zero();
  for (const row of extrasByColumn({ seriesId })) {
    if (!(row.key in substitutes)) continue;
    substitutes[row.key] = row.substitutes;
    walkIns[row.key] = row.walkIns;
  }

  const heldSeminars = columns.filter((c) => c.isSeminar && c.held);
  let drop: { firstKey: string; lastKey: string; rows: DropOffRow[] } | null = null;
  if (heldSeminars.length >= 2) {
    const firstKey = heldSeminars[0].key;
    const lastKey = heldSeminars[heldSeminars.length - 1].key;
    const row = (sector: Sector | "total", counts: Counts): DropOffRow => {
      const d = dropOff(counts[firstKey], counts[lastKey]);
      return {
        sector,
        first: counts[firstKey],
        last: counts[lastKey],
        count: d.count,
        percent: d.share === null ? null : formatPercent(d.share),
      };
    };
    drop = { firstKey, lastKey, rows: [...SECTORS.map((s) => row(s, bySector.get(s)!)), row("total", total)] };
  }

  const { seminarsHeld, records } = seatRecords({ seriesId, now });
  const c = continuity(records, seminarsHeld);
  const empty: Continuity = { seats: 0, seatsFilledEvery: 0, peopleAttendedEvery: 0 };

  return {
    columns,
    summary: {
      bySector: SECTORS.map((sector) => ({ sector, counts: bySector.get(sector)! })),
      total,
      substitutes,
      walkIns,
    },
    seminarsHeld,
    dropOff: drop,
    continuity: {
      total: continuityRow("total", c.total),
      bySector: SECTORS.map((s) => continuityRow(s, c.bySector.get(s) ?? empty)),
    },
    people: matrixPeople({ seriesId }),
  };
}

export type SeriesAttendanceReport = ReturnType<typeof seriesAttendanceReport>;
