import type { BenchResults, ResultRow } from '../results/bench-results.js';
import { cpuTargetLines } from './cpu-targets.js';
import { formatMs, formatRatio, markdownTable } from './format.js';
import { fastest, ok, type TargetLine } from './target-rows.js';

export type { TargetLine } from './target-rows.js';

const name = (row: ResultRow): string => `${row.runner} ${row.variant}${row.kernel.startsWith('matmul') ? ` (${row.kernel})` : ''}`;

function ratioLine(target: string, row: ResultRow | undefined, goal: number | undefined): TargetLine {
  const value = row?.ratioToBestNative;
  return {
    target,
    // Three decimals where two would round a miss onto the goal (1.104× is not ≤ 1.10×).
    measured: row && value !== undefined ? `${goal !== undefined && formatRatio(value) === formatRatio(goal) ? `${value.toFixed(3)}×` : formatRatio(value)} — ${name(row)}` : 'not measured',
    goal: goal === undefined ? 'report it' : `≤ ${formatRatio(goal)}`,
    met: value === undefined || goal === undefined ? undefined : value <= goal,
  };
}

/** Pairs of rows named `…@workers=1` and `…@workers=2` (the same backend, one and two workers). */
function workerSpeedups(results: BenchResults, kernel: string): { label: string; speedup: number }[] {
  const rows = ok(results, (row) => row.kernel === kernel && row.role === 'backend');
  const out: { label: string; speedup: number }[] = [];
  for (const one of rows.filter((row) => /@workers=1(@|$)/.test(row.runner))) {
    const twoName = one.runner.replace(/@workers=1(@|$)/, '@workers=2$1');
    const two = rows.find((row) => row.runner === twoName && row.variant === one.variant);
    if (two) out.push({ label: `${twoName} vs ${one.runner} (${one.variant})`, speedup: one.warm!.medianMs / two.warm!.medianMs });
  }
  return out;
}

/** The issue's targets, each from this run's rows. */
export function targetLines(results: BenchResults): TargetLine[] {
  const backend = (row: ResultRow): boolean => row.role === 'backend';
  const lines: TargetLine[] = [
    ratioLine('mandelbrot / best native, best backend', fastest(ok(results, (row) => backend(row) && row.kernel === 'mandelbrot')), 1.1),
    ratioLine('mandelbrot / best native, gpu.js webasm async', fastest(ok(results, (row) => row.runner === 'gpujs-webasm' && row.kernel === 'mandelbrot')), undefined),
    ratioLine('mandelbrot / best native, one-thread wasm', fastest(ok(results, (row) => row.runner === 'wasm-node' && row.kernel === 'mandelbrot')), undefined),
    ratioLine('matmul f32 -msimd128 / best native, best backend', fastest(ok(results, (row) => backend(row) && row.kernel.startsWith('matmul') && row.variant === 'simd')), 0.8),
    ratioLine('matmul f32 scalar / best native, best backend', fastest(ok(results, (row) => backend(row) && row.kernel.startsWith('matmul') && row.variant === 'scalar')), undefined),
    ratioLine('matmul f32 -msimd128 / best native, one-thread wasm', fastest(ok(results, (row) => row.runner === 'wasm-node' && row.kernel.startsWith('matmul') && row.variant === 'simd')), undefined),
  ];
  const gpujs = ok(results, (row) => row.runner === 'gpujs-webasm');
  for (const runner of new Set(ok(results, backend).map((row) => row.runner))) {
    const ratios = gpujs.flatMap((g) => {
      const mine = fastest(ok(results, (row) => row.runner === runner && row.kernel === g.kernel));
      return mine ? [{ kernel: g.kernel, value: mine.warm!.medianMs / g.warm!.medianMs }] : [];
    });
    if (ratios.length === 0) continue;
    const worst = ratios.reduce((a, b) => (b.value > a.value ? b : a));
    const geomean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r.value), 0) / ratios.length);
    // The GPU.js backend's rows run our translation of the wasm kernel on gpu.js itself: the
    // ratio is what translating costs against gpu.js written by hand, not a race.
    const translated = /^gpujs(@|$)/.test(runner);
    lines.push({
      target: translated ? `${runner} translated / gpu.js webasm async hand-written, same kernels` : `${runner} / gpu.js webasm async, same kernels`,
      measured: translated
        ? `geomean ${formatRatio(geomean)}: ${ratios.map((r) => `${r.kernel} ${formatRatio(r.value)}`).join(', ')}`
        : `geomean ${formatRatio(geomean)}, worst ${formatRatio(worst.value)} (${worst.kernel}), ${ratios.length} kernels`,
      goal: translated ? 'report it' : '< 1.00× on every kernel',
      met: translated ? undefined : worst.value < 1,
    });
  }
  // The same speed-up for the native loop: what the machine allowed during this run.
  const [seq] = ok(results, (row) => row.kernel === 'mandelbrot' && row.runner === 'native-gcc');
  const [omp] = ok(results, (row) => row.kernel === 'mandelbrot' && row.runner === 'native-openmp');
  if (seq && omp) {
    lines.push({ target: 'mandelbrot speed-up, native-openmp vs native-gcc (the machine’s own, for reference)', measured: formatRatio(seq.warm!.medianMs / omp.warm!.medianMs), goal: '—', met: undefined });
  }
  for (const pair of workerSpeedups(results, 'mandelbrot')) {
    lines.push({ target: `mandelbrot speed-up, ${pair.label}`, measured: formatRatio(pair.speedup), goal: '≥ 1.90×', met: pair.speedup >= 1.9 });
  }
  for (const row of ok(results, (r) => backend(r) && r.kernel === 'empty')) {
    lines.push({ target: `empty parallelFor round trip, warm median, ${row.runner} ${row.variant}`, measured: formatMs(row.warm!.medianMs), goal: '≤ 20 µs', met: row.warm!.medianMs <= 0.02 });
  }
  return [...lines, ...cpuTargetLines(results)];
}

export function renderTargets(results: BenchResults): string {
  const lines = targetLines(results);
  const rows = lines.map((line) => [line.target, line.measured, line.goal, line.met === undefined ? '—' : line.met ? 'met' : 'MISSED']);
  return `Targets (issues 5, 10 and 13; measured in this run, not asserted):\n\n${markdownTable(['target', 'measured', 'goal', ''], rows, 'llll')}`;
}
