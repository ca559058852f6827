import { summarize, type BenchResults, type KernelInfo, type ResultRow } from '@wasi-parallel/bench';

/** A row's samples scaled by `factor`, its statistics recomputed from them as the bench would. */
export function scaled(row: ResultRow, factor: number): ResultRow {
  if (!row.samplesMs || row.status !== 'ok') return row;
  const samplesMs = row.samplesMs.map((sample) => sample * factor);
  const { gbPerSecond, ...rest } = row;
  return { ...rest, samplesMs, warm: summarize(samplesMs), ...(gbPerSecond !== undefined ? { gbPerSecond: gbPerSecond / factor } : {}) };
}

/**
 * An "after" run made from a real one: `faster` runs at half the time (a change far beyond the
 * noise), every other row unchanged; plus a software "GPU" backend and a device that reports
 * what a simulator would (cycles, II, an estimated time), on the first kernel with buffers.
 */
export function afterRun(before: BenchResults, faster: string): BenchResults {
  const kernel = before.kernels.find((candidate) => candidate.bufferBytes.length > 0)!;
  const template = before.results.find((row) => row.kernel === kernel.id && row.runner === faster && row.status === 'ok')!;
  const extra: ResultRow[] = [
    { ...scaled(template, 40), runner: 'webgpu', variant: 'scalar' },
    { ...scaled(template, 3), runner: 'fpga-sim', variant: 'scalar', deviceReport: { cycles: 70_000, 'loops.0.ii': 1, depth: 12, clockMHz: 300, estimatedMs: 0.233 } },
  ];
  return {
    ...before,
    generatedAt: new Date(Date.parse(before.generatedAt) + 3_600_000).toISOString(),
    runners: [
      ...before.runners,
      { name: 'webgpu', role: 'backend', available: true, emulated: true, description: { backend: 'webgpu', device: 'swiftshader-high-performance', deviceKind: 'discrete-gpu', emulated: true, 'device.driver': 'SwiftShader driver' } },
      { name: 'fpga-sim', role: 'backend', available: true, description: { backend: 'fpga-sim', device: 'u280-sim', deviceKind: 'fpga' } },
    ],
    results: [...before.results.map((row) => (row.runner === faster ? scaled(row, 0.5) : row)), ...extra],
  };
}

/** The same run at the next size up: four times the data, four times the time. */
export function mediumRun(small: BenchResults): BenchResults {
  const grow = (kernel: KernelInfo): KernelInfo => ({ ...kernel, size: 'medium', label: `${kernel.label} ×4`, bufferBytes: kernel.bufferBytes.map((bytes) => bytes * 4), ...(kernel.bytesMoved ? { bytesMoved: kernel.bytesMoved * 4 } : {}) });
  return {
    ...small,
    sizes: ['medium'],
    plans: { medium: small.plans.small! },
    kernels: small.kernels.map(grow),
    // Four times the bytes in four times the time: the same GB/s.
    results: small.results.map((row) => ({ ...scaled(row, 4), size: 'medium', ...(row.gbPerSecond !== undefined ? { gbPerSecond: row.gbPerSecond } : {}) })),
    fidelity: [],
  };
}

/** A run made up from times alone: `rows` maps `kernel runner variant` to its samples. */
export function madeUpRun(rows: Readonly<Record<string, readonly number[]>>, extra: Partial<BenchResults> = {}): BenchResults {
  const kernelIds = [...new Set(Object.keys(rows).map((key) => key.split(' ')[0]!))];
  const kernels: KernelInfo[] = kernelIds.map((id) => ({
    id,
    size: 'small',
    description: id,
    label: `${id} label`,
    numIterations: 4,
    blockSize: 1,
    bufferBytes: id === 'empty' ? [] : [16, 4096, 4096],
    ...(id === 'saxpy' ? { bytesMoved: 8192 } : {}),
  }));
  const results = Object.entries(rows).map(([key, samplesMs]): ResultRow => {
    const [kernel, runner, variant] = key.split(' ') as [string, string, ResultRow['variant']];
    const warm = summarize(samplesMs);
    return {
      kernel,
      size: 'small',
      runner,
      role: runner.startsWith('native') || runner === 'wasm-node' ? 'baseline' : 'backend',
      variant,
      status: 'ok',
      coldMs: samplesMs[0]! * 2,
      warm,
      samplesMs: [...samplesMs],
      checkFailures: 0,
      ...(kernel === 'saxpy' ? { gbPerSecond: 8192 / warm.medianMs / 1e6 } : {}),
    };
  });
  const runnerNames = [...new Set(results.map((row) => row.runner))];
  return {
    schemaVersion: 2,
    generatedAt: '2026-01-01T00:00:00.000Z',
    sizes: ['small'],
    plans: { small: { warmup: 1, repetitions: 3 } },
    statistics: { resamples: 1000, confidence: 0.95, seed: 1 },
    machine: { cpuModel: 'Test CPU', cores: 2, memoryBytes: 2 ** 30, platform: 'linux', osRelease: '6', arch: 'x64' },
    versions: { node: 'v20', v8: '11', gcc: 'gcc 12', clang: 'clang 16', gpujs: '2.24.1', bench: '0.1.0' },
    runners: runnerNames.map((name) => ({ name, role: results.find((row) => row.runner === name)!.role, available: true })),
    kernels,
    results,
    frontEnd: { available: false, reason: 'not measured', rows: [] },
    ...extra,
  };
}
