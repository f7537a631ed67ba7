/**
 * The series dashboard: who came to each session (sector, role category,
 * level), the funnel from invitation to attendance, the drop-off, managers at
 * the last seminar, substitutes, preparation done before each session, and
 * alerts that say what to do next.
 * For process leaders and the series' coordinators (the "attendance" read
 * permission); sponsors get 403, other municipalities' coordinators 404.
 * Every table also downloads as CSV (serier.$seriesId.oversikt_.$file) and the
 * whole dashboard is JSON at serier.$seriesId.oversikt[.]json.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChartFigure } from "~/components/chart-figure";
import { DashboardTable } from "~/components/dashboard-table";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { columnLabel } from "~/lib/attendance-report-labels";
import { SECTOR_COLOURS } from "~/lib/chart-colours";
import { formatDate, formatNumber, formatPercent, formatTime } from "~/lib/format";
import { requireSeriesPermission } from "~/lib/permissions.server";
import type { SeriesDashboard } from "~/lib/series-dashboard";
import { seriesDashboard } from "~/lib/series-dashboard.server";
import {
  alertText,
  dashboardTable,
  dropOffSummary,
  funnelSummary,
  prepSummary,
  sectorMixSummary,
  sessionHeading,
  sessionName,
  type TableId,
} from "~/lib/series-dashboard-tables";
import { getSeries } from "~/models/series.server";
import { SECTORS } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Processtöd` : "Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Process leaders and the series' own coordinators see every participant by
  // name already, so the dashboard shows exact counts with no small-cell
  // suppression; sponsors (who may not) are refused here with 403.
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "attendance");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  return {
    series: { id: series.id, name: series.name, term: series.term, status: series.status },
    title: t("seriesDashboard.title", { series: series.name }),
    dashboard: seriesDashboard({ seriesId, seriesStatus: series.status, scope }),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function csvHref(seriesId: number, id: TableId) {
  return `/serier/${seriesId}/oversikt/${id}.csv`;
}

function Table({ data, id }: { data: Data; id: TableId }) {
  const t = useT();
  const table = dashboardTable(t, data.dashboard, id);
  if (!table) return null;
  return <DashboardTable table={table} csvHref={csvHref(data.series.id, id)} csvName={t(`seriesDashboard.csvName.${id}`)} />;
}

function Alerts({ dashboard }: { dashboard: SeriesDashboard }) {
  const t = useT();
  return (
    <section aria-labelledby="alerts-title" className="dashboard-alerts">
      <h2 id="alerts-title">{t("seriesDashboard.alertsTitle")}</h2>
      <div role="status">
        {dashboard.alerts.length === 0 ? (
          <p className="notice notice--ok">{t("seriesDashboard.alertsNone")}</p>
        ) : (
          <ul className="dashboard-alert-list" aria-labelledby="alerts-title">
            {dashboard.alerts.map((alert, i) => {
              const { problem, next } = alertText(t, alert, dashboard.sessions);
              return (
                <li key={i} className={`notice notice--${alert.severity} dashboard-alert`} data-code={alert.code}>
                  <span className="dashboard-alert__severity">{t(`seriesDashboard.severity.${alert.severity}`)}:</span>{" "}
                  <strong>{problem}</strong> {next}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}

function SectorMix({ data }: { data: Data }) {
  const t = useT();
  const held = data.dashboard.sessions.filter((s) => s.state === "held");
  const summary = sectorMixSummary(t, data.dashboard);
  const table = <Table data={data} id="sektorer" />;
  if (!held.length || !summary) {
    return (
      <>
        <p className="empty">{t("seriesDashboard.noneHeld")}</p>
        {table}
      </>
    );
  }
  return (
    <ChartFigure
      id="chart-sectors"
      title={t("seriesDashboard.sectorsChart")}
      summary={summary}
      kind="stacked-bar"
      labels={held.map((s) => columnLabel(t, s))}
      series={SECTORS.map((sector) => ({
        label: t(`sector.${sector}`),
        values: held.map((s) => s.bySector[sector]),
        colour: SECTOR_COLOURS[sector],
      }))}
      table={table}
    />
  );
}

function Funnel({ data }: { data: Data }) {
  const t = useT();
  const { funnel } = data.dashboard;
  return (
    <>
      <p className="dashboard-definition">{t("seriesDashboard.funnelDefinition")}</p>
      <ChartFigure
        id="chart-funnel"
        title={t("seriesDashboard.funnelChart")}
        summary={funnelSummary(t, data.dashboard)}
        kind="horizontal-bar"
        labels={SECTORS.map((s) => t(`sector.${s}`))}
        series={[
          { label: t("seriesDashboard.funnelInvited"), values: SECTORS.map((s) => funnel.bySector[s].invited) },
          { label: t("seriesDashboard.funnelAccepted"), values: SECTORS.map((s) => funnel.bySector[s].accepted) },
          { label: t("seriesDashboard.funnelAttended"), values: SECTORS.map((s) => funnel.bySector[s].attended) },
        ]}
        height={340}
        table={<Table data={data} id="tratt" />}
      />
    </>
  );
}

function DropOff({ data }: { data: Data }) {
  const t = useT();
  const drop = data.dashboard.dropOff;
  const summary = dropOffSummary(t, data.dashboard);
  if (!drop || !summary) return <p className="empty">{t("seriesDashboard.dropOffTooFew")}</p>;
  const first = data.dashboard.sessions.find((s) => s.key === drop.firstKey)!;
  const last = data.dashboard.sessions.find((s) => s.key === drop.lastKey)!;
  return (
    <>
      <p>{t("seriesDashboard.dropOffIntro", { threshold: formatPercent(data.dashboard.dropOffAlertPercent / 100) })}</p>
      <ChartFigure
        id="chart-drop-off"
        title={t("seriesDashboard.dropOffChart")}
        summary={summary}
        kind="bar"
        labels={SECTORS.map((s) => t(`sector.${s}`))}
        series={[
          { label: sessionHeading(t, first), values: SECTORS.map((s) => drop.bySector[s].first) },
          { label: sessionHeading(t, last), values: SECTORS.map((s) => drop.bySector[s].last) },
        ]}
        table={<Table data={data} id="bortfall" />}
      />
    </>
  );
}

function Managers({ data }: { data: Data }) {
  const t = useT();
  const { dashboard } = data;
  const last = dashboard.sessions.find((s) => s.key === dashboard.lastSeminarKey);
  if (!last) return <p className="empty">{t("seriesDashboard.managersNoSeminar")}</p>;
  const m = dashboard.managersAtLastSeminar;
  if (!m) return <p className="empty">{t("seriesDashboard.managersNone")}</p>;
  const date = formatDate(last.startsAt);
  return (
    <>
      <p>
        {m.basis === "present"
          ? t("seriesDashboard.managersIntroPresent", { session: sessionName(t, last), date })
          : t("seriesDashboard.managersIntroEnrolled", { session: columnLabel(t, last), date })}
      </p>
      <Table data={data} id="chefer" />
    </>
  );
}

/** Share of each session's people done with their preparation (participant portal), per sector. */
function Preparation({ data }: { data: Data }) {
  const t = useT();
  const summary = prepSummary(t, data.dashboard);
  if (!summary) return <p className="empty">{t("seriesDashboard.prepNone")}</p>;
  return (
    <>
      <p>{t("seriesDashboard.prepIntro")}</p>
      <p className="dashboard-prep-summary">{summary}</p>
      <Table data={data} id="forberedelser" />
    </>
  );
}

