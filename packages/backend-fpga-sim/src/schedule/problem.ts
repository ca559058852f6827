/**
 * A scheduling problem in the shape CIRCT's `ssp` dialect gives it (llvm/circt,
 * `include/circt/Scheduling/Problems.h`): operations with a latency, dependences with a
 * distance (0 inside one iteration, d ≥ 1 from d iterations earlier), and limited resources.
 * A schedule gives each operation a start time t such that for every dependence
 * `t[to] + distance·II ≥ t[from] + latency`, and, per resource, no more than its limit of
 * units start in one cycle — in one residue class modulo II when the problem is pipelined.
 * Plain data: the HLS layer builds these from a kernel's dataflow graph, the tests from
 * CIRCT's test problems.
 */

export interface ScheduleOp {
  /** Cycles until the result can be used; 0 = combinational (a consumer may start in the same cycle). */
  readonly latency: number;
  /** The limited resource the operation occupies in its start cycle, if any. */
  readonly resource?: string;
  /** Units of `resource` it occupies (default 1), e.g. 2 for a read-modify-write on one memory. */
  readonly units?: number;
  /** For messages: what the operation is, e.g. `f32.add at kernel+53`. */
  readonly name?: string;
}

export interface Dependence {
  readonly from: number;
  readonly to: number;
  /** Iterations between the producer and the consumer: 0 inside one iteration. */
  readonly distance: number;
  /** Cycles from the producer's start to the consumer's; default the producer's latency. */
  readonly latency?: number;
  /** For messages: what carries the dependence, e.g. `local $s` or `memory (buffer 1)`. */
  readonly via?: string;
}

export interface SchedulingProblem {
  readonly ops: readonly ScheduleOp[];
  readonly deps: readonly Dependence[];
  /** Units of each resource per cycle (per residue class when pipelined). */
  readonly resources: ReadonlyMap<string, number>;
}

export function edgeLatency(problem: SchedulingProblem, dep: Dependence): number {
  return dep.latency ?? problem.ops[dep.from]!.latency;
}

export function unitsOf(op: ScheduleOp): number {
  return op.units ?? 1;
}

/** Cycles a schedule spans: the latest completion, a combinational operation counting one cycle. */
export function scheduleDepth(problem: SchedulingProblem, startTimes: readonly number[]): number {
  let depth = 0;
  problem.ops.forEach((op, i) => {
    depth = Math.max(depth, startTimes[i]! + Math.max(op.latency, 1));
  });
  return depth;
}
