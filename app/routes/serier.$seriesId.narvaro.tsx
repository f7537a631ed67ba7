import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { cellNote, columnLabel } from "~/lib/attendance-report-labels";
import { seriesAttendanceReport, type ContinuityRow } from "~/lib/attendance-report.server";
import { formatDate, formatNumber, formatTime } from "~/lib/format";
import { can, requireSeriesPermission } from "~/lib/permissions.server";
import { getSeries } from "~/models/series.server";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Processtöd` : "Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "attendance");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const t = await getTranslator(request);
  const report = seriesAttendanceReport({ seriesId });
  return {
    series: { id: series.id, name: series.name },
    canImport: can(user, "update", "attendance"),
    title: t("attendanceReport.title", { series: series.name }),
    ...report,
    // Only what the page shows: no e-mail addresses in the page data.
    people: report.people.map(({ email: _email, ...person }) => person),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Column = Data["columns"][number];
type Cell = Data["people"][number]["cells"][string];

function ColumnHeader({ column }: { column: Column }) {
  const t = useT();
  return (
    <th scope="col" className="num">
      {columnLabel(t, column)}
      <span className="matrix-date">{formatDate(column.startsAt)}</span>
    </th>
  );
}

/** A count, or a dash for a session that has not taken place and has nobody marked. */
function CountCell({ column, value, total }: { column: Column; value: number; total: number }) {
  const t = useT();
  if (!column.held && total === 0) {
    return (
      <td className="num">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t("attendanceReport.notHeldCell")}</span>
      </td>
    );
  }
  return <td className="num">{formatNumber(value)}</td>;
}

function SummaryTable() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { summary, columns } = data;
  return (
    <TableWrap label={t("attendanceReport.summaryCaption")}>
      <table>
        <caption>{t("attendanceReport.summaryCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("attendanceReport.sector")}</th>
            {columns.map((c) => (
              <ColumnHeader key={c.key} column={c} />
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.bySector.map((row) => (
            <tr key={row.sector}>
              <th scope="row">{t(`sector.${row.sector}`)}</th>
              {columns.map((c) => (
                <CountCell key={c.key} column={c} value={row.counts[c.key]} total={summary.total[c.key]} />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("attendanceReport.total")}</th>
            {columns.map((c) => (
              <CountCell key={c.key} column={c} value={summary.total[c.key]} total={summary.total[c.key]} />
            ))}
          </tr>
          <tr className="summary-extra">
            <th scope="row">{t("attendanceReport.substitutesRow")}</th>
            {columns.map((c) => (
              <CountCell key={c.key} column={c} value={summary.substitutes[c.key]} total={summary.total[c.key]} />
            ))}
          </tr>
          <tr className="summary-extra">
            <th scope="row">{t("attendanceReport.walkInsRow")}</th>
            {columns.map((c) => (
              <CountCell key={c.key} column={c} value={summary.walkIns[c.key]} total={summary.total[c.key]} />
            ))}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

function DropOff() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { dropOff } = data;
  if (!dropOff) {
    return <p className="empty">{t("attendanceReport.dropOffTooFew", { held: data.seminarsHeld })}</p>;
  }
  const first = data.columns.find((c) => c.key === dropOff.firstKey)!;
  const last = data.columns.find((c) => c.key === dropOff.lastKey)!;
  const firstLabel = columnLabel(t, first);
  const lastLabel = columnLabel(t, last);
  const rowHeader = (sector: (typeof dropOff.rows)[number]["sector"]) =>
    sector === "total" ? t("attendanceReport.total") : t(`sector.${sector}`);
  const body = dropOff.rows.filter((r) => r.sector !== "total");
  const total = dropOff.rows.find((r) => r.sector === "total")!;
  const cells = (r: (typeof dropOff.rows)[number]) => (
    <>
      <td className="num">{formatNumber(r.first)}</td>
      <td className="num">{formatNumber(r.last)}</td>
      <td className="num">{formatNumber(r.count)}</td>
      <td className="num">
        {r.percent ?? (
          <>
            <span aria-hidden="true">–</span>
            <span className="visually-hidden">{t("attendanceReport.noShare")}</span>
          </>
        )}
      </td>
    </>
  );
  return (
    <>
      <p>
        {t("attendanceReport.dropOffIntro", {
          first: `${firstLabel} (${formatDate(first.startsAt)})`,
          last: `${lastLabel} (${formatDate(last.startsAt)})`,
        })}
      </p>
      <TableWrap label={t("attendanceReport.dropOffCaption")}>
        <table id="drop-off">
          <caption>{t("attendanceReport.dropOffCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("attendanceReport.sector")}</th>
              <th scope="col" className="num">
                {t("attendanceReport.dropOffFirst", { label: firstLabel })}
              </th>
              <th scope="col" className="num">
                {t("attendanceReport.dropOffLast", { label: lastLabel })}
              </th>
              <th scope="col" className="num">
                {t("attendanceReport.dropOffCount")}
              </th>
              <th scope="col" className="num">
                {t("attendanceReport.dropOffShare")}
              </th>
            </tr>
          </thead>
          <tbody>
            {body.map((r) => (
              <tr key={r.sector}>
                <th scope="row">{rowHeader(r.sector)}</th>
                {cells(r)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{rowHeader("total")}</th>
              {cells(total)}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </>
  );
}

/** "3 av 6 platser (50,0 %)"; "0 av 1 plats (0,0 %)" when there is one. */
function figure(t: Translate, kind: "seats" | "people", count: number, total: number, percent: string | null) {
  const key =
    kind === "seats"
      ? total === 1
        ? "attendanceReport.ofSeat"
        : "attendanceReport.ofSeats"
      : total === 1
      ? "attendanceReport.ofPerson"
      : "attendanceReport.ofPeople";
  return t(key, { count: formatNumber(count), total: formatNumber(total), percent: percent ?? "–" });
}

function ContinuitySection() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { total, bySector } = data.continuity;
  if (data.seminarsHeld === 0) return <p className="empty">{t("attendanceReport.continuityNone")}</p>;
  const seats = (r: ContinuityRow) => figure(t, "seats", r.seatsFilledEvery, r.seats, r.seatPercent);
  const persons = (r: ContinuityRow) => figure(t, "people", r.peopleAttendedEvery, r.seats, r.personPercent);
  return (
    <>
      <p>
        {t("attendanceReport.continuityIntro", {
          held: data.seminarsHeld,
          seats: formatNumber(total.seats),
        })}
      </p>
      <dl className="continuity" id="continuity-total">
        <div>
          <dt>{t("attendanceReport.seatContinuity")}</dt>
          <dd>
            <span className="continuity__value" data-testid="seat-continuity">
              {seats(total)}
            </span>
            <span className="help">{t("attendanceReport.seatExplain")}</span>
          </dd>
        </div>
        <div>
          <dt>{t("attendanceReport.personContinuity")}</dt>
          <dd>
            <span className="continuity__value" data-testid="person-continuity">
              {persons(total)}
            </span>
            <span className="help">{t("attendanceReport.personExplain")}</span>
          </dd>
        </div>
      </dl>
      <TableWrap label={t("attendanceReport.continuityCaption")}>
        <table id="continuity-by-sector">
          <caption>{t("attendanceReport.continuityCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("attendanceReport.sector")}</th>
              <th scope="col">{t("attendanceReport.seatContinuity")}</th>
              <th scope="col">{t("attendanceReport.personContinuity")}</th>
            </tr>
          </thead>
          <tbody>
            {bySector.map((r) => (
              <tr key={r.sector}>
                <th scope="row">{t(`sector.${r.sector as Exclude<typeof r.sector, "total">}`)}</th>
                <td>{seats(r)}</td>
                <td>{persons(r)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("attendanceReport.total")}</th>
              <td>{seats(total)}</td>
              <td>{persons(total)}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </>
  );
}

function StatusCell({ cell }: { cell: Cell | undefined }) {
  const t = useT();
  const status: AttendanceStatus | "none" = cell?.status ?? "none";
  const full = t(`attendanceStatus.${status}`);
  const note = cell ? cellNote(t, cell) : null;
  return (
    <td className="matrix-cell">
      <span className={`matrix-status matrix-status--${status}`} aria-hidden="true" title={full}>
        {t(`attendanceReport.abbr.${status}`)}
      </span>
      <span className="visually-hidden">{full}</span>
      {note ? <span className="matrix-note">{note}</span> : null}
    </td>
  );
}

function Matrix() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  if (data.people.length === 0) return <p className="empty">{t("attendanceReport.matrixEmpty")}</p>;
  return (
    <>
      <div className="legend">
        <h3 id="legend-title">{t("attendanceReport.legendTitle")}</h3>
        <dl aria-labelledby="legend-title">
          {[...ATTENDANCE_STATUSES, "none" as const].map((s) => (
            <div key={s}>
              <dt>
                <span className={`matrix-status matrix-status--${s}`}>{t(`attendanceReport.abbr.${s}`)}</span>
              </dt>
              <dd>{t(`attendanceStatus.${s}`)}</dd>
            </div>
          ))}
        </dl>
      </div>
      <TableWrap label={t("attendanceReport.matrixRegion")}>
        <table className="matrix" id="matrix">
          <caption>
            {t("attendanceReport.matrixCaption", {
              count: formatNumber(data.people.length),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="matrix-name">
                {t("attendanceReport.name")}
              </th>
              <th scope="col">{t("attendanceReport.organisation")}</th>
              <th scope="col">{t("attendanceReport.sector")}</th>
              {data.columns.map((c) => (
                <th key={c.key} scope="col">
                  {columnLabel(t, c)}
                  <span className="matrix-date">{formatDate(c.startsAt)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.people.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="matrix-name">
                  {p.name}
                  {p.enrolled ? null : <span className="matrix-note">{t("attendanceReport.notEnrolled")}</span>}
                </th>
                <td>{p.organisation ?? ""}</td>
                <td>{t(`sector.${p.sector}`)}</td>
                {data.columns.map((c) => (
                  <StatusCell key={c.key} cell={p.cells[c.key]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

export default function AttendanceReportPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { series } = data;
  return (
    <>
      <p className="print-hidden">
        <Link to={`/serier/${series.id}`}>{t("attendanceReport.back")}</Link>
      </p>
      <div className="page-title">
        <h1>{t("attendanceReport.title", { series: series.name })}</h1>
        <a className="button button--secondary" href={`/serier/${series.id}/narvaro.csv`} download>
          {t("attendanceReport.exportCsv")}
        </a>
      </div>
      <p className="lead">{t("attendanceReport.intro")}</p>
      {data.canImport ? (
        <p className="print-hidden">
          <Link to={`/serier/${series.id}/narvaro/import`}>{t("attendanceReport.importLink")}</Link>
        </p>
      ) : null}

      <h2 id="sessions-title">{t("attendanceReport.sessionsTitle")}</h2>
      <ul className="plain-list" aria-labelledby="sessions-title">
        {data.columns.map((c) => (
          <li key={c.key}>
            <strong>{columnLabel(t, c)}:</strong> {c.title}, {formatDate(c.startsAt)} {formatTime(c.startsAt)}
            {c.held ? "" : ` (${t("attendanceReport.notHeld")})`}
            <span className="link-row print-hidden">
              {c.kind === "session" ? (
                <>
                  <Link to={`/serier/${series.id}/tillfallen/${c.id}/narvaro`}>
                    {t("attendanceReport.rosterLink")}
                    <span className="visually-hidden">, {columnLabel(t, c)}</span>
                  </Link>
                  <Link to={`/serier/${series.id}/tillfallen/${c.id}/narvarolista`}>
                    {t("attendanceReport.sheetLink")}
                    <span className="visually-hidden">, {columnLabel(t, c)}</span>
                  </Link>
                </>
              ) : (
                <Link to={`/utbyten/${c.id}/narvarolista`}>
                  {t("attendanceReport.sheetLink")}
                  <span className="visually-hidden">, {columnLabel(t, c)}</span>
                </Link>
              )}
            </span>
          </li>
        ))}
      </ul>

      <h2>{t("attendanceReport.summaryTitle")}</h2>
      <SummaryTable />

      <h2>{t("attendanceReport.dropOffTitle")}</h2>
      <DropOff />

      <h2>{t("attendanceReport.continuityTitle")}</h2>
      <ContinuitySection />

      <h2>{t("attendanceReport.matrixTitle")}</h2>
      <Matrix />
    </>
  );
}
