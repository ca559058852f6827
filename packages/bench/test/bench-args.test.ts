import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@wasi-parallel/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyBackendOptions, DEFAULT_PLANS, KERNEL_SUITE, parseBackendSelection, parseBenchArgs, runBenchCli } from '@wasi-parallel/bench';

function capture(): { out: string[]; err: string[]; io: { stdout: (t: string) => void; stderr: (t: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
}

describe('bench arguments', () => {
  it('defaults to every kernel, every discovered backend, every baseline, size small', () => {
    const args = parseBenchArgs([]);
    expect(args.kernels.map((kernel) => kernel.id)).toEqual(KERNEL_SUITE.map((kernel) => kernel.id));
    expect(args.backends).toBeUndefined();
    expect(args.baselines).toEqual(['native-gcc', 'native-openmp', 'wasm-node', 'gpujs-webasm']);
    expect(args.sizes).toEqual(['small']);
    expect(args.plans).toEqual({ small: DEFAULT_PLANS.small });
    expect(args.html).toBeUndefined();
    expect(args.conformance).toBe(false);
  });

  it('takes several sizes, smallest first, each with its own default plan', () => {
    const args = parseBenchArgs(['--size', 'large,small', '--html', 'd.html', '--conformance']);
    expect(args.sizes).toEqual(['small', 'large']);
    expect(args.plans).toEqual({ small: DEFAULT_PLANS.small, large: DEFAULT_PLANS.large });
    expect(args.html).toBe('d.html');
    expect(args.conformance).toBe(true);
  });

  it('reads lists, sizes, sample counts and files, in both --flag value and --flag=value forms', () => {
    const args = parseBenchArgs(['--kernels', 'saxpy,mandelbrot', '--backends=threads@workers=2,sequential', '--baselines', 'none', '--size', 'large', '--reps=4', '--warmup', '0', '--out', 'r.json']);
    expect(args.kernels.map((kernel) => kernel.id)).toEqual(['saxpy', 'mandelbrot']);
    expect(args.backends).toEqual([
      { label: 'threads@workers=2', backend: 'threads', options: { workers: 2 } },
      { label: 'sequential', backend: 'sequential', options: {} },
    ]);
    expect(args.baselines).toEqual([]);
    expect(args.plans).toEqual({ large: { warmup: 0, repetitions: 4, budgetMs: DEFAULT_PLANS.large.budgetMs } });
    expect(parseBenchArgs(['--budget', '5']).plans.small!.budgetMs).toBe(5000);
    expect(args.out).toBe('r.json');
  });

  it('parses backend options as numbers, booleans or text, as --backend-option does', () => {
    expect(parseBackendSelection('x@a=1@b=true@c=fast')).toEqual({ label: 'x@a=1@b=true@c=fast', backend: 'x', options: { a: 1, b: true, c: 'fast' } });
    const args = parseBenchArgs(['--backends', 'threads,threads@workers=1', '--backend-option', 'threads.workers=4', '--backend-option', 'threads.loop=js']);
    expect(args.backendOptions).toEqual({ threads: { workers: 4, loop: 'js' } });
    // A row's own label wins over the option given for every row.
    expect(applyBackendOptions(args.backends!, args.backendOptions).map((selection) => selection.options)).toEqual([
      { workers: 4, loop: 'js' },
      { workers: 1, loop: 'js' },
    ]);
  });

  it.each([
    [['--size', 'huge']],
    [['--size', 'small,huge']],
    [['--size', ',']],
    [['--kernels', 'nope']],
    [['--baselines', 'nope']],
    [['--reps', '0']],
    [['--budget', '0']],
    [['--bogus']],
    [['--out']],
    [['--backends', '@x=1']],
    [['--json=false']],
    [['--size']],
    [['extra']],
    [['--backend-option', 'workers=1']],
  ])('rejects %j with INVALID_ARGUMENT', (argv) => {
    expect(() => parseBenchArgs(argv)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });

  it('refuses, before running anything, a backend that is not registered and an output it could not write', async () => {
    const missingDir = join(mkdtempSync(join(tmpdir(), 'bench-args-')), 'missing');
    for (const argv of [
      ['--backends', 'sequential,no-such-backend', '--baselines', 'none'],
      ['--backend-option', 'nosuch.x=1', '--baselines', 'none'],
      ['--baselines', 'none', '--out', join(missingDir, 'r.json')],
      ['--baselines', 'none', '--markdown', join(missingDir, 'r.md')],
      ['--baselines', 'none', '--html', join(missingDir, 'd.html')],
    ]) {
      const bad = capture();
      expect(await runBenchCli(argv, bad.io), argv.join(' ')).toBe(2);
      expect(bad.out).toEqual([]);
      expect(bad.err.join('').trim().split('\n')).toHaveLength(1);
    }
  });

  it('runBenchCli answers bad usage with exit code 2 and --help with 0', async () => {
    const bad = capture();
    expect(await runBenchCli(['--size', 'huge'], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('--size');
    const help = capture();
    expect(await runBenchCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('--backends');
  });
});
