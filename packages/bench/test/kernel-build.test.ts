import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { admitKernel, checkKernelArity } from '@wasi-parallel/core';
import { buildKernels, KERNEL_SUITE, kernelWasmPath } from '@wasi-parallel/bench';

beforeAll(async () => {
  await buildKernels();
}, 120_000);

describe('the built kernel suite', () => {
  it.each(KERNEL_SUITE.flatMap((kernel) => (['scalar', 'simd'] as const).map((variant) => [kernel.id, variant, kernel.arity] as const)))(
    '%s (%s) passes the kernel ABI check: one shared memory import, `kernel` taking its buffers',
    async (id, variant, arity) => {
      const bytes = new Uint8Array(await readFile(kernelWasmPath(id, variant)));
      const admitted = admitKernel(bytes);
      expect(admitted.memory.shared).toBe(true);
      expect(() => checkKernelArity(admitted, arity)).not.toThrow();
    },
  );

  it('the -msimd128 build of a streaming kernel is vectorised (differs from the scalar build)', async () => {
    const scalar = await readFile(kernelWasmPath('saxpy', 'scalar'));
    const simd = await readFile(kernelWasmPath('saxpy', 'simd'));
    expect(WebAssembly.validate(simd)).toBe(true);
    expect(Buffer.compare(scalar, simd)).not.toBe(0);
  });
});
