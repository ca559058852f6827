import { beforeAll, describe, expect, it } from 'vitest';
import { buildKernels, GuestCheck, KERNEL_SUITE, kernelById, WasmNodeRunner } from '@wasi-parallel/bench';

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
    const guest = await GuestCheck.load(kernelCase);
    const inputs = guest.initialBuffers();
    const measurement = await new WasmNodeRunner().measure(kernelCase, 'scalar', inputs, plan);
    expect(guest.check(measurement.outputs!)).toBe(0);
    const zeroed = measurement.outputs!.map((bytes, i) => (kernelCase.buffers[i]!.access === 0 ? bytes : new Uint8Array(bytes.length)));
    expect(guest.check(zeroed)).toBeGreaterThan(0);
  });

  it('counts a single wrong element', async () => {
    const kernelCase = kernelById('saxpy')!.caseFor('small');
    const guest = await GuestCheck.load(kernelCase);
    const inputs = guest.initialBuffers();
    const outputs = [...(await new WasmNodeRunner().measure(kernelCase, 'simd', inputs, plan)).outputs!];
    const z = new Float32Array(outputs[3]!.slice().buffer);
    z[12_345] += 0.5;
    outputs[3] = new Uint8Array(z.buffer);
    expect(guest.check(outputs)).toBe(1);
  });
});
