import { Fragment } from "react";
import { TableWrap } from "~/components/table-wrap";
import { useLocale, useT } from "~/i18n";
import { cellText, type CountyCell, type CountyColumn, type CountyRow, type CountyTableSpec } from "~/lib/county-dashboard-tables";

/** Consecutive columns with the same group, for the first heading row and the colgroups. */
function columnRuns(columns: CountyColumn[]): { group: string | null; columns: CountyColumn[] }[] {
  const runs: { group: string | null; columns: CountyColumn[] }[] = [];
  for (const column of columns) {
    const last = runs[runs.length - 1];
    if (last && column.group !== null && last.group === column.group) last.columns.push(column);
    else runs.push({ group: column.group, columns: [column] });
  }
  return runs;
}

function Cell({ cell, threshold }: { cell: CountyCell; threshold: number }) {
  const t = useT();
  const locale = useLocale();
  const numeric = cell.kind !== "text";
  if (cell.kind === "people" && typeof cell.value !== "number") {
    return (
      <td className="num county-hidden">
        <span aria-hidden="true">{cellText(t, cell, threshold, locale)}</span>
        <span className="visually-hidden">
          {cell.value === "small" ? t("countyDashboard.hiddenCountSr", { n: threshold }) : t("countyDashboard.hiddenComplementarySr")}
        </span>
      </td>
    );
  }
  if (cell.kind === "share" && cell.value === null) {
    return (
      <td className="num">
        <span aria-hidden="true">{cellText(t, cell, threshold, locale)}</span>
        <span className="visually-hidden">{t("countyDashboard.noShareSr")}</span>
      </td>
    );
  }
  return <td className={numeric ? "num" : undefined}>{cellText(t, cell, threshold, locale)}</td>;
}

/**
 * A county dashboard table with its caption, grouped headings ("Skola: Antal,
 * Andel") and a CSV link that downloads the very same cells.
 */
export function CountyTable({
  spec,
  threshold,
  csvHref,
  csvLabel,
  note,
}: {
  spec: CountyTableSpec;
  threshold: number;
  csvHref: string;
  csvLabel: string;
  note?: string;
}) {
  const runs = columnRuns(spec.columns);
  const grouped = runs.some((r) => r.group !== null);
  const row = (r: CountyRow, i: number) => (
    <tr key={`${r.header}-${i}`} className={r.extra ? "summary-extra" : undefined}>
      <th scope="row">{r.header}</th>
      {r.cells.map((c, j) => (
        <Cell key={j} cell={c} threshold={threshold} />
      ))}
    </tr>
  );
  return (
    <div className="county-table">
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
                  <th key={i} scope="colgroup" colSpan={run.columns.length} className="county-table__group">
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
      {note ? <p className="help">{note}</p> : null}
      <p className="county-csv">
        <a href={csvHref} download>
          {csvLabel}
        </a>
      </p>
    </div>
  );
}
