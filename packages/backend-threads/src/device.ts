import {
  DeviceKind,
  ErrorCode,
  KernelCache,
  LIMITS,
  WasiParallelError,
  guestZeroCopyBlocker,
  isWritable,
  reserveGuestStacks,
  stackBytesPerInstance,
  type BufferAccessKind,
  type Device,
  type DispatchRequest,
  type DispatchResult,
  type GuestMemoryBinding,
} from '@wasi-parallel/core';
import { ThreadsBuffer } from './buffer.js';
import { CopyMemory } from './memory-plan.js';
import type { ThreadsOptions } from './options.js';
import { prepareKernel, type PreparedKernel } from './prepared-kernel.js';
import { schedule } from './schedule.js';
import { driverModuleBytes } from './wasm/driver-module.js';
import { PoolTimeoutError, withDeadline } from './deadline.js';
import type { CallOutcome, WorkerPool } from './worker-pool.js';

/** What the last call did, for tests, the bench and `--verbose` output. */
export interface ThreadsCallReport {
  /** `guest-memory`: the kernel ran in place over the guest's memory; `copy`: over the backend's own. */
  readonly mode: 'guest-memory' | 'copy';
  /** Why a call that came with a guest memory still took the copy path. */
  readonly fallback?: string;
  readonly chunk: number;
  readonly iterationsPerWorker: readonly number[];
}

/** One kernel instantiated over one memory in every worker. */
interface SlotRecord {
  readonly slot: number;
  readonly key: string;
  readonly kernel: PreparedKernel;
  readonly memory: WebAssembly.Memory;
  readonly stackTops: readonly number[] | undefined;
  /** Present on the copy path: the memory the backend owns for this kernel. */
  readonly copy: CopyMemory | undefined;
}

const memoryIds = new WeakMap<WebAssembly.Memory, number>();
let nextMemoryId = 1;
function memoryId(memory: WebAssembly.Memory): number {
  let id = memoryIds.get(memory);
  if (id === undefined) memoryIds.set(memory, (id = nextMemoryId++));
  return id;
}

