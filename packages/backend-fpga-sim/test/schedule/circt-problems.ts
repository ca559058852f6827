import type { Dependence, ScheduleOp, SchedulingProblem } from '../../src/schedule/problem.js';

/**
 * Scheduling problems from CIRCT's test suite, transcribed from the `ssp` dialect
 * (llvm/circt `test/Scheduling/modulo-problems.mlir` and `test/Scheduling/cyclic-problems.mlir`).
 * Operator types are `latency` and optional `limit`; `operands` are the SSA uses
 * (`%3 = operation<@_1>(%1, %2)` → deps 1→3, 2→3); `[from, to, distance]` are the auxiliary
 * `@opN [dist<d>]` dependences. Each problem carries the II CIRCT's file verifies a schedule
 * at (`ssp.instance ... [II<n>]`) and the II its simplex heuristic reports (`SIMPLEX-SAME`).
 */
export interface CirctProblem {
  readonly name: string;
  readonly file: 'modulo-problems.mlir' | 'cyclic-problems.mlir';
  /** The II of the schedule the file itself verifies: the best known. */
  readonly verifiedII: number;
  /** What CIRCT's simplex scheduler reports. */
  readonly simplexII: number;
  readonly problem: SchedulingProblem;
}

interface Spec {
  readonly types: Readonly<Record<string, { latency: number; limit?: number }>>;
  /** Per operation: its operator type and the operations whose results it uses. */
  readonly ops: readonly (readonly [type: string, operands: readonly number[]])[];
  readonly aux?: readonly (readonly [from: number, to: number, distance: number])[];
}

function build(spec: Spec): SchedulingProblem {
  const resources = new Map<string, number>();
  for (const [name, type] of Object.entries(spec.types)) if (type.limit !== undefined) resources.set(name, type.limit);
  const ops: ScheduleOp[] = spec.ops.map(([type]) => ({
    latency: spec.types[type]!.latency,
    ...(spec.types[type]!.limit !== undefined ? { resource: type } : {}),
  }));
  const deps: Dependence[] = [];
  spec.ops.forEach(([, operands], to) => operands.forEach((from) => deps.push({ from, to, distance: 0 })));
  for (const [from, to, distance] of spec.aux ?? []) deps.push({ from, to, distance });
  return { ops, deps, resources };
}

export const CIRCT_PROBLEMS: readonly CirctProblem[] = [
  {
    name: 'canis14_fig2',
    file: 'modulo-problems.mlir',
    verifiedII: 3,
    simplexII: 4,
    problem: build({
      types: { L1_1: { latency: 1, limit: 1 }, _1: { latency: 1 } },
      ops: [['L1_1', []], ['L1_1', []], ['_1', [0, 1]], ['L1_1', [2]], ['_1', [3]]],
      aux: [[3, 0, 1]],
    }),
  },
  {
    name: 'minII_feasible',
    file: 'modulo-problems.mlir',
    verifiedII: 3,
    simplexII: 3,
    problem: build({
      types: { _0: { latency: 0 }, _1: { latency: 1 }, _2: { latency: 2 }, L1_3: { latency: 3, limit: 1 } },
      ops: [['_0', []], ['_2', []], ['_2', []], ['_1', [1, 0]], ['L1_3', [3, 2]], ['L1_3', [0, 4]], ['L1_3', [4, 5]], ['_1', [6]]],
      aux: [[6, 1, 5], [5, 2, 3]],
    }),
  },
  {
    name: 'minII_infeasible',
    file: 'modulo-problems.mlir',
    verifiedII: 4,
    simplexII: 4,
    problem: build({
      types: { _1: { latency: 1 }, L2_1: { latency: 1, limit: 2 } },
      ops: [['_1', []], ['_1', [0]], ['L2_1', [1]], ['L2_1', [1]], ['L2_1', [1]], ['_1', [2, 3, 4]], ['_1', [5]]],
      aux: [[5, 1, 1]],
    }),
  },
  {
    name: 'four_read_pipeline',
    file: 'modulo-problems.mlir',
    verifiedII: 4,
    simplexII: 4,
    problem: build({
      types: { _1: { latency: 1 }, L1_1: { latency: 1, limit: 1 } },
      ops: [
        ['_1', []], ['_1', [0]], ['L1_1', [1]], ['L1_1', [1]], ['L1_1', [1]], ['L1_1', [1]],
        ['_1', [2, 3]], ['_1', [4, 5]], ['_1', [6, 7]], ['_1', [8]],
      ],
    }),
  },
  {
    name: 'cyclic',
    file: 'cyclic-problems.mlir',
    verifiedII: 2,
    simplexII: 2,
    problem: build({
      types: { _0: { latency: 0 }, _1: { latency: 1 }, _2: { latency: 2 } },
      ops: [['_1', []], ['_0', []], ['_2', []], ['_1', [1, 2]], ['_1', [2, 0]], ['_1', [4]]],
      aux: [[4, 1, 1], [4, 2, 2]],
    }),
  },
  {
    name: 'mobility',
    file: 'cyclic-problems.mlir',
    verifiedII: 3,
    simplexII: 3,
    problem: build({
      types: { _1: { latency: 1 }, _4: { latency: 4 } },
      ops: [['_1', []], ['_4', [0]], ['_1', [0]], ['_1', [1, 2]], ['_4', [3]], ['_1', [3]], ['_1', [4, 5]]],
      aux: [[5, 2, 1]],
    }),
  },
  {
    name: 'interleaved_cycles',
    file: 'cyclic-problems.mlir',
    verifiedII: 4,
    simplexII: 4,
    problem: build({
      types: { _1: { latency: 1 }, _10: { latency: 10 } },
      ops: [
        ['_1', []], ['_10', [0]], ['_1', [0]], ['_1', [1, 2]], ['_10', [3]], ['_1', [3]],
        ['_1', [5]], ['_1', [4, 6]], ['_10', [7]], ['_1', [7]], ['_1', [8, 9]],
      ],
      aux: [[6, 2, 2], [9, 5, 2]],
    }),
  },
  {
    name: 'self_arc',
    file: 'cyclic-problems.mlir',
    verifiedII: 3,
    simplexII: 3,
    problem: build({
      types: { _1: { latency: 1 }, _3: { latency: 3 } },
      ops: [['_1', []], ['_3', [0]], ['_1', [1]]],
      aux: [[1, 1, 1]],
    }),
  },
];
