/**
 * The series dashboard's figures, put together from the grouped counts the
 * model makes in SQL (`~/models/series-dashboard.server`). Pure and
 * client-safe: the page, the CSV tables and the JSON all read this one
 * structure, so they cannot disagree.
 *
 * No small-cell suppression here: the dashboard is for process leaders and
 * the series' own coordinators, who see the participants by name anyway.
 * Sponsors are refused (403) before any of this is computed.
 */
import { LEVELS, ROLE_CATEGORIES, SECTORS, type Level, type RoleCategory, type Sector, type SeriesStatus } from "../../db/schema";
import type { MatrixColumn } from "~/models/attendance-report.server";
import type { PrepCounts, SessionPrepStats } from "~/models/prep-stats.server";
import type { AttendeeGroup, ColumnActivity, FunnelCounts } from "~/models/series-dashboard.server";
import { dropOff } from "./attendance-rules";
import { formatPercent } from "./format";
import type { Target } from "./representation";
import { seriesAlerts, sessionState, type DropOffFigures, type SeriesAlert, type SessionState } from "./series-alerts";

/**
 * A share as the dashboard writes it: one decimal, Swedish format
 * ("20,6 %" for 48 of 233), or "–" when there is nothing to divide by.
 * `space` is the space before "%": non-breaking on the page, plain in CSV so
 * Excel reads the cell as a percentage.
 */
export function shareText(part: number, whole: number, space: "nbsp" | "plain" = "nbsp"): string {
  if (whole <= 0) return "–";
  const text = formatPercent(part / whole);
  return space === "plain" ? text.replace(/\u00a0/g, " ") : text;
}

/** "no level given" as a key of its own, so the level table adds up to the total. */
export const NO_LEVEL = "ej_angiven" as const;
export type LevelKey = Level | typeof NO_LEVEL;
export const LEVEL_KEYS: LevelKey[] = [...LEVELS, NO_LEVEL];

export type DashboardSession = {
  key: string;
  kind: "session" | "exchange";
  id: number;
  position: number | null;
  title: string;
  startsAt: Date;
  isSeminar: boolean;
  isLastSeminar: boolean;
  state: SessionState;
  /** Attendance rows of any status. */
  recorded: number;
  attendees: number;
  bySector: Record<Sector, number>;
  byRoleCategory: Record<RoleCategory, number>;
  byLevel: Record<LevelKey, number>;
  managersBySector: Record<Sector, number>;
  substitutes: number;
  substitutesOtherSector: number;
  walkIns: number;
};

export type FunnelRow = { invited: number; accepted: number; attended: number };

export type DropOffRow = { first: number; last: number; count: number; share: number | null };

/** Preparation completion before one session (`~/models/prep-stats.server`), keyed like the dashboard's sessions. */
export type PrepFigures = {
  key: string;
  /** Prep materials plus reflection questions. */
  items: number;
  bySector: Record<Sector, PrepCounts>;
  total: PrepCounts;
};

export type SeriesDashboard = {
  sessions: DashboardSession[];
  /** Key of the last session of kind seminarium, or null when there is none. */
  lastSeminarKey: string | null;
  funnel: { bySector: Record<Sector, FunnelRow>; total: FunnelRow };
  /** First against last held seminar; null until two seminars are held. */
  dropOff: { firstKey: string; lastKey: string; bySector: Record<Sector, DropOffRow>; total: DropOffRow } | null;
  /**
   * Managers per sector at the last seminar: present ones once it is held,
   * enrolled ones while it is upcoming; null when it is neither.
   */
  managersAtLastSeminar: {
    key: string;
    basis: "present" | "enrolled";
    bySector: Record<Sector, { people: number; managers: number }>;
  } | null;
  alerts: SeriesAlert[];
  dropOffAlertPercent: number;
  /**
   * Preparation recorded in the participant portal, for each series session
   * that has prep material or reflection questions, in session order.
   */
  preparation: PrepFigures[];
};

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function dropOffRow(first: number, last: number): DropOffRow {
  const d = dropOff(first, last);
  return { first, last, count: d.count, share: d.share };
}

