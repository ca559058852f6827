import type { FloatMode } from './numeric-ops.js';

/** What the WGSL translator hands the device for one kernel and buffer count. */
export interface TranslatedKernel {
  /**
   * A complete compute shader: entry point `main`, `override WORKGROUP_SIZE`, bindings
   * 0 = memory arena (`array<atomic<u32>>`), 1 = params (`array<u32>`, see `PARAM`),
   * 2 = status (`array<atomic<u32>>`, see `STATUS`).
   */
  readonly wgsl: string;
  /** The kernel's memory import limits, in pages. */
  readonly minPages: number;
  readonly maxPages: number | undefined;
  /** Active data segments at constant offsets: the kernel's static data, placed before each call. */
  readonly dataSegments: readonly { readonly offset: number; readonly bytes: Uint8Array }[];
}

export interface TranslateOptions {
  /** How f32 arithmetic runs (see `FloatMode`); default `native`. f64 is always soft-float. */
  readonly float?: FloatMode;
  /**
   * The adapter may end a loop early, silently: Mesa's llvmpipe stops the loops of a group of
   * invocations after 65,535 iterations in total. Every exit of a WGSL loop then leaves a
   * mark that is checked after the loop, so a cut loop is reported instead of returning wrong
   * bytes; and the soft-float loops are written out, so they do not count.
   */
  readonly cutLoops?: boolean;
}

/** Word indices in the params binding. Buffer i's pointer is at BUFFERS + 2i, its length at BUFFERS + 2i + 1. */
export const PARAM = {
  NUM_ITERATIONS: 0,
  BLOCK_SIZE: 1,
  MEMORY_BYTES: 2,
  MEMORY_PAGES: 3,
  /** Always 0, unknown to the shader compiler: see prelude/f32-native-wgsl.ts. */
  OPAQUE_ZERO: 4,
  /** Loop iterations each invocation may run before the call ends with TIMEOUT (see `loopBudget`). */
  LOOP_BUDGET: 5,
  BUFFERS: 6,
} as const;

/** Word indices in the status binding. */
export const STATUS = {
  TRAP: 0,
  /** The lowest trapping iteration id; 0xffffffff when none trapped. */
  ITERATION: 1,
  WORDS: 2,
} as const;

/** Why an invocation stopped: the WGSL side stores these in `STATUS.TRAP`. */
export const TrapKind = {
  NONE: 0,
  OUT_OF_BOUNDS: 1,
  DIVIDE_BY_ZERO: 2,
  INTEGER_OVERFLOW: 3,
  UNREACHABLE: 4,
  INVALID_CONVERSION: 5,
  UNALIGNED_ATOMIC: 6,
  STACK_OVERFLOW: 7,
  /** Not a wasm trap: the adapter ended a loop early (see `TranslateOptions.cutLoops`). */
  LOOP_CUT: 8,
  /** Not a wasm trap: an invocation ran out of its loop budget (`PARAM.LOOP_BUDGET`). */
  TIMEOUT: 9,
} as const;
export type TrapKind = (typeof TrapKind)[keyof typeof TrapKind];

export const TRAP_MESSAGES: Readonly<Record<number, string>> = {
  [TrapKind.OUT_OF_BOUNDS]: 'memory access out of bounds',
  [TrapKind.DIVIDE_BY_ZERO]: 'integer divide by zero',
  [TrapKind.INTEGER_OVERFLOW]: 'integer overflow',
  [TrapKind.UNREACHABLE]: 'unreachable executed',
  [TrapKind.INVALID_CONVERSION]: 'invalid conversion to integer',
  [TrapKind.UNALIGNED_ATOMIC]: 'unaligned atomic',
  [TrapKind.LOOP_CUT]: "the adapter's loop watchdog ended a loop of the kernel (llvmpipe ends the loops of a group of invocations after 65,535 iterations in total, whether the kernel would have stopped or not); its results are refused. Use SwiftShader or a GPU",
  [TrapKind.TIMEOUT]: "the kernel ran past its time limit: an invocation used up its loop budget (the call's timeout in loop iterations)",
  [TrapKind.STACK_OVERFLOW]: "the kernel's shadow stack outgrew the private stack the WebGPU backend gives each invocation",
};
