/**
 * The kernel IR: what translating backends (WebGPU, GPU.js, the FPGA simulator) read instead of
 * WebAssembly. It is plain data: no binaryen pointers, no classes, safe to `structuredClone` and
 * to print. Expressions are a discriminated union on `kind`; the kinds and their field names
 * follow the WebAssembly text format so a translator can be read beside the spec.
 */

/** A WebAssembly value type. */
export type ValueType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

/** The type an expression leaves on the stack: one value, nothing, a tuple (multi-value) or unreachable. */
export type ExprType = ValueType | 'none' | 'unreachable' | TupleType;

export interface TupleType {
  readonly tuple: readonly ValueType[];
}

/** Fields every expression carries. */
export interface ExprBase {
  readonly type: ExprType;
  /**
   * The expression's instruction index in its function, counted in pre-order (the order the
   * instructions appear in the function body, 0 = the body's outermost expression). Error
   * messages and analysis results name instructions by `(function, loc)`.
   */
  readonly loc: number;
}

// ---- control flow -------------------------------------------------------------------------

export interface BlockExpr extends ExprBase {
  readonly kind: 'block';
  /** Branch target name; undefined when nothing branches to the block. */
  readonly label: string | undefined;
  readonly body: readonly Expr[];
}

export interface LoopExpr extends ExprBase {
  readonly kind: 'loop';
  /** A `br` to a loop's label jumps back to its start. */
  readonly label: string | undefined;
  readonly body: Expr;
}

export interface IfExpr extends ExprBase {
  readonly kind: 'if';
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr | undefined;
}

export interface BrExpr extends ExprBase {
  readonly kind: 'br';
  readonly label: string;
  readonly value: Expr | undefined;
}

export interface BrIfExpr extends ExprBase {
  readonly kind: 'br_if';
  readonly label: string;
  readonly condition: Expr;
  readonly value: Expr | undefined;
}

export interface BrTableExpr extends ExprBase {
  readonly kind: 'br_table';
  readonly labels: readonly string[];
  readonly defaultLabel: string;
  readonly index: Expr;
  readonly value: Expr | undefined;
}

export interface ReturnExpr extends ExprBase {
  readonly kind: 'return';
  readonly value: Expr | undefined;
}

export interface CallExpr extends ExprBase {
  readonly kind: 'call';
  /** Name of a function in `KernelIR.functions`. */
  readonly target: string;
  readonly operands: readonly Expr[];
  /** `return_call` (tail call). */
  readonly tail: boolean;
}

export interface CallIndirectExpr extends ExprBase {
  readonly kind: 'call_indirect';
  readonly table: string;
  readonly target: Expr;
  readonly operands: readonly Expr[];
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  readonly tail: boolean;
}

export interface NopExpr extends ExprBase {
  readonly kind: 'nop';
}

export interface UnreachableExpr extends ExprBase {
  readonly kind: 'unreachable';
}

export interface DropExpr extends ExprBase {
  readonly kind: 'drop';
  readonly value: Expr;
}

export interface SelectExpr extends ExprBase {
  readonly kind: 'select';
  readonly condition: Expr;
  readonly ifTrue: Expr;
  readonly ifFalse: Expr;
}

// ---- variables ----------------------------------------------------------------------------

export interface LocalGetExpr extends ExprBase {
  readonly kind: 'local.get';
  /** Index into the function's locals (params first). */
  readonly local: number;
}

export interface LocalSetExpr extends ExprBase {
  /** `local.tee` is a set that also yields the value (its `type` is then the value's type). */
  readonly kind: 'local.set' | 'local.tee';
  readonly local: number;
  readonly value: Expr;
}

export interface GlobalGetExpr extends ExprBase {
  readonly kind: 'global.get';
  /** Name of a global in `KernelIR.globals`. */
  readonly global: string;
}

export interface GlobalSetExpr extends ExprBase {
  readonly kind: 'global.set';
  readonly global: string;
  readonly value: Expr;
}

// ---- numbers ------------------------------------------------------------------------------

