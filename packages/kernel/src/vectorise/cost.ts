import type { Expr } from '../ir/types.js';
import { children } from '../ir/walk.js';

/**
 * A rough count of machine instructions, to decide whether a lane group beats four scalar
 * iterations. Every IR node costs 1 (a SIMD op, or one scalar op shared by four lanes); what
 * the vector form adds on top is weighed here. A node inside k loops weighs LOOP_WEIGHT^k, the
 * same on both sides. Per-lane memory access (extract the address, load, insert) is what
 * makes kernels that stride through memory per iteration (a slice of a row each) slower
 * as lane groups: such kernels stay scalar.
 */
export const COST = {
  NODE: 1,
  CONSECUTIVE_ACCESS: 2,
  PER_LANE_ACCESS: 20,
  MASKED_EXTRA: 4,
  PER_LANE_OP: 12,
  MASKED_BRANCH: 6,
  MASKED_IF: 6,
  MASKED_LOOP_TRIP: 8,
  BLEND: 2,
} as const;

export const LOOP_WEIGHT = 8;

/** Vectorise only when four scalar iterations are estimated at least this much dearer than one lane group. */
export const MIN_GAIN = 1.3;

/** The scalar body's cost: every node, weighted by its loop depth. */
export function scalarCost(expr: Expr, weight = 1): number {
  const inner = expr.kind === 'loop' ? weight * LOOP_WEIGHT : weight;
  return weight + children(expr).reduce((sum, child) => sum + scalarCost(child, inner), 0);
}
