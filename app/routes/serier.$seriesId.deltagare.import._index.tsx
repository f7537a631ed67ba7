import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsvUploadForm } from "~/components/csv-upload-form";
import { fileProblemText } from "~/components/file-problem";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { readCsvUpload } from "~/lib/csv-upload.server";
import { buildPreview } from "~/lib/participant-import.server";
import { columnLabel, TEMPLATE_HEADER } from "~/lib/participant-rows";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { savePendingImport } from "~/models/participant.server";
import { getSeries } from "~/models/series.server";

export const meta: MetaFunction = () => [{ title: "Importera deltagare – Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "participants");
  const series = getSeries({ seriesId, scope })!;
  return { series: { id: series.id, name: series.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "participants");
  const t = await getTranslator(request);
  const upload = await readCsvUpload(request, t);
  if (!upload.ok) return json({ error: upload.error }, { status: 400 });
  const preview = buildPreview({ seriesId, text: upload.text });
  if (!preview.ok) return json({ error: fileProblemText(preview.problem, t, columnLabel) }, { status: 400 });
  // Only the decoded text is kept, so the preview and the import read the same rows.
  const importId = savePendingImport({ seriesId, userId: user.id, fileName: upload.fileName, content: upload.text });
  return redirect(`/serier/${seriesId}/deltagare/import/${importId}`);
}

export default function ImportUpload() {
  const { series } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/serier/${series.id}/deltagare`}>← {t("import.back")}</Link>
      </p>
      <h1>{t("import.title", { series: series.name })}</h1>
      <p className="lead">{t("import.intro")}</p>
      <section className="card" aria-labelledby="format-title">
        <h2 id="format-title">{t("import.formatTitle")}</h2>
        <p>{t("import.formatText")}</p>
        <p>
          <code>{TEMPLATE_HEADER.join(";")}</code>
        </p>
        <p>
          <a href="/deltagarmall.csv" download>
            {t("participants.template")}
          </a>
        </p>
      </section>
      <CsvUploadForm success={/\/deltagare\/import\/\d+$/} error={actionData?.error} />
    </>
  );
}
