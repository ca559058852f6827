import type { DfgNode, VarKey } from './dfg.js';
import type { BlockGraph } from './region-builder.js';

/**
 * Loop-carried copies made one: normalised code keeps several locals that hold the same value
 * (SSA copies: `$25 = $9` before the loop and again at the end of every trip). Two carried
 * variables that enter the loop equal (`entryClass`, from the code just before the loop) and
 * take the same next value are equal in every trip, so their phis become one — which lets the
 * dependence analysis see that `y[$9]` and `y[$25]` are the same address.
 */
export function mergeEqualPhis(graph: BlockGraph, entryClass: ReadonlyMap<VarKey, number>): BlockGraph {
  const groups = new Map<string, number[]>();
  for (const carried of graph.carried) {
    const cls = entryClass.get(carried.variable);
    if (cls === undefined) continue;
    const key = `${cls}:${carried.next}`;
    groups.set(key, [...(groups.get(key) ?? []), carried.phi]);
  }
  // The earliest phi stands for its group, so every use still comes after what it uses.
  const replace = new Map<number, number>();
  for (const phis of groups.values()) {
    const representative = Math.min(...phis);
    for (const phi of phis) if (phi !== representative) replace.set(phi, representative);
  }
  if (replace.size === 0) return graph;
  const at = (id: number): number => replace.get(id) ?? id;
  const nodes: DfgNode[] = graph.nodes.map((node) => ({ ...node, inputs: node.inputs.map(at), ...(node.pred !== undefined ? { pred: at(node.pred) } : {}) }));
  const remap = <K>(map: ReadonlyMap<K, number>): Map<K, number> => new Map([...map].map(([key, id]) => [key, at(id)]));
  return {
    ...graph,
    nodes,
    carried: graph.carried.map((carried) => ({ ...carried, phi: at(carried.phi), next: at(carried.next) })),
    exitValues: remap(graph.exitValues),
    outputs: remap(graph.outputs),
    ...(graph.returnValue !== undefined ? { returnValue: at(graph.returnValue) } : {}),
  };
}
