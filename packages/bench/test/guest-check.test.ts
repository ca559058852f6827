import { beforeAll, describe, expect, it } from 'vitest';
import { buildKernels, CaseData, GuestCheck, KERNEL_SUITE, kernelById, WasmNodeRunner } from '@wasi-parallel/bench';

const plan = { warmup: 0, repetitions: 1 };

beforeAll(async () => {
  await buildKernels();
}, 120_000);

describe('guest-side checks', () => {
  it('makes the same inputs every time, with the parameters in buffer 0', async () => {
    const kernelCase = kernelById('mandelbrot')!.caseFor('small');
    const guest = await GuestCheck.load(kernelCase);
    const first = guest.initialBuffers();
    expect(Array.from(new Int32Array(first[0]!.slice().buffer, 0, 3))).toEqual([128, 128, 64]);
    const saxpy = await GuestCheck.load(kernelById('saxpy')!.caseFor('small'));
    const a = saxpy.initialBuffers();
    const b = saxpy.initialBuffers();
    expect(b).toEqual(a);
    // x[i] = ((7i) mod 1000) / 1000, from kernels/saxpy.h
    expect(new Float32Array(a[1]!.slice().buffer)[3]).toBeCloseTo(0.021, 6);
  });

  // Every kernel but `empty` (which has no output): a correct run passes, a zeroed output fails.
  it.each(KERNEL_SUITE.filter((kernel) => kernel.id !== 'empty').map((kernel) => kernel.id))('%s: passes a real run and fails a zeroed output', async (id) => {
    const kernelCase = kernelById(id)!.caseFor('small');
    const data = new CaseData(kernelCase);
    const measurement = await new WasmNodeRunner().measure(data, 'scalar', plan);
    expect(await data.check(measurement.outputs!)).toBe(0);
    const zeroed = measurement.outputs!.map((bytes, i) => (kernelCase.buffers[i]!.access === 0 ? bytes : new Uint8Array(bytes.length)));
    expect(await data.check(zeroed)).toBeGreaterThan(0);
  });

  it('counts a single wrong element', async () => {
    const kernelCase = kernelById('saxpy')!.caseFor('small');
    const data = new CaseData(kernelCase);
    const outputs = [...(await new WasmNodeRunner().measure(data, 'simd', plan)).outputs!];
    const z = new Float32Array(outputs[3]!.slice().buffer);
    z[12_345] += 0.5;
    outputs[3] = new Uint8Array(z.buffer);
    expect(await data.check(outputs)).toBe(1);
  });
});

describe('isolated runner', () => {
  it('ends a runner process that runs past its time limit, reports TIMEOUT, and starts afresh for the next kernel', async () => {
    const { IsolatedRunner } = await import('@wasi-parallel/bench');
    const { ErrorCode } = await import('@wasi-parallel/core');
    const runner = new IsolatedRunner({ kind: 'baseline', name: 'wasm-node' }, ['matmul-naive', 'empty'], ['medium'], 4_000);
    try {
      await runner.open();
      // matmul-naive at medium takes tens of ms a sample; a thousand of them cannot fit in 4 s.
      const slow = new CaseData(kernelById('matmul-naive')!.caseFor('medium'));
      await expect(runner.measure(slow, 'scalar', { warmup: 0, repetitions: 1000 })).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
      const quick = await runner.measure(new CaseData(kernelById('empty')!.caseFor('medium')), 'scalar', plan);
      expect(quick.checkFailures).toBe(0);
      expect(quick.samplesMs).toHaveLength(1);
    } finally {
      await runner.close();
    }
  }, 30_000);
});
