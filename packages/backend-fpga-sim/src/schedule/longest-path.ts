import { edgeLatency, type Dependence, type SchedulingProblem } from './problem.js';

export type LongestPaths =
  | { readonly feasible: true; readonly times: number[] }
  /** A dependence cycle whose latency outruns its distance at this II, in order. */
  | { readonly feasible: false; readonly cycle: Dependence[] };

/**
 * Earliest start times under the dependences alone at a given II (Bellman-Ford on the
 * longest-path form: t[to] ≥ t[from] + latency − II·distance, every time ≥ 0). Infeasible
 * exactly when some dependence cycle has more latency than II times its distance; the
 * cycle is returned so a report can name the recurrence that bounds II.
 */
export function longestPaths(problem: SchedulingProblem, ii: number): LongestPaths {
  const n = problem.ops.length;
  const times = new Array<number>(n).fill(0);
  const via = new Array<Dependence | undefined>(n).fill(undefined);
  const weights = problem.deps.map((dep) => edgeLatency(problem, dep) - ii * dep.distance);
  for (let round = 0; round <= n; round++) {
    let changed: number | undefined;
    problem.deps.forEach((dep, k) => {
      const candidate = times[dep.from]! + weights[k]!;
      if (candidate > times[dep.to]!) {
        times[dep.to] = candidate;
        via[dep.to] = dep;
        changed = dep.to;
      }
    });
    if (changed === undefined) return { feasible: true, times };
    if (round === n) return { feasible: false, cycle: cycleThrough(changed, via, n) };
  }
  return { feasible: true, times };
}

/** Walks the relaxation predecessors back from a node that kept improving: the walk enters a cycle within n steps. */
function cycleThrough(start: number, via: readonly (Dependence | undefined)[], n: number): Dependence[] {
  let node = start;
  for (let i = 0; i < n; i++) node = via[node]!.from;
  const cycle: Dependence[] = [];
  let at = node;
  do {
    const dep = via[at]!;
    cycle.push(dep);
    at = dep.from;
  } while (at !== node);
  return cycle.reverse();
}
