import type { BenchResults } from '../results/bench-results.js';
import type { ChartSpec } from './chart-spec.js';

/**
 * The dashboard as data: sections of charts, tables and notes, computed in Node from results
 * files and then written out as HTML (render-html.ts). Every number the page shows is decided
 * here, where it is tested; the page only draws.
 */

/** One results file, named for the page (its path, or `this run`). */
export interface DashboardRun {
  readonly name: string;
  readonly results: BenchResults;
}

export interface DashboardInput {
  /** Merged into one view: several sizes, several backends, several machines. */
  readonly runs: readonly DashboardRun[];
  /** An earlier run to compare `runs` with, row by row. */
  readonly before?: readonly DashboardRun[];
}

/** How a table cell or note is coloured: what it says about the row. */
export type Tone = 'pass' | 'fail' | 'skip' | 'warning' | 'better' | 'worse' | 'neutral';

export type Cell = string | { readonly text: string; readonly tone?: Tone; readonly title?: string };

export type Block =
  | { readonly kind: 'chart'; readonly spec: ChartSpec; readonly heightPx: number }
  | { readonly kind: 'table'; readonly id?: string; readonly caption?: string; readonly header: readonly string[]; readonly rows: readonly (readonly Cell[])[]; readonly numeric?: readonly boolean[] }
  | { readonly kind: 'note'; readonly tone: 'warning' | 'info'; readonly text: string }
  | { readonly kind: 'group'; readonly title: string; readonly blocks: readonly Block[] }
  /** Folded until opened: detail most readers skip. */
  | { readonly kind: 'details'; readonly summary: string; readonly blocks: readonly Block[] };

export interface Section {
  readonly id: string;
  readonly title: string;
  /** What the section shows and how to read it, one or two sentences. */
  readonly intro: string;
  readonly blocks: readonly Block[];
}

export interface Dashboard {
  readonly title: string;
  /** Said before anything else: software adapters, runs from different machines. */
  readonly warnings: readonly string[];
  readonly sections: readonly Section[];
}