/**
 * A constant. i32: a signed 32-bit number; i64: a bigint (signed); f32/f64: a number and its
 * exact bits (a JS number cannot hold a signalling NaN or a NaN's payload: `bits` does, as u32
 * or unsigned bigint); v128: its 16 bytes, little-endian.
 */
export type ConstValue =
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'i64'; readonly value: bigint }
  | { readonly type: 'f32'; readonly value: number; readonly bits: number }
  | { readonly type: 'f64'; readonly value: number; readonly bits: bigint }
  | { readonly type: 'v128'; readonly value: readonly number[] };

export interface ConstExpr extends ExprBase {
  readonly kind: 'const';
  readonly value: ConstValue;
}

/**
 * One-operand operation, named as in the text format: `i32.eqz`, `f32.sqrt`,
 * `i64.extend_i32_s`, `i32.trunc_sat_f32_u`, `f32x4.neg`, `i32x4.splat`, `v128.any_true`, ….
 */
export interface UnaryExpr extends ExprBase {
  readonly kind: 'unary';
  readonly op: string;
  readonly value: Expr;
}

/** Two-operand operation, named as in the text format: `i32.add`, `i64.shr_u`, `f64.copysign`, `i32x4.add`, …. */
export interface BinaryExpr extends ExprBase {
  readonly kind: 'binary';
  readonly op: string;
  readonly left: Expr;
  readonly right: Expr;
}

// ---- memory -------------------------------------------------------------------------------

/** Bytes a memory access touches. */
export type AccessWidth = 1 | 2 | 4 | 8 | 16;

/** What every load, store and atomic access carries. The effective address is `ptr + offset`. */
export interface MemoryAccess {
  readonly ptr: Expr;
  /** The static offset immediate, in bytes. */
  readonly offset: number;
  /** Bytes accessed. */
  readonly bytes: AccessWidth;
  /** Alignment hint in bytes (a power of two, at most `bytes`). */
  readonly align: number;
}

export interface LoadExpr extends ExprBase, MemoryAccess {
  readonly kind: 'load';
  /** For loads narrower than their type (`i32.load8_s`): sign-extend, else zero-extend. */
  readonly signed: boolean;
  /** `i32.atomic.load*`. */
  readonly atomic: boolean;
}

export interface StoreExpr extends ExprBase, MemoryAccess {
  readonly kind: 'store';
  readonly value: Expr;
  /** The type of the value stored (the store may keep only its low `bytes`). */
  readonly valueType: ValueType;
  readonly atomic: boolean;
}

export type AtomicRmwOp = 'add' | 'sub' | 'and' | 'or' | 'xor' | 'xchg';

export interface AtomicRmwExpr extends ExprBase, MemoryAccess {
  readonly kind: 'atomic.rmw';
  readonly op: AtomicRmwOp;
  readonly value: Expr;
}

export interface AtomicCmpxchgExpr extends ExprBase, MemoryAccess {
  readonly kind: 'atomic.cmpxchg';
  readonly expected: Expr;
  readonly replacement: Expr;
}

export interface AtomicWaitExpr extends ExprBase {
  readonly kind: 'atomic.wait';
  readonly ptr: Expr;
  readonly expected: Expr;
  readonly timeout: Expr;
  readonly expectedType: ValueType;
}

export interface AtomicNotifyExpr extends ExprBase {
  readonly kind: 'atomic.notify';
  readonly ptr: Expr;
  readonly count: Expr;
}

export interface AtomicFenceExpr extends ExprBase {
  readonly kind: 'atomic.fence';
}

export interface MemorySizeExpr extends ExprBase {
  readonly kind: 'memory.size';
}

export interface MemoryGrowExpr extends ExprBase {
  readonly kind: 'memory.grow';
  readonly delta: Expr;
}

export interface MemoryInitExpr extends ExprBase {
  readonly kind: 'memory.init';
  /** Index of the data segment in `KernelIR.dataSegments`. */
  readonly segment: number;
  readonly dest: Expr;
  readonly offset: Expr;
  readonly size: Expr;
}

export interface DataDropExpr extends ExprBase {
  readonly kind: 'data.drop';
  readonly segment: number;
}

