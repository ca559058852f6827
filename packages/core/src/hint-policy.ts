import type { Backend, Device } from './contracts/backend.js';
import type { BackendOptions } from './contracts/backend-options.js';
import { DeviceKind, deviceKindName, parseDeviceKind } from './device-kind.js';
import type { BackendRegistry } from './registry.js';

/**
 * How a device hint becomes a device (docs/architecture.md, "Hint resolution").
 *
 * 1. An override (host option, else the `WASI_PARALLEL_DEVICE` env var) replaces every hint:
 *    a device kind, or a backend name (which may be one registered "by name only").
 * 2. The kinds in `FALLBACK_ORDER[hint]` are tried in order; for each, the backends serving it
 *    by priority, highest first, skipping negative priorities. Each backend initialises once;
 *    one that fails is remembered with its reason and skipped.
 * 3. The sequential device always ends the list, so `getDevice` never fails.
 */
export const FALLBACK_ORDER: Readonly<Record<DeviceKind, readonly DeviceKind[]>> = {
  [DeviceKind.SEQUENTIAL]: [DeviceKind.SEQUENTIAL],
  [DeviceKind.CPU]: [DeviceKind.CPU, DeviceKind.SEQUENTIAL],
  [DeviceKind.DISCRETE_GPU]: [DeviceKind.DISCRETE_GPU, DeviceKind.INTEGRATED_GPU, DeviceKind.CPU, DeviceKind.SEQUENTIAL],
  [DeviceKind.INTEGRATED_GPU]: [DeviceKind.INTEGRATED_GPU, DeviceKind.DISCRETE_GPU, DeviceKind.CPU, DeviceKind.SEQUENTIAL],
  [DeviceKind.FPGA]: [DeviceKind.FPGA, DeviceKind.CPU, DeviceKind.SEQUENTIAL],
};

export type DeviceOverride = { readonly kind: DeviceKind } | { readonly backend: string };

/** Reads an override: a kind name or number, else a backend name. Empty text means none. */
export function parseDeviceOverride(text: string | undefined): DeviceOverride | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const kind = parseDeviceKind(text);
  return kind === undefined ? { backend: text.trim() } : { kind };
}

export interface ResolutionAttempt {
  readonly backend: string;
  readonly kind: DeviceKind;
  readonly reason: string;
}

export interface DeviceResolution {
  readonly device: Device;
  readonly backend: Backend;
  readonly hint: DeviceKind | undefined;
  /** True when the device is not of the hinted kind, or an override chose it. */
  readonly overridden: boolean;
  /** One sentence on why this device was chosen, e.g. for a log line. */
  readonly reason: string;
  /** Backends tried before this one and why each was passed over. */
  readonly attempts: readonly ResolutionAttempt[];
}

function deviceOfKind(backend: Backend, kind: DeviceKind | undefined): Device | undefined {
  return backend.devices.find((device) => kind === undefined || device.kind === kind);
}

function describeAttempts(attempts: readonly ResolutionAttempt[]): string {
  return attempts.map((attempt) => `${attempt.backend}: ${attempt.reason}`).join('; ');
}

function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { BackendOptions } from './contracts/backend-options.js';

export interface ResolveOptions {
  readonly override?: DeviceOverride;
  /** Init options for the backends this resolution may initialise. */
  readonly backendOptions?: BackendOptions;
  /** Where the override came from, for the reason text: e.g. `--device` or `WASI_PARALLEL_DEVICE`. */
  readonly overrideSource?: string;
}

/**
 * Resolves a hint to a device. `hint` undefined (an unknown value from a guest) means "no
 * preference": the best available device, in DISCRETE_GPU's fallback order.
 * Never rejects as long as the registry holds the sequential backend.
 */
