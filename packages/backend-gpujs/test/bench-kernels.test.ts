import { readFile } from 'node:fs/promises';
import { CaseData, kernelById, kernelWasmPath } from '@wasi-parallel/bench';
import { afterAll, describe, expect, it } from 'vitest';
import { gpujsHost, referenceHost, runKernel } from './support/host.js';

// The bench's kernels, compiled from C by clang -O2 (unrolled, strength-reduced loops), run
// through the GPU.js backend on the bench's own inputs: every byte equal to the sequential
// device's, and the kernels' own checks pass.
const KERNELS = ['saxpy', 'vector-add', 'mandelbrot', 'stencil'];
const MODES = ['cpu', 'webasm', 'webgpu'];

describe.each(MODES)('bench kernels on GPU.js %s', (mode) => {
  const host = gpujsHost(mode);
  const reference = referenceHost();
  afterAll(async () => {
    await host.close();
    await reference.close();
  });
  it.each(KERNELS)('%s (small) gives the sequential bytes', async (id) => {
    const kernelCase = kernelById(id)!.caseFor('small');
    const data = new CaseData(kernelCase);
    const inputs = await data.inputs();
    const kernel = new Uint8Array(await readFile(kernelWasmPath(id, 'scalar')));
    const expected = await runKernel(reference, kernel, kernelCase.numIterations, kernelCase.blockSize, inputs);
    const got = await runKernel(host, kernel, kernelCase.numIterations, kernelCase.blockSize, inputs);
    got.forEach((bytes, i) => expect(Buffer.compare(bytes, expected[i]!), `buffer ${i}`).toBe(0));
    expect(await data.check(got)).toBe(0);
  }, 120_000);
});
