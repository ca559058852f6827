import { DeviceKind, LIMITS, type BackendCapabilities } from '@wasi-parallel/core';

/**
 * What the simulated FPGA accepts. Numbers, atomics (read-modify-write, compare-exchange,
 * notify) and bulk memory are synthesised; SIMD is not. Constructs no hardware can be made
 * for — recursion, call_indirect, memory.grow, memory.atomic.wait, stack frames sized at run
 * time — are refused per kernel with UNSUPPORTED_KERNEL_FEATURE naming the instruction (the
 * device's description lists them: the record has no field for them).
 */
export const FPGA_SIM_CAPABILITIES: BackendCapabilities = Object.freeze({
  deviceKinds: Object.freeze([DeviceKind.FPGA]),
  features: Object.freeze({
    i64: true,
    f32: true,
    f64: true,
    simd: false,
    atomics: true,
    bulkMemory: true,
    scatteredStores: true,
    unsharedMemory: true,
  }),
  limits: Object.freeze({
    maxBufferSize: LIMITS.MAX_BUFFER_SIZE,
    maxBuffersPerCall: LIMITS.MAX_BUFFERS_PER_CALL,
    maxIterations: 0xffff_ffff,
  }),
  runsOnGuestMemory: false,
  // The generated simulation checks the clock every 65,536 pipeline windows and loop trips.
  timeouts: true,
  // Compute units run blocks of iterations at the same time on the modelled device.
  parallel: true,
  // A model of an FPGA run in JS: hints for a kind try it after every real device.
  emulated: true,
});

/** What the device refuses, for `wasi-parallel devices`. */
export const UNSYNTHESISABLE = 'recursion, call_indirect, memory.grow, memory.atomic.wait, stack frames sized at run time, SIMD';
