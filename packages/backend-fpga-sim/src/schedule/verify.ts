import { edgeLatency, unitsOf, type SchedulingProblem } from './problem.js';

/**
 * Checks a schedule against its problem the way CIRCT's `Problem::verify` does: every
 * dependence met, no resource over its limit in any cycle (residue class modulo II when `ii`
 * is given), no negative start time. Returns the violations, empty when the schedule is valid.
 */
export function verifySchedule(problem: SchedulingProblem, startTimes: readonly number[], ii?: number): string[] {
  const problems: string[] = [];
  startTimes.forEach((t, op) => {
    if (!Number.isInteger(t) || t < 0) problems.push(`operation ${op} starts at ${t}`);
  });
  for (const dep of problem.deps) {
    if (dep.distance > 0 && ii === undefined) problems.push(`dependence ${dep.from}→${dep.to} has distance ${dep.distance} in an unpipelined schedule`);
    const need = startTimes[dep.from]! + edgeLatency(problem, dep) - (ii ?? 0) * dep.distance;
    if (startTimes[dep.to]! < need) problems.push(`dependence ${dep.from}→${dep.to}: starts at ${startTimes[dep.to]}, needs ${need}`);
  }
  const use = new Map<string, number>();
  problem.ops.forEach((op, i) => {
    if (op.resource === undefined || !problem.resources.has(op.resource)) return;
    const slot = ii === undefined ? startTimes[i]! : startTimes[i]! % ii;
    const key = `${op.resource}@${slot}`;
    use.set(key, (use.get(key) ?? 0) + unitsOf(op));
  });
  for (const [key, units] of use) {
    const limit = problem.resources.get(key.slice(0, key.lastIndexOf('@')))!;
    if (units > limit) problems.push(`resource ${key}: ${units} units of ${limit}`);
  }
  return problems;
}
