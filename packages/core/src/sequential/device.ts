import { isWritable, type BufferAccessKind } from '../buffer-access-kind.js';
import type { Device, DispatchRequest, DispatchResult, GuestMemoryBinding } from '../contracts/backend.js';
import type { AdmittedKernel } from '../contracts/kernel.js';
import { DeviceKind } from '../device-kind.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';
import { HostBuffer } from '../host-buffer.js';
import { layoutForKernel, type BufferLayout } from '../kernel/buffer-layout.js';
import { compileKernel } from '../kernel/compiled-kernel.js';
import { buildFusedKernel } from '../kernel/fused-kernel.js';
import { reserveGuestStacks, stackBytesPerInstance } from '../kernel/guest-stacks.js';
import { KernelCache } from '../kernel/kernel-cache.js';
import { HOST_LIMITS } from '../limits.js';
import { guestZeroCopyBlocker, resolveStackPointer, sharedMemoryKernel } from '../kernel/shared-memory-kernel.js';
import type { KernelExecutor } from './kernel-executor.js';
import { createKernelExecutor } from './kernel-platform.js';
import type { KernelJob, KernelOutcome } from './kernel-job.js';

/** What the last call did, for tests and `--verbose` output. */
export interface SequentialCallReport {
  /** `guest-memory`: the kernel ran in place over the guest's memory; `copy`: over a memory of the device's own. */
  readonly mode: 'guest-memory' | 'copy';
  /** Why a call that came with a guest memory still took the copy path. */
  readonly fallback?: string;
}

function checkGuestBinding(guest: GuestMemoryBinding, buffers: readonly HostBuffer[]): void {
  const length = guest.memory.buffer.byteLength;
  if (guest.pointers.length !== buffers.length) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${guest.pointers.length} guest pointers for ${buffers.length} buffers`);
  }
  buffers.forEach((buffer, i) => {
    const pointer = guest.pointers[i]!;
    if (!Number.isInteger(pointer) || pointer < 0 || pointer + buffer.size > length) {
      throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `buffer ${i} at guest offset ${pointer} (+${buffer.size} bytes) lies outside the guest's ${length}-byte memory`);
    }
  });
}

/**
 * The reference device: iterations 0…N-1, in order, on one instance of the kernel (fused with
 * its loop, so the whole call is one wasm call). Over a
 * shared guest memory the kernel runs in place, zero copy, as the prototype ran kernels;
 * otherwise (the JS API's host buffers) over a fresh memory of its own that holds the
 * kernel's region and the buffers, whose writable ones are copied back. Kernels run on the
 * executor's thread, so a runaway one is ended at the call's `timeoutMs`.
 */
