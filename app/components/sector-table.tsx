import { useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/lib/format";
import type { SectorFigures } from "~/lib/sectors.server";
import { TableWrap } from "~/components/table-wrap";

/** Counts and shares per sector, with hidden small cells explained. */
export function SectorTable({ caption, figures }: { caption: string; figures: SectorFigures }) {
  const t = useT();
  return (
    <>
      <TableWrap label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("series.sector")}</th>
              <th scope="col" className="num">
                {t("series.count")}
              </th>
              <th scope="col" className="num">
                {t("series.share")}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.rows.map((row) => (
              <tr key={row.sector}>
                <th scope="row">{t(`sector.${row.sector}`)}</th>
                <td className="num">
                  {row.count === null
                    ? row.hidden === "complementary"
                      ? t("series.suppressedComplementary")
                      : t("series.suppressed", { n: figures.suppressedBelow ?? "" })
                    : formatNumber(row.count)}
                </td>
                <td className="num">
                  {row.count === null || figures.total === 0 ? "–" : formatPercent(row.count / figures.total)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("series.total")}</th>
              <td className="num">{formatNumber(figures.total)}</td>
              <td className="num">{figures.total === 0 ? "–" : formatPercent(1)}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      {figures.suppressedBelow ? (
        <p className="help">{t("series.suppressionNote", { n: figures.suppressedBelow })}</p>
      ) : null}
    </>
  );
}
