/**
 * The series dashboard in words: its tables (the page renders them as HTML,
 * the CSV routes write the very same cells), the one-sentence chart
 * summaries and the alert texts. Client-safe; takes the translator.
 */
import type { Translate } from "~/i18n";
import { ROLE_CATEGORIES, SECTORS, type Sector } from "../../db/schema";
import { columnLabel } from "./attendance-report-labels";
import { formatDate, formatNumber, formatPercent } from "./format";
import { CORE_SECTORS } from "./representation";
import type { PrepCounts } from "~/models/prep-stats.server";
import type { SeriesAlert, SessionState } from "./series-alerts";
import { LEVEL_KEYS, shareText, type DashboardSession, type LevelKey, type SeriesDashboard } from "./series-dashboard";

export const TABLE_IDS = ["sektorer", "yrkesroller", "nivaer", "tratt", "bortfall", "chefer", "ersattare", "forberedelser"] as const;
export type TableId = (typeof TABLE_IDS)[number];

export function isTableId(value: unknown): value is TableId {
  return typeof value === "string" && (TABLE_IDS as readonly string[]).includes(value);
}

/** Why a cell has no figure: the session is not held (by its state), or there is nothing to divide by. */
export type NoFigure = Exclude<SessionState, "held"> | "noShare";

export type DashCell =
  | { kind: "count"; value: number }
  | { kind: "share"; part: number; whole: number }
  | { kind: "text"; text: string }
  | { kind: "none"; reason: NoFigure };

export type DashRow = { header: string; cells: DashCell[] };

export type DashTable = {
  id: TableId;
  caption: string;
  /** Heading of the row-header column. */
  rowHeader: string;
  /** Column groups (one per session) over `columns`, when the table has them. */
  groups?: { label: string; span: number }[];
  columns: string[];
  rows: DashRow[];
  footer: DashRow[];
};

/** A cell's text. "plain" (for CSV) uses ordinary spaces and digits, so Excel reads numbers and percentages as such. */
export function cellText(cell: DashCell, mode: "page" | "plain" = "page"): string {
  switch (cell.kind) {
    case "count":
      return mode === "plain" ? (cell.value < 0 ? `\u2212${-cell.value}` : String(cell.value)) : formatNumber(cell.value);
    case "share":
      return shareText(cell.part, cell.whole, mode === "plain" ? "plain" : "nbsp");
    case "text":
      return cell.text;
    case "none":
      return "–";
  }
}

/** The table as rows for `toExcelCsv`: one header line (group and column joined), then body and footer rows. */
export function tableCsvRows(table: DashTable): string[][] {
  const groupOf: string[] = [];
  for (const g of table.groups ?? []) for (let i = 0; i < g.span; i++) groupOf.push(g.label);
  const header = [table.rowHeader, ...table.columns.map((c, i) => (groupOf[i] ? `${groupOf[i]} ${c.toLocaleLowerCase("sv-SE")}` : c))];
  return [header, ...[...table.rows, ...table.footer].map((r) => [r.header, ...r.cells.map((c) => cellText(c, "plain"))])];
}

/** "Tillfälle 3 (2026-04-21)": a session as a column heading. */
export function sessionHeading(t: Translate, s: Pick<DashboardSession, "kind" | "position" | "startsAt">): string {
  return `${columnLabel(t, s)} (${formatDate(s.startsAt)})`;
}

/** "tillfälle 3" or "erfarenhetsutbytet": a session inside a sentence. */
export function sessionName(t: Translate, s: Pick<DashboardSession, "kind" | "position">): string {
  return s.kind === "exchange" ? t("seriesDashboard.exchangeName") : t("seriesDashboard.sessionName", { position: s.position ?? "" });
}

const isHeld = (s: DashboardSession) => s.state === "held";

