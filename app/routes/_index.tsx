import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { gapText } from "~/components/representation";
import { SectorTable } from "~/components/sector-table";
import { StatusBadge } from "~/components/status-badge";
import { useT } from "~/i18n";
import { formatDate, formatNumber, formatTime, isoWeek } from "~/lib/format";
import { can, requireUserWithPermission } from "~/lib/permissions.server";
import { computeGaps } from "~/lib/representation";
import { sectorFigures } from "~/lib/sectors.server";
import { getTargets, sectorCounts } from "~/models/representation.server";
import { attendanceBySector, countSeriesByStatus, listSeries, listUpcomingSessions } from "~/models/series.server";
import { organisationNames } from "~/models/organisation.server";
import { SERIES_STATUSES } from "../../db/schema";
import { TableWrap } from "~/components/table-wrap";

export const meta: MetaFunction = () => [{ title: "Start – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "read", "series");
  const upcoming = listUpcomingSessions({ scope });
  const statusCounts = countSeriesByStatus({ scope });
  const byStatus = SERIES_STATUSES.map((status) => ({
    status,
    count: statusCounts.find((s) => s.status === status)?.count ?? 0,
  }));
  if (user.role === "coordinator") {
    return {
      view: "coordinator" as const,
      organisations: organisationNames({ organisationIds: user.organisationIds }),
      series: listSeries({ scope }).map((s) => ({
        ...s,
        // Gaps matter while there is still time to act: before and during the series.
        gaps: s.status === "utkast" || s.status === "planerad" || s.status === "pagaende" ? seriesGaps(s.id) : [],
      })),
      upcoming,
    };
  }
  const showAttendance = can(user, "read", "aggregates");
  return {
    view: user.role === "admin" ? ("admin" as const) : ("sponsor" as const),
    byStatus,
    upcoming,
    // Sponsors get suppressed figures; the hiding happens here, on the server.
    attendance: showAttendance ? sectorFigures(attendanceBySector({ scope }), { suppress: user.role === "sponsor" }) : null,
  };
}

function seriesGaps(seriesId: number) {
  const { targets, requireManager } = getTargets({ seriesId });
  return computeGaps({ counts: sectorCounts({ seriesId }), targets, requireManager });
}

function UpcomingSessions({ sessions }: { sessions: ReturnType<typeof listUpcomingSessions> }) {
  const t = useT();
  if (sessions.length === 0) return <p className="empty">{t("start.upcomingEmpty")}</p>;
  return (
    <TableWrap label={t("start.upcoming")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("series.date")}</th>
            <th scope="col">{t("series.week")}</th>
            <th scope="col">{t("series.time")}</th>
            <th scope="col">{t("series.session")}</th>
            <th scope="col">{t("series.name")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>{formatDate(s.startsAt)}</td>
              <td>{t("series.weekShort", { week: isoWeek(s.startsAt) })}</td>
              <td>
                {formatTime(s.startsAt)}–{formatTime(s.endsAt)}
              </td>
              <td>{s.title}</td>
              <td>
                <Link to={`/serier/${s.seriesId}`}>{s.seriesName}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function Start() {
  const data = useLoaderData<typeof loader>();
  const t = useT();

  if (data.view === "coordinator") {
    return (
      <>
        <h1>{t("start.coordinatorTitle")}</h1>
        <p className="lead">{t("start.coordinatorIntro", { organisations: data.organisations.join(", ") })}</p>
        {data.series.length === 0 ? (
          <p className="empty">{t("series.emptyCoordinator", { organisations: data.organisations.join(", ") })}</p>
        ) : (
          <div className="grid">
            {data.series.map((s) => (
              <section key={s.id} className="card" aria-labelledby={`series-${s.id}`}>
                <h2 id={`series-${s.id}`}>
                  <Link to={`/serier/${s.id}`}>{s.name}</Link>
                </h2>
                <p>
                  <StatusBadge status={s.status} /> {s.term}
                </p>
                {s.gaps.length ? (
                  <div className="notice notice--warn" role="note">
                    <ul>
                      {s.gaps.map((gap, i) => (
                        <li key={i}>{gapText(gap, t)}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <dl className="meta-list">
                  <dt>{t("series.participants")}</dt>
                  <dd>{formatNumber(s.participants)}</dd>
                  <dt>{t("series.nextSession")}</dt>
                  <dd>{s.nextSessionAt ? formatDate(s.nextSessionAt) : t("series.none")}</dd>
                </dl>
              </section>
            ))}
          </div>
        )}
        <h2>{t("start.upcoming")}</h2>
        <UpcomingSessions sessions={data.upcoming} />
      </>
    );
  }

  const isAdmin = data.view === "admin";
  const noSeries = data.byStatus.every((s) => s.count === 0);
  return (
    <>
      <h1>{isAdmin ? t("start.adminTitle") : t("start.sponsorTitle")}</h1>
      <p className="lead">{isAdmin ? t("start.adminIntro") : t("start.sponsorIntro")}</p>
      {data.attendance ? (
        <p>
          <Link to="/lan">{t("countyDashboard.startLink")}</Link>
        </p>
      ) : null}
      {noSeries ? (
        <p className="empty">{isAdmin ? t("start.adminNoSeries") : t("series.emptySponsor")}</p>
      ) : null}
      <h2>{t("start.seriesByStatus")}</h2>
      <ul className="stat-list">
        {data.byStatus.map((s) => (
          <li key={s.status}>
            <span className="stat-value">{formatNumber(s.count)}</span>
            <span className="stat-label">{t(`seriesStatus.${s.status}`)}</span>
          </li>
        ))}
      </ul>
      <h2>{t("start.upcoming")}</h2>
      <UpcomingSessions sessions={data.upcoming} />
      {data.attendance ? (
        <>
          <h2>{t("start.attendanceBySector")}</h2>
          {data.attendance.total === 0 ? (
            <p className="empty">{t("start.attendanceEmpty")}</p>
          ) : (
            <SectorTable caption={t("start.attendanceBySectorCaption")} figures={data.attendance} />
          )}
        </>
      ) : null}
      {isAdmin ? (
        <>
          <h2>{t("start.nextSteps")}</h2>
          <ul>
            <li>
              <Link to="/serier">{t("start.openSeries")}</Link>
            </li>
            <li>
              <Link to="/personal">{t("start.openStaff")}</Link>
            </li>
            <li>
              <Link to="/utkorg">{t("start.openOutbox")}</Link>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}
