import { describe, expect, it } from 'vitest';
import { DeviceKind, ErrorCode, isWasiParallelError, referenceBackendFactory, type BackendFactory } from '@wasi-parallel/core';
import { conformanceCases, runConformance } from '@wasi-parallel/conformance';
import { loadKernel } from '@wasi-parallel/kernel';

interface Seen {
  readonly hash: string;
  /** The front end's answer: IR, or the error code it refused with. */
  readonly frontEnd: 'ir' | number;
  /** What the sequential device did with the same call: ran it, or the error code. */
  device: 'ran' | number;
}

/**
 * A backend over core's sequential device that first hands every kernel the suite dispatches
 * to the front end and records the answer. The device's own answer is what the suite judges,
 * so the suite passes exactly as on the sequential device; the test compares the two.
 */
function probeFactory(seen: Map<string, Seen>): BackendFactory {
  return referenceBackendFactory({
    name: 'front-end-probe',
    kind: DeviceKind.CPU,
    async parallelFor(inner, request) {
      let entry = seen.get(request.kernel.hash);
      if (!entry) {
        let frontEnd: Seen['frontEnd'];
        try {
          await loadKernel(request.kernel.bytes);
          frontEnd = 'ir';
        } catch (error) {
          frontEnd = isWasiParallelError(error) ? error.code : -1;
        }
        entry = { hash: request.kernel.hash, frontEnd, device: 'ran' };
        seen.set(request.kernel.hash, entry);
      }
      try {
        return await inner.parallelFor(request);
      } catch (error) {
        if (isWasiParallelError(error)) entry.device = error.code;
        throw error;
      }
    },
  });
}

describe('the conformance suite kernels', () => {
  it('every kernel the suite dispatches decodes to IR, except those the device also refuses as invalid', async () => {
    const seen = new Map<string, Seen>();
    const results = await runConformance({ factory: probeFactory(seen) });
    expect(results.length).toBe(conformanceCases.length);
    const kernels = [...seen.values()];
    expect(kernels.length).toBeGreaterThanOrEqual(10);
    // The front end never crashes: IR or a typed invalid-kernel error.
    expect(kernels.filter((k) => k.frontEnd !== 'ir' && k.frontEnd !== ErrorCode.INVALID_KERNEL)).toEqual([]);
    // A kernel the device ran (or refused for a reason other than the kernel) decodes.
    const ranButRefused = kernels.filter((k) => k.device !== ErrorCode.INVALID_KERNEL && k.frontEnd !== 'ir');
    expect(ranButRefused).toEqual([]);
    console.log(
      `conformance kernels: ${kernels.length} distinct, ${kernels.filter((k) => k.frontEnd === 'ir').length} decoded to IR, ` +
        `${kernels.filter((k) => k.frontEnd === ErrorCode.INVALID_KERNEL).length} refused as invalid`,
    );
  }, 240_000);
});
