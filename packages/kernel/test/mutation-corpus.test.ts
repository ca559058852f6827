import { describe, expect, it } from 'vitest';
import { ErrorCode, isWasiParallelError } from '@wasi-parallel/core';
import { clearKernelCache, loadKernel } from '@wasi-parallel/kernel';
import { assembleFile, compileC, kernelFiles } from './helpers/compile.js';
import { MUTATIONS, mutate, random } from './helpers/mutator.js';

const SEED = 0x5eed_4b1d;
const PER_SEED_KERNEL = 110;

describe('mutation corpus', () => {
  it('every malformed kernel ends in IR or a typed refusal: no crash, no hang', async () => {
    const seeds = [
      ...kernelFiles('.wat').map((file) => ({ name: file, bytes: assembleFile(file) })),
      ...kernelFiles('.c').map((file) => ({ name: file, bytes: compileC(file) })),
    ];
    const rnd = random(SEED);
    const outcomes = { ir: 0, invalid: 0 };
    const crashes: string[] = [];
    let total = 0;
    for (const seed of seeds) {
      // Each seed must itself be a valid kernel, or the corpus tests nothing.
      await expect(loadKernel(seed.bytes)).resolves.toBeDefined();
      for (let i = 0; i < PER_SEED_KERNEL; i++) {
        const mutation = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!;
        const mutant = mutate(seed.bytes, mutation, rnd);
        total++;
        // Every fourth mutant also goes through i64 lowering, binaryen's least forgiving pass.
        const lowerI64 = i % 4 === 0;
        try {
          const ir = await loadKernel(mutant, { lowerI64 });
          expect(ir.kernel.params.length).toBe(3 + 2 * ir.bufferCount);
          outcomes.ir++;
        } catch (error) {
          if (isWasiParallelError(error) && error.code === ErrorCode.INVALID_KERNEL) outcomes.invalid++;
          else if (lowerI64 && isWasiParallelError(error) && error.code === ErrorCode.UNSUPPORTED_KERNEL_FEATURE) outcomes.invalid++;
          else crashes.push(`${seed.name} #${i} ${mutation}: ${String(error)}`);
        }
      }
      clearKernelCache();
    }
    expect(crashes).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(1000);
    // Both outcomes occur: mutants that stay valid decode, the rest are refused.
    expect(outcomes.ir).toBeGreaterThan(0);
    expect(outcomes.invalid).toBeGreaterThan(total / 2);
    console.log(`mutation corpus: ${total} kernels, ${outcomes.ir} decoded, ${outcomes.invalid} refused, 0 crashes`);
  }, 240_000);
});
