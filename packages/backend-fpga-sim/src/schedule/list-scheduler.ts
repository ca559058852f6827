import { edgeLatency, unitsOf, type SchedulingProblem } from './problem.js';

/**
 * Resource-constrained list scheduling of one iteration (no dependence may have a distance):
 * ASAP and ALAP times first, then cycle by cycle the ready operations with the least
 * mobility (ALAP) take the free resources. Combinational operations (latency 0) chain: one
 * placed in a cycle can make its consumers ready in the same cycle.
 */
export function listSchedule(problem: SchedulingProblem): number[] {
  const n = problem.ops.length;
  const preds = problem.ops.map(() => [] as number[]);
  for (const [k, dep] of problem.deps.entries()) {
    if (dep.distance !== 0) throw new Error('listSchedule takes one iteration: every dependence has distance 0');
    preds[dep.to]!.push(k);
  }
  const alap = latestTimes(problem);
  const time = new Array<number | undefined>(n).fill(undefined);
  const used = new Map<number, Map<string, number>>();
  let remaining = n;
  for (let cycle = 0; remaining > 0; cycle++) {
    const inCycle = used.get(cycle) ?? new Map<string, number>();
    used.set(cycle, inCycle);
    for (let placed = true; placed; ) {
      placed = false;
      const ready = [...problem.ops.keys()]
        .filter((op) => time[op] === undefined && preds[op]!.every((k) => {
          const dep = problem.deps[k]!;
          return time[dep.from] !== undefined && time[dep.from]! + edgeLatency(problem, dep) <= cycle;
        }))
        .sort((a, b) => alap[a]! - alap[b]! || a - b);
      for (const op of ready) {
        const { resource } = problem.ops[op]!;
        const limit = resource === undefined ? undefined : problem.resources.get(resource);
        const units = unitsOf(problem.ops[op]!);
        if (resource !== undefined && limit !== undefined && (inCycle.get(resource) ?? 0) + units > limit) continue;
        if (resource !== undefined) inCycle.set(resource, (inCycle.get(resource) ?? 0) + units);
        time[op] = cycle;
        remaining--;
        placed = true;
      }
    }
  }
  return time as number[];
}

/** ALAP start times against the ASAP critical path (the mobility list scheduling ranks by). */
function latestTimes(problem: SchedulingProblem): number[] {
  const n = problem.ops.length;
  const asap = new Array<number>(n).fill(0);
  const order = topologicalOrder(problem);
  for (const op of order) {
    for (const dep of problem.deps) if (dep.to === op) asap[op] = Math.max(asap[op]!, asap[dep.from]! + edgeLatency(problem, dep));
  }
  const length = Math.max(0, ...problem.ops.map((op, i) => asap[i]! + op.latency));
  const alap = problem.ops.map((op) => length - op.latency);
  for (const op of [...order].reverse()) {
    for (const dep of problem.deps) if (dep.from === op) alap[op] = Math.min(alap[op]!, alap[dep.to]! - edgeLatency(problem, dep));
  }
  return alap;
}

function topologicalOrder(problem: SchedulingProblem): number[] {
  const indegree = problem.ops.map(() => 0);
  const succs = problem.ops.map(() => [] as number[]);
  for (const dep of problem.deps) {
    indegree[dep.to]!++;
    succs[dep.from]!.push(dep.to);
  }
  const queue = [...problem.ops.keys()].filter((op) => indegree[op] === 0);
  const order: number[] = [];
  while (queue.length > 0) {
    const op = queue.shift()!;
    order.push(op);
    for (const next of succs[op]!) if (--indegree[next]! === 0) queue.push(next);
  }
  if (order.length !== problem.ops.length) throw new Error('listSchedule: the dependences form a cycle');
  return order;
}
