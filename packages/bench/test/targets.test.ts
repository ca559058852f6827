import { describe, expect, it } from 'vitest';
import { targetLines, type BenchResults, type ResultRow } from '@wasi-parallel/bench';

function row(kernel: string, runner: string, variant: ResultRow['variant'], medianMs: number, best: number): ResultRow {
  return {
    kernel,
    size: 'large',
    runner,
    role: runner.startsWith('native') || runner === 'wasm-node' || runner === 'gpujs-webasm' ? 'baseline' : 'backend',
    variant,
    status: 'ok',
    warm: { count: 1, medianMs, minMs: medianMs, maxMs: medianMs, q1Ms: medianMs, q3Ms: medianMs, iqrMs: 0, ciLowMs: medianMs, ciHighMs: medianMs },
    ratioToBestNative: medianMs / best,
  };
}

function results(rows: ResultRow[]): BenchResults {
  return { sizes: ['large'], results: rows } as unknown as BenchResults;
}

describe('targets', () => {
  const rows = [
    row('mandelbrot', 'native-openmp', 'native', 100, 100),
    row('mandelbrot', 'native-gcc', 'native', 190, 100),
    row('mandelbrot', 'threads@workers=1', 'scalar', 200, 100),
    row('mandelbrot', 'threads@workers=2', 'scalar', 105, 100),
    row('mandelbrot', 'gpujs-webasm', 'js', 111, 100),
    row('matmul-blocked', 'threads@workers=2', 'simd', 70, 100),
    row('matmul-blocked', 'threads@workers=2', 'scalar', 300, 100),
    row('empty', 'threads@workers=2', 'scalar', 0.015, 1),
  ];
  const lines = targetLines(results(rows));
  const find = (prefix: string) => lines.find((line) => line.target.startsWith(prefix))!;

  it('takes the fastest backend row for mandelbrot and matmul against best native', () => {
    expect(find('mandelbrot / best native, best backend')).toMatchObject({ met: true, goal: '≤ 1.10×' });
    expect(find('mandelbrot / best native, best backend').measured).toContain('threads@workers=2 scalar');
    expect(find('matmul f32 -msimd128 / best native, best backend')).toMatchObject({ met: true });
    expect(find('matmul f32 scalar')).toMatchObject({ met: undefined, goal: 'report it' });
  });

  it('pairs one- and two-worker rows of the same backend for the speed-up', () => {
    const speedup = find('mandelbrot speed-up, threads');
    expect(speedup.target).toContain('threads@workers=2 vs threads@workers=1');
    expect(speedup.measured).toBe('1.90×');
    expect(speedup.met).toBe(true);
  });

  it('gives the native loop’s own OpenMP speed-up beside it, for reference', () => {
    expect(find('mandelbrot speed-up, native-openmp vs native-gcc')).toMatchObject({ measured: '1.90×', met: undefined });
  });

  it('compares each backend with gpu.js on the kernels both ran, by its worst kernel', () => {
    const line = find('threads@workers=2 / gpu.js');
    expect(line.measured).toContain('1 kernels');
    expect(line.met).toBe(true); // 105 < 111
    expect(find('threads@workers=1 / gpu.js').met).toBe(false); // 200 > 111
  });

  it('reads the empty kernel’s warm median as the round trip, in µs', () => {
    expect(find('empty parallelFor round trip')).toMatchObject({ measured: '15.0 µs', met: true });
  });

  it('says "not measured" rather than guessing when a run lacks the rows', () => {
    expect(targetLines(results([])).every((line) => line.met === undefined && line.measured === 'not measured')).toBe(true);
  });
});
