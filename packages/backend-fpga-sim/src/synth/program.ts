import type { KernelFunction } from '@wasi-parallel/kernel';
import type { Source } from './dfg.js';
import type { ScheduledRegion } from './schedule-region.js';

/**
 * A kernel as the simulator runs it: each function a sequential state machine (structured like
 * the wasm it came from) whose basic blocks are list-scheduled dataflow graphs, and whose
 * innermost loops are modulo-scheduled pipelines; optionally the kernel body itself pipelined
 * over iteration ids.
 */

/** Where a branch goes, in the structured code: out of a block, back to a loop's start, out of the function. */
export type Jump = { readonly kind: 'break' | 'continue'; readonly label: string } | { readonly kind: 'return' };

export type FsmStatement =
  | { readonly kind: 'straight'; readonly block: ScheduledRegion }
  | { readonly kind: 'block'; readonly label: string | undefined; readonly body: readonly FsmStatement[] }
  | { readonly kind: 'loop'; readonly label: string | undefined; readonly loop: LoopPlan }
  /** Each of these computes its operand in `block` (with whatever statements came just before). */
  | { readonly kind: 'if'; readonly block: ScheduledRegion; readonly then: readonly FsmStatement[]; readonly else: readonly FsmStatement[] }
  | { readonly kind: 'br'; readonly block?: ScheduledRegion; readonly conditional: boolean; readonly target: Jump }
  | { readonly kind: 'br_table'; readonly block: ScheduledRegion; readonly targets: readonly Jump[]; readonly fallback: Jump }
  | { readonly kind: 'return'; readonly block?: ScheduledRegion }
  | { readonly kind: 'trap'; readonly block?: ScheduledRegion; readonly source: Source };

export interface LoopInfo {
  /** Index into the report's loop list and the run's loop counters. */
  readonly id: number;
  readonly source: Source;
  readonly label: string | undefined;
}

export type LoopPlan =
  | (LoopInfo & { readonly kind: 'pipelined'; readonly region: ScheduledRegion; readonly exits: readonly (Jump | undefined)[] })
  | (LoopInfo & { readonly kind: 'sequential'; readonly body: readonly FsmStatement[]; readonly reason: string });

export interface FsmFunction {
  readonly fn: KernelFunction;
  readonly body: readonly FsmStatement[];
}