function perSessionTable<K extends string>(
  t: Translate,
  data: SeriesDashboard,
  id: TableId,
  caption: string,
  rowHeader: string,
  keys: readonly K[],
  label: (key: K) => string,
  value: (s: DashboardSession, key: K) => number,
): DashTable {
  const none = (s: DashboardSession): DashCell[] => [
    { kind: "none", reason: s.state as NoFigure },
    { kind: "none", reason: s.state as NoFigure },
  ];
  const pair = (s: DashboardSession, n: number): DashCell[] =>
    isHeld(s) ? [{ kind: "count", value: n }, s.attendees > 0 ? { kind: "share", part: n, whole: s.attendees } : { kind: "none", reason: "noShare" }] : none(s);
  return {
    id,
    caption,
    rowHeader,
    groups: data.sessions.map((s) => ({ label: sessionHeading(t, s), span: 2 })),
    columns: data.sessions.flatMap(() => [t("seriesDashboard.count"), t("seriesDashboard.share")]),
    rows: keys.map((k) => ({ header: label(k), cells: data.sessions.flatMap((s) => pair(s, value(s, k))) })),
    footer: [{ header: t("seriesDashboard.total"), cells: data.sessions.flatMap((s) => pair(s, s.attendees)) }],
  };
}

function levelLabel(t: Translate, key: LevelKey): string {
  return key === "ej_angiven" ? t("seriesDashboard.levelNone") : t(`level.${key}`);
}

export function dashboardTable(t: Translate, data: SeriesDashboard, id: TableId): DashTable | null {
  switch (id) {
    case "sektorer":
      return perSessionTable(t, data, id, t("seriesDashboard.sectorsCaption"), t("seriesDashboard.sector"), SECTORS, (s) => t(`sector.${s}`), (s, k) => s.bySector[k]);
    case "yrkesroller":
      return perSessionTable(
        t,
        data,
        id,
        t("seriesDashboard.rolesCaption"),
        t("seriesDashboard.roleCategory"),
        ROLE_CATEGORIES,
        (r) => t(`roleCategory.${r}`),
        (s, k) => s.byRoleCategory[k],
      );
    case "nivaer":
      return perSessionTable(t, data, id, t("seriesDashboard.levelsCaption"), t("seriesDashboard.level"), LEVEL_KEYS, (l) => levelLabel(t, l), (s, k) => s.byLevel[k]);
    case "tratt": {
      const row = (header: string, f: { invited: number; accepted: number; attended: number }): DashRow => ({
        header,
        cells: [
          { kind: "count", value: f.invited },
          { kind: "count", value: f.accepted },
          f.invited > 0 ? { kind: "share", part: f.accepted, whole: f.invited } : { kind: "none", reason: "noShare" },
          { kind: "count", value: f.attended },
          f.accepted > 0 ? { kind: "share", part: f.attended, whole: f.accepted } : { kind: "none", reason: "noShare" },
        ],
      });
      return {
        id,
        caption: t("seriesDashboard.funnelCaption"),
        rowHeader: t("seriesDashboard.sector"),
        columns: [
          t("seriesDashboard.funnelInvited"),
          t("seriesDashboard.funnelAccepted"),
          t("seriesDashboard.funnelAcceptedShare"),
          t("seriesDashboard.funnelAttended"),
          t("seriesDashboard.funnelAttendedShare"),
        ],
        rows: SECTORS.map((s) => row(t(`sector.${s}`), data.funnel.bySector[s])),
        footer: [row(t("seriesDashboard.total"), data.funnel.total)],
      };
    }
    case "bortfall": {
      const drop = data.dropOff;
      if (!drop) return null;
      const first = data.sessions.find((s) => s.key === drop.firstKey)!;
      const last = data.sessions.find((s) => s.key === drop.lastKey)!;
      const row = (header: string, r: { first: number; last: number; count: number }): DashRow => ({
        header,
        cells: [
          { kind: "count", value: r.first },
          { kind: "count", value: r.last },
          { kind: "count", value: r.count },
          r.first > 0 ? { kind: "share", part: r.count, whole: r.first } : { kind: "none", reason: "noShare" },
        ],
      });
      return {
        id,
        caption: t("seriesDashboard.dropOffCaption"),
        rowHeader: t("seriesDashboard.sector"),
        columns: [sessionHeading(t, first), sessionHeading(t, last), t("seriesDashboard.dropOffCount"), t("seriesDashboard.dropOffShare")],
        rows: SECTORS.map((s) => row(t(`sector.${s}`), drop.bySector[s])),
        footer: [row(t("seriesDashboard.total"), drop.total)],
      };
    }
    case "chefer": {
      const m = data.managersAtLastSeminar;
      if (!m) return null;
      const present = m.basis === "present";
      return {
        id,
        caption: present ? t("seriesDashboard.managersCaptionPresent") : t("seriesDashboard.managersCaptionEnrolled"),
        rowHeader: t("seriesDashboard.sector"),
        columns: present
          ? [t("seriesDashboard.managersPeoplePresent"), t("seriesDashboard.managersCount"), t("seriesDashboard.managersPresent")]
          : [t("seriesDashboard.managersPeopleEnrolled"), t("seriesDashboard.managersCount"), t("seriesDashboard.managersEnrolled")],
        rows: SECTORS.map((s) => ({
          header: t(`sector.${s}`),
          cells: [
            { kind: "count", value: m.bySector[s].people },
            { kind: "count", value: m.bySector[s].managers },
            { kind: "text", text: m.bySector[s].managers > 0 ? t("seriesDashboard.yes") : t("seriesDashboard.no") },
          ],
        })),
        footer: [],
      };
    }
    case "ersattare": {
      const figure = (s: DashboardSession, n: number): DashCell => (isHeld(s) ? { kind: "count", value: n } : { kind: "none", reason: s.state as NoFigure });
      return {
        id,
        caption: t("seriesDashboard.extrasCaption"),
        rowHeader: t("seriesDashboard.session"),
        columns: [
          t("seriesDashboard.extrasAttendees"),
          t("seriesDashboard.extrasSubstitutes"),
          t("seriesDashboard.extrasOtherSector"),
          t("seriesDashboard.extrasWalkIns"),
        ],
        rows: data.sessions.map((s) => ({
          header: sessionHeading(t, s),
          cells: [figure(s, s.attendees), figure(s, s.substitutes), figure(s, s.substitutesOtherSector), figure(s, s.walkIns)],
        })),
        footer: [],
      };
    }
    case "forberedelser": {
      // Sessions with something to prepare; the share is of the session's enrolled people and confirmed substitutes.
      const prep = data.preparation;
      if (!prep.length) return null;
      const sessionOf = (key: string) => data.sessions.find((s) => s.key === key)!;
      const pair = (c: PrepCounts): DashCell[] => [
        { kind: "count", value: c.done },
        c.people > 0 ? { kind: "share", part: c.done, whole: c.people } : { kind: "none", reason: "noShare" },
      ];
      return {
        id,
        caption: t("seriesDashboard.prepCaption"),
        rowHeader: t("seriesDashboard.sector"),
        groups: prep.map((p) => ({ label: sessionHeading(t, sessionOf(p.key)), span: 2 })),
        columns: prep.flatMap(() => [t("seriesDashboard.prepDone"), t("seriesDashboard.prepShare")]),
        rows: SECTORS.map((sector) => ({ header: t(`sector.${sector}`), cells: prep.flatMap((p) => pair(p.bySector[sector])) })),
        footer: [{ header: t("seriesDashboard.total"), cells: prep.flatMap((p) => pair(p.total)) }],
      };
    }
  }
}

