import { describe, expect, it } from 'vitest';
import { assemble } from './support/kernels.js';
import { dispatch, fpgaHost, i32Bytes, READ, READ_WRITE, referenceHost, type Call } from './support/dispatch.js';
import { Random } from './support/random.js';
import { randomKernel } from './support/random-kernel.js';

/** Outcome of a call, comparable across devices: the buffers, or the error code and iteration. */
async function outcome(host: ReturnType<typeof fpgaHost>, call: Call): Promise<unknown> {
  return dispatch(host, call).then(
    (result) => ({ buffers: result.buffers }),
    (error: { code?: number; details?: { iteration?: number } }) => ({ code: error.code, iteration: error.details?.iteration }),
  );
}

// Random kernels (test/support/random-kernel.ts) on the simulator and on the sequential device:
// same bytes or the same trap. FPGA_FUZZ_SEEDS=1000 runs more of them.
describe('random kernels', () => {
  const seeds = Number(process.env.FPGA_FUZZ_SEEDS ?? 24);
  it(`${seeds} random kernels, loops and loop-free bodies, give the sequential device's results`, async () => {
    const differing: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const random = new Random(seed * 7919);
      const loopFree = seed % 2 === 0;
      const kernel = assemble(randomKernel(random, loopFree));
      const call: Call = {
        kernel,
        numIterations: loopFree ? 40 : 6,
        blockSize: 1,
        buffers: [
          { access: READ, data: i32Bytes(Int32Array.from({ length: 64 }, () => random.i32())) },
          { access: READ_WRITE, data: i32Bytes(Int32Array.from({ length: 64 }, () => random.i32())) },
        ],
      };
      const [fpga, reference] = [await outcome(fpgaHost(), call), await outcome(referenceHost(), call)];
      if (JSON.stringify(fpga) !== JSON.stringify(reference)) differing.push(seed);
    }
    expect(differing).toEqual([]);
  }, 300_000);
});
