import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { fileProblemText } from "~/components/file-problem";
import { ImportAlerts, ImportConfirmation, rowsToShow, ShowingFirst } from "~/components/import-preview";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatNumber } from "~/lib/format";
import { buildPreview, toPersonInputs } from "~/lib/participant-import.server";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { getPendingImport, ImportAlreadyDoneError, importParticipants } from "~/models/participant.server";
import { getSeries } from "~/models/series.server";
import { columnLabel } from "~/lib/participant-rows";
import { staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Förhandsvisning av import – Processtöd" }];

async function requireImport(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireSeriesPermission(request, params.seriesId, "update", "participants");
  const pending = getPendingImport({ seriesId: access.seriesId, importId: Number(params.importId) || 0 });
  if (!pending) throw json({ message: "not-found" }, { status: 404 });
  return { ...access, pending };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId, pending } = await requireImport(request, params);
  const t = await getTranslator(request);
  const series = getSeries({ seriesId, scope })!;
  const preview = buildPreview({ seriesId, text: pending.content });
  if (!preview.ok) {
    return { series: { id: series.id, name: series.name }, fileName: pending.fileName, done: !!pending.importedAt, problem: fileProblemText(preview.problem, t, columnLabel), rows: [], total: 0, counts: null };
  }
  // All rows with errors, and the first rows otherwise: a 50,000-row file stays readable.
  const rows = rowsToShow(preview.rows, (r) => r.status === "error", preview.counts.error);
  return { series: { id: series.id, name: series.name }, fileName: pending.fileName, done: !!pending.importedAt, problem: null, rows, total: preview.rows.length, counts: preview.counts };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, seriesId, pending } = await requireImport(request, params);
  const t = await getTranslator(request);
  const preview = buildPreview({ seriesId, text: pending.content });
  if (!preview.ok || preview.counts.error > 0) return json({ error: t("import.fixErrors") }, { status: 400 });
  try {
    const counts = importParticipants({ seriesId, importId: pending.id, rows: toPersonInputs({ seriesId, rows: preview.rows }), audit: staffAudit(user, context) });
    const result = new URLSearchParams({ nya: String(counts.created), kopplade: String(counts.linked), redan: String(counts.alreadyEnrolled) });
    return redirect(`/serier/${seriesId}/deltagare/import/${pending.id}?${result}`);
  } catch (error) {
    if (error instanceof ImportAlreadyDoneError) return json({ error: t("import.alreadyDone") }, { status: 400 });
    throw error;
  }
}

export default function ImportPreview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const statusText = { new: t("import.statusNew"), existing: t("import.statusExisting"), enrolled: t("import.statusEnrolled"), error: t("import.statusError") };
  const importable = data.counts ? data.counts.new + data.counts.existing + data.counts.enrolled : 0;
  return (
    <>
      <p>
        <Link to={`/serier/${data.series.id}/deltagare`}>← {t("import.back")}</Link>
      </p>
      <h1>{t("import.previewTitle", { file: data.fileName })}</h1>
      <ImportDone />
      <ImportAlerts problem={data.problem} error={actionData?.error} />
      {data.counts ? (
        <p>
          {t("import.summary", {
            rows: formatNumber(data.total),
            new: formatNumber(data.counts.new),
            existing: formatNumber(data.counts.existing),
            enrolled: formatNumber(data.counts.enrolled),
            errors: formatNumber(data.counts.error),
          })}
        </p>
      ) : null}
      <ImportConfirmation
        done={data.done}
        readable={data.counts !== null}
        errors={data.counts?.error ?? 0}
        fixErrors={t("import.fixErrors")}
        uploadAgainTo={`/serier/${data.series.id}/deltagare/import`}
        confirmLabel={t("import.confirm", { count: formatNumber(importable) })}
        importingLabel={t("import.importing")}
      />
      <ShowingFirst shown={data.rows.length} total={data.total} />
      {data.rows.length > 0 ? (
        <TableWrap label={t("import.previewTitle", { file: data.fileName })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("import.line")}</th>
                <th scope="col">{t("import.status")}</th>
                <th scope="col">{t("participants.name")}</th>
                <th scope="col">{t("participants.email")}</th>
                <th scope="col">{t("participants.sector")}</th>
                <th scope="col">{t("participants.roleCategory")}</th>
                <th scope="col">{t("participants.jobTitle")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.line} className={row.status === "error" ? "row-error" : undefined}>
                  <td className="num">{row.line}</td>
                  <td>
                    {statusText[row.status]}
                    {row.errors.length ? (
                      <ul className="row-errors">
                        {row.errors.map((e) => (
                          <li key={e}>{t(e)}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>{row.name}</td>
                  <td>{row.email}</td>
                  <td>{row.sector ? t(`sector.${row.sector}`) : "–"}</td>
                  <td>
                    {row.roleCategory ? t(`roleCategory.${row.roleCategory}`) : "–"}
                    {row.roleSuggested ? ` (${t("import.suggested")})` : ""}
                  </td>
                  <td>{row.jobTitle}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}

function ImportDone() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  if (!data.done) return null;
  const counts = { created: searchParams.get("nya"), linked: searchParams.get("kopplade"), alreadyEnrolled: searchParams.get("redan") };
  return (
    <div className="notice notice--ok" role="status">
      {counts.created !== null
        ? t("import.done", { created: Number(counts.created), linked: Number(counts.linked), alreadyEnrolled: Number(counts.alreadyEnrolled) })
        : t("import.alreadyDone")}{" "}
      <Link to={`/serier/${data.series.id}/deltagare`}>{t("import.back")}</Link>
    </div>
  );
}
