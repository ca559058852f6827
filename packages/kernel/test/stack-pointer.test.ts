import { describe, expect, it } from 'vitest';
import { ErrorCode, LIMITS, kernelParamCount } from '@wasi-parallel/core';
import { loadKernel, withStackPointer } from '@wasi-parallel/kernel';
import { assembleFile, compileC } from './helpers/compile.js';

const PAGE = LIMITS.WASM_PAGE_SIZE;
const N = 16; // ints per iteration in stack-spill.c

/** Runs one iteration of stack-spill.c's kernel as its own instance over `memory`. */
function runIteration(bytes: Uint8Array, memory: WebAssembly.Memory, iteration: number, inPtr: number, outPtr: number): void {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { env: { memory } });
  const kernel = instance.exports['kernel'] as (...args: number[]) => void;
  expect(kernel.length).toBe(kernelParamCount(2));
  kernel(iteration, 2, 1, inPtr, 2 * N * 4, outPtr, 2 * N * 4);
}

describe('per-instance shadow stacks', () => {
  it('withStackPointer moves the stack of a kernel that spills, and each instance writes only its own region', async () => {
    const bytes = compileC('stack-spill.c');
    const ir = await loadKernel(bytes);
    const original = ir.stack!.initialValue;

    const memory = new WebAssembly.Memory({ initial: 4, maximum: 16, shared: true });
    const view = new Int32Array(memory.buffer);
    const inPtr = ir.memory.minPages * PAGE; // buffers start above the kernel's own region
    const outPtr = inPtr + 2 * N * 4;
    const input = Array.from({ length: 2 * N }, (_, k) => (k * 7919) % 101);
    view.set(input, inPtr / 4);

    // Two instances as if running at once: stacks at the top of two 4 KiB regions of page 3.
    const tops = [3 * PAGE + 4096, 3 * PAGE + 8192];
    runIteration(withStackPointer(bytes, tops[0]!), memory, 0, inPtr, outPtr);
    runIteration(withStackPointer(bytes, tops[1]!), memory, 1, inPtr, outPtr);

    for (const iteration of [0, 1]) {
      const sorted = input.slice(iteration * N, (iteration + 1) * N).sort((a, b) => a - b);
      expect(Array.from(view.subarray(outPtr / 4 + iteration * N, outPtr / 4 + (iteration + 1) * N))).toEqual(sorted);
      // The scratch array lived just below this instance's own stack top.
      const top = tops[iteration]! / 4;
      expect(Array.from(view.subarray(top - N, top))).toEqual(sorted);
    }
    // Nothing touched the linker's stack region.
    expect(view.subarray((original - 4096) / 4, original / 4).every((v) => v === 0)).toBe(true);
  });

  it('without the rewrite two instances share one stack region (what the rewrite prevents)', async () => {
    const bytes = compileC('stack-spill.c');
    const ir = await loadKernel(bytes);
    const memory = new WebAssembly.Memory({ initial: 4, maximum: 16, shared: true });
    const view = new Int32Array(memory.buffer);
    const inPtr = ir.memory.minPages * PAGE;
    view.set(Array.from({ length: 2 * N }, (_, k) => 1000 - k), inPtr / 4);
    runIteration(bytes, memory, 0, inPtr, inPtr + 2 * N * 4);
    const top = ir.stack!.initialValue / 4;
    expect(view.subarray(top - N, top).some((v) => v !== 0)).toBe(true);
  });

  it('returns the same bytes for the same stack top (cached) and refuses misaligned tops', () => {
    const bytes = compileC('stack-spill.c');
    expect(withStackPointer(bytes, 3 * PAGE)).toBe(withStackPointer(bytes, 3 * PAGE));
    expect(() => withStackPointer(bytes, 3 * PAGE + 4)).toThrowError(expect.objectContaining({ code: ErrorCode.INVALID_KERNEL }));
  });

  it('refuses to move the stack of a kernel that has none', () => {
    expect(() => withStackPointer(assembleFile('map-square.wat'), PAGE)).toThrowError(
      expect.objectContaining({ code: ErrorCode.INVALID_KERNEL }),
    );
  });
});
