import type { ConstValue, ValueType } from '@wasi-parallel/kernel';

/**
 * The dataflow graph of one region of a kernel (a basic block, a loop body or the whole
 * kernel body), if-converted: control flow inside it has become predicates, and values that
 * meet at a join have become `select`s. Nodes are in a topological order (operands first).
 */

/** A variable the region reads or writes: a local (`l3`) or a global (`g__stack_pointer`). */
export type VarKey = string;

/** Where a node comes from in the kernel, for reports and errors. */
export interface Source {
  readonly function: string;
  readonly loc: number;
}

/** Which memory an access goes to: a buffer, the kernel's own memory, or any (unknown provenance). */
export type Bank = `buffer${number}` | 'local' | 'any';

export interface MemoryAccess {
  readonly bank: Bank;
  readonly bytes: number;
  /** The static offset immediate. */
  readonly offset: number;
  /** Loads narrower than their type: sign-extend. */
  readonly signed: boolean;
  readonly atomic: boolean;
  /** The type of the value loaded or stored. */
  readonly valueType: ValueType;
}

export type NodeKind =
  /** A constant. */
  | 'const'
  /** A variable's value when the region starts, never written inside it. */
  | 'input'
  /** A variable the region writes: its value when the trip starts (the previous trip's, or the one before the loop). */
  | 'phi'
  /** The trip's own index-derived value: `iteration_id` in the kernel-body pipeline. */
  | 'trip'
  /** A numeric operation from OP_RULES (`op` is its wasm name). */
  | 'op'
  /** `select(ifTrue, ifFalse, condition)`; also the merge of a variable's values at a join. */
  | 'select'
  /** Predicate logic on 0/1 values: `op` is and, or, not; `nz` turns an i32 into 0/1. */
  | 'pred'
  | 'load'
  | 'store'
  /** `atomic.rmw` (`op` is add, sub, and, or, xor, xchg) and `atomic.cmpxchg` (`op` cmpxchg). */
  | 'rmw'
  /** `memory.atomic.notify`: checks its address, wakes nobody (the simulator has no waiters). */
  | 'notify'
  /**
   * `memory.atomic.wait` (start function only): returns "not-equal" (1), or "timed-out" (2)
   * after a finite timeout; an infinite wait would block forever, nothing else runs: a trap.
   */
  | 'wait'
  /** `memory.size`, in pages. */
  | 'memsize'
  /** `unreachable`: traps when its predicate holds. */
  | 'trap'
  /**
   * Sequential code only. `call` of `op` with the arguments; `reload` reads a global after a
   * call (its input is the call); `bulk` is memory.copy/fill/init or data.drop (`op`), with
   * `segment` for init and drop.
   */
  | 'call'
  | 'reload'
  | 'bulk';

export interface DfgNode {
  readonly id: number;
  readonly kind: NodeKind;
  readonly type: ValueType | 'none';
  readonly inputs: readonly number[];
  /** The predicate a side effect or a trap is guarded by; undefined = always. */
  readonly pred?: number;
  readonly op?: string;
  readonly value?: ConstValue;
  /** For input/phi: the variable. */
  readonly variable?: VarKey;
  readonly access?: MemoryAccess;
  readonly source?: Source;
  readonly segment?: number;
}

/** The nodes a variable has at the end of each path that continues the loop, merged. */
export interface CarriedVariable {
  readonly variable: VarKey;
  readonly type: ValueType;
  readonly phi: number;
  /** The value the next trip starts with. */
  readonly next: number;
}

/** Where a path leaves a loop body: a label outside it, the function's return, or the loop's end. */
export type ExitTarget = { readonly kind: 'label'; readonly label: string } | { readonly kind: 'return' } | { readonly kind: 'fallthrough' };

export interface RegionGraph {
  readonly nodes: readonly DfgNode[];
  /** Memory nodes (load, store, rmw, notify) in program order. */
  readonly memoryOrder: readonly number[];
  readonly carried: readonly CarriedVariable[];
  /** Variables read but never written, with their input node. */
  readonly inputs: ReadonlyMap<VarKey, number>;
  /** Loops: the predicate that the trip continues (undefined when every path continues, e.g. the kernel body). */
  readonly continues?: number;
  /** Loops: where trips leave, with the 0/1 predicate of each. */
  readonly exits: readonly { readonly target: ExitTarget; readonly pred: number }[];
  /** Each written variable's value where the trip left the loop (merged over the exits). */
  readonly exitValues: ReadonlyMap<VarKey, number>;
  /** The index of the exit taken, when there is more than one. */
  readonly exitIndex?: number;
  /** The function's return value when an exit returns one. */
  readonly returnValue?: number;
}
