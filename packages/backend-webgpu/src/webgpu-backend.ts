import { BackendPriority, DeviceKind, ErrorCode, rejectUnknownBackendOptions, WasiParallelError, type Backend, type BackendFactory, type BackendInitOptions } from '@wasi-parallel/core';
import { ADAPTER_CHOICES, chooseAdapter, type AdapterChoice, type AdapterSource } from './adapter-source.js';
import { webGpuCapabilities, type GpuLimits, type WebGpuCapabilities } from './capabilities.js';
import type { FloatReport } from './float-report.js';
import { probeNativeFloat, type NativeFloatFindings } from './native-float-probe.js';
import { WebGpuDevice, type KernelTranslator } from './device.js';
import { GpuConnection, adapterDescription, adapterLabel, isSoftwareAdapter } from './gpu-connection.js';
import { translateKernel } from './translate-entry.js';
import type { FloatMode } from './translate/numeric-ops.js';

export const WEBGPU_BACKEND_NAME = 'webgpu';

/** Picks the adapter route when no `adapter` option is given, e.g. `llvmpipe`. */
export const ADAPTER_ENV_VAR = 'WASI_PARALLEL_WEBGPU_ADAPTER';

export interface WebGpuOptions {
  /** Any WebGPU `GPU` object (a browser's `navigator.gpu`); default: Dawn's Node binding. */
  readonly gpu?: GPU;
  /** Which adapter route to use without `gpu`; default `auto` (hardware, then SwiftShader, then llvmpipe). */
  readonly adapter?: AdapterChoice;
  /**
   * How f32 arithmetic runs: `native` (default), the GPU's float unit, exact except where the
   * adapter's hardware differs (measured when the device opens, reported in its description,
   * the capabilities and each call's result); `exact`, integer soft-float, bit-identical to
   * wasm on any adapter. f64 is always soft-float.
   */
  readonly float?: FloatMode;
  /**
   * Loop iterations per millisecond of a call's timeout that each invocation may run before
   * the call ends with TIMEOUT (default `LOOP_TICKS_PER_MS`, 100,000). Lower it on a slow
   * adapter to stop runaway kernels sooner after their timeout.
   */
  readonly loopTicksPerMs?: number;
  /** Replaces the WGSL translator (tests). */
  readonly translate?: KernelTranslator;
}

export const FLOAT_MODES: readonly FloatMode[] = ['native', 'exact'];

declare module '@wasi-parallel/core' {
  interface BackendOptionMap {
    webgpu: WebGpuOptions;
  }
}

const OPTION_KEYS: readonly (keyof WebGpuOptions)[] = ['gpu', 'adapter', 'float', 'loopTicksPerMs', 'translate'];

/** The power preference each device kind asks its adapter for. */
const POWER_PREFERENCE: ReadonlyArray<readonly [DeviceKind, GPUPowerPreference]> = [
  [DeviceKind.DISCRETE_GPU, 'high-performance'],
  [DeviceKind.INTEGRATED_GPU, 'low-power'],
];

function readOptions(init: BackendInitOptions, base: WebGpuOptions): WebGpuOptions {
  rejectUnknownBackendOptions(WEBGPU_BACKEND_NAME, init.options ?? {}, OPTION_KEYS);
  const given = { ...base, ...(init.options ?? {}) } as WebGpuOptions;
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  const adapter = given.adapter ?? (env?.[ADAPTER_ENV_VAR] as AdapterChoice | undefined);
  if (adapter !== undefined && !ADAPTER_CHOICES.includes(adapter)) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `unknown WebGPU adapter \`${adapter}\`; use one of ${ADAPTER_CHOICES.join(', ')}`);
  }
  if (given.loopTicksPerMs !== undefined && !(Number.isFinite(given.loopTicksPerMs) && given.loopTicksPerMs > 0)) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `WebGPU loopTicksPerMs must be a positive number, not ${String(given.loopTicksPerMs)}`);
  }
  if (given.float !== undefined && !FLOAT_MODES.includes(given.float)) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `unknown WebGPU float mode \`${String(given.float)}\`; use one of ${FLOAT_MODES.join(', ')}`);
  }
  return { ...given, ...(adapter ? { adapter } : {}) };
}

