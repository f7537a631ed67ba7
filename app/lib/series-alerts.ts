/**
 * The alerts of the series dashboard: each names a problem a coordinator can
 * still act on, and the page and the JSON add the next step in words. Pure
 * (no database, no translations), so every rule is tested on its own in
 * tests/unit/series-alerts.test.ts. The rules are written out in
 * docs/decisions/009-dashboards.md.
 */
import { SECTORS, type Sector } from "../../db/schema";
import { CORE_SECTORS, type Target } from "./representation";

/**
 * Where a session stands today:
 * - held: it has started and attendance is recorded (at least one row of any status);
 * - unrecorded: it has started but nobody has marked attendance yet;
 * - upcoming: it has not started;
 * - cancelled: the series was cancelled and the session has no attendance.
 */
export type SessionState = "held" | "unrecorded" | "upcoming" | "cancelled";

export function sessionState({
  startsAt,
  now,
  recorded,
  seriesCancelled,
}: {
  startsAt: Date;
  now: Date;
  recorded: number;
  seriesCancelled: boolean;
}): SessionState {
  if (seriesCancelled && recorded === 0) return "cancelled";
  if (startsAt.getTime() > now.getTime()) return "upcoming";
  return recorded > 0 ? "held" : "unrecorded";
}

export type AlertSession = {
  key: string;
  state: SessionState;
  /** The last session of kind seminarium (seminar 3 in the standard series). */
  isLastSeminar: boolean;
  /** Attendees (present or late, substitutes and walk-ins included). */
  attendees: number;
  bySector: Record<Sector, number>;
  /** Attendees with role category Chefer/Ledning, per sector. */
  managersBySector: Record<Sector, number>;
};

export type DropOffFigures = {
  firstKey: string;
  lastKey: string;
  rows: { sector: Sector | "total"; first: number; last: number }[];
};

export type AlertInput = {
  /** In the order of the series (the exchange event last). */
  sessions: AlertSession[];
  /** Enrolled people and enrolled managers per sector (for an upcoming seminar 3). */
  enrolled: Record<Sector, { accepted: number; acceptedManagers: number }>;
  targets: Target[];
  /** The series' own rule "each sector sends at least one manager". */
  requireManager: boolean;
  dropOff: DropOffFigures | null;
  /** Alert when more than this percentage of a sector's first-seminar attendees is gone at the last. */
  dropOffAlertPercent: number;
};

export type AlertSeverity = "error" | "warn";

export type SeriesAlert =
  | { code: "notRecorded"; severity: "warn"; sessionKey: string }
  | { code: "sectorMissing"; severity: "error"; sessionKey: string; sector: Sector }
  | { code: "healthMissingHeld"; severity: "error"; sessionKey: string; sector: "halso_sjukvard" }
  | { code: "healthMissingUpcoming"; severity: "error"; sessionKey: string; sector: "halso_sjukvard" }
  | { code: "noManagersHeld"; severity: "warn"; sessionKey: string; sector: Sector }
  | { code: "noManagersUpcoming"; severity: "warn"; sessionKey: string; sector: Sector }
  | { code: "belowTargetCount"; severity: "warn"; sessionKey: string; sector: Sector; actual: number; target: number }
  | {
      code: "belowTargetShare";
      severity: "warn";
      sessionKey: string;
      sector: Sector;
      actual: number;
      attendees: number;
      /** The target in percent, as stored (20 = 20 %). */
      targetPercent: number;
    }
  | {
      code: "dropOff";
      severity: "warn";
      /** The last held seminar; `firstKey` is the first. */
      sessionKey: string;
      firstKey: string;
      sector: Sector | "total";
      first: number;
      last: number;
      thresholdPercent: number;
    };

export type AlertCode = SeriesAlert["code"];

const HEALTH: Sector = "halso_sjukvard";

/** The default of DROP_OFF_ALERT_PERCENT. */
export const DEFAULT_DROP_OFF_ALERT_PERCENT = 25;