export async function resolveDevice(
  registry: BackendRegistry,
  hint: DeviceKind | undefined,
  options: ResolveOptions = {},
): Promise<DeviceResolution> {
  const attempts: ResolutionAttempt[] = [];
  const hintText = hint === undefined ? 'no hint' : `hint ${deviceKindName(hint)}`;
  const source = options.overrideSource ?? 'the host';

  const tryBackend = async (name: string, kind: DeviceKind | undefined): Promise<{ backend: Backend; device: Device } | undefined> => {
    try {
      // Names are any backend's, declared in `BackendOptionMap` or not; its `init` validates.
      const initOptions = (options.backendOptions as Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined)?.[name];
      const backend = await registry.init(name, initOptions ? { options: initOptions } : {});
      const device = deviceOfKind(backend, kind);
      if (device) return { backend, device };
      attempts.push({ backend: name, kind: kind ?? DeviceKind.SEQUENTIAL, reason: `offers no ${kind === undefined ? '' : deviceKindName(kind) + ' '}device` });
    } catch (error) {
      attempts.push({ backend: name, kind: kind ?? DeviceKind.SEQUENTIAL, reason: errorReason(error) });
    }
    return undefined;
  };

  const override = options.override;
  if (override && 'backend' in override) {
    if (registry.has(override.backend)) {
      const found = (hint !== undefined ? await tryBackend(override.backend, hint) : undefined) ?? (await tryBackend(override.backend, undefined));
      if (found) {
        return {
          ...found,
          hint,
          overridden: true,
          reason: `${source} asked for backend \`${override.backend}\` (${hintText}): ${deviceKindName(found.device.kind)} device \`${found.device.name}\``,
          attempts,
        };
      }
    } else {
      attempts.push({ backend: override.backend, kind: hint ?? DeviceKind.SEQUENTIAL, reason: 'no backend of that name is registered' });
    }
  }

  const wanted = override && 'kind' in override ? override.kind : hint;
  const order = wanted === undefined ? FALLBACK_ORDER[DeviceKind.DISCRETE_GPU] : FALLBACK_ORDER[wanted];
  // Asking for a kind by name gets it even when it is emulated; a hint gets every real device
  // first, and an emulated one only before the sequential reference.
  const deferEmulated = !(override && 'kind' in override);
  const deferred: { found: { backend: Backend; device: Device }; kind: DeviceKind }[] = [];
  const choose = (found: { backend: Backend; device: Device }, kind: DeviceKind): DeviceResolution => {
    const overridden = override !== undefined || (hint !== undefined && kind !== hint);
    const chosen = `${deviceKindName(kind)} device \`${found.device.name}\` of backend \`${found.backend.name}\``;
    let reason: string;
    if (override && 'kind' in override) reason = `${source} asked for ${deviceKindName(override.kind)} (${hintText}): ${chosen}`;
    else if (kind === hint) reason = `${hintText}: ${chosen}`;
    else {
      const passed = describeAttempts(attempts);
      reason = `${hintText} fell back to ${chosen}${passed ? ` (${passed})` : ` (no backend serves ${wanted === undefined ? 'a preferred kind' : deviceKindName(wanted)})`}`;
    }
    return { ...found, hint, overridden, reason, attempts };
  };
  for (const kind of order) {
    if (kind === DeviceKind.SEQUENTIAL && deferred.length > 0) return choose(deferred[0]!.found, deferred[0]!.kind);
    for (const factory of registry.factories()) {
      if (factory.priority < 0 || !factory.deviceKinds.includes(kind)) continue;
      const found = await tryBackend(factory.name, kind);
      if (!found) continue;
      if (deferEmulated && found.backend.capabilities.emulated) {
        attempts.push({ backend: factory.name, kind, reason: `its ${deviceKindName(kind)} device \`${found.device.name}\` is emulated in software, so real devices come first` });
        deferred.push({ found, kind });
        continue;
      }
      return choose(found, kind);
    }
  }
  if (deferred.length > 0) return choose(deferred[0]!.found, deferred[0]!.kind);
  const tried = describeAttempts(attempts);
  throw new Error(`no device could be resolved, not even the sequential one (${tried || 'no backend registered'})`);
}
