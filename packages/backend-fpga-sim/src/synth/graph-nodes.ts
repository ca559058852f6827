import type { ConstValue, ValueType } from '@wasi-parallel/kernel';
import type { DfgNode, VarKey } from './dfg.js';

/** One path through a region: when it is taken and what each variable holds on it. */
export interface Path {
  /** The node holding 0/1 "this path is taken"; undefined = always. */
  readonly pred: number | undefined;
  readonly env: ReadonlyMap<VarKey, number>;
}

const BOOLEAN_OP = /\.(eqz?|ne|[lg][te](_[su])?)$/;

/**
 * A dataflow graph under construction: nodes in creation order (always after their inputs),
 * memory accesses in program order, constants made once, and the predicate algebra of
 * if-conversion (0/1 values; `undefined` stands for "always").
 */
export class GraphNodes {
  readonly nodes: DfgNode[] = [];
  readonly memoryOrder: number[] = [];
  readonly #consts = new Map<string, number>();

  constructor(readonly functionName: string) {}

  add(node: Omit<DfgNode, 'id'>): number {
    const id = this.nodes.length;
    this.nodes.push({ id, ...node } as DfgNode);
    if (node.access) this.memoryOrder.push(id);
    return id;
  }

  constant(value: ConstValue, loc = 0): number {
    // Floats by their bits: −0 is not 0, and NaNs with different payloads are different constants.
    const key = `${value.type}:${value.type === 'f32' || value.type === 'f64' ? String(value.bits) : String(value.value)}`;
    let id = this.#consts.get(key);
    if (id === undefined) {
      id = this.add({ kind: 'const', type: value.type as ValueType, inputs: [], value, source: { function: this.functionName, loc } });
      this.#consts.set(key, id);
    }
    return id;
  }

  pred(op: 'and' | 'or' | 'not' | 'nz', inputs: number[]): number {
    return this.add({ kind: 'pred', type: 'i32', op, inputs });
  }

  /** A wasm condition (any i32) as 0/1: comparisons and predicates already are. */
  truth(condition: number): number {
    const node = this.nodes[condition]!;
    const boolean = node.kind === 'pred' || (node.kind === 'op' && BOOLEAN_OP.test(node.op!));
    return boolean ? condition : this.pred('nz', [condition]);
  }

  and(a: number | undefined, b: number): number {
    return a === undefined ? b : this.pred('and', [a, b]);
  }

  or(preds: readonly (number | undefined)[]): number | undefined {
    if (preds.length === 0 || preds.includes(undefined)) return undefined;
    return (preds as number[]).reduce((a, b) => this.pred('or', [a, b]));
  }

  /** `select(p1, v1, select(p2, v2, … vn))`: the value of the path that is taken. */
  chain(choices: readonly (readonly [number | undefined, number])[]): number {
    let value = choices[choices.length - 1]![1];
    for (let i = choices.length - 2; i >= 0; i--) {
      const [pred, candidate] = choices[i]!;
      if (candidate === value) continue;
      if (pred === undefined) value = candidate;
      else value = this.add({ kind: 'select', type: this.nodes[candidate]!.type, inputs: [candidate, value, pred] });
    }
    return value;
  }
}
