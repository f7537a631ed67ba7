import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { cellText, type DashCell, type DashRow, type DashTable } from "~/lib/series-dashboard-tables";

/**
 * A dashboard table as HTML: caption, column headers (grouped per session
 * where the table has groups), row headers, and a CSV download link with the
 * very same cells. A "–" says why in words for screen readers.
 */
export function DashboardTable({ table, csvHref, csvName }: { table: DashTable; csvHref: string; csvName: string }) {
  const t = useT();
  const grouped = !!table.groups?.length;
  // Words ("Ja", "Nej") are aligned left with their heading, figures right.
  const numericColumn = table.columns.map((_, i) => [...table.rows, ...table.footer].every((r) => r.cells[i]?.kind !== "text"));
  const cell = (c: DashCell, i: number) => {
    const numeric = c.kind === "count" || c.kind === "share" || c.kind === "none";
    return (
      <td key={i} className={numeric ? "num" : undefined}>
        {c.kind === "none" ? (
          <>
            <span aria-hidden="true">–</span>
            <span className="visually-hidden">{t(`seriesDashboard.state.${c.reason}`)}</span>
          </>
        ) : (
          cellText(c)
        )}
      </td>
    );
  };
  const row = (r: DashRow) => (
    <tr key={r.header}>
      <th scope="row">{r.header}</th>
      {r.cells.map(cell)}
    </tr>
  );
  return (
    <div className="dashboard-table">
      <TableWrap label={table.caption}>
        <table id={`tabell-${table.id}`}>
          <caption>{table.caption}</caption>
          {grouped ? (
            <>
              <colgroup />
              {table.groups!.map((g, i) => (
                <colgroup key={i} span={g.span} />
              ))}
            </>
          ) : null}
          <thead>
            {grouped ? (
              <tr>
                <th scope="col" rowSpan={2}>
                  {table.rowHeader}
                </th>
                {table.groups!.map((g, i) => (
                  <th key={i} scope="colgroup" colSpan={g.span} className="dashboard-table__group">
                    {g.label}
                  </th>
                ))}
              </tr>
            ) : null}
            <tr>
              {grouped ? null : <th scope="col">{table.rowHeader}</th>}
              {table.columns.map((c, i) => (
                <th key={i} scope="col" className={numericColumn[i] ? "num" : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{table.rows.map(row)}</tbody>
          {table.footer.length ? <tfoot>{table.footer.map(row)}</tfoot> : null}
        </table>
      </TableWrap>
      <p className="dashboard-download print-hidden">
        <a href={csvHref} download>
          {t("seriesDashboard.downloadCsvNamed", { table: csvName })}
        </a>
      </p>
    </div>
  );
}
