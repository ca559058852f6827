import type { BenchResults, ResultRow } from '../results/bench-results.js';
import { formatRatio } from './format.js';
import { fastest, ok, type TargetLine } from './target-rows.js';

/** The CPU device's targets: per-element streams at memory bandwidth, mandelbrot and matmul ahead of native. */

const TWO_WORKERS = /^threads@workers=2(@|$)/;
const PER_ELEMENT_STREAMS = ['stream-triad', 'stream-add', 'stream-copy'];

function line(target: string, value: number | undefined, goal: number, strict = false, what = ''): TargetLine {
  return {
    target,
    measured: value === undefined ? 'not measured' : `${value.toFixed(3)}×${what ? ` — ${what}` : ''}`,
    goal: `${strict ? '<' : '≤'} ${formatRatio(goal)}`,
    met: value === undefined ? undefined : strict ? value < goal : value <= goal,
  };
}

/** Which row a line was read from: the fastest of its kind (e.g. over guest memory, vectorised or not). */
function rowName(row: ResultRow | undefined): string {
  return row ? `${row.runner} ${row.variant}` : '';
}

/** One row's median over another's: a ratio of two rows of one kernel, both from this run. */
function over(row: ResultRow | undefined, base: ResultRow | undefined): number | undefined {
  return row && base ? row.warm!.medianMs / base.warm!.medianMs : undefined;
}

/**
 * The targets from this run's rows, each saying plainly whether it is met. Rows of two workers
 * are the threads backend's `threads@workers=2…` rows, the fastest of them (over host buffers
 * or, `@memory=guest`, a guest's memory, as the issue measured through a C guest); "best
 * native" is the fastest native row (gcc -O2 and -O3 -march=native, sequential and OpenMP).
 */
export function cpuTargetLines(results: BenchResults): TargetLine[] {
  const lines: TargetLine[] = [];
  const of = (kernel: string, runner: (name: string) => boolean): ResultRow | undefined =>
    fastest(ok(results, (row) => row.kernel === kernel && runner(row.runner)));
  for (const kernel of PER_ELEMENT_STREAMS) {
    const threads = of(kernel, (name) => TWO_WORKERS.test(name));
    lines.push(line(`${kernel} / best native, threads@workers=2`, threads?.ratioToBestNative, 1.5, false, rowName(threads)));
    // The fastest sequential row: over host buffers, or (`@memory=guest`) over a guest's memory, as the issue measured it.
    const sequential = of(kernel, (name) => /^sequential(@|$)/.test(name));
    lines.push(line(`${kernel} / wasm-node, sequential`, over(sequential, of(kernel, (name) => name === 'wasm-node')), 1.3, false, rowName(sequential)));
  }
  const mandelbrot = of('mandelbrot', (name) => TWO_WORKERS.test(name));
  lines.push(line('mandelbrot / best native, threads@workers=2', mandelbrot?.ratioToBestNative, 0.8, false, rowName(mandelbrot)));
  lines.push(line('mandelbrot / gpu.js webasm async, threads@workers=2', over(mandelbrot, of('mandelbrot', (name) => name === 'gpujs-webasm')), 1, true, rowName(mandelbrot)));
  const matmul = fastest(ok(results, (row) => row.kernel.startsWith('matmul') && row.variant === 'simd' && TWO_WORKERS.test(row.runner)));
  lines.push(line('matmul f32 -msimd128 / best native, threads@workers=2', matmul?.ratioToBestNative, 1.5, false, matmul ? `${rowName(matmul)} (${matmul.kernel})` : ''));
  for (const kernel of new Set(ok(results, (row) => row.gbPerSecond !== undefined && row.kernel.startsWith('stream-')).map((row) => row.kernel))) {
    const threads = of(kernel, (name) => TWO_WORKERS.test(name));
    const native = of(kernel, (name) => name === 'native-openmp-O3');
    const rate = (row: ResultRow | undefined): string => (row?.gbPerSecond !== undefined ? `${row.gbPerSecond.toFixed(1)} GB/s` : 'not measured');
    lines.push({
      target: `${kernel} bandwidth, threads@workers=2 vs native-openmp-O3 (the same C)`,
      measured: `${rate(threads)} vs ${rate(native)}${threads && native ? ` (${formatRatio(over(threads, native)!)} the time)` : ''}`,
      goal: 'report it',
      met: undefined,
    });
  }
  return lines;
}
