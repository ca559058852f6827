// Runs in the page, not in Node: hands each chart spec the dashboard embedded to Chart.js (which
// the page inlines as the global `Chart`). It decides nothing about the numbers; views/ did.
import type { Chart as ChartType, ChartConfiguration, ChartDataset, Plugin, Scale, TooltipItem } from 'chart.js';
import type { BarChartSpec, ChartSpec, ChartUnit, LineChartSpec } from '../chart-spec.js';

declare const Chart: typeof ChartType;

/** What the page exposes once drawn: the browser test reads the charts back from here. */
interface DashboardState {
  ready: boolean;
  charts: Record<string, ChartType>;
  error?: string;
}

/** The extra fields a dataset of ours carries besides Chart.js's own. */
interface Extras {
  intervals?: readonly (readonly [number, number] | null)[];
  notes?: readonly (string | null)[];
}

const GRID = '#e4e4e4';

function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** An axis tick or tooltip value in its unit; times from ns to s. */
function format(value: number, unit: ChartUnit): string {
  switch (unit) {
    case 'ms':
      if (value === 0) return '0';
      if (value < 1e-3) return `${trim(value * 1e6)} ns`;
      if (value < 1) return `${trim(value * 1e3)} µs`;
      if (value < 1e3) return `${trim(value)} ms`;
      return `${trim(value / 1e3)} s`;
    case 'GB/s':
      return `${trim(value)} GB/s`;
    case '%':
      return `${value > 0 ? '+' : ''}${trim(value)} %`;
    case 'count':
      return String(value);
    case 'bytes':
      // Decimal, like GB/s: 1 MB = 10⁶ bytes.
      if (value < 1e3) return `${trim(value)} B`;
      if (value < 1e6) return `${trim(value / 1e3)} kB`;
      if (value < 1e9) return `${trim(value / 1e6)} MB`;
      return `${trim(value / 1e9)} GB`;
  }
}

/**
 * Log axes label 1, 2 and 5 × 10ⁿ, or only the powers of ten when the axis spans more than
 * three of them, so the labels stay apart.
 */
function logTick(value: number, unit: ChartUnit, decades: number): string {
  const mantissa = Math.round(value / 10 ** Math.floor(Math.log10(value) + 1e-9));
  return (decades > 3 ? [1] : [1, 2, 5]).includes(mantissa) ? format(value, unit) : '';
}

/** How many powers of ten a scale spans. */
function decadesOf(scale: { min: number; max: number }): number {
  return Math.log10(scale.max / scale.min);
}