export class SequentialDevice implements Device {
  readonly kind = DeviceKind.SEQUENTIAL;
  readonly name = 'sequential';
  readonly description = { engine: 'host WebAssembly', order: 'iterations 0…N-1 in order' };
  readonly #executor: KernelExecutor;
  /**
   * Compiled modules by kernel hash and form (`own`: as written; `shared`: rewritten for guest
   * memory), bounded in the kernels' bytes like the host's admission cache.
   */
  readonly #modules = new KernelCache<{ readonly module: WebAssembly.Module; readonly size: number }>({
    bytes: HOST_LIMITS.KERNEL_CACHE_BYTES,
    weigh: (entry) => entry.size,
  });
  #lastCall: SequentialCallReport | undefined;
  /** Each host buffer's number, for keying the memory a call on the same buffers may reuse. */
  readonly #bufferIds = new WeakMap<HostBuffer, number>();
  #nextBufferId = 0;
  /** The copy path's last memory (shared kernels only) and the call it was made for. */
  #ownMemory: { readonly key: string; readonly memory: WebAssembly.Memory } | undefined;

  /** `executor`: where kernels run; default a kernel thread where the platform has one (see `setKernelWorkerFactory`). */
  constructor(executor: KernelExecutor = createKernelExecutor()) {
    this.#executor = executor;
  }

  get lastCall(): SequentialCallReport | undefined {
    return this.#lastCall;
  }

  async createBuffer(size: number, access: BufferAccessKind): Promise<HostBuffer> {
    return new HostBuffer(size, access);
  }

  async parallelFor(request: DispatchRequest): Promise<DispatchResult> {
    const buffers = request.buffers as readonly HostBuffer[];
    if (request.guestMemory) {
      checkGuestBinding(request.guestMemory, buffers);
      const fallback = guestZeroCopyBlocker(request.kernel, request.guestMemory.memory);
      const outcome = fallback ? undefined : await this.#runOnGuestMemory(request, request.guestMemory);
      if (outcome) {
        this.#lastCall = { mode: 'guest-memory' };
        this.#check(outcome, request);
        return {};
      }
      // Either way the buffers now stand for their guest regions, as the prototype's write_buffer made them.
      const view = new Uint8Array(request.guestMemory.memory.buffer);
      buffers.forEach((buffer, i) => buffer.bytes.set(view.subarray(request.guestMemory!.pointers[i]!, request.guestMemory!.pointers[i]! + buffer.size)));
      this.#lastCall = { mode: 'copy', fallback: fallback ?? 'the guest memory cannot grow by a stack for the kernel' };
    } else {
      this.#lastCall = { mode: 'copy' };
    }
    await this.#runOnOwnMemory(request, buffers);
    if (request.guestMemory) {
      const view = new Uint8Array(request.guestMemory.memory.buffer);
      buffers.forEach((buffer, i) => {
        if (isWritable(buffer.access)) view.set(buffer.bytes, request.guestMemory!.pointers[i]!);
      });
    }
    return {};
  }

  async dispose(): Promise<void> {
    this.#ownMemory = undefined;
    await this.#executor.dispose();
  }

  /** Zero copy: the kernel's own pointers are guest offsets. Undefined when no stack fits in the guest's memory. */
  async #runOnGuestMemory(request: DispatchRequest, guest: GuestMemoryBinding): Promise<KernelOutcome | undefined> {
    const kernel = request.kernel;
    const stackPointer = resolveStackPointer(kernel);
    let stackTop: number | undefined;
    const stackBytes = stackBytesPerInstance(stackPointer);
    if (stackBytes > 0) {
      stackTop = reserveGuestStacks(guest.memory, stackBytes, 1)?.[0];
      if (stackTop === undefined) return undefined;
    }
    const module = this.#module(kernel, 'shared', () => sharedMemoryKernel(kernel, stackPointer));
    const job: KernelJob = {
      module,
      memoryImport: kernel.memory,
      memory: guest.memory,
      ...(stackTop !== undefined ? { stackTop } : {}),
      numIterations: request.numIterations,
      blockSize: request.blockSize,
      bufferArgs: request.buffers.flatMap((buffer, i) => [guest.pointers[i]!, buffer.size]),
    };
    return this.#executor.run(job, request.timeoutMs);
  }

  /**
   * The copy path: the kernel runs over a memory of the device's own that holds its region and
   * the buffers. Nothing another call left is visible: the memory is fresh, or (for a kernel
   * that imports a shared memory) the one the last call of the same kernel on the very same
   * buffers used — which the device keeps and writes the buffers into directly, so a call in a
   * loop allocates nothing and copies each buffer in and each writable one out once.
   */
  async #runOnOwnMemory(request: DispatchRequest, buffers: readonly HostBuffer[]): Promise<void> {
    const kernel = request.kernel;
    const layout = layoutForKernel(kernel, buffers.map((buffer) => buffer.size), request.guestPointers);
    const writable = buffers.flatMap((buffer, i) => (isWritable(buffer.access) ? [i] : []));
    if (kernel.memory.shared) return this.#runOnSharedOwnMemory(request, buffers, layout, writable);
    // An unshared memory cannot cross to the kernel thread: the buffers go as copies, the
    // thread makes the memory, and the writable regions come back as copies.
    const job = this.#ownMemoryJob(request, buffers, layout, {
      pages: layout.pages,
      maxPages: kernel.memory.maxPages,
      placements: buffers.map((buffer, i) => ({ offset: layout.offsets[i]!, bytes: buffer.bytes.slice() })),
      readBack: writable.map((i) => ({ offset: layout.offsets[i]!, size: buffers[i]!.size })),
    });
    const outcome = await this.#executor.run(job, request.timeoutMs);
    this.#check(outcome, request);
    if (outcome.status === 'done') writable.forEach((index, i) => buffers[index]!.bytes.set(outcome.regions[i]!));
  }

  async #runOnSharedOwnMemory(request: DispatchRequest, buffers: readonly HostBuffer[], layout: BufferLayout, writable: readonly number[]): Promise<void> {
    const kernel = request.kernel;
    const ids = buffers.map((buffer) => {
      if (!this.#bufferIds.has(buffer)) this.#bufferIds.set(buffer, this.#nextBufferId++);
      return this.#bufferIds.get(buffer)!;
    });
    const key = `${kernel.hash}|${layout.pages}|${layout.offsets.join(',')}|${ids.join(',')}`;
    let memory = this.#ownMemory?.key === key ? this.#ownMemory.memory : undefined;
    // The last call's memory is let go before a new one is made: one is held at a time.
    this.#ownMemory = undefined;
    try {
      memory ??= new WebAssembly.Memory({ initial: layout.pages, maximum: kernel.memory.maxPages, shared: true } as WebAssembly.MemoryDescriptor);
    } catch (error) {
      throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `cannot allocate the kernel's memory: ${(error as Error).message}`);
    }
    const view = new Uint8Array(memory.buffer);
    buffers.forEach((buffer, i) => view.set(buffer.bytes, layout.offsets[i]!));
    const outcome = await this.#executor.run(this.#ownMemoryJob(request, buffers, layout, memory), request.timeoutMs);
    this.#check(outcome, request);
    // The kernel may have grown the memory: read back through its current buffer.
    const after = new Uint8Array(memory.buffer);
    for (const index of writable) buffers[index]!.bytes.set(after.subarray(layout.offsets[index]!, layout.offsets[index]! + buffers[index]!.size));
    this.#ownMemory = { key, memory };
  }

  /** A copy-path call: the kernel as written, over `memory`, with the buffers at `layout`. */
  #ownMemoryJob(request: DispatchRequest, buffers: readonly HostBuffer[], layout: BufferLayout, memory: KernelJob['memory']): KernelJob {
    const kernel = request.kernel;
    return {
      module: this.#module(kernel, 'own', () => kernel.bytes),
      memoryImport: kernel.memory,
      memory,
      numIterations: request.numIterations,
      blockSize: request.blockSize,
      bufferArgs: buffers.flatMap((buffer, i) => [layout.offsets[i]!, buffer.size]),
    };
  }

  /**
   * The kernel fused with its iteration loop (`buildFusedKernel`): one call runs every
   * iteration in wasm, so the engine can inline the body, and a trap names its iteration.
   */
  #module(kernel: AdmittedKernel, form: 'own' | 'shared', bytes: () => Uint8Array): WebAssembly.Module {
    return this.#modules.getOrCreate(`${kernel.hash}:${form}`, () => {
      const source = buildFusedKernel(bytes()).bytes;
      return { module: compileKernel({ ...kernel, bytes: source }), size: source.length };
    }).module;
  }

  /** Throws the typed error for an outcome other than `done`. */
  #check(outcome: KernelOutcome, request: DispatchRequest): void {
    switch (outcome.status) {
      case 'done':
        return;
      case 'trapped':
        throw new WasiParallelError(
          ErrorCode.KERNEL_TRAP,
          outcome.iteration === undefined
            ? `the kernel trapped while being instantiated (its start function): ${outcome.message}`
            : `iteration ${outcome.iteration} trapped: ${outcome.message}; the remaining iterations were abandoned`,
          outcome.iteration === undefined ? {} : { iteration: outcome.iteration },
        );
      case 'unlinkable':
        throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `the kernel cannot be instantiated: ${outcome.message}`);
      case 'timed-out':
        throw new WasiParallelError(
          ErrorCode.TIMEOUT,
          `the kernel ran past ${request.timeoutMs} ms and was ended; the device is ready for the next call`,
        );
      case 'out-of-memory':
        throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, outcome.message);
      case 'lost':
        throw new WasiParallelError(ErrorCode.DEVICE_LOST, `${outcome.message}; the next call starts a fresh kernel thread`);
    }
  }
}
