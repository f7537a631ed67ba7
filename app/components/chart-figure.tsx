/**
 * A chart that is never the only way to read the figures: a caption, a
 * one-sentence summary, and the same numbers as a table, all rendered on the
 * server. The canvas is drawn in the browser after hydration (chart.js needs
 * the DOM), and is hidden from screen readers, which get the table instead.
 *
 * Only routes that import this component load chart.js, so pages such as the
 * participant portal stay light.
 */
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { useEffect, useState, type ReactNode } from "react";
import { Bar, Line } from "react-chartjs-2";
import { useLocale, type Locale } from "~/i18n";
import { SERIES_COLOURS } from "~/lib/chart-colours";
import { NUMBER_LOCALES } from "~/lib/format";

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

export type ChartSeries = { label: string; values: (number | null)[]; colour?: string };

export type ChartKind = "stacked-bar" | "bar" | "horizontal-bar" | "line";

/** Axis and tooltip numbers in the page's language: "0,8 %" in Swedish, "0.8%" in English. */
function valueFormat(locale: Locale, percent: boolean): (value: number | string) => string {
  const format = new Intl.NumberFormat(NUMBER_LOCALES[locale], percent ? { style: "percent", maximumFractionDigits: 1 } : { maximumFractionDigits: 1 });
  return (value) => format.format(percent ? Number(value) / 100 : Number(value));
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function chartData(labels: string[], series: ChartSeries[], kind: ChartKind): ChartData<"bar" | "line"> {
  return {
    labels,
    datasets: series.map((s, i) => {
      const colour = s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length];
      return {
        label: s.label,
        data: s.values,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: kind === "line" ? 3 : 1,
        pointRadius: kind === "line" ? 4 : undefined,
        spanGaps: false,
      };
    }),
  };
}

function chartOptions(kind: ChartKind, locale: Locale, percent: boolean): ChartOptions<"bar" | "line"> {
  const stacked = kind === "stacked-bar";
  const format = valueFormat(locale, percent);
  return {
    locale: NUMBER_LOCALES[locale],
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: kind === "horizontal-bar" ? "y" : "x",
    plugins: {
      legend: { position: "bottom" },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${format(ctx.parsed[kind === "horizontal-bar" ? "x" : "y"] ?? 0)}` } },
    },
    // Only the value axis gets a tick callback. An explicit `ticks: undefined` on the
    // category axis stops chart.js from merging its defaults, and the axis then shows
    // the label indexes (0, 1, 2) instead of the labels.
    scales: {
      x: kind === "horizontal-bar" ? { stacked, ticks: { callback: format } } : { stacked },
      y: kind === "horizontal-bar" ? { stacked, beginAtZero: true } : { stacked, beginAtZero: true, ticks: { callback: format } },
    },
  };
}

/**
 * `table` is the accessible data table for the same figures (usually with a
 * CSV download link beside it); `summary` is one sentence saying what the
 * chart shows, e.g. "Hälso- och sjukvård stod för 3,2 % av deltagarna vid seminarium 3."
 */
export function ChartFigure({
  id,
  title,
  summary,
  kind,
  labels,
  series,
  percent = false,
  table,
  height = 280,
}: {
  id: string;
  title: string;
  summary: string;
  kind: ChartKind;
  labels: string[];
  series: ChartSeries[];
  /** The values are percentages (20.6 for 20,6 %). */
  percent?: boolean;
  table: ReactNode;
  height?: number;
}) {
  const hydrated = useHydrated();
  const data = chartData(labels, series, kind);
  const locale = useLocale();
  const options = chartOptions(kind, locale, percent);
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <figcaption id={`${id}-title`} className="chart-figure__title">
        {title}
      </figcaption>
      <p id={`${id}-summary`} className="chart-figure__summary">
        {summary}
      </p>
      <div className="chart-figure__canvas" style={{ height }} aria-hidden="true">
        {hydrated ? (
          kind === "line" ? (
            <Line data={data as ChartData<"line">} options={options as ChartOptions<"line">} />
          ) : (
            <Bar data={data as ChartData<"bar">} options={options as ChartOptions<"bar">} />
          )
        ) : null}
      </div>
      <div className="chart-figure__table">{table}</div>
    </figure>
  );
}
