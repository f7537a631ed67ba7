import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsvUploadForm } from "~/components/csv-upload-form";
import { fileProblemText } from "~/components/file-problem";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { buildAttendancePreview } from "~/lib/attendance-import.server";
import { ATTENDANCE_TEMPLATE_HEADER, attendanceColumnLabel } from "~/lib/attendance-rows";
import { readCsvUpload } from "~/lib/csv-upload.server";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { savePendingAttendanceImport } from "~/models/attendance-import.server";
import { getSeries } from "~/models/series.server";

export const meta: MetaFunction = () => [{ title: "Importera närvaro – Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "attendance");
  const series = getSeries({ seriesId, scope })!;
  return { series: { id: series.id, name: series.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "attendance");
  const t = await getTranslator(request);
  const upload = await readCsvUpload(request, t);
  if (!upload.ok) return json({ error: upload.error }, { status: 400 });
  // A file that cannot be read as a whole is refused here; row problems are shown in the preview.
  const preview = buildAttendancePreview({ seriesId, text: upload.text });
  if (!preview.ok) return json({ error: fileProblemText(preview.problem, t, attendanceColumnLabel) }, { status: 400 });
  const importId = savePendingAttendanceImport({ seriesId, userId: user.id, fileName: upload.fileName, content: upload.text });
  return redirect(`/serier/${seriesId}/narvaro/import/${importId}`);
}

export default function AttendanceImportUpload() {
  const { series } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/serier/${series.id}/narvaro`}>← {t("attendanceImport.back")}</Link>
      </p>
      <h1>{t("attendanceImport.title", { series: series.name })}</h1>
      <p className="lead">{t("attendanceImport.intro")}</p>
      <section className="card" aria-labelledby="format-title">
        <h2 id="format-title">{t("attendanceImport.formatTitle")}</h2>
        <p>{t("attendanceImport.formatText")}</p>
        <p>
          <code>{ATTENDANCE_TEMPLATE_HEADER.join(";")}</code>
        </p>
        <ul>
          <li>{t("attendanceImport.columnEmail")}</li>
          <li>{t("attendanceImport.columnSession")}</li>
          <li>{t("attendanceImport.columnStatus")}</li>
          <li>{t("attendanceImport.columnSubstitute")}</li>
        </ul>
        <p>
          <a href={`/serier/${series.id}/narvaro/import/mall.csv`} download>
            {t("attendanceImport.template")}
          </a>
        </p>
      </section>
      <CsvUploadForm success={/\/narvaro\/import\/\d+$/} error={actionData?.error} />
    </>
  );
}
