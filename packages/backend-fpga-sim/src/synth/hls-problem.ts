import { chainBudgetNs, type FpgaProfile } from '../profiles/profile.js';
import type { Dependence, ScheduleOp, SchedulingProblem } from '../schedule/problem.js';
import type { DfgNode, RegionGraph } from './dfg.js';
import { memoryDependences } from './memory-deps.js';
import { costOf, describeNode } from './op-classes.js';

export const portResource = (bank: string): string => `port:${bank}`;

/** Names a variable for reports: a local by its name-section name or index, a global by name. */
export type VariableNamer = (variable: string) => string;

/**
 * Turns a region's dataflow graph into a scheduling problem on a device profile: each node's
 * latency from its operator class; data dependences; chains of combinational operators cut
 * with a register where their delays add up past the clock period less its uncertainty (what
 * Vitis HLS schedules against); memory accesses on their bank's ports; and, pipelined, the
 * values carried to the next trip (through a register) plus the order that keeps a trip's
 * side effects behind the previous trip's decision to continue.
 */
export function buildProblem(graph: RegionGraph, profile: FpgaProfile, pipelined: boolean, nameVariable: VariableNamer): SchedulingProblem {
  const latency = graph.nodes.map((node) => costOf(node, profile).latency);
  const ops: ScheduleOp[] = graph.nodes.map((node) => {
    const bank = node.access?.bank;
    const units = node.kind === 'rmw' ? Math.min(2, profile.memory.portsPerBank) : 1;
    return {
      latency: latency[node.id]!,
      name: describeNode(node, nameVariable),
      ...(bank !== undefined ? { resource: portResource(bank), ...(units !== 1 ? { units } : {}) } : {}),
    };
  });
  const deps: Dependence[] = [];
  const budget = chainBudgetNs(profile);
  const arrival = new Array<number>(graph.nodes.length).fill(0);
  for (const node of graph.nodes) {
    const operands = node.pred === undefined ? node.inputs : [...node.inputs, node.pred];
    const delay = costOf(node, profile).delayNs ?? 0;
    const chained = latency[node.id] === 0 ? Math.max(0, ...operands.filter((p) => latency[p] === 0).map((p) => arrival[p]!)) : 0;
    const cut = latency[node.id] === 0 && chained + delay > budget;
    arrival[node.id] = latency[node.id] === 0 ? (cut ? delay : chained + delay) : 0;
    for (const from of new Set(operands)) {
      const register = cut && latency[from] === 0 && arrival[from]! > 0;
      deps.push({ from, to: node.id, distance: 0, ...(register ? { latency: 1 } : {}) });
    }
  }
  if (pipelined) {
    for (const carried of graph.carried) {
      deps.push({
        from: carried.next,
        to: carried.phi,
        distance: 1,
        latency: latency[carried.next]! + profile.carriedRegisterLatency,
        via: nameVariable(carried.variable),
      });
    }
    if (graph.continues !== undefined) {
      for (const node of graph.nodes) if (isSideEffect(node)) deps.push({ from: graph.continues, to: node.id, distance: 1, via: 'the decision to continue' });
    }
  }
  deps.push(...memoryDependences(graph, pipelined, (node) => latency[node.id]!));
  const resources = new Map<string, number>();
  for (const node of graph.nodes) if (node.access) resources.set(portResource(node.access.bank), profile.memory.portsPerBank);
  return { ops, deps, resources };
}

export function isSideEffect(node: DfgNode): boolean {
  return node.kind === 'store' || node.kind === 'rmw' || node.kind === 'notify';
}