/** Draws each bar's interval as a whisker across the value axis. */
const intervalsPlugin: Plugin = {
  id: 'intervals',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = chart.scales[horizontal ? 'x' : 'y']!;
    chart.data.datasets.forEach((dataset, index) => {
      const intervals = (dataset as Extras).intervals;
      const meta = chart.getDatasetMeta(index);
      if (!intervals || meta.hidden) return;
      ctx.save();
      // An interval may reach past the axis (a log axis starts above the smallest sample).
      const area = chart.chartArea;
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.width, area.height);
      ctx.clip();
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 1.2;
      meta.data.forEach((element, i) => {
        const interval = intervals[i];
        if (!interval) return;
        const [low, high] = interval.map((value) => valueScale.getPixelForValue(value));
        const across = horizontal ? element.y : element.x;
        const cap = 4;
        // In (value, across) coordinates; swapped for vertical bars.
        const line = (fromValue: number, fromAcross: number, toValue: number, toAcross: number): void => {
          if (horizontal) {
            ctx.moveTo(fromValue, fromAcross);
            ctx.lineTo(toValue, toAcross);
          } else {
            ctx.moveTo(fromAcross, fromValue);
            ctx.lineTo(toAcross, toValue);
          }
        };
        ctx.beginPath();
        line(low!, across, high!, across);
        for (const end of [low!, high!]) line(end, across - cap, end, across + cap);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

function barConfig(spec: BarChartSpec): ChartConfiguration<'bar'> {
  const datasets = spec.series.map(
    (series): ChartDataset<'bar'> & Extras => ({
      label: series.label,
      data: [...series.values],
      backgroundColor: typeof series.colors === 'string' ? series.colors : [...series.colors],
      ...(series.intervals ? { intervals: series.intervals } : {}),
      ...(series.notes ? { notes: series.notes } : {}),
    }),
  );
  // Room past the longest bar and its whisker, so neither ends on the chart's edge.
  const highest = Math.max(...spec.series.flatMap((series) => [...series.values, ...(series.intervals ?? []).map((interval) => interval?.[1] ?? null)]).filter((value): value is number => value !== null));
  const valueAxis = {
    type: spec.log ? ('logarithmic' as const) : ('linear' as const),
    ...(spec.log && highest > 0 ? { suggestedMax: highest * 1.5 } : { grace: '5%' }),
    stacked: spec.stacked ?? false,
    grid: { color: GRID },
    ticks: {
      maxRotation: 0,
      maxTicksLimit: 8,
      callback(this: Scale, value: string | number) {
        return spec.log ? logTick(Number(value), spec.unit, decadesOf(this)) : format(Number(value), spec.unit);
      },
    },
  };
  return {
    type: 'bar',
    data: { labels: [...spec.categories], datasets },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      // Every category labelled: Chart.js would skip every other one on a crowded axis.
      scales: { x: valueAxis, y: { stacked: spec.stacked ?? false, grid: { display: false }, ticks: { autoSkip: false } } },
      plugins: {
        title: { display: true, text: spec.title, align: 'start' },
        legend: { display: spec.series.length > 1, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) => `${item.dataset.label}: ${format(item.parsed.x ?? 0, spec.unit)}`,
            afterLabel: (item: TooltipItem<'bar'>) => (item.dataset as Extras).notes?.[item.dataIndex] ?? '',
          },
        },
      },
    },
    plugins: [intervalsPlugin],
  };
}

function lineConfig(spec: LineChartSpec): ChartConfiguration<'line'> {
  const datasets = spec.lines.map(
    (line): ChartDataset<'line'> & Extras => ({
      label: line.label,
      data: line.points.map((point) => ({ x: point.x, y: point.y })),
      borderColor: line.color,
      backgroundColor: line.color,
      borderDash: line.dashed ? [6, 4] : [],
      pointStyle: line.marker,
      pointRadius: 4,
      notes: line.points.map((point) => point.label),
    }),
  );
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          type: 'logarithmic',
          title: { display: true, text: spec.xTitle },
          grid: { color: GRID },
          ticks: {
            maxRotation: 0,
            callback(this: Scale, value) {
              return logTick(Number(value), spec.xUnit, decadesOf(this));
            },
          },
        },
        y: {
          type: 'logarithmic',
          grid: { color: GRID },
          ticks: {
            callback(this: Scale, value) {
              return logTick(Number(value), spec.unit, decadesOf(this));
            },
          },
        },
      },
      plugins: {
        title: { display: true, text: spec.title, align: 'start' },
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 10, boxHeight: 7 } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) => `${item.dataset.label}, ${(item.dataset as Extras).notes?.[item.dataIndex] ?? ''}: ${format(item.parsed.y ?? 0, spec.unit)}`,
          },
        },
      },
    },
  };
}

function draw(spec: ChartSpec): ChartType {
  const canvas = document.getElementById(spec.id);
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`no canvas for chart ${spec.id}`);
  return spec.type === 'bar' ? new Chart(canvas, barConfig(spec)) : new Chart(canvas, lineConfig(spec));
}

const state: DashboardState = { ready: false, charts: {} };
(window as unknown as { dashboard: DashboardState }).dashboard = state;
try {
  Chart.defaults.font.family = 'system-ui, sans-serif';
  Chart.defaults.font.size = 12;
  const specs = JSON.parse(document.getElementById('dashboard-charts')!.textContent!) as ChartSpec[];
  for (const spec of specs) state.charts[spec.id] = draw(spec);
  state.ready = true;
} catch (error) {
  state.error = String((error as Error).stack ?? error);
  console.error(error);
}
