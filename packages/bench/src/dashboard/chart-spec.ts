/**
 * What the page draws, as plain data: the dashboard is computed in Node (views/), and the page
 * only hands each spec to Chart.js (page/dashboard-page.ts). Types only, shared by both sides.
 */

/** How values are shown on axes and in tooltips. */
export type ChartUnit = 'ms' | 'GB/s' | '%' | 'count' | 'bytes';

/** A bar chart: one bar per category and series, read along a value axis. */
export interface BarChartSpec {
  readonly type: 'bar';
  readonly id: string;
  readonly title: string;
  readonly unit: ChartUnit;
  /** A logarithmic value axis: times across backends span six orders of magnitude. */
  readonly log: boolean;
  /** Series stacked on each other (counts that add up), instead of side by side. */
  readonly stacked?: boolean;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
}

export interface BarSeries {
  readonly label: string;
  /** One per category; null where this series has no value. */
  readonly values: readonly (number | null)[];
  /** One color per category, or one for all. */
  readonly colors: string | readonly string[];
  /** A whisker per bar: the value's interval (e.g. the median's 95 % bootstrap interval). */
  readonly intervals?: readonly (readonly [number, number] | null)[];
  /** Extra tooltip lines per category (ratios, IQR). */
  readonly notes?: readonly (string | null)[];
}

/** A line chart over a numeric x: time against problem size, log-log. */
export interface LineChartSpec {
  readonly type: 'line';
  readonly id: string;
  readonly title: string;
  /** The y axis's unit. */
  readonly unit: ChartUnit;
  readonly xTitle: string;
  readonly xUnit: ChartUnit;
  readonly lines: readonly LineSeries[];
}

export interface LineSeries {
  readonly label: string;
  readonly color: string;
  /** Dashed: a baseline, not a backend. */
  readonly dashed: boolean;
  /** The points' shape: tells apart two variants of one runner, which share its colour. */
  readonly marker: 'circle' | 'triangle' | 'rect' | 'rectRot';
  readonly points: readonly { readonly x: number; readonly y: number; readonly label: string }[];
}

export type ChartSpec = BarChartSpec | LineChartSpec;
