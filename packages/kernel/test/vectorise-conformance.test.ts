import { describe, expect, it } from 'vitest';
import { DeviceKind, HostBuffer, fusedExports, layoutBuffers, referenceBackendFactory, runFusedChunk, type DispatchRequest } from '@wasi-parallel/core';
import { runConformance } from '@wasi-parallel/conformance';
import { loadKernel, vectoriseKernel } from '@wasi-parallel/kernel';

/** How one run ended: the memory's bytes, or the iteration that failed. */
type Outcome = { readonly bytes: Uint8Array } | { readonly failed: number };

function memoryWith(request: DispatchRequest, minPages: number, shared: boolean): { memory: WebAssembly.Memory; args: number[] } {
  const buffers = request.buffers as readonly HostBuffer[];
  const layout = layoutBuffers(minPages, buffers.map((buffer) => buffer.size));
  const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: 65536, shared } as WebAssembly.MemoryDescriptor);
  const view = new Uint8Array(memory.buffer);
  buffers.forEach((buffer, i) => view.set(buffer.bytes, layout.offsets[i]));
  return { memory, args: buffers.flatMap((buffer, i) => [layout.offsets[i]!, buffer.size]) };
}

/** The reference: the kernel's own export, iterations 0…N-1 in order, one call each. */
function reference(request: DispatchRequest, minPages: number, module: string, field: string, shared: boolean): Outcome {
  const { memory, args } = memoryWith(request, minPages, shared);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(request.kernel.bytes as Uint8Array<ArrayBuffer>), { [module]: { [field]: memory } });
  const kernel = instance.exports.kernel as (...a: number[]) => void;
  for (let i = 0; i < request.numIterations; i++) {
    try {
      kernel(i, request.numIterations, request.blockSize, ...args);
    } catch {
      return { failed: i };
    }
  }
  return { bytes: new Uint8Array(memory.buffer).slice() };
}

/** The vectorised module, over [0, N) split into chunks of `chunk` iterations run in order, as a worker runs them. */
function vectorised(bytes: Uint8Array, request: DispatchRequest, minPages: number, module: string, field: string, chunk: number): Outcome {
  const { memory, args } = memoryWith(request, minPages, true);
  const exports = fusedExports(new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { [module]: { [field]: memory } }));
  for (let start = 0; start < request.numIterations; start += chunk) {
    const end = Math.min(request.numIterations, start + chunk);
    const failure = runFusedChunk(exports, [start, end, request.numIterations, request.blockSize, ...args]);
    if (failure) return { failed: failure.iteration };
  }
  return { bytes: new Uint8Array(memory.buffer).slice() };
}

interface Verdict {
  readonly hash: string;
  readonly vectorised: boolean;
  readonly reason?: string;
  readonly mismatches: string[];
}

describe('the vectoriser on every kernel the conformance suite dispatches', () => {
  it('vectorises most of them, and each vectorised one gives the sequential bytes (or trapping iteration), whole and in odd chunks', async () => {
    const verdicts = new Map<string, Verdict>();
    const factory = referenceBackendFactory({
      name: 'vectorise-probe',
      kind: DeviceKind.CPU,
      async parallelFor(inner, request) {
        let ir;
        try {
          ir = await loadKernel(request.kernel.bytes);
        } catch {
          return inner.parallelFor(request);
        }
        const plan = vectoriseKernel(ir);
        const verdict = verdicts.get(ir.hash) ?? { hash: ir.hash, vectorised: plan.vectorised, ...(plan.vectorised ? {} : { reason: plan.reason }), mismatches: [] };
        verdicts.set(ir.hash, verdict);
        if (plan.vectorised && request.numIterations > 0) {
          const { module, field, minPages, shared } = ir.memory;
          const expected = reference(request, minPages, module, field, shared);
          for (const chunk of [request.numIterations, 7, 13, 4]) {
            const got = vectorised(plan.bytes, request, minPages, module, field, chunk);
            const same = 'failed' in expected ? 'failed' in got && got.failed === expected.failed : 'bytes' in got && Buffer.compare(got.bytes, expected.bytes) === 0;
            if (!same) verdict.mismatches.push(`N=${request.numIterations} chunk=${chunk}: ${'failed' in expected ? `expected a failure at ${expected.failed}` : 'expected bytes'}, got ${'failed' in got ? `a failure at ${got.failed}` : 'other bytes'}`);
          }
        }
        return inner.parallelFor(request);
      },
    });
    await runConformance({ factory });
    const all = [...verdicts.values()];
    const taken = all.filter((verdict) => verdict.vectorised);
    console.log(
      `vectorised ${taken.length} of ${all.length} conformance kernels; the others:\n` +
        all.filter((verdict) => !verdict.vectorised).map((verdict) => `  ${verdict.hash}: ${verdict.reason}`).join('\n'),
    );
    expect(all.flatMap((verdict) => verdict.mismatches.map((mismatch) => `${verdict.hash}: ${mismatch}`))).toEqual([]);
    expect(taken.length).toBeGreaterThanOrEqual(20);
  }, 300_000);
});
