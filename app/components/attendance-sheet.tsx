import { Link } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { formatDate, formatTime } from "~/lib/format";
import type { AttendanceSheetData } from "~/lib/attendance-sheet.server";

/** Empty rows at the end, for people who come without being on the list. */
export const BLANK_ROWS = 8;

/**
 * The printable attendance list (närvarolista) of one occasion: the
 * occasion's details, then everyone on the roster with an empty column to
 * sign in. The app stylesheet's print block turns it into an A4 page.
 */
export function AttendanceSheet({ data }: { data: AttendanceSheetData }) {
  const t = useT();
  const { sheet, rows } = data;
  return (
    <article className="attendance-sheet">
      <p className="print-hidden sheet-actions">
        <Link to={sheet.backPath}>{t("attendanceSheet.back", { title: sheet.backLabel })}</Link>
        <PrintButton />
      </p>
      <header className="sheet-header">
        <h1>
          {t("attendanceSheet.title")}: {sheet.title}
        </h1>
        <dl className="sheet-details">
          {sheet.seriesNames.length ? (
            <div>
              <dt>{sheet.seriesNames.length > 1 ? t("attendanceSheet.seriesPlural") : t("attendanceSheet.series")}</dt>
              <dd>{sheet.seriesNames.join(", ")}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("attendanceSheet.date")}</dt>
            <dd>{formatDate(sheet.startsAt)}</dd>
          </div>
          <div>
            <dt>{t("attendanceSheet.time")}</dt>
            <dd>
              {formatTime(sheet.startsAt)}–{formatTime(sheet.endsAt)}
            </dd>
          </div>
          <div>
            <dt>{t("attendanceSheet.venue")}</dt>
            <dd>{[sheet.venue, t(`format.${sheet.format}`)].filter(Boolean).join(" · ")}</dd>
          </div>
          {sheet.meetingLink ? (
            <div>
              <dt>{t("attendanceSheet.meetingLink")}</dt>
              <dd className="sheet-link">{sheet.meetingLink}</dd>
            </div>
          ) : null}
          {sheet.expert ? (
            <div>
              <dt>{t("attendanceSheet.expert")}</dt>
              <dd className="pre-line">{sheet.expert}</dd>
            </div>
          ) : null}
          {sheet.processLeader ? (
            <div>
              <dt>{t("attendanceSheet.processLeader")}</dt>
              <dd>{sheet.processLeader}</dd>
            </div>
          ) : null}
        </dl>
      </header>
      {rows.length === 0 ? <p className="empty">{t("attendanceSheet.empty")}</p> : null}
      <TableWrap label={t("attendanceSheet.title")}>
        <table className="sheet-table">
          <caption>{t("attendanceSheet.caption", { count: rows.length })}</caption>
          <colgroup>
            <col className="sheet-col-name" />
            <col className="sheet-col-organisation" />
            <col className="sheet-col-sector" />
            <col className="sheet-col-role" />
            <col className="sheet-col-signature" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t("attendanceSheet.name")}</th>
              <th scope="col">{breakAfterSlash(t("attendanceSheet.organisation"))}</th>
              <th scope="col">{t("attendanceSheet.sector")}</th>
              <th scope="col">{t("attendanceSheet.roleCategory")}</th>
              <th scope="col">{t("attendanceSheet.signature")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.personId}>
                <th scope="row">
                  {r.name}
                  {r.substituteFor ? (
                    <span className="sheet-note">
                      {t("attendanceSheet.substituteFor", {
                        name: r.substituteFor,
                      })}
                    </span>
                  ) : null}
                  {r.substitutedBy ? (
                    <span className="sheet-note">
                      {t("attendanceSheet.substitutedBy", {
                        name: r.substitutedBy,
                      })}
                    </span>
                  ) : null}
                  {r.walkIn ? <span className="sheet-note">{t("attendanceSheet.walkIn")}</span> : null}
                </th>
                <td>
                  {r.organisation ?? ""}
                  {r.workplace && r.workplace !== r.organisation ? <span className="sheet-note">{r.workplace}</span> : null}
                </td>
                <td>{t(`sector.${r.sector}`)}</td>
                <td>{r.jobTitle || t(`roleCategory.${r.roleCategory}`)}</td>
                <td className="sheet-signature" />
              </tr>
            ))}
            {Array.from({ length: BLANK_ROWS }, (_, i) => (
              <tr key={`blank-${i}`} className="sheet-blank">
                <td />
                <td />
                <td />
                <td />
                <td className="sheet-signature" />
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </article>
  );
}

/** "Organisation/kommun" may wrap after the slash in a narrow printed column (a zero-width space). */
function breakAfterSlash(text: string): string {
  return text.replace(/\//g, "/\u200b");
}

/** Opens the browser's print dialog; without JavaScript the browser's own Print does the same. */
function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {t("attendanceSheet.print")}
    </button>
  );
}
