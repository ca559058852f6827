import {
  ErrorCode,
  HostBuffer,
  KernelCache,
  LIMITS,
  WasiParallelError,
  isWritable,
  layoutForKernel,
  type BufferAccessKind,
  type Device,
  type DeviceKind,
  type DispatchRequest,
  type DispatchResult,
} from '@wasi-parallel/core';
import { GpuConnection } from './gpu-connection.js';
import { runDispatch } from './run-dispatch.js';
import type { TranslateOptions, TranslatedKernel } from './translate/translated-kernel.js';

export type KernelTranslator = (bytes: Uint8Array, bufferCount: number, options?: TranslateOptions) => Promise<TranslatedKernel>;

/**
 * A WebGPU device: one adapter (chosen by power preference), one `GPUDevice` at a time.
 * Translations are cached by kernel hash and buffer count, pipelines by those and the
 * workgroup size; a lost device is reported once and reopened on the next call.
 */
export class WebGpuDevice implements Device {
  readonly #translations = new KernelCache<Promise<TranslatedKernel>>();
  #pipelines = new KernelCache<Promise<GPUComputePipeline>>();
  #connection: GpuConnection | undefined;

  constructor(
    readonly kind: DeviceKind,
    readonly name: string,
    readonly description: Readonly<Record<string, string | number | boolean>>,
    connection: GpuConnection,
    readonly reopen: () => Promise<GpuConnection>,
    readonly translate: KernelTranslator,
    readonly translateOptions: TranslateOptions = {},
  ) {
    this.#connection = connection;
  }

  /** The current `GPUDevice`, for diagnostics and tests (e.g. to simulate a loss). */
  get gpuDevice(): GPUDevice | undefined {
    return this.#connection?.device;
  }

  async createBuffer(size: number, access: BufferAccessKind): Promise<HostBuffer> {
    return new HostBuffer(size, access);
  }

  async parallelFor(request: DispatchRequest): Promise<DispatchResult> {
    const buffers = request.buffers as readonly HostBuffer[];
    const key = `${request.kernel.hash}:${buffers.length}`;
    const translated = await this.#translations.getOrCreate(key, () => this.translate(request.kernel.bytes, buffers.length, this.translateOptions));
    // Core's one OUT_OF_MEMORY rule; a guest's own layout when the kernel's fixed memory leaves no room above its region.
    const layout = layoutForKernel(request.kernel, buffers.map((buffer) => buffer.size), request.guestPointers);
    if (request.numIterations === 0) return {};
    const connection = await this.#connect();
    const memoryBytes = layout.pages * LIMITS.WASM_PAGE_SIZE;
    const binding = Math.min(connection.limits.maxStorageBufferBindingSize, connection.limits.maxBufferSize);
    if (memoryBytes > binding) {
      throw new WasiParallelError(
        ErrorCode.OUT_OF_MEMORY,
        `the kernel's memory (${memoryBytes} bytes with its buffers) exceeds the adapter's storage binding limit of ${binding} bytes`,
      );
    }
    try {
      const writable = await runDispatch({
        connection,
        pipelines: this.#pipelines,
        pipelineKey: key,
        translated,
        request,
        layout,
        memoryBytes,
        sources: buffers.map((buffer) => buffer.bytes),
        writable: buffers.map((buffer) => isWritable(buffer.access)),
      });
      writable.forEach((bytes, i) => {
        if (bytes) buffers[i]!.bytes.set(bytes);
      });
      return {};
    } catch (error) {
      if (connection.lostReason !== undefined) throw this.#lost(connection);
      throw error;
    }
  }

  async #connect(): Promise<GpuConnection> {
    const current = this.#connection;
    if (current && current.lostReason !== undefined) throw this.#lost(current);
    this.#connection ??= await this.reopen();
    return this.#connection;
  }

  #lost(connection: GpuConnection): WasiParallelError {
    // Pipelines belong to the lost device; the next call opens a new one and rebuilds them.
    if (this.#connection === connection) {
      this.#connection = undefined;
      this.#pipelines = new KernelCache();
    }
    return new WasiParallelError(ErrorCode.DEVICE_LOST, `the GPU device was lost (${connection.lostReason}); the next call opens a new one`);
  }

  dispose(): void {
    this.#connection?.destroy();
    this.#connection = undefined;
  }
}
