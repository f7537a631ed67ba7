import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsvUploadForm } from "~/components/csv-upload-form";
import { fileProblemText } from "~/components/file-problem";
import { TableWrap } from "~/components/table-wrap";
import { useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { readCsvUpload } from "~/lib/csv-upload.server";
import { requireSurveyEntry } from "~/lib/survey-entry.server";
import { readSurveyFile, surveyImportColumns, type SurveyFileProblem } from "~/lib/survey-import";
import { savePendingSurveyImport } from "~/models/survey-entry.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Processtöd` : "Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, template } = await requireSurveyEntry(request, params);
  const t = await getTranslator(request);
  const items = new Map(template.items.map((item) => [item.code, item]));
  return {
    title: t("surveyEntry.import.title", { survey: survey.templateName }),
    series: { id: survey.seriesId, name: survey.seriesName },
    survey: { id: survey.id, name: survey.templateName },
    columns: surveyImportColumns(template.items).map((column) => {
      const item = column.code === null ? null : items.get(column.code)!;
      return {
        header: column.header,
        prompt: item ? item.prompt : null,
        kind: column.code === null ? ("code" as const) : item!.kind,
        then: column.then,
        options: item?.options?.map((o, i) => `${i + 1} = ${o.label}`) ?? null,
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, survey, template, seriesId } = await requireSurveyEntry(request, params);
  const t = await getTranslator(request);
  const upload = await readCsvUpload(request, t);
  if (!upload.ok) return json({ error: upload.error }, { status: 400 });
  // A file that cannot be read as a whole is refused here; row problems are shown in the preview.
  const read = readSurveyFile(upload.text, template.items);
  if (!read.ok) return json({ error: surveyFileProblemText(read.problem, t) }, { status: 400 });
  // Only the survey's own columns are kept until the import is confirmed.
  const importId = savePendingSurveyImport({ seriesId, surveyId: survey.id, userId: user.id, fileName: upload.fileName, content: JSON.stringify(read.file) });
  return redirect(`/serier/${seriesId}/enkater/${survey.id}/import/${importId}`);
}

function surveyFileProblemText(problem: SurveyFileProblem, t: Translate): string {
  switch (problem.code) {
    case "noItemColumns":
      return t("surveyEntry.import.noItemColumns", { columns: problem.expected.join(", ") });
    case "duplicateColumns":
      return t("surveyEntry.import.duplicateColumns", { columns: problem.columns.join(", ") });
    case "noRows":
      return t("surveyEntry.import.noRows");
    default:
      return fileProblemText(problem, t, String);
  }
}

export default function SurveyImportUpload() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const base = `/serier/${data.series.id}/enkater/${data.survey.id}`;
  return (
    <>
      <p>
        <Link to={`${base}/pappersenkater`}>← {t("surveyEntry.import.backToEntry")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="lead">
        {data.series.name}. {t("surveyEntry.import.intro")}
      </p>
      <section className="card" aria-labelledby="format-title">
        <h2 id="format-title">{t("surveyEntry.import.formatTitle")}</h2>
        <p>{t("surveyEntry.import.formatText")}</p>
        <ul>
          <li>{t("surveyEntry.import.formatScale")}</li>
          <li>{t("surveyEntry.import.formatChoice")}</li>
          <li>{t("surveyEntry.import.formatCode")}</li>
          <li>{t("surveyEntry.import.formatOther")}</li>
        </ul>
        <p>
          <a href={`${base}/import/mall.csv`} download>
            {t("surveyEntry.import.template")}
          </a>
        </p>
        <TableWrap label={t("surveyEntry.import.columnsTitle")}>
          <table>
            <caption>{t("surveyEntry.import.columnsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("surveyEntry.import.column")}</th>
                <th scope="col">{t("surveyEntry.import.question")}</th>
                <th scope="col">{t("surveyEntry.import.answers")}</th>
              </tr>
            </thead>
            <tbody>
              {data.columns.map((column) => (
                <tr key={column.header}>
                  <th scope="row" className="nowrap">
                    {column.header}
                  </th>
                  <td>{column.prompt ?? t("surveyEntry.pairCode")}</td>
                  <td>{columnAnswers(column, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <CsvUploadForm success={/\/enkater\/\d+\/import\/\d+$/} error={actionData?.error} />
    </>
  );
}

function columnAnswers(column: { kind: string; options: string[] | null }, t: Translate): string {
  switch (column.kind) {
    case "likert":
    case "likert_now_then":
      return t("surveyEntry.import.answersScale");
    case "single":
      return `${t("surveyEntry.import.answersSingle")} ${column.options?.join(", ") ?? ""}`;
    case "multiple":
      return `${t("surveyEntry.import.answersMultiple")} ${column.options?.join(", ") ?? ""}`;
    case "text":
      return t("surveyEntry.import.answersText");
    default:
      return t("surveyEntry.pairCodeHint");
  }
}
