import type { GpuLimits } from './capabilities.js';

/** The workgroup-size rule's bounds (docs/backends/webgpu.md, "Workgroup size"). */
export const WORKGROUP = {
  /** No smaller: a workgroup below a warp/wavefront wastes lanes on every GPU we know. */
  MIN: 32,
  /** No larger, whatever the adapter allows: 256 is WebGPU's default limit and fits every adapter. */
  MAX: 256,
} as const;

function floorPow2(value: number): number {
  return 2 ** Math.floor(Math.log2(value));
}

/**
 * `blockSize` is the kernel's own slicing parameter, not a GPU notion; when it is a sensible
 * group size we honour it as a locality hint: the largest power of two not above `blockSize`,
 * clamped to [MIN, min(MAX, adapter limits)]. `blockSize` 0 or 1 gives 64.
 */
export function workgroupSize(blockSize: number, limits: GpuLimits): number {
  const cap = floorPow2(Math.min(WORKGROUP.MAX, limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX));
  if (blockSize <= 1) return Math.min(64, cap);
  return Math.max(Math.min(WORKGROUP.MIN, cap), Math.min(floorPow2(blockSize), cap));
}

export interface DispatchGrid {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/**
 * Workgroups for `numIterations` invocations. One dimension holds at most
 * `maxComputeWorkgroupsPerDimension` groups, so larger counts spill into y and z; the shader
 * recovers the iteration id as ((z·ny + y)·nx + x)·size + local and skips ids ≥ numIterations.
 */
export function dispatchGrid(numIterations: number, size: number, limits: GpuLimits): DispatchGrid | undefined {
  if (numIterations === 0) return undefined;
  const max = limits.maxComputeWorkgroupsPerDimension;
  const groups = Math.ceil(numIterations / size);
  const x = Math.min(groups, max);
  const rest = Math.ceil(groups / x);
  const y = Math.min(rest, max);
  const z = Math.ceil(rest / y);
  if (z > max) throw new RangeError(`${numIterations} iterations need more than ${max}³ workgroups`);
  return { x, y, z };
}
