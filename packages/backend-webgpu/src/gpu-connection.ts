import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { gpuLimitsOf, type GpuLimits } from './capabilities.js';

/**
 * One `GPUDevice` and what was learnt opening it. A lost connection is never reused: the
 * device that owns it opens a new one on its next call.
 */
export class GpuConnection {
  #lostReason: string | undefined;

  private constructor(
    readonly adapter: GPUAdapter,
    readonly device: GPUDevice,
    readonly limits: GpuLimits,
  ) {
    void device.lost.then((info) => {
      this.#lostReason = `${info.reason}${info.message ? `: ${info.message}` : ''}`;
    });
  }

  /** Asks for the adapter's real limits: the defaults cap storage bindings at 128 MiB. */
  static async open(adapter: GPUAdapter): Promise<GpuConnection> {
    const limits = gpuLimitsOf(adapter);
    try {
      const device = await adapter.requestDevice({
        requiredLimits: {
          maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
          maxBufferSize: limits.maxBufferSize,
          maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
          maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
          maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
        },
      });
      return new GpuConnection(adapter, device, limits);
    } catch (error) {
      throw new WasiParallelError(ErrorCode.DEVICE_LOST, `the adapter refused a device: ${(error as Error).message}`, {}, { cause: error });
    }
  }

  /** Why the device was lost; undefined while it works. */
  get lostReason(): string | undefined {
    return this.#lostReason;
  }

  destroy(): void {
    this.device.destroy();
  }

  /**
   * Destroys the device once the GPU has finished what was submitted to it. Dawn's destroy()
   * waits for the GPU itself, blocking the event loop for as long as a dispatch runs.
   */
  destroyWhenIdle(): void {
    this.device.queue.onSubmittedWorkDone().then(
      () => this.destroy(),
      () => this.destroy(),
    );
  }
}

/** A short name for an adapter: `swiftshader`, `llvmpipe`, else its vendor and architecture. */
export function adapterLabel(adapter: GPUAdapter, route: string): string {
  const { vendor, architecture, device, description } = adapter.info;
  const text = `${vendor} ${architecture} ${device} ${description}`.toLowerCase();
  if (text.includes('swiftshader')) return 'swiftshader';
  if (text.includes('llvmpipe')) return 'llvmpipe';
  const label = [vendor, architecture].filter((part) => part).join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return label || route;
}

/** Whether an adapter runs on the CPU: Dawn's fallback adapter, SwiftShader or llvmpipe. */
export function isSoftwareAdapter(adapter: GPUAdapter, label: string): boolean {
  return (adapter.info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true || label === 'swiftshader' || label === 'llvmpipe';
}

/** The adapter facts `wasi-parallel devices` prints. */
export function adapterDescription(adapter: GPUAdapter, route: string): Record<string, string | number | boolean> {
  const info = adapter.info;
  return {
    api: 'WebGPU',
    adapter: route,
    vendor: info.vendor,
    architecture: info.architecture,
    gpu: info.device,
    driver: info.description,
    fallbackAdapter: (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxComputeWorkgroupsPerDimension: adapter.limits.maxComputeWorkgroupsPerDimension,
  };
}
