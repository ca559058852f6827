import type { DfgNode, RegionGraph } from './dfg.js';

/** `constant + Σ coefficient·node`: an address as a linear form over opaque nodes. */
export interface Affine {
  readonly terms: ReadonlyMap<number, number>;
  readonly constant: number;
}

function combine(a: Affine, b: Affine, scaleB: number): Affine {
  const terms = new Map(a.terms);
  for (const [node, coefficient] of b.terms) {
    const sum = (terms.get(node) ?? 0) + scaleB * coefficient;
    if (sum === 0) terms.delete(node);
    else terms.set(node, sum);
  }
  return { terms, constant: a.constant + scaleB * b.constant };
}

function scale(a: Affine, factor: number): Affine {
  return { terms: new Map([...a.terms].map(([node, c]) => [node, c * factor])), constant: a.constant * factor };
}

function constantOf(node: DfgNode): number | undefined {
  return node.kind === 'const' && node.value?.type === 'i32' ? node.value.value : undefined;
}

/**
 * Linear forms of i32 values (add, sub, and multiplication or shift by a constant), every
 * other node an opaque term. Addresses are compared by these forms: equal terms mean a known
 * byte distance. (Wrap-around at 2^32 is ignored, as dependence analysers in compilers do.)
 */
export class AffineForms {
  readonly #memo = new Map<number, Affine>();
  readonly #invariant = new Map<number, boolean>();
  /** Per-trip step of each induction node: a phi whose next value is itself plus a constant, or the trip index. */
  readonly steps = new Map<number, number>();

  constructor(readonly graph: RegionGraph) {
    for (const node of graph.nodes) if (node.kind === 'trip') this.steps.set(node.id, 1);
    for (const carried of graph.carried) {
      if (carried.type !== 'i32') continue;
      const next = this.of(carried.next);
      if (next.terms.size === 1 && next.terms.get(carried.phi) === 1) this.steps.set(carried.phi, next.constant);
    }
  }

  of(id: number): Affine {
    let form = this.#memo.get(id);
    if (form) return form;
    form = this.#compute(this.graph.nodes[id]!);
    this.#memo.set(id, form);
    return form;
  }

  #compute(node: DfgNode): Affine {
    const constant = constantOf(node);
    if (constant !== undefined) return { terms: new Map(), constant };
    if (node.kind === 'op' && node.type === 'i32') {
      const [a, b] = node.inputs;
      const right = b === undefined ? undefined : constantOf(this.graph.nodes[b]!);
      const left = a === undefined ? undefined : constantOf(this.graph.nodes[a]!);
      switch (node.op) {
        case 'i32.add':
          return combine(this.of(a!), this.of(b!), 1);
        case 'i32.sub':
          return combine(this.of(a!), this.of(b!), -1);
        case 'i32.mul':
          if (right !== undefined) return scale(this.of(a!), right);
          if (left !== undefined) return scale(this.of(b!), left);
          break;
        case 'i32.shl':
          if (right !== undefined) return scale(this.of(a!), 2 ** (right & 31));
          break;
      }
    }
    return { terms: new Map([[node.id, 1]]), constant: 0 };
  }

  /** Whether a node has the same value in every trip: inputs, constants, and what is computed from them alone. */
  invariant(id: number): boolean {
    let known = this.#invariant.get(id);
    if (known !== undefined) return known;
    const node = this.graph.nodes[id]!;
    switch (node.kind) {
      case 'const':
      case 'input':
      case 'memsize':
        known = true;
        break;
      case 'phi':
        known = this.steps.get(id) === 0;
        break;
      case 'op':
      case 'select':
      case 'pred':
        known = node.inputs.every((input) => this.invariant(input));
        break;
      default:
        known = false;
    }
    this.#invariant.set(id, known);
    return known;
  }

  /** Whether the form's value in one trip fixes it in every other: each term an induction or invariant. */
  tripComparable(form: Affine): boolean {
    return [...form.terms.keys()].every((node) => this.steps.has(node) || this.invariant(node));
  }

  /** Bytes the form moves per trip: Σ coefficient × step over induction terms. */
  stride(form: Affine): number {
    let stride = 0;
    for (const [node, coefficient] of form.terms) stride += coefficient * (this.steps.get(node) ?? 0);
    return stride;
  }
}

export function sameTerms(a: Affine, b: Affine): boolean {
  if (a.terms.size !== b.terms.size) return false;
  for (const [node, coefficient] of a.terms) if (b.terms.get(node) !== coefficient) return false;
  return true;
}
