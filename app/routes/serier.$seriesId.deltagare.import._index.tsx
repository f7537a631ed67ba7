import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { fileProblemText } from "~/components/file-problem";
import { UploadProgressForm } from "~/components/upload-progress-form";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { decodeCsv, isCsvError } from "~/lib/csv";
import { buildPreview, MAX_IMPORT_BYTES } from "~/lib/participant-import.server";
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
  // A post that is not a multipart upload (made by hand) carries no file; the parser would throw a 500.
  if (!/^multipart\/form-data;.*\bboundary=/i.test(request.headers.get("Content-Type") ?? "")) {
    return json({ error: t("import.fileMissing") }, { status: 400 });
  }
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json({ error: t("import.tooLarge") }, { status: 400 });
    throw error;
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return json({ error: file instanceof File && file.name ? t("import.empty") : t("import.fileMissing") }, { status: 400 });
  }
  const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  const preview = isCsvError(decoded) ? { ok: false as const, problem: decoded } : buildPreview({ seriesId, text: decoded.text });
  if (!preview.ok) return json({ error: fileProblemText(preview.problem, t, columnLabel) }, { status: 400 });
  // Only the decoded text is kept, so the preview and the import read the same rows.
  const importId = savePendingImport({ seriesId, userId: user.id, fileName: file.name.slice(0, 200), content: (decoded as { text: string }).text });
  return redirect(`/serier/${seriesId}/deltagare/import/${importId}`);
}

export default function ImportUpload() {
  const { series } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
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
      <UploadProgressForm
        success={/\/deltagare\/import\/\d+$/}
        sendingLabel={(percent) => t("import.sending", { percent })}
        readingLabel={t("import.working")}
      >
        {({ busy }) => (
          <>
            <Field label={t("import.file")} name="file" type="file" accept=".csv,text/csv" error={actionData?.error} />
            <div>
              <button type="submit" className="button" disabled={busy || navigation.state === "submitting"}>
                {t("import.upload")}
              </button>
            </div>
          </>
        )}
      </UploadProgressForm>
    </>
  );
}