export interface MemoryCopyExpr extends ExprBase {
  readonly kind: 'memory.copy';
  readonly dest: Expr;
  readonly source: Expr;
  readonly size: Expr;
}

export interface MemoryFillExpr extends ExprBase {
  readonly kind: 'memory.fill';
  readonly dest: Expr;
  readonly value: Expr;
  readonly size: Expr;
}

// ---- SIMD ---------------------------------------------------------------------------------

export interface SimdExtractExpr extends ExprBase {
  readonly kind: 'simd.extract';
  /** e.g. `i32x4.extract_lane`, `i8x16.extract_lane_s`. */
  readonly op: string;
  readonly vec: Expr;
  readonly lane: number;
}

export interface SimdReplaceExpr extends ExprBase {
  readonly kind: 'simd.replace';
  /** e.g. `f32x4.replace_lane`. */
  readonly op: string;
  readonly vec: Expr;
  readonly lane: number;
  readonly value: Expr;
}

export interface SimdShuffleExpr extends ExprBase {
  readonly kind: 'simd.shuffle';
  readonly left: Expr;
  readonly right: Expr;
  /** 16 lane indices, 0–31. */
  readonly mask: readonly number[];
}

export interface SimdTernaryExpr extends ExprBase {
  readonly kind: 'simd.ternary';
  /** `v128.bitselect` or a relaxed-SIMD op. */
  readonly op: string;
  readonly a: Expr;
  readonly b: Expr;
  readonly c: Expr;
}

export interface SimdShiftExpr extends ExprBase {
  readonly kind: 'simd.shift';
  /** e.g. `i32x4.shl`. */
  readonly op: string;
  readonly vec: Expr;
  readonly shift: Expr;
}

/** `v128.load8_splat`, `v128.load16x4_s`, `v128.load32_zero`, …; `bytes` is what it reads. */
export interface SimdLoadExpr extends ExprBase, MemoryAccess {
  readonly kind: 'simd.load';
  readonly op: string;
}

/** `v128.load32_lane` / `v128.store32_lane` and friends. */
export interface SimdLaneAccessExpr extends ExprBase, MemoryAccess {
  readonly kind: 'simd.load_lane' | 'simd.store_lane';
  readonly op: string;
  readonly lane: number;
  readonly vec: Expr;
}

// ---- multi-value --------------------------------------------------------------------------

export interface TupleMakeExpr extends ExprBase {
  readonly kind: 'tuple.make';
  readonly operands: readonly Expr[];
}

export interface TupleExtractExpr extends ExprBase {
  readonly kind: 'tuple.extract';
  readonly tuple: Expr;
  readonly index: number;
}

/** Every expression kind a kernel may contain. Anything else is refused at decode time. */
export type Expr =
  | BlockExpr
  | LoopExpr
  | IfExpr
  | BrExpr
  | BrIfExpr
  | BrTableExpr
  | ReturnExpr
  | CallExpr
  | CallIndirectExpr
  | NopExpr
  | UnreachableExpr
  | DropExpr
  | SelectExpr
  | LocalGetExpr
  | LocalSetExpr
  | GlobalGetExpr
  | GlobalSetExpr
  | ConstExpr
  | UnaryExpr
  | BinaryExpr
  | LoadExpr
  | StoreExpr
  | AtomicRmwExpr
  | AtomicCmpxchgExpr
  | AtomicWaitExpr
  | AtomicNotifyExpr
  | AtomicFenceExpr
  | MemorySizeExpr
  | MemoryGrowExpr
  | MemoryInitExpr
  | DataDropExpr
  | MemoryCopyExpr
  | MemoryFillExpr
  | SimdExtractExpr
  | SimdReplaceExpr
  | SimdShuffleExpr
  | SimdTernaryExpr
  | SimdShiftExpr
  | SimdLoadExpr
  | SimdLaneAccessExpr
  | TupleMakeExpr
  | TupleExtractExpr;

export type ExprKind = Expr['kind'];

/** Expressions that read or write linear memory through a `ptr` + `offset`. */
export type MemoryAccessExpr = LoadExpr | StoreExpr | AtomicRmwExpr | AtomicCmpxchgExpr | SimdLoadExpr | SimdLaneAccessExpr;