export default function SeriesDashboardPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { series, dashboard } = data;
  return (
    <div className="series-dashboard">
      <p className="print-hidden">
        <Link to={`/serier/${series.id}`}>{t("seriesDashboard.back")}</Link>
      </p>
      <div className="page-title">
        <h1>{data.title}</h1>
        <p className="link-row print-hidden dashboard-actions">
          <PrintButton />
          <a href={`/serier/${series.id}/oversikt.json`}>{t("seriesDashboard.json")}</a>
        </p>
      </div>
      <p className="lead">{t("seriesDashboard.intro")}</p>

      <Alerts dashboard={dashboard} />

      <h2 id="sessions-title">{t("seriesDashboard.sessionsTitle")}</h2>
      <ul className="plain-list" aria-labelledby="sessions-title">
        {dashboard.sessions.map((s) => (
          <li key={s.key}>
            <strong>{columnLabel(t, s)}:</strong> {s.title}, {formatDate(s.startsAt)} {formatTime(s.startsAt)} (
            {t(`seriesDashboard.state.${s.state}`)}
            {s.state === "held" ? `, ${t("seriesDashboard.attendeesOf", { count: formatNumber(s.attendees) })}` : ""}
            {s.isLastSeminar ? `, ${t("seriesDashboard.lastSeminar")}` : ""})
          </li>
        ))}
      </ul>

      <h2>{t("seriesDashboard.sectorsTitle")}</h2>
      <SectorMix data={data} />

      <h2>{t("seriesDashboard.rolesTitle")}</h2>
      <Table data={data} id="yrkesroller" />

      <h2>{t("seriesDashboard.levelsTitle")}</h2>
      <Table data={data} id="nivaer" />

      <h2>{t("seriesDashboard.funnelTitle")}</h2>
      <Funnel data={data} />

      <h2>{t("seriesDashboard.dropOffTitle")}</h2>
      <DropOff data={data} />

      <h2>{t("seriesDashboard.managersTitle")}</h2>
      <Managers data={data} />

      <h2>{t("seriesDashboard.extrasTitle")}</h2>
      <Table data={data} id="ersattare" />

      <h2>{t("seriesDashboard.prepTitle")}</h2>
      <Preparation data={data} />

      <h2>{t("seriesDashboard.definitionsTitle")}</h2>
      <ul className="dashboard-definitions">
        <li>{t("seriesDashboard.definitionPresent")}</li>
        <li>{t("seriesDashboard.definitionHeld")}</li>
        <li>{t("seriesDashboard.definitionPrep")}</li>
        <li>{t("seriesDashboard.definitionAlerts")}</li>
      </ul>
    </div>
  );
}

/** Opens the print dialog; without JavaScript the browser's own Print does the same. */
function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="button button--secondary" onClick={() => window.print()}>
      {t("seriesDashboard.print")}
    </button>
  );
}
