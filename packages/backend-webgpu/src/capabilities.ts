import { DeviceKind, LIMITS, type BackendCapabilities } from '@wasi-parallel/core';
import type { FloatReport } from './float-report.js';

/** The adapter limits the backend asks for instead of WebGPU's defaults. */
export interface GpuLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupSizeX: number;
}

export function gpuLimitsOf(adapter: GPUAdapter): GpuLimits {
  const { limits } = adapter;
  return {
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    maxBufferSize: limits.maxBufferSize,
    maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
    maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
  };
}

/**
 * The capabilities record plus how floats are computed: f64 is always emulated (exact
 * soft-float); f32 by `mode`; per device, what the native-mode probe measured.
 */
export interface WebGpuCapabilities extends BackendCapabilities {
  readonly float: {
    readonly mode: FloatReport['mode'];
    readonly f64: 'emulated';
    readonly devices: Readonly<Record<string, FloatReport>>;
  };
}

/**
 * Probed once at init from the adapter(s), frozen. The kernel's memory (its own region and
 * every buffer) becomes one storage binding, so a buffer can be no larger than that binding.
 * i64 runs exactly on `vec2<u32>`, f64 by exact soft-float on the same.
 */
export function webGpuCapabilities(
  kinds: readonly DeviceKind[],
  limits: readonly GpuLimits[],
  emulated: boolean,
  float: WebGpuCapabilities['float'],
): WebGpuCapabilities {
  const binding = Math.min(...limits.map((l) => Math.min(l.maxStorageBufferBindingSize, l.maxBufferSize)));
  return Object.freeze({
    deviceKinds: Object.freeze([...kinds]),
    features: Object.freeze({
      i64: true,
      f32: true,
      f64: true,
      simd: false,
      // 8-, 16- and 32-bit atomics; i64 atomics and memory.atomic.wait are refused per kernel.
      atomics: true,
      bulkMemory: true,
      scatteredStores: true,
      unsharedMemory: true,
    }),
    limits: Object.freeze({
      maxBufferSize: Math.min(binding - LIMITS.WASM_PAGE_SIZE, LIMITS.MAX_BUFFER_SIZE),
      // Three bindings (memory, params, status) whatever the count: buffers live in one arena.
      maxBuffersPerCall: LIMITS.MAX_BUFFERS_PER_CALL,
      maxIterations: 0xffff_ffff,
    }),
    runsOnGuestMemory: false,
    // Every loop spends a budget derived from the call's timeout, and a dispatch that outruns the
    // timeout is abandoned with its GPU device (run-dispatch.ts, device.ts).
    timeouts: true,
    parallel: true,
    // SwiftShader and llvmpipe run WGSL on the CPU: exact, but slower than the CPU backend.
    emulated,
    float: Object.freeze({ ...float, devices: Object.freeze({ ...float.devices }) }),
  });
}
