import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { fileProblemText } from "~/components/file-problem";
import { ImportAlerts, ImportConfirmation, rowsToShow, ShowingFirst } from "~/components/import-preview";
import { TableWrap } from "~/components/table-wrap";
import { useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { buildAttendancePreview } from "~/lib/attendance-import.server";
import { attendanceColumnLabel, type AttendancePreviewRow } from "~/lib/attendance-rows";
import { formatDate, formatNumber } from "~/lib/format";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { getPendingAttendanceImport, importAttendance, importOccasions } from "~/models/attendance-import.server";
import { ImportAlreadyDoneError } from "~/models/participant.server";
import { getSeries } from "~/models/series.server";
import { staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Förhandsvisning av närvaroimport – Processtöd" }];

/** The pending attendance import of a series this user may mark; anything else is 404. */
async function requireImport(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireSeriesPermission(request, params.seriesId, "update", "attendance");
  const pending = getPendingAttendanceImport({ seriesId: access.seriesId, importId: Number(params.importId) || 0 });
  if (!pending) throw json({ message: "not-found" }, { status: 404 });
  return { ...access, pending };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId, pending } = await requireImport(request, params);
  const t = await getTranslator(request);
  const series = getSeries({ seriesId, scope })!;
  const { sessions, exchange } = importOccasions({ seriesId });
  const base = {
    series: { id: series.id, name: series.name },
    fileName: pending.fileName,
    done: !!pending.importedAt,
    sessionDates: Object.fromEntries(sessions.map((s) => [s.position, formatDate(s.startsAt)])) as Record<number, string>,
    exchangeDate: exchange ? formatDate(exchange.startsAt) : null,
  };
  const preview = buildAttendancePreview({ seriesId, text: pending.content });
  if (!preview.ok) return { ...base, problem: fileProblemText(preview.problem, t, attendanceColumnLabel), rows: [], total: 0, counts: null };
  // All rows with errors, and the first rows otherwise: a long file stays readable.
  const rows = rowsToShow(preview.rows, (r) => r.outcome === "error", preview.counts.error);
  return { ...base, problem: null, rows, total: preview.rows.length, counts: preview.counts };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, seriesId, pending } = await requireImport(request, params);
  const t = await getTranslator(request);
  if (pending.importedAt) return json({ error: t("attendanceImport.alreadyDone") }, { status: 400 });
  // Checked again on the current data; nothing awaits between the check and the write.
  const preview = buildAttendancePreview({ seriesId, text: pending.content });
  if (!preview.ok || preview.counts.error > 0) return json({ error: t("attendanceImport.fixErrors") }, { status: 400 });
  try {
    const written = importAttendance({ importId: pending.id, writes: preview.writes, userId: user.id, seriesId, audit: staffAudit(user, context) });
    return redirect(`/serier/${seriesId}/narvaro/import/${pending.id}?sparade=${written}`);
  } catch (error) {
    if (error instanceof ImportAlreadyDoneError) return json({ error: t("attendanceImport.alreadyDone") }, { status: 400 });
    throw error;
  }
}

export default function AttendanceImportPreview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const importable = data.counts ? data.counts.new + data.counts.change : 0;
  const title = t("attendanceImport.previewTitle", { file: data.fileName });
  return (
    <>
      <p>
        <Link to={`/serier/${data.series.id}/narvaro`}>← {t("attendanceImport.back")}</Link>
      </p>
      <h1>{title}</h1>
      <ImportDone />
      <ImportAlerts problem={data.problem} error={actionData?.error} />
      {data.counts ? (
        <p>
          {t("attendanceImport.summary", {
            rows: formatNumber(data.total),
            new: formatNumber(data.counts.new),
            change: formatNumber(data.counts.change),
            unchanged: formatNumber(data.counts.unchanged),
            errors: formatNumber(data.counts.error),
          })}
        </p>
      ) : null}
      <ImportConfirmation
        done={data.done}
        readable={data.counts !== null}
        errors={data.counts?.error ?? 0}
        fixErrors={t("attendanceImport.fixErrors")}
        uploadAgainTo={`/serier/${data.series.id}/narvaro/import`}
        confirmLabel={t("attendanceImport.confirm", { count: formatNumber(importable) })}
        importingLabel={t("attendanceImport.importing")}
      />
      <ShowingFirst shown={data.rows.length} total={data.total} />
      {data.rows.length > 0 ? (
        <TableWrap label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("import.line")}</th>
                <th scope="col">{t("attendanceImport.outcome")}</th>
                <th scope="col">{t("attendanceImport.person")}</th>
                <th scope="col">{t("attendanceImport.session")}</th>
                <th scope="col">{t("attendanceImport.status")}</th>
                <th scope="col">{t("attendanceImport.substituteFor")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.line} className={row.outcome === "error" ? "row-error" : undefined}>
                  <td className="num">{row.line}</td>
                  <td>
                    {outcomeText(row, t)}
                    {row.errors.length ? (
                      <ul className="row-errors">
                        {row.errors.map((e) => (
                          <li key={e.key}>{t(e.key, e.params)}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>
                    {row.name ? <div>{row.name}</div> : null}
                    <div>{row.email}</div>
                  </td>
                  <td className="nowrap">{sessionText(row, data, t)}</td>
                  <td>
                    {row.status ? t(`attendanceStatus.${row.status}`) : row.errors.length ? null : "–"}
                    {row.replacedOnLine !== null ? ` (${t("attendanceImport.replacedOnLine", { line: row.replacedOnLine })})` : null}
                  </td>
                  <td>
                    {row.substituteFor ? (
                      <>
                        {row.substituteFor.name ? <div>{row.substituteFor.name}</div> : null}
                        <div>{row.substituteFor.email}</div>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}

function outcomeText(row: Pick<AttendancePreviewRow, "outcome" | "previous">, t: Translate): string {
  switch (row.outcome) {
    case "new":
      return t("attendanceImport.outcomeNew");
    case "change":
      return t("attendanceImport.outcomeChange", { previous: row.previous ? t(`attendanceStatus.${row.previous}`) : t("attendanceStatus.none") });
    case "unchanged":
      return t("attendanceImport.outcomeUnchanged");
    case "error":
      return t("attendanceImport.outcomeError");
  }
}

function sessionText(
  row: Pick<AttendancePreviewRow, "session" | "sessionText">,
  dates: { sessionDates: Record<number, string>; exchangeDate: string | null },
  t: Translate,
): string {
  if (row.session?.kind === "seminar") {
    const date = dates.sessionDates[row.session.position];
    return date ? `${row.session.position} (${date})` : String(row.session.position);
  }
  if (row.session?.kind === "exchange") return dates.exchangeDate ? `${t("attendanceImport.exchange")} (${dates.exchangeDate})` : t("attendanceImport.exchange");
  return row.sessionText;
}

function ImportDone() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  if (!data.done) return null;
  const written = searchParams.get("sparade");
  return (
    <div className="notice notice--ok" role="status">
      {written !== null ? t("attendanceImport.done", { written: formatNumber(Number(written) || 0) }) : t("attendanceImport.alreadyDone")}{" "}
      <Link to={`/serier/${data.series.id}/narvaro`}>{t("attendanceImport.back")}</Link>
    </div>
  );
}
