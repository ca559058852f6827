import { isWritable, type BufferAccessKind } from '../buffer-access-kind.js';
import type { Device, DispatchRequest, DispatchResult } from '../contracts/backend.js';
import { DeviceKind } from '../device-kind.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';
import { layoutBuffers } from '../kernel/buffer-layout.js';
import { compileKernel, kernelImports, type CompiledKernel } from '../kernel/compiled-kernel.js';
import { KernelCache } from '../kernel/kernel-cache.js';
import { LIMITS } from '../limits.js';
import { HostBuffer } from '../host-buffer.js';

type KernelFunction = (...args: number[]) => void;

/**
 * The reference device: iterations 0…N-1, in order, on one instance of the kernel, on the
 * calling thread. Each call builds a memory the kernel's import accepts, places the buffers
 * above the kernel's own region, runs, and copies writable buffers back.
 */
export class SequentialDevice implements Device {
  readonly kind = DeviceKind.SEQUENTIAL;
  readonly name = 'sequential';
  readonly description = { engine: 'host WebAssembly', order: 'iterations 0…N-1 in order' };
  readonly #kernels = new KernelCache<CompiledKernel>();

  async createBuffer(size: number, access: BufferAccessKind): Promise<HostBuffer> {
    return new HostBuffer(size, access);
  }

  async parallelFor(request: DispatchRequest): Promise<DispatchResult> {
    const kernel = this.#kernels.getOrCreate(request.kernel.hash, () => compileKernel(request.kernel.bytes));
    const buffers = request.buffers as readonly HostBuffer[];
    const layout = layoutBuffers(kernel.memory.minPages, buffers.map((buffer) => buffer.size));
    const maxPages = kernel.memory.maxPages ?? LIMITS.MAX_WASM_PAGES;
    if (layout.pages > maxPages) {
      throw new WasiParallelError(
        ErrorCode.OUT_OF_MEMORY,
        `the kernel's memory is limited to ${maxPages} pages but its region and buffers need ${layout.pages}; ` +
          'raise the maximum the kernel declares (e.g. -Wl,--max-memory=…)',
      );
    }
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: layout.pages, maximum: maxPages, shared: kernel.memory.shared } as WebAssembly.MemoryDescriptor);
    } catch (error) {
      throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `cannot allocate ${layout.pages} pages: ${(error as Error).message}`);
    }
    const view = new Uint8Array(memory.buffer);
    buffers.forEach((buffer, i) => view.set(buffer.bytes, layout.offsets[i]));

    let instance: WebAssembly.Instance;
    try {
      instance = new WebAssembly.Instance(kernel.module, kernelImports(kernel.memory, memory));
    } catch (error) {
      const code = error instanceof WebAssembly.RuntimeError ? ErrorCode.KERNEL_TRAP : ErrorCode.INVALID_KERNEL;
      throw new WasiParallelError(code, `the kernel cannot be instantiated: ${(error as Error).message}`);
    }
    const run = instance.exports.kernel as KernelFunction;
    const args = [0, request.numIterations, request.blockSize];
    buffers.forEach((buffer, i) => args.push(layout.offsets[i]!, buffer.size));
    for (let iteration = 0; iteration < request.numIterations; iteration++) {
      args[0] = iteration;
      try {
        run(...args);
      } catch (error) {
        throw new WasiParallelError(
          error instanceof WebAssembly.RuntimeError ? ErrorCode.KERNEL_TRAP : ErrorCode.DEVICE_LOST,
          `iteration ${iteration} failed: ${(error as Error).message}`,
          { iteration },
        );
      }
    }
    // Reads the memory's current buffer: the kernel may have grown it.
    const after = new Uint8Array(memory.buffer);
    buffers.forEach((buffer, i) => {
      if (isWritable(buffer.access)) buffer.bytes.set(after.subarray(layout.offsets[i]!, layout.offsets[i]! + buffer.size));
    });
    return {};
  }
}
