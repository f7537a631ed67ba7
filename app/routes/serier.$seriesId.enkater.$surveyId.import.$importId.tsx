import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ImportAlerts, ImportConfirmation, rowsToShow, ShowingFirst } from "~/components/import-preview";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatNumber } from "~/lib/format";
import { requireSurveyEntry } from "~/lib/survey-entry.server";
import { answerField } from "~/lib/survey-answers";
import { answerTexts, checkSurveyRows, parseStoredSurveyFile } from "~/lib/survey-import";
import { ImportAlreadyDoneError } from "~/models/participant.server";
import { commitSurveyImport, getPendingSurveyImport } from "~/models/survey-entry.server";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Processtöd` : "Processtöd" }];

/** At most this many row errors are listed; the summary gives the number of rows with errors. */
const MAX_ERRORS_SHOWN = 500;

/** The user's own pending import of this survey; anything else is 404. */
async function requireImport(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireSurveyEntry(request, params);
  const importId = Number(params.importId);
  const pending = Number.isSafeInteger(importId)
    ? getPendingSurveyImport({ seriesId: access.seriesId, surveyId: access.survey.id, importId, userId: access.user.id })
    : null;
  if (!pending) throw json({ message: "not-found" }, { status: 404 });
  return { ...access, pending };
}

/** The stored rows, checked again on every view and at the confirmation, so what is saved is what was shown. */
function check(content: string, items: Parameters<typeof checkSurveyRows>[1]) {
  const file = parseStoredSurveyFile(content);
  if (!file) throw new Error("Stored survey import is unreadable");
  return { file, ...checkSurveyRows(file, items) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, template, pending, base } = await requireImport(request, params);
  const t = await getTranslator(request);
  const header = {
    title: t("surveyEntry.import.previewTitle", { file: pending.fileName }),
    series: { id: survey.seriesId, name: survey.seriesName },
    survey: { name: survey.templateName },
    base,
    fileName: pending.fileName,
  };
  if (pending.importedAt) return { ...header, done: true as const };
  const { file, rows, errorRows } = check(pending.content, template.items);
  const prompts = new Map<string, string>(template.items.flatMap((item) => [[answerField(item.code), item.prompt] as const, [answerField(item.code, true), item.prompt] as const]));
  const errors = rows.flatMap((row) => row.errors.map((error) => ({ line: row.line, ...error })));
  const shown = rowsToShow(rows, (r) => r.errors.length > 0, errorRows);
  return {
    ...header,
    done: false as const,
    counts: { rows: rows.length, errors: errorRows, skipped: file.skipped },
    columns: file.columns.map((c) => ({ header: c.header, prompt: prompts.get(c.field) ?? null })),
    ignored: file.ignored,
    errors: errors.slice(0, MAX_ERRORS_SHOWN).map((e) => ({ line: e.line, column: e.column, value: e.value, message: t(e.key) })),
    errorTotal: errors.length,
    rows: shown.map((row) => {
      const texts = answerTexts(row, file.columns, template.items, t("survey.dontKnow"));
      // A wrong cell shows what the file says, marked.
      const wrong = new Map(row.errors.map((e) => [e.column, e.value]));
      return {
        line: row.line,
        error: row.errors.length > 0,
        cells: file.columns.map((c, i) => (wrong.has(c.header) ? { text: wrong.get(c.header)!, wrong: true } : { text: texts[i], wrong: false })),
      };
    }),
  };
}

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { survey, template, pending, base } = await requireImport(request, params);
  const t = await getTranslator(request);
  if (pending.importedAt) return json({ error: t("surveyEntry.import.alreadyDone") }, { status: 400 });
  const { rows, errorRows } = check(pending.content, template.items);
  if (errorRows > 0) return json({ error: t("surveyEntry.import.fixErrors") }, { status: 400 });
  try {
    const written = commitSurveyImport({ importId: pending.id, survey, rows });
    return redirect(`${base}/import/${pending.id}?sparade=${written}`);
  } catch (error) {
    if (error instanceof ImportAlreadyDoneError) return json({ error: t("surveyEntry.import.alreadyDone") }, { status: 400 });
    throw error;
  }
}

export default function SurveyImportPreview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const back = (
    <p>
      <Link to={`${data.base}/pappersenkater`}>← {t("surveyEntry.import.backToEntry")}</Link>
    </p>
  );
  if (data.done) {
    const written = searchParams.get("sparade");
    return (
      <>
        {back}
        <h1>{data.title}</h1>
        <div className="notice notice--ok" role="status">
          {written !== null ? t("surveyEntry.import.done", { count: formatNumber(Number(written) || 0) }) : t("surveyEntry.import.alreadyDone")}
        </div>
        <ImportAlerts problem={null} error={actionData?.error} />
        <p>
          <Link to={`${data.base}/import`}>{t("surveyEntry.import.another")}</Link>
        </p>
      </>
    );
  }
  const valid = data.counts.rows - data.counts.errors;
  return (
    <>
      {back}
      <h1>{data.title}</h1>
      <p className="lead">
        {data.series.name} · {data.survey.name}
      </p>
      <ImportAlerts problem={null} error={actionData?.error} />
      <p className="import-summary">
        {t("surveyEntry.import.summary", {
          rows: formatNumber(data.counts.rows),
          valid: formatNumber(valid),
          errors: formatNumber(data.counts.errors),
        })}
        {data.counts.skipped > 0 ? ` ${t("surveyEntry.import.skipped", { count: formatNumber(data.counts.skipped) })}` : null}
      </p>
      <ImportConfirmation
        done={false}
        readable
        errors={data.counts.errors}
        fixErrors={t("surveyEntry.import.fixErrors")}
        uploadAgainTo={`${data.base}/import`}
        confirmLabel={t("surveyEntry.import.confirm", { count: formatNumber(data.counts.rows) })}
        importingLabel={t("surveyEntry.import.importing")}
      />

      <h2>{t("surveyEntry.import.columnsFound")}</h2>
      <ul className="import-columns">
        {data.columns.map((c) => (
          <li key={c.header}>
            <strong>{c.header}</strong>
            {c.prompt ? ` – ${c.prompt}` : ` – ${t("surveyEntry.pairCode")}`}
          </li>
        ))}
      </ul>
      {data.ignored.length ? <p className="help">{t("surveyEntry.import.ignored", { columns: data.ignored.join(", ") })}</p> : null}

      {data.errors.length ? (
        <>
          <h2 id="errors-title">{t("surveyEntry.import.errorsTitle")}</h2>
          {data.errors.length < data.errorTotal ? (
            <p className="help">{t("surveyEntry.import.errorsFirst", { shown: formatNumber(data.errors.length), total: formatNumber(data.errorTotal) })}</p>
          ) : null}
          <TableWrap label={t("surveyEntry.import.errorsTitle")}>
            <table className="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("surveyEntry.import.column")}</th>
                  <th scope="col">{t("surveyEntry.import.value")}</th>
                  <th scope="col">{t("surveyEntry.import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {data.errors.map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.line}</td>
                    <td>{e.column ?? "–"}</td>
                    <td>{e.value}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}

      <h2>{t("surveyEntry.import.rowsTitle")}</h2>
      <ShowingFirst shown={data.rows.length} total={data.counts.rows} />
      <TableWrap label={t("surveyEntry.import.rowsTitle")}>
        <table className="import-rows">
          <thead>
            <tr>
              <th scope="col">{t("import.line")}</th>
              {data.columns.map((c) => (
                <th scope="col" key={c.header}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.line} className={row.error ? "row-error" : undefined}>
                <td className="num">
                  {row.line}
                  {row.error ? <span className="visually-hidden"> {t("surveyEntry.import.rowHasErrors")}</span> : null}
                </td>
                {row.cells.map((cell, i) =>
                  cell.wrong ? (
                    <td key={i} className="cell-wrong">
                      {cell.text}
                      <span className="visually-hidden"> {t("surveyEntry.import.cellWrong")}</span>
                    </td>
                  ) : (
                    <td key={i}>{cell.text}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

/** The staff member's confirmation is recorded (decision 016); the answers stay anonymous, so no person id is. */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, ({ params }) => ({
  action: "survey.update",
  entityKind: "survey",
  entityId: Number(params.surveyId) || null,
  seriesId: Number(params.seriesId) || null,
  details: { intent: "importAnswers", importId: Number(params.importId) || null },
}));
}
