import type { AnalysisResult } from './analysis-types.js';
import type { Expr, ValueType } from './types.js';

/** A local of a function: params come first, then the declared locals. */
export interface KernelLocal {
  readonly index: number;
  readonly type: ValueType;
  /** The local's name from the name section, when the kernel has one. */
  readonly name: string | undefined;
  readonly isParam: boolean;
}

export interface KernelFunction {
  /** Unique within the kernel: the name section's name, or binaryen's `$<index>` default. */
  readonly name: string;
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  /** All locals, params first (`locals[i].index === i`). */
  readonly locals: readonly KernelLocal[];
  readonly body: Expr;
  /** Expressions in the body, the upper bound of every `loc` in it. */
  readonly instructionCount: number;
  /**
   * Set for a function the kernel imports. Kernels import none; only `lowerI64` adds the
   * wasm2js intrinsics `env.wasm2js_scratch_*` (see I64_LOWERING_PASSES); the body is a `nop`.
   */
  readonly imported?: { readonly module: string; readonly base: string };
}

export interface KernelGlobal {
  readonly name: string;
  readonly type: ValueType;
  readonly mutable: boolean;
  /** The initial value when it is a constant (a kernel's globals always have constant inits). */
  readonly init: number | bigint | undefined;
  /** For an f32/f64 global with a constant init: its exact bits (`init` cannot hold a NaN's payload). */
  readonly initBits?: bigint;
}

/** The kernel's one memory import (the ABI in docs/kernel-abi.md). */
export interface KernelMemory {
  readonly module: string;
  readonly field: string;
  readonly minPages: number;
  /** Undefined when the kernel declares no maximum (never for a shared memory). */
  readonly maxPages: number | undefined;
  readonly shared: boolean;
}

/**
 * Where a kernel compiled from C keeps its shadow stack: the mutable i32 global
 * `__stack_pointer` (by name, or the only mutable i32 global that the code decrements), which
 * starts at `initialValue` and grows down. Static data lies below it, buffers must lie above
 * `heapBase` (or `initialValue` when unknown), and concurrent instances need their own stacks.
 */
export interface KernelStack {
  readonly pointerGlobal: string;
  readonly initialValue: number;
  /** `__heap_base` when the kernel exports it. */
  readonly heapBase?: number;
  /** `__data_end` when the kernel exports it. */
  readonly dataEnd?: number;
}

export interface KernelDataSegment {
  /** Offset in memory of an active segment; undefined for a passive one. */
  readonly offset: number | undefined;
  readonly size: number;
  /** The segment's bytes, for translators that must place static data in their own memory. */
  readonly data: Uint8Array;
  /**
   * For a passive segment: the address the start function (wasm-ld's `__wasm_init_memory`)
   * copies it to, when it copies it whole to a constant address. A translator that does not
   * run the start function places `data` there.
   */
  readonly placedAt?: number;
}

/** A decoded, checked, normalised and analysed kernel. Cached by `hash` and options. */
export interface KernelIR {
  /** core's `kernelHash` of the kernel bytes as given (before normalisation). */
  readonly hash: string;
  /** The options the IR was built with (part of the cache key). */
  readonly options: Readonly<Required<LoadKernelOptions>>;
  readonly memory: KernelMemory;
  /** Number of buffers the `kernel` export takes: (params − 3) / 2. */
  readonly bufferCount: number;
  /** Every function left after normalisation, the entry first. */
  readonly functions: readonly KernelFunction[];
  /** The entry function (the `kernel` export). */
  readonly kernel: KernelFunction;
  readonly globals: readonly KernelGlobal[];
  /** The start function, when the kernel has one that does not touch memory (see docs/kernel-abi.md). */
  readonly startFunction: string | undefined;
  readonly stack: KernelStack | undefined;
  readonly dataSegments: readonly KernelDataSegment[];
  readonly analysis: AnalysisResult;
}

export interface LoadKernelOptions {
  /** Lower i64 to pairs of i32 (binaryen's `i64-to-i32-lowering`), for targets without 64-bit integers. */
  readonly lowerI64?: boolean;
}
