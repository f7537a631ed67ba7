import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatTime, isoWeek, TIME_ZONE } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { addDays, parseIsoDate } from "~/lib/scheduling";
import { stockholmToUtc } from "~/lib/time";
import { publicUrl } from "~/lib/urls.server";
import { hasCalendarToken, listCalendarItems, regenerateCalendarToken } from "~/models/calendar.server";
import { listAssignableOrganisations } from "~/models/organisation.server";
import { listStaffByRole } from "~/models/series-planning.server";
import { TableWrap } from "~/components/table-wrap";

export const meta: MetaFunction = () => [{ title: "Kalender – Processtöd" }];

/** "2026-11" from the query, or the current month in Stockholm. */
function monthParam(value: string | null): string {
  return value && /^\d{4}-\d{2}$/.test(value) && parseIsoDate(`${value}-01`) ? value : formatDate(new Date()).slice(0, 7);
}

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "read", "series");
  const url = new URL(request.url);
  const month = monthParam(url.searchParams.get("manad"));
  const processLeaderId = Number(url.searchParams.get("ledare")) || null;
  const organisationId = Number(url.searchParams.get("kommun")) || null;
  const from = stockholmToUtc(`${month}-01`, "00:00");
  const to = stockholmToUtc(`${shiftMonth(month, 1)}-01`, "00:00");
  return {
    month,
    previous: shiftMonth(month, -1),
    next: shiftMonth(month, 1),
    processLeaderId,
    organisationId,
    items: listCalendarItems({ scope, from, to, processLeaderId, organisationId }),
    processLeaders: listStaffByRole({ role: "admin" }),
    organisations: scope.kind === "all" ? listAssignableOrganisations() : listAssignableOrganisations().filter((o) => user.organisationIds.includes(o.id)),
    hasFeed: hasCalendarToken({ userId: user.id }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read", "series");
  const token = regenerateCalendarToken({ userId: user.id });
  return { feedUrl: publicUrl(request, `/ics/prenumeration/${token}`) };
}

/** Monday-first weeks covering the month, as ISO dates. */
function monthWeeks(month: string): string[][] {
  const first = `${month}-01`;
  const p = parseIsoDate(first)!;
  const weekdayMondayFirst = (new Date(Date.UTC(p.year, p.month - 1, 1)).getUTCDay() + 6) % 7;
  let day = addDays(first, -weekdayMondayFirst);
  const weeks: string[][] = [];
  while (weeks.length === 0 || day.slice(0, 7) === month) {
    const week = Array.from({ length: 7 }, (_, i) => addDays(day, i));
    weeks.push(week);
    day = addDays(day, 7);
  }
  return weeks;
}

export default function Calendar() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const monthLabel = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: TIME_ZONE,
  }).format(stockholmToUtc(`${data.month}-15`, "12:00"));
  const byDay = new Map<string, typeof data.items>();
  for (const item of data.items) {
    const day = formatDate(item.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const query = (month: string) => {
    const params = new URLSearchParams({ manad: month });
    if (data.processLeaderId) params.set("ledare", String(data.processLeaderId));
    if (data.organisationId) params.set("kommun", String(data.organisationId));
    return `?${params}`;
  };
  const itemLink = (item: (typeof data.items)[number]) =>
    item.kind === "session" ? `/serier/${item.seriesId}/tillfallen/${item.id}` : `/utbyten/${item.id}`;

  return (
    <>
      <h1>{t("calendar.title")}</h1>
      <p className="lead">{t("calendar.intro")}</p>
      <Form method="get" className="filters card">
        <div className="field">
          <label htmlFor="filter-month">{t("calendar.month")}</label>
          <input id="filter-month" type="month" name="manad" defaultValue={data.month} />
        </div>
        <div className="field">
          <label htmlFor="filter-leader">{t("calendar.processLeader")}</label>
          <select id="filter-leader" name="ledare" defaultValue={data.processLeaderId ?? ""}>
            <option value="">{t("calendar.all")}</option>
            {data.processLeaders.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-org">{t("calendar.organisation")}</label>
          <select id="filter-org" name="kommun" defaultValue={data.organisationId ?? ""}>
            <option value="">{t("calendar.all")}</option>
            {data.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__submit">
          <button type="submit" className="button">
            {t("calendar.filter")}
          </button>
        </div>
      </Form>

      <nav className="month-nav" aria-label={t("calendar.month")}>
        <Link to={query(data.previous)}>← {t("calendar.previous")}</Link>
        <strong>{monthLabel}</strong>
        <Link to={query(data.next)}>{t("calendar.next")} →</Link>
      </nav>

      <h2>{t("calendar.gridTitle")}</h2>
      <TableWrap label={monthLabel}>
        <table className="month-grid">
          <caption className="visually-hidden">{monthLabel}</caption>
          <thead>
            <tr>
              <th scope="col">{t("series.week")}</th>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <th key={d} scope="col">
                  {t(`calendar.weekday.${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(data.month).map((week) => (
              <tr key={week[0]}>
                <th scope="row">{isoWeek(stockholmToUtc(week[0], "12:00"))}</th>
                {week.map((day) => (
                  <td key={day} className={day.slice(0, 7) === data.month ? "" : "other-month"}>
                    <span className="day-number">{Number(day.slice(8))}</span>
                    {(byDay.get(day) ?? []).map((item) => (
                      <Link key={item.key} to={itemLink(item)} className={`day-item${item.cancelled ? " day-item--cancelled" : ""}`}>
                        {formatTime(item.startsAt)} {item.kind === "exchange" ? t("calendar.exchange") : item.organisations}
                      </Link>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2>{t("calendar.listTitle", { month: monthLabel })}</h2>
      {data.items.length === 0 ? (
        <p className="empty">{t("calendar.empty", { month: monthLabel })}</p>
      ) : (
        <TableWrap label={t("calendar.listTitle", { month: monthLabel })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("series.date")}</th>
                <th scope="col">{t("series.week")}</th>
                <th scope="col">{t("series.time")}</th>
                <th scope="col">{t("series.session")}</th>
                <th scope="col">{t("series.organisations")}</th>
                <th scope="col">{t("calendar.processLeader")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.key}>
                  <td>{formatDate(item.startsAt)}</td>
                  <td>{isoWeek(item.startsAt)}</td>
                  <td>
                    {formatTime(item.startsAt)}–{formatTime(item.endsAt)}
                  </td>
                  <td>
                    <Link to={itemLink(item)}>{item.kind === "exchange" ? `${t("calendar.exchange")}: ${item.title}` : item.title}</Link>
                    {item.seriesName ? <div className="help">{item.seriesName}</div> : null}
                    {item.cancelled ? <div className="help">({t("calendar.cancelled")})</div> : null}
                  </td>
                  <td>{item.organisations}</td>
                  <td>{item.processLeader ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <section className="card" aria-labelledby="feed-title" style={{ marginTop: "2rem" }}>
        <h2 id="feed-title">{t("calendar.feedTitle")}</h2>
        <p>{t("calendar.feedIntro")}</p>
        {actionData?.feedUrl ? (
          <div className="notice notice--ok" role="status">
            <p>{t("calendar.feedShown")}</p>
            <p>
              <code className="feed-url">{actionData.feedUrl}</code>
            </p>
          </div>
        ) : data.hasFeed ? (
          <p className="help">{t("calendar.feedExists")}</p>
        ) : null}
        <Form method="post">
          <button type="submit" className="button">
            {data.hasFeed || actionData?.feedUrl ? t("calendar.feedRegenerate") : t("calendar.feedCreate")}
          </button>
        </Form>
      </section>
    </>
  );
}