/**
 * Preparation in one sentence: before the next session that has something to
 * prepare, or else the last one that had.
 */
export function prepSummary(t: Translate, data: SeriesDashboard): string | null {
  const withSession = data.preparation.map((p) => ({ p, s: data.sessions.find((s) => s.key === p.key)! }));
  const pick = withSession.find(({ s }) => s.state === "upcoming") ?? withSession[withSession.length - 1];
  if (!pick) return null;
  const { p, s } = pick;
  return t(s.state === "upcoming" ? "seriesDashboard.prepSummaryUpcoming" : "seriesDashboard.prepSummaryPast", {
    session: sessionName(t, s),
    date: formatDate(s.startsAt),
    done: formatNumber(p.total.done),
    people: formatNumber(p.total.people),
    share: shareText(p.total.done, p.total.people),
  });
}

/** The sessions' sector mix summed up in one sentence, about health care at the last held seminar. */
export function sectorMixSummary(t: Translate, data: SeriesDashboard): string | null {
  const held = data.sessions.filter((s) => s.isSeminar && isHeld(s));
  const last = held[held.length - 1];
  if (!last) return null;
  const count = last.bySector.halso_sjukvard;
  return t("seriesDashboard.sectorsSummary", {
    session: sessionName(t, last),
    date: formatDate(last.startsAt),
    count: formatNumber(count),
    total: formatNumber(last.attendees),
    share: shareText(count, last.attendees),
  });
}

