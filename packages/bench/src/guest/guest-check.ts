import { readFile } from 'node:fs/promises';
import { LIMITS, layoutBuffers } from '@wasi-parallel/core';
import { checkWasmPath } from '../build/artifact-paths.js';
import type { KernelCase } from '../suite/kernel-spec.js';

type BufferFn = (...args: number[]) => number;

/** Pads (pointer, length) pairs to the four the check module's `init` and `check` take. */
function bufferArgs(offsets: readonly number[], sizes: readonly number[]): number[] {
  const args: number[] = [];
  for (let i = 0; i < 4; i++) args.push(offsets[i] ?? 0, sizes[i] ?? 0);
  return args;
}

/**
 * The guest side of a kernel case, written in C next to the kernel (kernels/*.h) and built into
 * its own wasm module: `init` makes the inputs every runner gets, `check` recomputes the output
 * and counts the wrong elements. Runs on a plain memory on this thread, whatever ran the kernel.
 */
export class GuestCheck {
  private constructor(
    private readonly kernelCase: KernelCase,
    private readonly memory: WebAssembly.Memory,
    private readonly offsets: readonly number[],
    private readonly init: BufferFn,
    private readonly checkFn: BufferFn,
  ) {}

  static async load(kernelCase: KernelCase): Promise<GuestCheck> {
    const module = await WebAssembly.compile(await readFile(checkWasmPath(kernelCase.kernel.id)));
    const memoryImport = WebAssembly.Module.imports(module).find((entry) => entry.kind === 'memory')!;
    // A first instance only to read __heap_base; the buffers' memory is sized from it.
    const probeMemory = new WebAssembly.Memory({ initial: 16 });
    const probe = await WebAssembly.instantiate(module, { [memoryImport.module]: { [memoryImport.name]: probeMemory } });
    const heapBase = (probe.exports.__heap_base as WebAssembly.Global).value as number;
    const layout = layoutBuffers(Math.ceil(heapBase / LIMITS.WASM_PAGE_SIZE), kernelCase.buffers.map((buffer) => buffer.bytes));
    const memory = new WebAssembly.Memory({ initial: layout.pages });
    const instance = await WebAssembly.instantiate(module, { [memoryImport.module]: { [memoryImport.name]: memory } });
    return new GuestCheck(kernelCase, memory, layout.offsets, instance.exports.init as BufferFn, instance.exports.check as BufferFn);
  }

  /** Every buffer's starting bytes: the parameters in buffer 0, inputs from the guest's `init`, zeros elsewhere. */
  initialBuffers(): Uint8Array[] {
    const { buffers, params } = this.kernelCase;
    const view = new Uint8Array(this.memory.buffer);
    buffers.forEach((buffer, i) => view.fill(0, this.offsets[i]!, this.offsets[i]! + buffer.bytes));
    if (buffers.length > 0) new Int32Array(this.memory.buffer, this.offsets[0]!, params.length).set(params);
    this.init(...bufferArgs(this.offsets, buffers.map((buffer) => buffer.bytes)));
    return buffers.map((buffer, i) => view.slice(this.offsets[i]!, this.offsets[i]! + buffer.bytes));
  }

  /** The number of wrong output elements (0 = pass) given every buffer's bytes after a run. */
  check(contents: readonly Uint8Array[]): number {
    const { buffers } = this.kernelCase;
    const view = new Uint8Array(this.memory.buffer);
    contents.forEach((bytes, i) => view.set(bytes, this.offsets[i]!));
    return this.checkFn(...bufferArgs(this.offsets, buffers.map((buffer) => buffer.bytes)));
  }
}