/** DROP_OFF_ALERT_PERCENT from the environment: a number from 0 to 100, else the default 25. */
export function dropOffAlertPercent(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DROP_OFF_ALERT_PERCENT;
  if (raw === undefined || raw.trim() === "") return DEFAULT_DROP_OFF_ALERT_PERCENT;
  const n = Number(raw.trim().replace(",", "."));
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : DEFAULT_DROP_OFF_ALERT_PERCENT;
}

/**
 * All alerts, the serious ones (a core sector absent) first, then warnings;
 * within each, in the order of the sessions.
 *
 * One problem, one alert: a core sector that nobody came from raises "no
 * attendees" (or, at the last seminar, the health-care alert) and not also
 * "below target", "no managers" or "drop-off" for the same session.
 */
export function seriesAlerts(input: AlertInput): SeriesAlert[] {
  const errors: SeriesAlert[] = [];
  const warnings: SeriesAlert[] = [];
  const add = (alert: SeriesAlert) => (alert.severity === "error" ? errors : warnings).push(alert);

  for (const session of input.sessions) {
    const sessionKey = session.key;
    if (session.state === "unrecorded") {
      add({ code: "notRecorded", severity: "warn", sessionKey });
      continue;
    }
    if (session.state === "upcoming" && session.isLastSeminar) {
      if ((input.enrolled[HEALTH]?.accepted ?? 0) === 0) {
        add({ code: "healthMissingUpcoming", severity: "error", sessionKey, sector: "halso_sjukvard" });
      }
      if (input.requireManager) {
        for (const sector of CORE_SECTORS) {
          const e = input.enrolled[sector];
          if (e && e.accepted > 0 && e.acceptedManagers === 0) add({ code: "noManagersUpcoming", severity: "warn", sessionKey, sector });
        }
      }
      continue;
    }
    if (session.state !== "held") continue;

    for (const sector of CORE_SECTORS) {
      if (session.bySector[sector] > 0) continue;
      if (sector === HEALTH && session.isLastSeminar) add({ code: "healthMissingHeld", severity: "error", sessionKey, sector: "halso_sjukvard" });
      else add({ code: "sectorMissing", severity: "error", sessionKey, sector });
    }
    const alreadyMissing = (sector: Sector) => CORE_SECTORS.includes(sector) && session.bySector[sector] === 0;
    for (const sector of SECTORS) {
      const target = input.targets.find((t) => t.sector === sector);
      if (!target || alreadyMissing(sector)) continue;
      const actual = session.bySector[sector];
      if (target.minCount && actual < target.minCount) {
        add({ code: "belowTargetCount", severity: "warn", sessionKey, sector, actual, target: target.minCount });
      }
      // In whole numbers, so 1 of 5 against 20 % is not a float rounding away from the target.
      if (target.minSharePercent && session.attendees > 0 && actual * 100 < target.minSharePercent * session.attendees) {
        add({ code: "belowTargetShare", severity: "warn", sessionKey, sector, actual, attendees: session.attendees, targetPercent: target.minSharePercent });
      }
    }
    if (session.isLastSeminar && input.requireManager) {
      for (const sector of CORE_SECTORS) {
        if (session.bySector[sector] > 0 && session.managersBySector[sector] === 0) {
          add({ code: "noManagersHeld", severity: "warn", sessionKey, sector });
        }
      }
    }
  }

  if (input.dropOff) {
    const { firstKey, lastKey } = input.dropOff;
    for (const row of input.dropOff.rows) {
      if (row.sector !== "total" && !CORE_SECTORS.includes(row.sector)) continue;
      // Nobody left at the last seminar is already an alert of its own.
      if (row.first === 0 || row.last === 0) continue;
      if ((row.first - row.last) * 100 > input.dropOffAlertPercent * row.first) {
        add({
          code: "dropOff",
          severity: "warn",
          sessionKey: lastKey,
          firstKey,
          sector: row.sector,
          first: row.first,
          last: row.last,
          thresholdPercent: input.dropOffAlertPercent,
        });
      }
    }
  }
  return [...errors, ...warnings];
}
