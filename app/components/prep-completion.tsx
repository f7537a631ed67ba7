import { TableWrap } from "~/components/table-wrap";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/lib/format";
import type { PrepCounts, SessionPrepStats } from "~/models/prep-stats.server";
import { SECTORS } from "../../db/schema";

/**
 * "Förberedelser" on the staff session page: how many of the session's
 * people have done all of its preparation, and how many have started, per
 * sector with a total row. Counts only: nothing a participant wrote.
 * Rendered for coordinators and process leaders; `stats` is null for
 * everyone else (sponsors), and then nothing is shown.
 */
export function PrepCompletion({ stats }: { stats: SessionPrepStats | null }) {
  const t = useT();
  const locale = useLocale();
  if (!stats) return null;
  const n = (value: number) => formatNumber(value, locale);
  const share = (c: PrepCounts) => (c.people > 0 ? formatPercent(c.done / c.people, locale) : "–");
  const { total } = stats;

  let body;
  if (stats.items === 0) {
    body = <p className="empty">{t("substituteStaff.prep.noItems")}</p>;
  } else if (total.people === 0) {
    body = <p className="empty">{t("substituteStaff.prep.noPeople")}</p>;
  } else if (total.done + total.started === 0) {
    body = (
      <>
        <p>{t("substituteStaff.prep.items", { items: n(stats.items) })}</p>
        <p className="empty">{t("substituteStaff.prep.nothingYet")}</p>
      </>
    );
  } else {
    const row = (header: string, c: PrepCounts) => (
      <tr key={header}>
        <th scope="row">{header}</th>
        <td className="num">{n(c.people)}</td>
        <td className="num">{n(c.done)}</td>
        <td className="num">{share(c)}</td>
        <td className="num">{n(c.started)}</td>
      </tr>
    );
    const caption = t("substituteStaff.prep.caption");
    body = (
      <>
        <p>
          {t("substituteStaff.prep.summary", { done: n(total.done), people: n(total.people), share: share(total), started: n(total.started) })}{" "}
          {t("substituteStaff.prep.items", { items: n(stats.items) })}
        </p>
        <TableWrap label={caption}>
          <table className="prep-completion__table" id="tabell-forberedelser">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("substituteStaff.prep.sector")}</th>
                <th scope="col" className="num">
                  {t("substituteStaff.prep.people")}
                </th>
                <th scope="col" className="num">
                  {t("substituteStaff.prep.done")}
                </th>
                <th scope="col" className="num">
                  {t("substituteStaff.prep.share")}
                </th>
                <th scope="col" className="num">
                  {t("substituteStaff.prep.started")}
                </th>
              </tr>
            </thead>
            <tbody>{SECTORS.map((s) => row(t(`sector.${s}`), stats.bySector[s]))}</tbody>
            <tfoot>{row(t("substituteStaff.prep.total"), total)}</tfoot>
          </table>
        </TableWrap>
      </>
    );
  }

  return (
    <section className="prep-completion" aria-labelledby="prep-completion-title">
      <h2 id="prep-completion-title">{t("substituteStaff.prep.title")}</h2>
      {body}
      {stats.items > 0 ? <p className="help">{t("substituteStaff.prep.definition")}</p> : null}
    </section>
  );
}