function checkGuestBinding(guest: GuestMemoryBinding, buffers: readonly ThreadsBuffer[]): void {
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
 * The CPU device: a pool of workers running a kernel's iterations in parallel. A call finds
 * (or prepares, the cold path) a slot — the kernel instantiated over one memory in every
 * worker — places the buffers, and hands the iterations out through the control block.
 */
export class ThreadsDevice implements Device {
  readonly kind = DeviceKind.CPU;
  readonly name: string;
  readonly description: Readonly<Record<string, string | number | boolean>>;
  readonly #pool: WorkerPool;
  readonly #options: ThreadsOptions;
  readonly #kernels = new KernelCache<Promise<PreparedKernel>>();
  readonly #drivers = new Map<number, WebAssembly.Module>();
  /** Slots by `hash:mode`, least recently used first. */
  readonly #slots = new Map<string, SlotRecord>();
  #nextSlot = 1;
  #queue: Promise<unknown> = Promise.resolve();
  #lastCall: ThreadsCallReport | undefined;

  constructor(pool: WorkerPool, options: ThreadsOptions) {
    this.#pool = pool;
    this.#options = options;
    this.name = `cpu-${pool.size}-workers`;
    this.description = { engine: 'host WebAssembly on worker threads', workers: pool.size, loop: options.loop, dispatch: 'SharedArrayBuffer + Atomics' };
  }

  get lastCall(): ThreadsCallReport | undefined {
    return this.#lastCall;
  }

  async createBuffer(size: number, access: BufferAccessKind): Promise<ThreadsBuffer> {
    return new ThreadsBuffer(size, access);
  }

  parallelFor(request: DispatchRequest): Promise<DispatchResult> {
    // One call at a time: the control block and the slots belong to the running call.
    const result = this.#queue.then(() => this.#dispatch(request));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #dispatch(request: DispatchRequest): Promise<DispatchResult> {
    const kernel = await this.#prepared(request);
    const buffers = request.buffers as readonly ThreadsBuffer[];
    // The host's limit, tightened (never loosened) by this backend's own `timeoutMs` option; 0 = none.
    const limits = [request.timeoutMs, this.#options.timeoutMs ?? 0].filter((ms) => ms > 0);
    const timeoutMs = limits.length ? Math.min(...limits) : undefined;
    const { record, fallback } = this.#chooseSlot(kernel, buffers, request.guestMemory);
    const { args, offsets } = this.#placeBuffers(record, buffers, request.guestMemory);
    const { chunk, numChunks } = schedule(request.numIterations, request.blockSize, this.#pool.size);
    const report = { mode: record.copy ? 'copy' : 'guest-memory', ...(fallback ? { fallback } : {}), chunk } as const;
    if (numChunks === 0) {
      this.#lastCall = { ...report, iterationsPerWorker: [] };
      return {};
    }
    await this.#load(record, buffers.length, timeoutMs);
    const outcome = await this.#pool.run(
      { slot: record.slot, loop: this.#options.loop, numIterations: request.numIterations, blockSize: request.blockSize, chunk, numChunks, args },
      timeoutMs,
    );
    if (outcome.status !== 'done') throw await this.#failure(outcome, record, timeoutMs);
    if (offsets) {
      const after = new Uint8Array(record.memory.buffer);
      buffers.forEach((buffer, i) => {
        if (isWritable(buffer.access)) buffer.store(after.subarray(offsets[i]!, offsets[i]! + buffer.size));
      });
    }
    this.#lastCall = { ...report, iterationsPerWorker: outcome.iterationsPerWorker };
    return {};
  }

  /** The kernel prepared for the workers, once per hash; a kernel that fails to prepare is not kept. */
  async #prepared(request: DispatchRequest): Promise<PreparedKernel> {
    const pending = this.#kernels.getOrCreate(request.kernel.hash, () => prepareKernel(request.kernel));
    try {
      return await pending;
    } catch (error) {
      this.#kernels.delete(request.kernel.hash);
      throw error;
    }
  }

  /** The slot the call runs in: in place over the guest's memory when it can, else the copy path. */
  #chooseSlot(
    kernel: PreparedKernel,
    buffers: readonly ThreadsBuffer[],
    guest: GuestMemoryBinding | undefined,
  ): { record: SlotRecord; fallback?: string } {
    if (!guest) return { record: this.#copySlot(kernel) };
    checkGuestBinding(guest, buffers);
    // Either way the buffers now stand for their guest regions, as the prototype's write_buffer made them.
    buffers.forEach((buffer, i) => buffer.aliasGuest({ memory: guest.memory, pointer: guest.pointers[i]! }));
    const blocker = guestZeroCopyBlocker(kernel.admitted, guest.memory);
    if (blocker) return { record: this.#copySlot(kernel), fallback: blocker };
    const record = this.#guestSlot(kernel, guest.memory);
    return record ? { record } : { record: this.#copySlot(kernel), fallback: 'the guest memory cannot grow by a stack per worker' };
  }

  /** The (pointer, length) arguments; on the copy path, copies every buffer in and returns where. */
  #placeBuffers(
    record: SlotRecord,
    buffers: readonly ThreadsBuffer[],
    guest: GuestMemoryBinding | undefined,
  ): { args: number[]; offsets?: readonly number[] } {
    if (!record.copy) return { args: buffers.flatMap((buffer, i) => [guest!.pointers[i]!, buffer.size]) };
    const offsets = record.copy.place(record.kernel.admitted, buffers.map((buffer) => buffer.size));
    const view = new Uint8Array(record.memory.buffer);
    buffers.forEach((buffer, i) => view.set(buffer.view(), offsets[i]));
    return { args: buffers.flatMap((buffer, i) => [offsets[i]!, buffer.size]), offsets };
  }

  /** The error for a call that did not finish, after putting the pool back in order. */
  async #failure(outcome: Exclude<CallOutcome, { status: 'done' }>, record: SlotRecord, timeoutMs: number | undefined): Promise<WasiParallelError> {
    switch (outcome.status) {
      case 'timed-out':
        await this.#restart();
        return new WasiParallelError(
          ErrorCode.TIMEOUT,
          `the kernel ran past ${timeoutMs} ms (chunks starting at iteration ${outcome.inFlight.join(', ') || '?'} were running); ` +
            'its workers were ended and replaced, so the next call starts afresh',
        );
      case 'lost':
        if (this.#pool.closed) return new WasiParallelError(ErrorCode.DEVICE_LOST, 'the device was closed during the call');
        await this.#restart();
        return new WasiParallelError(ErrorCode.DEVICE_LOST, 'a worker thread exited during the call; the workers were replaced, so the next call starts afresh');
      case 'failed':
        // Reset: the trapped instance may hold half-updated state; the next call re-instantiates.
        this.#evict(record);
        return new WasiParallelError(
          outcome.trapped ? ErrorCode.KERNEL_TRAP : ErrorCode.DEVICE_LOST,
          `iteration ${outcome.iteration} ${outcome.trapped ? 'trapped' : 'failed'} on worker ${outcome.worker}: ${outcome.message}; ` +
            'the remaining iterations were abandoned',
          { iteration: outcome.iteration },
        );
    }
  }

  #guestSlot(kernel: PreparedKernel, memory: WebAssembly.Memory): SlotRecord | undefined {
    const key = `${kernel.admitted.hash}:guest:${memoryId(memory)}`;
    const known = this.#touch(key);
    if (known) return known;
    const stackBytes = stackBytesPerInstance(kernel.stackPointer, this.#options.stackSize);
    let tops: number[] | undefined;
    if (stackBytes > 0) {
      tops = reserveGuestStacks(memory, stackBytes, this.#pool.size);
      if (!tops) return undefined;
    }
    return this.#add({ slot: this.#nextSlot++, key, kernel, memory, stackTops: tops, copy: undefined });
  }

  #copySlot(kernel: PreparedKernel): SlotRecord {
    const key = `${kernel.admitted.hash}:copy`;
    const known = this.#touch(key);
    if (known) return known;
    const stackBytes = stackBytesPerInstance(kernel.stackPointer, this.#options.stackSize);
    const copy = new CopyMemory(kernel.admitted.memory.minPages, kernel.admitted.memory.maxPages, stackBytes, this.#pool.size);
    return this.#add({ slot: this.#nextSlot++, key, kernel, memory: copy.memory, stackTops: copy.stackTops, copy });
  }

  #touch(key: string): SlotRecord | undefined {
    const record = this.#slots.get(key);
    if (record) {
      this.#slots.delete(key);
      this.#slots.set(key, record);
    }
    return record;
  }

  #add(record: SlotRecord): SlotRecord {
    this.#slots.set(record.key, record);
    if (this.#slots.size > LIMITS.KERNEL_CACHE_ENTRIES) this.#evict(this.#slots.values().next().value!);
    return record;
  }

  #evict(record: SlotRecord): void {
    if (this.#slots.get(record.key) === record) this.#slots.delete(record.key);
    this.#pool.forget(record.slot);
  }

  #driver(bufferCount: number): WebAssembly.Module {
    let driver = this.#drivers.get(bufferCount);
    if (!driver) this.#drivers.set(bufferCount, (driver = new WebAssembly.Module(driverModuleBytes(bufferCount) as Uint8Array<ArrayBuffer>)));
    return driver;
  }

  /** The cold path: instantiates the slot in every worker that lacks it. */
  async #load(record: SlotRecord, bufferCount: number, timeoutMs: number | undefined): Promise<void> {
    if (this.#pool.isLoaded(record.slot)) return;
    const driver = this.#driver(bufferCount);
    let result;
    try {
      result = await withDeadline(
        this.#pool.load(record.slot, (worker) => ({
          slot: record.slot,
          kernel: record.kernel.module,
          driver,
          memory: record.memory,
          memoryModule: record.kernel.admitted.memory.module,
          memoryField: record.kernel.admitted.memory.field,
          stackTop: record.stackTops?.[worker],
        })),
        timeoutMs,
      );
    } catch (error) {
      if (this.#pool.closed) throw new WasiParallelError(ErrorCode.DEVICE_LOST, 'the device was closed while loading the kernel');
      await this.#restart();
      if (!(error instanceof PoolTimeoutError)) {
        throw new WasiParallelError(ErrorCode.DEVICE_LOST, `a worker failed while loading the kernel (${(error as Error).message}); the workers were replaced`);
      }
      throw new WasiParallelError(ErrorCode.TIMEOUT, `instantiating the kernel ran past ${timeoutMs} ms (a start function that never returns?); its workers were replaced`);
    }
    if (!result.ok) {
      this.#evict(record);
      throw new WasiParallelError(
        result.trapped ? ErrorCode.KERNEL_TRAP : ErrorCode.INVALID_KERNEL,
        `the kernel cannot be instantiated: ${result.message}`,
      );
    }
  }

  async #restart(): Promise<void> {
    this.#slots.clear();
    await this.#pool.restart();
  }
}
