/**
 * Länsöversikt: the county and sponsor dashboard. Where the county's
 * municipalities (and Stockholm's city district areas) stand, who was present
 * per term and sector (the health-care share over time), and one row per
 * municipality. Filters are a GET form, so they work without JavaScript.
 *
 * Process leaders and sponsors ("read:aggregates"); coordinators get 403.
 * Sponsors get suppressed figures (decided on the server, in
 * `countyDashboard`). Each table downloads as CSV (lan_.$file.tsx) and the
 * whole dashboard is JSON at /lan.json (lan[.]json.tsx).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { ChartFigure } from "~/components/chart-figure";
import { CountyTable } from "~/components/county-table";
import { useLocale, useT, type Locale, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { SECTOR_COLOURS } from "~/lib/chart-colours";
import { countyQuery, formatShare, ORGANISATION_STATES, type CountyDashboard, type OrganisationState } from "~/lib/county-dashboard";
import { countyDashboard, readCountyFilters, suppressesFor } from "~/lib/county-dashboard.server";
import { countyTable, filterLabel, type CountyTableId } from "~/lib/county-dashboard-tables";
import { can, requireUserWithPermission } from "~/lib/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Processtöd` : "Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read", "aggregates");
  const { filter, options } = readCountyFilters(new URL(request.url));
  const t = await getTranslator(request);
  return {
    title: t("countyDashboard.title"),
    canCreateSeries: can(user, "create", "series"),
    filter,
    options,
    dashboard: countyDashboard({ filter, options, suppress: suppressesFor(user) }),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Colours of the four states: completed green, running blue, planned purple, none grey (Okabe–Ito). */
const STATE_COLOURS: Record<OrganisationState, string> = {
  genomford: "#009E73",
  pagaende: "#0072B2",
  planerad: "#CC79A7",
  ingen: "#6B6B6B",
};

/** Okabe–Ito orange: the one colour no sector uses. */
const HIDDEN_COLOUR = "#E69F00";

function Table({ data, id, csvLabel, note }: { data: Data; id: CountyTableId; csvLabel: string; note?: string }) {
  const t = useT();
  const spec = countyTable(t, data.dashboard, id);
  if (!spec) return null;
  return (
    <CountyTable
      spec={spec}
      threshold={data.dashboard.suppression.threshold}
      csvHref={`/lan/${id}.csv${countyQuery(data.filter)}`}
      csvLabel={csvLabel}
      note={note}
    />
  );
}

