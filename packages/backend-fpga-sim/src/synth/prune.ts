import { OP_RULES } from '../ops/op-rules.js';
import type { DfgNode } from './dfg.js';
import type { BlockGraph } from './region-builder.js';

/** Nodes that matter whether or not their value is used: side effects and whatever may trap. */
function isEffect(node: DfgNode): boolean {
  if (['store', 'rmw', 'notify', 'wait', 'trap', 'load', 'call', 'bulk'].includes(node.kind)) return true;
  return node.kind === 'op' && OP_RULES[node.op!]!.traps !== undefined;
}

/**
 * Drops the nodes nothing needs (the selects if-conversion makes for variables no one reads
 * afterwards, conditions of folded branches) and renumbers the rest, keeping their order.
 */
export function prune(graph: BlockGraph): BlockGraph {
  const live = new Array<boolean>(graph.nodes.length).fill(false);
  const roots: number[] = [
    ...graph.nodes.filter(isEffect).map((node) => node.id),
    ...graph.carried.flatMap((c) => [c.phi, c.next]),
    ...graph.exits.map((exit) => exit.pred),
    ...graph.exitValues.values(),
    ...graph.outputs.values(),
  ];
  for (const optional of [graph.continues, graph.exitIndex, graph.returnValue, graph.tail]) if (optional !== undefined) roots.push(optional);
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (live[id]) continue;
    live[id] = true;
    const node = graph.nodes[id]!;
    stack.push(...node.inputs);
    if (node.pred !== undefined) stack.push(node.pred);
  }
  const renumber = new Array<number>(graph.nodes.length).fill(-1);
  const nodes: DfgNode[] = [];
  for (const node of graph.nodes) {
    if (!live[node.id]) continue;
    renumber[node.id] = nodes.length;
    nodes.push({
      ...node,
      id: nodes.length,
      inputs: node.inputs.map((input) => renumber[input]!),
      ...(node.pred !== undefined ? { pred: renumber[node.pred]! } : {}),
    });
  }
  const at = (id: number): number => renumber[id]!;
  const mapValues = <K>(map: ReadonlyMap<K, number>): Map<K, number> => new Map([...map].map(([key, id]) => [key, at(id)]));
  return {
    nodes,
    memoryOrder: graph.memoryOrder.filter((id) => live[id]).map(at),
    carried: graph.carried.map((c) => ({ ...c, phi: at(c.phi), next: at(c.next) })),
    inputs: new Map([...graph.inputs].filter(([, id]) => live[id]).map(([key, id]) => [key, at(id)])),
    ...(graph.continues !== undefined ? { continues: at(graph.continues) } : {}),
    exits: graph.exits.map((exit) => ({ ...exit, pred: at(exit.pred) })),
    exitValues: mapValues(graph.exitValues),
    ...(graph.exitIndex !== undefined ? { exitIndex: at(graph.exitIndex) } : {}),
    ...(graph.returnValue !== undefined ? { returnValue: at(graph.returnValue) } : {}),
    outputs: mapValues(graph.outputs),
    ...(graph.tail !== undefined ? { tail: at(graph.tail) } : {}),
  };
}
