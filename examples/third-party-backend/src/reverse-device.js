import { compileKernel, DeviceKind, ErrorCode, HostBuffer, isWritable, kernelImports, layoutForKernel, WasiParallelError } from '@wasi-parallel/core';

/**
 * A CPU device that runs the iterations of a call from last to first. wasi-parallel makes no
 * promise about the order of iterations, so a correct kernel gives the same bytes here as on
 * the sequential reference; the conformance suite checks exactly that.
 * @implements {import('@wasi-parallel/core').Device}
 */
export class ReverseDevice {
  kind = DeviceKind.CPU;
  name = 'reverse-cpu';
  description = { order: 'iterations N-1…0' };
  /** @type {Map<string, WebAssembly.Module>} */
  #modules = new Map();

  /** @param {number} size @param {import('@wasi-parallel/core').BufferAccessKind} access */
  async createBuffer(size, access) {
    return new HostBuffer(size, access);
  }

  /** @param {import('@wasi-parallel/core').DispatchRequest} request */
  async parallelFor(request) {
    // The host admitted the kernel (ABI, features) and says what it imports: `request.kernel.memory`.
    const kernel = request.kernel;
    let module = this.#modules.get(kernel.hash);
    if (!module) this.#modules.set(kernel.hash, (module = compileKernel(kernel)));
    const buffers = /** @type {readonly HostBuffer[]} */ (request.buffers);
    // Core's placement and its one OUT_OF_MEMORY rule; a guest's buffers may be mirrored at their
    // guest offsets, for kernels that import a memory as large as the guest's.
    const layout = layoutForKernel(kernel, buffers.map((buffer) => buffer.size), request.guestPointers);
    const maximum = kernel.memory.maxPages ?? 65536;
    const memory = new WebAssembly.Memory({ initial: layout.pages, maximum, shared: kernel.memory.shared });
    buffers.forEach((buffer, i) => new Uint8Array(memory.buffer).set(buffer.bytes, layout.offsets[i]));
    let instance;
    try {
      instance = new WebAssembly.Instance(module, kernelImports(kernel.memory, memory));
    } catch (error) {
      throw new WasiParallelError(ErrorCode.KERNEL_TRAP, `the kernel cannot be instantiated: ${error.message}`);
    }
    const run = /** @type {(...args: number[]) => void} */ (instance.exports.kernel);
    const args = [0, request.numIterations, request.blockSize, ...buffers.flatMap((buffer, i) => [layout.offsets[i], buffer.size])];
    for (let iteration = request.numIterations - 1; iteration >= 0; iteration--) {
      args[0] = iteration;
      try {
        run(...args);
      } catch (error) {
        const code = error instanceof WebAssembly.RuntimeError ? ErrorCode.KERNEL_TRAP : ErrorCode.DEVICE_LOST;
        throw new WasiParallelError(code, `iteration ${iteration} failed: ${error.message}`, { iteration });
      }
    }
    const after = new Uint8Array(memory.buffer);
    buffers.forEach((buffer, i) => {
      if (isWritable(buffer.access)) buffer.bytes.set(after.subarray(layout.offsets[i], layout.offsets[i] + buffer.size));
    });
    return {};
  }
}