export function funnelSummary(t: Translate, data: SeriesDashboard): string {
  const f = data.funnel.total;
  if (f.invited === 0) return t("seriesDashboard.funnelSummaryEmpty");
  return t("seriesDashboard.funnelSummary", {
    invited: formatNumber(f.invited),
    accepted: formatNumber(f.accepted),
    acceptedShare: shareText(f.accepted, f.invited),
    attended: formatNumber(f.attended),
    attendedShare: shareText(f.attended, f.accepted),
  });
}

/** The core sector that lost the largest share of its first-seminar attendees. */
export function dropOffSummary(t: Translate, data: SeriesDashboard): string | null {
  const drop = data.dropOff;
  if (!drop) return null;
  const first = data.sessions.find((s) => s.key === drop.firstKey)!;
  const last = data.sessions.find((s) => s.key === drop.lastKey)!;
  const names = { first: sessionName(t, first), last: sessionName(t, last) };
  let worst: Sector | null = null;
  for (const sector of CORE_SECTORS) {
    const r = drop.bySector[sector];
    if (r.share === null || r.count <= 0) continue;
    const w = worst ? drop.bySector[worst] : null;
    if (!w || r.share > w.share! || (r.share === w.share && r.count > w.count)) worst = sector;
  }
  if (!worst) return t("seriesDashboard.dropOffSummaryNone", names);
  const r = drop.bySector[worst];
  return t("seriesDashboard.dropOffSummary", {
    sector: t(`sector.${worst}`),
    firstCount: formatNumber(r.first),
    lastCount: formatNumber(r.last),
    share: shareText(r.count, r.first),
    ...names,
  });
}

/** An alert as the problem and the next step, in the user's language. */
export function alertText(t: Translate, alert: SeriesAlert, sessions: DashboardSession[]): { problem: string; next: string } {
  const session = sessions.find((s) => s.key === alert.sessionKey)!;
  const at = { session: sessionName(t, session), date: formatDate(session.startsAt) };
  const sector = "sector" in alert && alert.sector !== "total" ? alert.sector : null;
  const p: Record<string, string> = sector
    ? { ...at, sector: t(`sector.${sector}`), sectorLower: t(`seriesDashboard.sectorLower.${sector}`) }
    : at;
  switch (alert.code) {
    case "notRecorded":
    case "sectorMissing":
    case "healthMissingHeld":
    case "healthMissingUpcoming":
    case "noManagersHeld":
    case "noManagersUpcoming":
      return { problem: t(`seriesDashboard.alert.${alert.code}`, p), next: t(`seriesDashboard.next.${alert.code}`, p) };
    case "belowTargetCount":
      return {
        problem: t("seriesDashboard.alert.belowTargetCount", { ...p, actual: formatNumber(alert.actual), target: formatNumber(alert.target) }),
        next: t("seriesDashboard.next.belowTarget", p),
      };
    case "belowTargetShare":
      return {
        problem: t("seriesDashboard.alert.belowTargetShare", {
          ...p,
          actual: formatNumber(alert.actual),
          attendees: formatNumber(alert.attendees),
          share: shareText(alert.actual, alert.attendees),
          target: formatPercent(alert.targetPercent / 100),
        }),
        next: t("seriesDashboard.next.belowTarget", p),
      };
    case "dropOff": {
      const first = sessions.find((s) => s.key === alert.firstKey)!;
      return {
        problem: t("seriesDashboard.alert.dropOff", {
          sector: alert.sector === "total" ? t("seriesDashboard.total") : t(`sector.${alert.sector}`),
          first: formatNumber(alert.first),
          last: formatNumber(alert.last),
          firstSession: sessionName(t, first),
          lastSession: sessionName(t, session),
          share: shareText(alert.first - alert.last, alert.first),
          threshold: formatPercent(alert.thresholdPercent / 100),
        }),
        next: t("seriesDashboard.next.dropOff"),
      };
    }
  }
}