function Filters({ data }: { data: Data }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <Form method="get" className="filters card county-filters" aria-label={t("countyDashboard.filters")}>
      <div className="field">
        <label htmlFor="filter-county">{t("countyDashboard.county")}</label>
        <select id="filter-county" name="lan" defaultValue={data.filter.countyCode} key={`c${data.filter.countyCode}`}>
          {data.options.counties.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-term">{t("countyDashboard.term")}</label>
        <select id="filter-term" name="termin" defaultValue={data.filter.term ?? ""} key={`t${data.filter.term}`}>
          <option value="">{t("countyDashboard.allTerms")}</option>
          {data.options.terms.map((term) => (
            <option key={term} value={term}>
              {term}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-leader">{t("countyDashboard.processLeader")}</label>
        <select id="filter-leader" name="ledare" defaultValue={data.filter.processLeaderId ?? ""} key={`l${data.filter.processLeaderId}`}>
          <option value="">{t("countyDashboard.allProcessLeaders")}</option>
          {data.options.processLeaders.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={navigation.state === "loading" && navigation.location.pathname === "/lan"}>
        {t("countyDashboard.show")}
      </button>
    </Form>
  );
}

function statesSummary(t: Translate, d: CountyDashboard): string {
  const [m, districts] = d.states;
  const base = {
    county: d.county.name,
    total: m.organisations,
    completed: m.counts.genomford,
    running: m.counts.pagaende,
    planned: m.counts.planerad,
    none: m.counts.ingen,
  };
  if (!districts) return t("countyDashboard.statesSummary", base);
  return t("countyDashboard.statesSummaryDistricts", {
    ...base,
    dTotal: districts.organisations,
    dCompleted: districts.counts.genomford,
    dRunning: districts.counts.pagaende,
    dPlanned: districts.counts.planerad,
    dNone: districts.counts.ingen,
  });
}

function States({ data }: { data: Data }) {
  const t = useT();
  const d = data.dashboard;
  return (
    <section aria-labelledby="states-title">
      <h2 id="states-title">{t("countyDashboard.statesTitle")}</h2>
      <p className="county-rule">{t("countyDashboard.statesRule")}</p>
      <ChartFigure
        id="chart-states"
        title={t(d.districts ? "countyDashboard.statesChartTitle" : "countyDashboard.statesChartTitleMunicipalities")}
        summary={statesSummary(t, d)}
        kind="stacked-bar"
        labels={d.states.map((g) =>
          t("countyDashboard.groupWithCount", {
            group: t(g.kind === "kommun" ? "countyDashboard.municipalities" : "countyDashboard.districts"),
            n: g.organisations,
          }),
        )}
        series={ORGANISATION_STATES.map((state) => ({
          label: t(`countyDashboard.stateShort.${state}`),
          values: d.states.map((g) => g.counts[state]),
          colour: STATE_COLOURS[state],
        }))}
        table={<Table data={data} id="lage" csvLabel={t("countyDashboard.statesCsv")} />}
      />
    </section>
  );
}

function shareOrHidden(t: Translate, locale: Locale, value: number | null): string {
  return value === null ? t("countyDashboard.hiddenShare") : formatShare(value, locale);
}

function healthSummary(t: Translate, locale: Locale, d: CountyDashboard): string {
  const health = d.sectors.indexOf("halso_sjukvard");
  const shown = d.terms.rows.filter((r) => r.percents[health] !== null);
  const gaps = shown.length < d.terms.rows.length;
  if (shown.length === 0) return t("countyDashboard.healthSummaryHidden");
  const first = shown[0];
  const last = shown[shown.length - 1];
  const sentence =
    shown.length === 1
      ? t("countyDashboard.healthSummaryOne", { share: formatShare(first.percents[health]!, locale), term: first.term })
      : t("countyDashboard.healthSummaryTwo", {
          first: formatShare(first.percents[health]!, locale),
          firstTerm: first.term,
          last: formatShare(last.percents[health]!, locale),
          lastTerm: last.term,
        });
  return gaps ? `${sentence} ${t("countyDashboard.healthGaps")}` : sentence;
}

/**
 * Each sector's share per term, plus the part made up of hidden groups (the
 * rest up to 100 %, which the table's visible figures give away anyway), so a
 * term whose groups are all small still shows a bar.
 */
function mixSeries(t: Translate, d: CountyDashboard) {
  const series = d.sectors.map((sector, i) => ({
    label: t(`sector.${sector}`),
    values: d.terms.rows.map((r) => r.percents[i]),
    colour: SECTOR_COLOURS[sector],
  }));
  const hidden = d.terms.rows.map((r) => {
    if (r.counts.every((c) => typeof c === "number")) return null;
    const visible = r.percents.reduce<number>((sum, p) => sum + (p ?? 0), 0);
    return Math.max(0, Math.round((100 - visible) * 10) / 10);
  });
  return hidden.some((h) => h !== null) ? [...series, { label: t("countyDashboard.hiddenGroups"), values: hidden, colour: HIDDEN_COLOUR }] : series;
}

function Terms({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  const d = data.dashboard;
  const terms = d.terms.rows;
  const health = d.sectors.indexOf("halso_sjukvard");
  const last = terms[terms.length - 1];
  return (
    <section aria-labelledby="terms-title">
      <h2 id="terms-title">{t("countyDashboard.termsTitle")}</h2>
      <p>{t("countyDashboard.termsIntro")}</p>
      {terms.length === 0 ? (
        <p className="empty">{t("countyDashboard.termsEmpty", { county: d.county.name })}</p>
      ) : (
        <>
          <ChartFigure
            id="chart-sectors"
            title={t("countyDashboard.mixChartTitle")}
            summary={t("countyDashboard.mixSummary", {
              term: last.term,
              school: shareOrHidden(t, locale, last.percents[d.sectors.indexOf("skola")]),
              social: shareOrHidden(t, locale, last.percents[d.sectors.indexOf("socialtjanst")]),
              health: shareOrHidden(t, locale, last.percents[health]),
            })}
            kind="stacked-bar"
            labels={terms.map((r) => r.term)}
            series={mixSeries(t, d)}
            percent
            height={320}
            table={<Table data={data} id="terminer" csvLabel={t("countyDashboard.termsCsv")} note={t("countyDashboard.termsSumNote")} />}
          />
          <ChartFigure
            id="chart-health"
            title={t("countyDashboard.healthChartTitle")}
            summary={healthSummary(t, locale, d)}
            kind="line"
            labels={terms.map((r) => r.term)}
            series={[{ label: t("sector.halso_sjukvard"), values: terms.map((r) => r.percents[health]), colour: SECTOR_COLOURS.halso_sjukvard }]}
            percent
            height={240}
            table={<Table data={data} id="halsoandel" csvLabel={t("countyDashboard.healthCsv")} />}
          />
        </>
      )}
    </section>
  );
}

export default function CountyDashboardPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const d = data.dashboard;
  const query = countyQuery(data.filter);
  return (
    <div className="county-dashboard">
      <h1>{data.title}</h1>
      <p className="lead">{t("countyDashboard.intro")}</p>
      <Filters data={data} />
      <p className="county-showing" role="status">
        {t("countyDashboard.showing", { filters: filterLabel(t, d) })}{" "}
        {d.seriesCount === 1 ? t("countyDashboard.seriesCountOne") : t("countyDashboard.seriesCount", { n: d.seriesCount })}
      </p>
      <p className="help">
        {d.suppression.applied
          ? t("countyDashboard.suppressedNote", { n: d.suppression.threshold })
          : t("countyDashboard.exactNote", { n: d.suppression.threshold })}
      </p>
      {d.seriesCount === 0 ? (
        <p className="empty">
          {t("countyDashboard.noSeries", { county: d.county.name })} {data.canCreateSeries ? t("countyDashboard.noSeriesPlan") : null}
        </p>
      ) : null}

      <States data={data} />
      <Terms data={data} />

      <section aria-labelledby="municipalities-title">
        <h2 id="municipalities-title">{t("countyDashboard.municipalitiesTitle")}</h2>
        <p>{t("countyDashboard.organisationsIntro")}</p>
        <Table data={data} id="kommuner" csvLabel={t("countyDashboard.municipalitiesCsv")} />
      </section>
      {d.districts ? (
        <section aria-labelledby="districts-title">
          <h2 id="districts-title">{t("countyDashboard.districtsTitle")}</h2>
          <Table data={data} id="stadsdelar" csvLabel={t("countyDashboard.districtsCsv")} />
        </section>
      ) : null}

      <section aria-labelledby="export-title" className="county-export">
        <h2 id="export-title">{t("countyDashboard.exportTitle")}</h2>
        <div className="link-row">
          <a href={`/lan.json${query}`}>{t("countyDashboard.json")}</a>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t("countyDashboard.print")}
          </button>
        </div>
      </section>
    </div>
  );
}
