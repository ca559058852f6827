import type { KernelFunction } from '../ir/module.js';
import type { ValueType } from '../ir/types.js';
import type { DivergencePlan } from './divergence.js';
import { FULL, type LaneState } from './lane-state.js';
import { VARYING, type LaneShape } from './lane-shape.js';
import { NotVectorisable } from './not-vectorisable.js';
import { i32, i32x4 } from './wat-text.js';

/**
 * A value of one IR expression over the four lanes of a group, as text:
 * - `uniform`: a scalar, the same in every lane;
 * - `linear`: an i32 scalar, lane 0's value; lane k's is `code + step·k`;
 * - `varying`: a v128 of four i32 or f32 lanes.
 */
export type LaneValue =
  | { readonly kind: 'uniform'; readonly type: ValueType; readonly code: string }
  | { readonly kind: 'linear'; readonly code: string; readonly step: number }
  | { readonly kind: 'varying'; readonly type: 'i32' | 'f32'; readonly code: string };

export const ALL_LANES = i32x4([-1, -1, -1, -1]);
export const NO_LANES = i32x4([0, 0, 0, 0]);
/** The mask of lanes still running the current statement, maintained wherever lanes can diverge. */
export const EXEC = '$exec';

/** Text that reads a local or a constant: safe to repeat. */
const REPEATABLE = /^\((?:local\.get|global\.get) \$\w+\)$|^\((?:i32|i64|f32|f64)\.const [^()]*\)$/;

/**
 * What the vector emitters share: the plan, the temporaries they allocate, the statements a
 * value needs run before the statement that uses it (`prelude`), and the lane state of the
 * statement being emitted.
 */
export class VectorContext {
  readonly temps: { readonly name: string; readonly type: ValueType }[] = [];
  prelude: string[] = [];
  state: LaneState = FULL;
  /** The estimated cost of the body emitted so far (cost.ts); `weight` is the current loop depth's. */
  cost = 0;
  weight = 1;

  constructor(
    readonly fn: KernelFunction,
    readonly plan: DivergencePlan,
    readonly globals: ReadonlyMap<string, number>,
  ) {}

  charge(cost: number): void {
    this.cost += cost * this.weight;
  }

  temp(type: ValueType): string {
    const name = `$t${this.temps.length}`;
    this.temps.push({ name, type });
    return name;
  }

  shape(local: number): LaneShape {
    return this.plan.locals[local] ?? VARYING;
  }

  /** The type a local is kept in: a v128 when it varies, else its own. */
  localType(local: number): ValueType {
    return this.shape(local) === VARYING ? 'v128' : this.fn.locals[local]!.type;
  }

  /** The value again, from a temporary unless its text can be repeated. */
  stable(value: LaneValue): LaneValue {
    if (REPEATABLE.test(value.code)) return value;
    const name = this.temp(value.kind === 'varying' ? 'v128' : value.kind === 'linear' ? 'i32' : value.type);
    this.prelude.push(`(local.set ${name} ${value.code})`);
    return { ...value, code: `(local.get ${name})` };
  }
}

export function vectorType(type: ValueType, loc: number): 'i32' | 'f32' {
  if (type === 'i32' || type === 'f32') return type;
  throw new NotVectorisable(`a ${type} value that differs between lanes`, loc);
}

/** Four lanes of the value, as a v128. */
export function asVector(value: LaneValue, loc: number): string {
  switch (value.kind) {
    case 'varying':
      return value.code;
    case 'linear':
      return `(i32x4.add (i32x4.splat ${value.code}) ${i32x4([0, 1, 2, 3].map((k) => Math.imul(value.step, k)))})`;
    case 'uniform':
      return `(${vectorType(value.type, loc)}x4.splat ${value.code})`;
  }
}

/** Lane k of a stable value, as a scalar. */
export function laneOf(value: LaneValue, k: number): string {
  switch (value.kind) {
    case 'varying':
      return `(${value.type}x4.extract_lane ${k} ${value.code})`;
    case 'linear':
      return k === 0 ? value.code : `(i32.add ${value.code} ${i32(Math.imul(value.step, k))})`;
    case 'uniform':
      return value.code;
  }
}

/** Whether lane k runs: the statement's guard when lanes may be inactive. */
export function laneActive(k: number): string {
  return `(i32x4.extract_lane ${k} (local.get ${EXEC}))`;
}

export function anyActive(): string {
  return `(v128.any_true (local.get ${EXEC}))`;
}