/**
 * Kernels translated to WGSL and run on WebGPU: one device per GPU kind, each on the adapter
 * its power preference picks (the same adapter when there is only one).
 */
export class WebGpuBackend implements Backend {
  readonly name = WEBGPU_BACKEND_NAME;

  private constructor(
    readonly devices: readonly WebGpuDevice[],
    readonly capabilities: WebGpuCapabilities,
  ) {}

  static async create(options: WebGpuOptions = {}): Promise<WebGpuBackend> {
    const devices: WebGpuDevice[] = [];
    const limits: GpuLimits[] = [];
    const software: boolean[] = [];
    const float = options.float ?? 'native';
    const probes = new Map<string, NativeFloatFindings>();
    const translate = options.translate ?? translateKernel;
    let source: AdapterSource | undefined;
    try {
      for (const [kind, powerPreference] of POWER_PREFERENCE) {
        const base = { ...(options.gpu ? { gpu: options.gpu } : {}), ...(options.adapter ? { choice: options.adapter } : {}) };
        const chosen = await chooseAdapter({ ...base, powerPreference, ...(source ? { source } : {}) });
        source = chosen.source;
        const request = { powerPreference, source };
        const connection = await GpuConnection.open(chosen.adapter);
        const reopen = async (): Promise<GpuConnection> => GpuConnection.open((await chooseAdapter(request)).adapter);
        const description = { ...adapterDescription(chosen.adapter, chosen.source.route), powerPreference };
        const label = adapterLabel(chosen.adapter, chosen.source.route);
        // llvmpipe silently ends long loops: there every loop exit is checked (TranslateOptions.cutLoops).
        const translateOptions = { float, cutLoops: label === 'llvmpipe' } as const;
        // The adapter's own f32 arithmetic is measured when its first device opens (both devices
        // usually share one adapter), so every call can say what may differ.
        const adapterKey = JSON.stringify(adapterDescription(chosen.adapter, chosen.source.route));
        if (float === 'native' && !probes.has(adapterKey)) probes.set(adapterKey, await probeNativeFloat(connection.device).catch(closing(connection)));
        const report: FloatReport = float === 'native' ? { mode: float, native: probes.get(adapterKey)! } : { mode: float };
        const name = `${label}-${powerPreference}`;
        devices.push(new WebGpuDevice(kind, name, description, connection, reopen, translate, translateOptions, report, options.loopTicksPerMs));
        limits.push(connection.limits);
        software.push(isSoftwareAdapter(chosen.adapter, label));
      }
    } catch (error) {
      for (const device of devices) device.dispose();
      throw error;
    }
    const floats = Object.fromEntries(devices.map((device) => [device.name, device.float]));
    const capabilities = webGpuCapabilities(
      devices.map((device) => device.kind),
      limits,
      software.every(Boolean),
      { mode: float, f64: 'emulated', devices: floats },
    );
    return new WebGpuBackend(devices, capabilities);
  }

  async dispose(): Promise<void> {
    for (const device of this.devices) device.dispose();
  }
}

/** Destroys a connection that will not be handed over, and rethrows. */
function closing(connection: GpuConnection): (error: unknown) => never {
  return (error) => {
    connection.destroy();
    throw error;
  };
}

/** A factory with fixed options, e.g. a browser's `navigator.gpu`. */
export function createWebGpuBackendFactory(options: WebGpuOptions = {}): BackendFactory {
  return {
    name: WEBGPU_BACKEND_NAME,
    priority: BackendPriority.ACCELERATED,
    deviceKinds: POWER_PREFERENCE.map(([kind]) => kind),
    init: async (init) => WebGpuBackend.create(readOptions(init, options)),
  };
}

export const backendFactory: BackendFactory = createWebGpuBackendFactory();
