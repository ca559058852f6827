import type { FpgaProfile } from '../profiles/profile.js';
import { listSchedule } from '../schedule/list-scheduler.js';
import { moduloSchedule } from '../schedule/modulo-scheduler.js';
import { edgeLatency, scheduleDepth, type SchedulingProblem } from '../schedule/problem.js';
import { verifySchedule } from '../schedule/verify.js';
import type { Bank, RegionGraph } from './dfg.js';
import { buildProblem, type VariableNamer } from './hls-problem.js';

/** What sets a pipeline's initiation interval, for the report. */
export type IIBound =
  /** II 1: nothing forces more. */
  | { readonly kind: 'none' }
  /** Memory ports: `accesses` per trip on a bank that serves `ports` a cycle. */
  | { readonly kind: 'port'; readonly bank: string; readonly accesses: number; readonly ports: number }
  /** A loop-carried dependence: the operations around the cycle, its latency and distance. */
  | { readonly kind: 'recurrence'; readonly via: readonly string[]; readonly operations: readonly string[]; readonly latency: number; readonly distance: number }
  /** Neither bound alone: ports and recurrences together needed a larger II. */
  | { readonly kind: 'schedule' };

export interface ScheduledRegion {
  readonly graph: RegionGraph;
  readonly problem: SchedulingProblem;
  readonly times: readonly number[];
  /** Cycles one trip spans (the pipeline depth). */
  readonly depth: number;
  /** Pipelined regions: the initiation interval, its two lower bounds and what binds. */
  readonly ii: number;
  readonly resourceII: number;
  readonly recurrenceII: number;
  readonly bound: IIBound;
}

export function describeBank(bank: Bank | string): string {
  if (bank === 'local') return "the kernel's own memory";
  if (bank === 'any') return 'memory (addresses of unknown provenance)';
  return bank.replace(/^buffer(\d+)$/, 'buffer $1');
}

function check(problem: SchedulingProblem, times: readonly number[], ii?: number): void {
  const problems = verifySchedule(problem, times, ii);
  if (problems.length > 0) throw new Error(`the scheduler produced an invalid schedule: ${problems.join('; ')}`);
}

/** Modulo-schedules a loop body (or the kernel body over iteration ids). */
export function schedulePipeline(graph: RegionGraph, profile: FpgaProfile, nameVariable: VariableNamer): ScheduledRegion {
  const problem = buildProblem(graph, profile, true, nameVariable);
  const schedule = moduloSchedule(problem);
  check(problem, schedule.startTimes, schedule.ii);
  const { ii, recurrence, resource } = schedule;
  let bound: IIBound;
  if (ii === 1) bound = { kind: 'none' };
  else if (ii === recurrence.ii && recurrence.ii >= resource.ii) {
    bound = {
      kind: 'recurrence',
      via: [...new Set(recurrence.cycle.flatMap((dep) => (dep.via ? [dep.via] : [])))],
      operations: recurrence.cycle.map((dep) => problem.ops[dep.from]!.name ?? `#${dep.from}`),
      latency: recurrence.cycle.reduce((sum, dep) => sum + edgeLatency(problem, dep), 0),
      distance: recurrence.cycle.reduce((sum, dep) => sum + dep.distance, 0),
    };
  } else if (ii === resource.ii && resource.resource) {
    const { name, units, limit } = resource.resource;
    bound = { kind: 'port', bank: describeBank(name.replace(/^port:/, '')), accesses: units, ports: limit };
  } else bound = { kind: 'schedule' };
  return {
    graph,
    problem,
    times: schedule.startTimes,
    depth: scheduleDepth(problem, schedule.startTimes),
    ii,
    resourceII: resource.ii,
    recurrenceII: recurrence.ii,
    bound,
  };
}

/** List-schedules a basic block of sequential code. */
export function scheduleBlock(graph: RegionGraph, profile: FpgaProfile, nameVariable: VariableNamer): ScheduledRegion {
  const problem = buildProblem(graph, profile, false, nameVariable);
  const times = listSchedule(problem);
  check(problem, times);
  const depth = graph.nodes.some((node) => node.kind !== 'const' && node.kind !== 'input') ? scheduleDepth(problem, times) : 0;
  return { graph, problem, times, depth, ii: 0, resourceII: 0, recurrenceII: 0, bound: { kind: 'none' } };
}
