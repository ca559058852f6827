import type { Dependence } from '../schedule/problem.js';
import { AffineForms, sameTerms, type Affine } from './affine.js';
import type { DfgNode, RegionGraph } from './dfg.js';

/** Calls and bulk operations touch memory of unknown extent: ordered with every other access. */
const unbounded = (node: DfgNode): boolean => node.kind === 'call' || node.kind === 'bulk';
const writes = (node: DfgNode): boolean => node.kind === 'store' || node.kind === 'rmw' || unbounded(node);

/** How far apart two accesses' first bytes are and how wide each is: enough to test overlap. */
interface Extent {
  readonly form: Affine;
  readonly stride: number;
  readonly width: number;
  /** The address in one trip fixes it in the others (no term that changes unpredictably per trip). */
  readonly comparable: boolean;
}

/** Smallest d ≥ 1 with the later access d trips on overlapping the earlier one, if any: low < stride·d < high. */
function firstOverlap(stride: number, low: number, high: number): number | undefined {
  if (stride === 0) return low < 0 && 0 < high ? 1 : undefined;
  const [from, to] = stride > 0 ? [low / stride, high / stride] : [high / stride, low / stride];
  const d = Math.max(1, Math.floor(from) + 1);
  return d < to ? d : undefined;
}

/**
 * Memory dependences between the accesses of one region, in and across trips: a write and
 * another access to the same bank whose addresses may overlap must keep their order. Addresses
 * with the same linear form (same terms) are compared exactly: `y[i]` and `y[i+1]` never
 * collide within a trip, and across trips only at the distance where the stride brings one
 * onto the other. Anything else may alias at every distance (0 in program order, 1 in both
 * directions). A write reaches a later read after the write's latency; a read may share its
 * cycle with a later write (the read is done first); two writes to one place take a cycle apart.
 */
export function memoryDependences(graph: RegionGraph, pipelined: boolean, latencyOf: (node: DfgNode) => number): Dependence[] {
  const forms = new AffineForms(graph);
  const extents = new Map<number, Extent>();
  for (const id of graph.memoryOrder) {
    const node = graph.nodes[id]!;
    const form: Affine = node.inputs.length > 0 ? forms.of(node.inputs[0]!) : { terms: new Map(), constant: 0 };
    const shifted = { terms: form.terms, constant: form.constant + node.access!.offset };
    extents.set(id, { form: shifted, stride: forms.stride(shifted), width: node.access!.bytes, comparable: forms.tripComparable(shifted) });
  }
  const deps: Dependence[] = [];
  const edge = (from: DfgNode, to: DfgNode, distance: number): void => {
    const latency = writes(from) ? (writes(to) ? 1 : latencyOf(from)) : 0;
    deps.push({ from: from.id, to: to.id, distance, latency, via: `memory (${from.access!.bank})` });
  };
  const order = graph.memoryOrder;
  for (let i = 0; i < order.length; i++) {
    const a = graph.nodes[order[i]!]!;
    if (pipelined && writes(a)) {
      const ea = extents.get(a.id)!;
      if (!ea.comparable || Math.abs(ea.stride) < ea.width) edge(a, a, 1);
    }
    for (let j = i + 1; j < order.length; j++) {
      const b = graph.nodes[order[j]!]!;
      if (!writes(a) && !writes(b)) continue;
      const [bankA, bankB] = [a.access!.bank, b.access!.bank];
      if (bankA !== bankB && bankA !== 'any' && bankB !== 'any') continue;
      const ea = extents.get(a.id)!;
      const eb = extents.get(b.id)!;
      const sameForm = bankA === bankB && !unbounded(a) && !unbounded(b) && sameTerms(ea.form, eb.form);
      // δ = address of b − address of a in the same trip.
      const delta = eb.form.constant - ea.form.constant;
      if (!sameForm || (-eb.width < delta && delta < ea.width)) edge(a, b, 0);
      if (!pipelined) continue;
      if (!sameForm || !ea.comparable || ea.stride !== eb.stride) {
        edge(a, b, 1);
        edge(b, a, 1);
        continue;
      }
      // b, d trips later, lands at δ + stride·d from a: they overlap when −width(b) < that < width(a).
      const later = firstOverlap(ea.stride, -eb.width - delta, ea.width - delta);
      if (later !== undefined) edge(a, b, later);
      // a, d trips later, lands at −δ + stride·d from b.
      const earlier = firstOverlap(ea.stride, -ea.width + delta, eb.width + delta);
      if (earlier !== undefined) edge(b, a, earlier);
    }
  }
  return deps;
}
