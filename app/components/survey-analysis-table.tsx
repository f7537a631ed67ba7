import { Fragment } from "react";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { cellText, type AnalysisCell, type AnalysisColumn, type AnalysisRow, type AnalysisTableSpec } from "~/lib/survey-analysis-tables";

/** Consecutive columns with the same group, for the first heading row and the colgroups. */
function columnRuns(columns: AnalysisColumn[]): { group: string | null; columns: AnalysisColumn[] }[] {
  const runs: { group: string | null; columns: AnalysisColumn[] }[] = [];
  for (const column of columns) {
    const last = runs[runs.length - 1];
    if (last && column.group !== null && last.group === column.group) last.columns.push(column);
    else runs.push({ group: column.group, columns: [column] });
  }
  return runs;
}

function Cell({ cell, threshold }: { cell: AnalysisCell; threshold: number }) {
  const t = useT();
  if (cell.kind === "people" && typeof cell.value !== "number") {
    return (
      <td className="num survey-hidden">
        <span aria-hidden="true">{cellText(t, cell, threshold)}</span>
        <span className="visually-hidden">
          {cell.value === "small" ? t("surveyAnalysis.hiddenSmallSr", { n: threshold }) : t("surveyAnalysis.hiddenComplementarySr")}
        </span>
      </td>
    );
  }
  if ((cell.kind === "share" || cell.kind === "mean") && cell.value === null) {
    return (
      <td className="num">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t("surveyAnalysis.noFigureSr")}</span>
      </td>
    );
  }
  return <td className={cell.kind === "text" ? undefined : "num"}>{cellText(t, cell, threshold)}</td>;
}

/**
 * A table of the survey analysis with its caption, grouped headings
 * ("Skola: Antal, % inom verksamhet") and a CSV link with the very same cells.
 */
export function SurveyAnalysisTable({ spec, threshold, csvHref }: { spec: AnalysisTableSpec; threshold: number; csvHref: string | null }) {
  const t = useT();
  const runs = columnRuns(spec.columns);
  const grouped = runs.some((r) => r.group !== null);
  const row = (r: AnalysisRow, i: number) => (
    <tr key={`${r.header}-${i}`}>
      <th scope="row">{r.header}</th>
      {r.cells.map((c, j) => (
        <Cell key={j} cell={c} threshold={threshold} />
      ))}
    </tr>
  );
  return (
    <div className="survey-table">
      <TableWrap label={spec.caption}>
        <table id={`tabell-${spec.id}`}>
          <caption>{spec.caption}</caption>
          <colgroup />
          {runs.map((run, i) => (
            <colgroup key={i} span={run.columns.length} />
          ))}
          <thead>
            <tr>
              <th scope="col" rowSpan={grouped ? 2 : undefined}>
                {spec.rowHeader}
              </th>
              {runs.map((run, i) =>
                run.group === null ? (
                  <th key={i} scope="col" rowSpan={grouped ? 2 : undefined} className={run.columns[0].kind === "text" ? undefined : "num"}>
                    {run.columns[0].label}
                  </th>
                ) : (
                  <th key={i} scope="colgroup" colSpan={run.columns.length} className="survey-table__group">
                    {run.group}
                  </th>
                ),
              )}
            </tr>
            {grouped ? (
              <tr>
                {runs.map((run, i) =>
                  run.group === null ? null : (
                    <Fragment key={i}>
                      {run.columns.map((c, j) => (
                        <th key={j} scope="col" className="num">
                          {c.label}
                        </th>
                      ))}
                    </Fragment>
                  ),
                )}
              </tr>
            ) : null}
          </thead>
          <tbody>{spec.rows.map(row)}</tbody>
          {spec.footer.length ? <tfoot>{spec.footer.map(row)}</tfoot> : null}
        </table>
      </TableWrap>
      {csvHref ? (
        <p className="survey-csv print-hidden">
          <a href={csvHref} download>
            {t("surveyAnalysis.downloadCsv")}
            <span className="visually-hidden">: {spec.caption}</span>
          </a>
        </p>
      ) : null}
    </div>
  );
}
