import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_SUITE, loadResultsSchema, runBenchCli, validateJson, type BenchResults } from '@wasi-parallel/bench';

// The CI smoke run: `--size small` over core's sequential backend and every baseline. It asserts
// what ran and that every guest-side check passed, never how fast anything was.
let results: BenchResults;
let exitCode: number;
let stdout = '';
let json: unknown;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
  const out = join(dir, 'results.json');
  exitCode = await runBenchCli(['--size', 'small', '--backends', 'sequential', '--out', out], {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
  });
  json = JSON.parse(await readFile(out, 'utf8'));
  results = json as BenchResults;
}, 240_000);

describe('bench --size small (smoke)', () => {
  it('exits 0 and prints the table', () => {
    expect(exitCode).toBe(0);
    expect(stdout).toContain('warm median');
    expect(stdout).toContain('× best native');
  });

  it('writes JSON that validates against the versioned schema', async () => {
    expect(validateJson(json, await loadResultsSchema())).toEqual([]);
    expect(results.schemaVersion).toBe(2);
    expect(results.sizes).toEqual(['small']);
    expect(results.versions.packages?.['@wasi-parallel/core']).toMatch(/^\d+\.\d+\.\d+/);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.versions.gcc).toMatch(/gcc/i);
    expect(results.versions.clang).toMatch(/clang/i);
  });


  const expected: [string, string][] = [
    ['sequential', 'scalar'],
    ['sequential', 'simd'],
    ['native-gcc', 'native'],
    ['native-openmp', 'native'],
    ['wasm-node', 'scalar'],
    ['wasm-node', 'simd'],
  ];

  it.each(KERNEL_SUITE.map((kernel) => kernel.id))('%s: ran everywhere it should and every guest-side check passed', (id) => {
    const rows = results.results.filter((row) => row.kernel === id);
    for (const [runner, variant] of expected) {
      const row = rows.find((candidate) => candidate.runner === runner && candidate.variant === variant);
      expect(row, `${runner} ${variant}`).toMatchObject({ status: 'ok', checkFailures: 0 });
      expect(row!.size).toBe('small');
      expect(row!.warm!.count).toBe(results.plans.small!.repetitions);
      expect(row!.samplesMs).toHaveLength(results.plans.small!.repetitions);
      // The spread is stored with the median: the quartiles and the interval hold it.
      expect(row!.warm!.q1Ms).toBeLessThanOrEqual(row!.warm!.medianMs);
      expect(row!.warm!.q3Ms).toBeGreaterThanOrEqual(row!.warm!.medianMs);
      expect(row!.warm!.ciLowMs).toBeLessThanOrEqual(row!.warm!.medianMs);
      expect(row!.warm!.ciHighMs).toBeGreaterThanOrEqual(row!.warm!.medianMs);
      expect(row!.coldMs).toBeGreaterThanOrEqual(0);
      expect(row!.ratioToBestNative).toBeGreaterThan(0);
    }
    const gpujs = rows.find((row) => row.runner === 'gpujs-webasm')!;
    expect(['ok', 'skipped']).toContain(gpujs.status);
    if (gpujs.status === 'ok') expect(gpujs.checkFailures).toBe(0);
    else expect(gpujs.reason).toBeTruthy();
    const kernel = results.kernels.find((entry) => entry.id === id)!;
    expect(['native-gcc', 'native-openmp']).toContain(kernel.bestNativeRunner);
  });

  it('ran gpu.js on the kernels it can express', () => {
    const ran = results.results.filter((row) => row.runner === 'gpujs-webasm' && row.status === 'ok').map((row) => row.kernel);
    expect(ran.sort()).toEqual(['mandelbrot', 'matmul-naive', 'nbody', 'saxpy', 'stencil', 'vector-add']);
  });

  it('the ratio to best native is the warm median over the faster native median', () => {
    for (const row of results.results.filter((candidate) => candidate.status === 'ok')) {
      const best = results.kernels.find((kernel) => kernel.id === row.kernel)!.bestNativeMs!;
      expect(row.ratioToBestNative).toBeCloseTo(row.warm!.medianMs / best, 9);
    }
  });
});
