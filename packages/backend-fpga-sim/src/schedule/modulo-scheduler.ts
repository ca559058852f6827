import { longestPaths } from './longest-path.js';
import { edgeLatency, unitsOf, type Dependence, type SchedulingProblem } from './problem.js';
import { recurrenceBound, resourceBound, type RecurrenceBound, type ResourceBound } from './recurrence.js';

export interface ModuloSchedule {
  readonly ii: number;
  readonly startTimes: readonly number[];
  readonly recurrence: RecurrenceBound;
  readonly resource: ResourceBound;
}

/** Scheduling steps per operation IMS may take at one II before trying the next (Rau's BudgetRatio). */
const BUDGET_RATIO = 12;
/** IIs tried above the lower bound before giving up; a schedule always exists at a large enough II. */
const MAX_II_STEPS = 4096;

/**
 * Modulo scheduling (B. R. Rau, "Iterative Modulo Scheduling", MICRO-27, 1994): II starts at
 * max(ResMII, RecMII); operations are placed by decreasing height in a modulo reservation
 * table, displacing ones that conflict in resources or dependences, within a step budget;
 * when the budget runs out the next II is tried.
 */
export function moduloSchedule(problem: SchedulingProblem, minII = 1): ModuloSchedule {
  const recurrence = recurrenceBound(problem);
  const resource = resourceBound(problem);
  const start = Math.max(minII, recurrence.ii, resource.ii);
  for (let ii = start; ii < start + MAX_II_STEPS; ii++) {
    const times = iterativeSchedule(problem, ii);
    if (times) return { ii, startTimes: times, recurrence, resource };
  }
  throw new Error(`no modulo schedule up to II ${start + MAX_II_STEPS}`);
}

interface Graph {
  readonly preds: Dependence[][];
  readonly succs: Dependence[][];
}

function graphOf(problem: SchedulingProblem): Graph {
  const preds: Dependence[][] = problem.ops.map(() => []);
  const succs: Dependence[][] = problem.ops.map(() => []);
  for (const dep of problem.deps) {
    preds[dep.to]!.push(dep);
    succs[dep.from]!.push(dep);
  }
  return { preds, succs };
}

/** HeightR: the longest latency − II·distance path from each operation to the end. */
function heights(problem: SchedulingProblem, ii: number): number[] {
  const reversed = {
    ops: problem.ops,
    resources: problem.resources,
    deps: problem.deps.map((dep) => ({ from: dep.to, to: dep.from, distance: dep.distance, latency: edgeLatency(problem, dep) })),
  };
  const result = longestPaths(reversed, ii);
  return result.feasible ? result.times : problem.ops.map(() => 0);
}

/** One IMS attempt at `ii`: start times, or undefined when the budget runs out. */
function iterativeSchedule(problem: SchedulingProblem, ii: number): number[] | undefined {
  const n = problem.ops.length;
  const graph = graphOf(problem);
  const height = heights(problem, ii);
  const order = [...problem.ops.keys()].sort((a, b) => height[b]! - height[a]! || a - b);
  const time = new Array<number | undefined>(n).fill(undefined);
  const lastTime = new Array<number | undefined>(n).fill(undefined);
  // Modulo reservation table: resource → units taken per residue, and who holds them.
  const table = new Map<string, number[][]>();
  for (const name of problem.resources.keys()) table.set(name, Array.from({ length: ii }, () => []));

  const fits = (op: number, t: number): boolean => {
    const { resource } = problem.ops[op]!;
    const limit = resource === undefined ? undefined : problem.resources.get(resource);
    if (resource === undefined || limit === undefined) return true;
    const holders = table.get(resource)![((t % ii) + ii) % ii]!;
    return holders.reduce((sum, other) => sum + unitsOf(problem.ops[other]!), 0) + unitsOf(problem.ops[op]!) <= limit;
  };
  const unplace = (op: number): void => {
    const { resource } = problem.ops[op]!;
    if (resource !== undefined && table.has(resource)) {
      const holders = table.get(resource)![((time[op]! % ii) + ii) % ii]!;
      holders.splice(holders.indexOf(op), 1);
    }
    time[op] = undefined;
  };
  const place = (op: number, t: number): void => {
    const { resource } = problem.ops[op]!;
    if (resource !== undefined && table.has(resource)) {
      const holders = table.get(resource)![((t % ii) + ii) % ii]!;
      // Displace just enough holders to make room.
      while (!fits(op, t)) unplace(holders[0]!);
      holders.push(op);
    }
    time[op] = t;
    lastTime[op] = t;
  };

  let budget = BUDGET_RATIO * n;
  let unscheduled = n;
  while (unscheduled > 0) {
    if (budget-- <= 0) return undefined;
    const op = order.find((candidate) => time[candidate] === undefined)!;
    let earliest = 0;
    for (const dep of graph.preds[op]!) {
      const t = time[dep.from];
      if (t !== undefined) earliest = Math.max(earliest, t + edgeLatency(problem, dep) - ii * dep.distance);
    }
    let chosen: number | undefined;
    for (let t = earliest; t < earliest + ii; t++) {
      if (fits(op, t)) {
        chosen = t;
        break;
      }
    }
    if (chosen === undefined) chosen = lastTime[op] === undefined || earliest > lastTime[op]! ? earliest : lastTime[op]! + 1;
    place(op, chosen);
    // Successors (and, through cycles, predecessors) whose constraint the new time breaks go back in the queue.
    for (const dep of graph.succs[op]!) {
      const t = time[dep.to];
      if (dep.to !== op && t !== undefined && t < chosen + edgeLatency(problem, dep) - ii * dep.distance) unplace(dep.to);
    }
    for (const dep of graph.preds[op]!) {
      const t = time[dep.from];
      if (dep.from !== op && t !== undefined && chosen < t + edgeLatency(problem, dep) - ii * dep.distance) unplace(dep.from);
    }
    unscheduled = time.reduce((count: number, t) => count + (t === undefined ? 1 : 0), 0);
  }
  return time as number[];
}
