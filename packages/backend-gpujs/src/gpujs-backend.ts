import { BackendPriority, DeviceKind, type Backend, type BackendCapabilities, type BackendFactory } from '@wasi-parallel/core';
import { gpujsCapabilities } from './capabilities.js';
import { GpujsDevice } from './device.js';
import { openMode, type OpenedMode, type UnavailableMode } from './mode-probe.js';
import { MODE_SPECS } from './modes.js';
import { readOptions, type GpujsOptions } from './options.js';

export const GPUJS_BACKEND_NAME = 'gpujs';

/** The GPU.js version the translator's facts were measured on; package.json pins it. */
export const GPUJS_VERSION = '2.24.1';

/**
 * Kernels translated to GPU.js kernels, one device per GPU.js mode that works here (webasm and
 * cpu as CPU devices, webgpu and headlessgl as GPU devices). Each device's description says
 * how its floats measured and which modes are missing, and why.
 */
export class GpujsBackend implements Backend {
  readonly name = GPUJS_BACKEND_NAME;

  private constructor(
    readonly devices: readonly GpujsDevice[],
    readonly capabilities: BackendCapabilities,
    /** Modes asked for that do not work here, with the reason. */
    readonly unavailable: readonly UnavailableMode[],
  ) {}

  static async create(options: GpujsOptions): Promise<GpujsBackend> {
    const results: (OpenedMode | UnavailableMode)[] = [];
    // One after another: opening webgpu and headlessgl at once would race their native setup.
    for (const mode of options.modes) results.push(await openMode(mode));
    const opened = results.filter((r): r is OpenedMode => 'runtime' in r);
    const unavailable = results.filter((r): r is UnavailableMode => 'reason' in r);
    const missing = unavailable.map((u) => `${u.mode}: ${u.reason}`).join('; ');
    if (opened.length === 0) throw new Error(`no GPU.js mode works here (${missing || 'none asked for'})`);
    const devices = opened.map(
      (mode) =>
        new GpujsDevice(mode, options, {
          engine: `GPU.js ${GPUJS_VERSION}`,
          mode: mode.mode,
          floats: mode.floats,
          ...mode.description,
          ...(mode.emulated ? { emulated: true } : {}),
          ...(missing ? { unavailableModes: missing } : {}),
        }),
    );
    const gpu = opened.filter((mode) => MODE_SPECS[mode.mode].kind !== DeviceKind.CPU);
    const emulated = gpu.length > 0 && gpu.every((mode) => mode.emulated);
    return new GpujsBackend(devices, gpujsCapabilities(devices.map((d) => d.kind), emulated), unavailable);
  }

  async dispose(): Promise<void> {
    for (const device of this.devices) device.dispose();
  }
}

/**
 * Registered by name only (BackendPriority.BY_NAME_ONLY): GPU.js refuses kernels the other
 * backends run (scattered stores, atomics), so a hint never lands on it by itself; ask for it
 * with `--device gpujs`, or pick a mode with the option `mode`.
 */
export function createGpujsBackendFactory(fixed: Readonly<Record<string, unknown>> = {}): BackendFactory {
  const modes = readOptions({ options: fixed }).modes;
  return {
    name: GPUJS_BACKEND_NAME,
    priority: BackendPriority.BY_NAME_ONLY,
    deviceKinds: [...new Set(modes.map((mode) => MODE_SPECS[mode].kind))],
    init: async (init) => GpujsBackend.create(readOptions({ options: { ...init.options, ...fixed } })),
  };
}

export const backendFactory: BackendFactory = createGpujsBackendFactory();
