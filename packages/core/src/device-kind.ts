/**
 * `device-kind` from the proposal's witx, numbered as the 2022 prototype numbers it
 * (SEQUENTIAL 0, CPU 1, DISCRETE_GPU 2, INTEGRATED_GPU 3). The proposal names FPGAs as a goal
 * without giving them a value: FPGA = 4 is this project's documented extension.
 */
export const DeviceKind = {
  SEQUENTIAL: 0,
  CPU: 1,
  DISCRETE_GPU: 2,
  INTEGRATED_GPU: 3,
  FPGA: 4,
} as const;
export type DeviceKind = (typeof DeviceKind)[keyof typeof DeviceKind];

/** The kebab-case names the CLI, env vars and logs use, indexed by kind. */
export const DEVICE_KIND_NAMES: Readonly<Record<DeviceKind, string>> = {
  0: 'sequential',
  1: 'cpu',
  2: 'discrete-gpu',
  3: 'integrated-gpu',
  4: 'fpga',
};

export const ALL_DEVICE_KINDS: readonly DeviceKind[] = [0, 1, 2, 3, 4];

export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'number' && (ALL_DEVICE_KINDS as readonly number[]).includes(value);
}

export function deviceKindName(kind: DeviceKind): string {
  return DEVICE_KIND_NAMES[kind];
}

/** Parses `cpu`, `CPU`, `discrete_gpu`, `2`…; returns undefined for anything else. */
export function parseDeviceKind(text: string): DeviceKind | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    return isDeviceKind(n) ? n : undefined;
  }
  const name = trimmed.toLowerCase().replace(/_/g, '-');
  return ALL_DEVICE_KINDS.find((kind) => DEVICE_KIND_NAMES[kind] === name);
}