export function buildSeriesDashboard(input: {
  columns: MatrixColumn[];
  seriesStatus: SeriesStatus;
  groups: AttendeeGroup[];
  activity: ColumnActivity[];
  funnel: FunnelCounts[];
  targets: Target[];
  requireManager: boolean;
  now: Date;
  dropOffAlertPercent: number;
  prep: SessionPrepStats[];
}): SeriesDashboard {
  const seminars = input.columns.filter((c) => c.isSeminar);
  const lastSeminarKey = seminars.length ? seminars[seminars.length - 1].key : null;
  const activity = new Map(input.activity.map((a) => [a.key, a]));

  const sessions: DashboardSession[] = input.columns.map((c) => {
    const a = activity.get(c.key);
    const recorded = a?.recorded ?? 0;
    return {
      key: c.key,
      kind: c.kind,
      id: c.id,
      position: c.position,
      title: c.title,
      startsAt: c.startsAt,
      isSeminar: c.isSeminar,
      isLastSeminar: c.key === lastSeminarKey,
      state: sessionState({ startsAt: c.startsAt, now: input.now, recorded, seriesCancelled: input.seriesStatus === "avbruten" }),
      recorded,
      attendees: 0,
      bySector: zeros(SECTORS),
      byRoleCategory: zeros(ROLE_CATEGORIES),
      byLevel: zeros(LEVEL_KEYS),
      managersBySector: zeros(SECTORS),
      substitutes: a?.substitutes ?? 0,
      substitutesOtherSector: a?.substitutesOtherSector ?? 0,
      walkIns: a?.walkIns ?? 0,
    };
  });
  const byKey = new Map(sessions.map((s) => [s.key, s]));
  for (const g of input.groups) {
    const s = byKey.get(g.key);
    if (!s) continue;
    s.attendees += g.count;
    s.bySector[g.sector] += g.count;
    s.byRoleCategory[g.roleCategory] += g.count;
    s.byLevel[g.level ?? NO_LEVEL] += g.count;
    if (g.roleCategory === "chef") s.managersBySector[g.sector] += g.count;
  }

  const funnelBySector = Object.fromEntries(SECTORS.map((s) => [s, { invited: 0, accepted: 0, attended: 0 }])) as Record<Sector, FunnelRow>;
  const enrolled = Object.fromEntries(SECTORS.map((s) => [s, { accepted: 0, acceptedManagers: 0 }])) as Record<
    Sector,
    { accepted: number; acceptedManagers: number }
  >;
  for (const f of input.funnel) {
    funnelBySector[f.sector] = { invited: f.invited, accepted: f.accepted, attended: f.attended };
    enrolled[f.sector] = { accepted: f.accepted, acceptedManagers: f.acceptedManagers };
  }
  const funnelTotal = SECTORS.reduce(
    (t, s) => ({
      invited: t.invited + funnelBySector[s].invited,
      accepted: t.accepted + funnelBySector[s].accepted,
      attended: t.attended + funnelBySector[s].attended,
    }),
    { invited: 0, accepted: 0, attended: 0 },
  );

  const heldSeminars = sessions.filter((s) => s.isSeminar && s.state === "held");
  let drop: SeriesDashboard["dropOff"] = null;
  let dropFigures: DropOffFigures | null = null;
  if (heldSeminars.length >= 2) {
    const first = heldSeminars[0];
    const last = heldSeminars[heldSeminars.length - 1];
    drop = {
      firstKey: first.key,
      lastKey: last.key,
      bySector: Object.fromEntries(SECTORS.map((s) => [s, dropOffRow(first.bySector[s], last.bySector[s])])) as Record<Sector, DropOffRow>,
      total: dropOffRow(first.attendees, last.attendees),
    };
    dropFigures = {
      firstKey: first.key,
      lastKey: last.key,
      rows: [
        ...SECTORS.map((sector) => ({ sector, first: first.bySector[sector], last: last.bySector[sector] })),
        { sector: "total" as const, first: first.attendees, last: last.attendees },
      ],
    };
  }

  const lastSeminar = lastSeminarKey ? byKey.get(lastSeminarKey)! : null;
  let managersAtLastSeminar: SeriesDashboard["managersAtLastSeminar"] = null;
  if (lastSeminar?.state === "held") {
    managersAtLastSeminar = {
      key: lastSeminar.key,
      basis: "present",
      bySector: Object.fromEntries(
        SECTORS.map((s) => [s, { people: lastSeminar.bySector[s], managers: lastSeminar.managersBySector[s] }]),
      ) as Record<Sector, { people: number; managers: number }>,
    };
  } else if (lastSeminar?.state === "upcoming") {
    managersAtLastSeminar = {
      key: lastSeminar.key,
      basis: "enrolled",
      bySector: Object.fromEntries(
        SECTORS.map((s) => [s, { people: enrolled[s].accepted, managers: enrolled[s].acceptedManagers }]),
      ) as Record<Sector, { people: number; managers: number }>,
    };
  }

  const alerts = seriesAlerts({
    sessions,
    enrolled,
    targets: input.targets,
    requireManager: input.requireManager,
    dropOff: dropFigures,
    dropOffAlertPercent: input.dropOffAlertPercent,
  });

  return {
    sessions,
    lastSeminarKey,
    funnel: { bySector: funnelBySector, total: funnelTotal },
    dropOff: drop,
    managersAtLastSeminar,
    alerts,
    dropOffAlertPercent: input.dropOffAlertPercent,
    preparation: input.prep
      .filter((p) => p.items > 0)
      .map((p) => ({ key: `s${p.sessionId}`, items: p.items, bySector: p.bySector, total: p.total })),
  };
}
