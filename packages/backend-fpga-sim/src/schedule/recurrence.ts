import { longestPaths } from './longest-path.js';
import { edgeLatency, unitsOf, type Dependence, type SchedulingProblem } from './problem.js';

export interface RecurrenceBound {
  /** The smallest II every dependence cycle allows (1 when there is no cycle). */
  readonly ii: number;
  /** A cycle that needs exactly `ii`: the recurrence a report names. Empty when nothing recurs. */
  readonly cycle: readonly Dependence[];
}

/**
 * RecMII: the smallest II with no dependence cycle whose latency exceeds II × its distance,
 * i.e. max over cycles of ⌈latency / distance⌉ (Rau 1994), found by bisection over
 * `longestPaths`. A cycle of distance 0 can never be met (a value depending on itself within one
 * iteration): that is a bug in whoever built the problem, and throws.
 */
export function recurrenceBound(problem: SchedulingProblem): RecurrenceBound {
  let high = 1 + problem.deps.reduce((sum, dep) => sum + Math.max(0, edgeLatency(problem, dep)), 0);
  const top = longestPaths(problem, high);
  if (!top.feasible) throw new Error(`a dependence cycle of distance 0: ${top.cycle.map((dep) => `${dep.from}→${dep.to}`).join(', ')}`);
  if (longestPaths(problem, 1).feasible) return { ii: 1, cycle: [] };
  let low = 1; // infeasible
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (longestPaths(problem, mid).feasible) high = mid;
    else low = mid;
  }
  const below = longestPaths(problem, high - 1);
  return { ii: high, cycle: below.feasible ? [] : below.cycle };
}

export interface ResourceBound {
  readonly ii: number;
  /** The resource that needs `ii`, with how many units its operations take. */
  readonly resource?: { readonly name: string; readonly units: number; readonly limit: number };
}

/** ResMII: max over resources of ⌈units used / units per cycle⌉. */
export function resourceBound(problem: SchedulingProblem): ResourceBound {
  const used = new Map<string, number>();
  for (const op of problem.ops) if (op.resource !== undefined) used.set(op.resource, (used.get(op.resource) ?? 0) + unitsOf(op));
  let bound: ResourceBound = { ii: 1 };
  for (const [name, units] of used) {
    const limit = problem.resources.get(name);
    if (limit === undefined) continue;
    const ii = Math.ceil(units / limit);
    if (ii > bound.ii) bound = { ii, resource: { name, units, limit } };
  }
  return bound;
}
