import {
  deviceKindName,
  ErrorCode,
  isWasiParallelError,
  parseDeviceOverride,
  type BackendOptions,
  type BackendRegistry,
  type DeviceOverride,
  type HostEvent,
} from '@wasi-parallel/core';
import { UsageError } from './usage-error.js';

export const DEVICE_ENV_VAR = 'WASI_PARALLEL_DEVICE';

/** A device asked for by `--device`, else by the env var; undefined when neither says one. */
export interface DeviceRequest {
  readonly override: DeviceOverride;
  readonly text: string;
  readonly source: string;
}

type OptionsByName = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

function initOptions(backendOptions: BackendOptions, name: string): { options?: Readonly<Record<string, unknown>> } {
  const options = (backendOptions as OptionsByName)[name];
  return options ? { options } : {};
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return (cause instanceof Error ? cause : (error as Error)).message;
}

/** Every device kind and backend that initialises, for "what is available" in an error. */
async function available(registry: BackendRegistry, backendOptions: BackendOptions): Promise<string> {
  const kinds = new Set<string>();
  const backends: string[] = [];
  for (const factory of registry.factories()) {
    try {
      const backend = await registry.init(factory.name, initOptions(backendOptions, factory.name));
      backends.push(factory.name);
      for (const device of backend.devices) kinds.add(deviceKindName(device.kind));
    } catch {
      // Unavailable: not listed.
    }
  }
  return `available kinds: ${[...kinds].join(', ')}; backends: ${backends.join(', ')} (see wasi-parallel devices)`;
}

/**
 * Reads `--device`, else `WASI_PARALLEL_DEVICE`, and makes sure it can be honoured: a kind that
 * some available backend offers, or a registered backend that initialises. Anything else is a
 * `UsageError` listing what is available — never a silent run on another device.
 */
export async function chooseDevice(
  registry: BackendRegistry,
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  backendOptions: BackendOptions,
): Promise<DeviceRequest | undefined> {
  const [text, source] = flag !== undefined ? [flag, '--device'] : [env[DEVICE_ENV_VAR], DEVICE_ENV_VAR];
  const override = parseDeviceOverride(text);
  if (override === undefined || text === undefined) {
    if (flag !== undefined) throw new UsageError('--device needs a device kind or a backend name');
    return undefined;
  }
  const request = { override, text: text.trim(), source };
  if ('backend' in override) {
    if (!registry.has(override.backend)) {
      throw new UsageError(`${source}=${request.text} is neither a device kind nor a backend; ${await available(registry, backendOptions)}`);
    }
    try {
      await registry.init(override.backend, initOptions(backendOptions, override.backend));
    } catch (error) {
      throw new UsageError(`${source}=${request.text}: backend \`${override.backend}\` is unavailable: ${reasonOf(error)}; ${await available(registry, backendOptions)}`);
    }
    return request;
  }
  const reasons: string[] = [];
  for (const factory of registry.factories()) {
    if (factory.priority < 0 || !factory.deviceKinds.includes(override.kind)) continue;
    try {
      const backend = await registry.init(factory.name, initOptions(backendOptions, factory.name));
      if (backend.devices.some((device) => device.kind === override.kind)) return request;
    } catch (error) {
      reasons.push(`${factory.name}: ${reasonOf(error)}`);
    }
  }
  const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
  throw new UsageError(`${source}=${request.text}: no available backend offers ${deviceKindName(override.kind)} devices${why}; ${await available(registry, backendOptions)}`);
}

/**
 * Initialises every backend named in `--backend-option`, so a misspelt backend, an unknown key
 * or a bad value is an error before the guest starts rather than a silent fallback to another
 * device when its hint is resolved.
 */
export async function checkBackendOptions(registry: BackendRegistry, backendOptions: BackendOptions): Promise<void> {
  for (const name of Object.keys(backendOptions)) {
    if (!registry.has(name)) {
      const names = registry.factories().map((factory) => factory.name).join(', ');
      throw new UsageError(`--backend-option names backend \`${name}\`, which is not registered; registered: ${names}`);
    }
    try {
      await registry.init(name, initOptions(backendOptions, name));
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      const badOption = isWasiParallelError(cause) && cause.code === ErrorCode.INVALID_ARGUMENT;
      throw new UsageError(`--backend-option for \`${name}\`: ${badOption ? '' : 'the backend is unavailable: '}${reasonOf(error)}`);
    }
  }
}

/**
 * Whether a `device-resolved` event is worth a line without `--verbose`: only when the device
 * is not what was asked for (a guest's hint that fell back). A device that is exactly the
 * `--device` asked for needs no comment.
 */
export function isSurprising(event: Extract<HostEvent, { type: 'device-resolved' }>, request: DeviceRequest | undefined): boolean {
  if (!event.overridden) return false;
  if (!request) return true;
  return 'kind' in request.override ? event.device.kind !== request.override.kind : event.device.backend !== request.override.backend;
}
