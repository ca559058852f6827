import type { KernelFunction } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { children, walk } from '../ir/walk.js';
import type { DivergencePlan } from './divergence.js';
import { PARTIAL } from './lane-state.js';

type Live = ReadonlySet<number>;

function uses(expr: Expr, into: Set<number>): Set<number> {
  walk(expr, (e) => {
    if (e.kind === 'local.get') into.add(e.local);
  });
  return into;
}

const union = (...sets: Live[]): Set<number> => new Set(sets.flatMap((set) => [...set]));

/**
 * Which locals are live (may be read before being assigned again) at each point where
 * waiting lanes resume: a block's end, a loop's start and the code after a loop or an `if`.
 * Backward over the structured body; a loop's start to a fixed point.
 */
class Liveness {
  readonly blockEnd = new Map<number, Live>();
  readonly loopStart = new Map<number, Live>();
  readonly after = new Map<number, Live>();
  readonly #scopes: { label: string | undefined; loc: number; kind: 'block' | 'loop' }[] = [];

  #target(label: string | undefined): Live {
    if (label === undefined) return new Set();
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const scope = this.#scopes[i]!;
      if (scope.label !== label) continue;
      return (scope.kind === 'block' ? this.blockEnd.get(scope.loc) : this.loopStart.get(scope.loc)) ?? new Set();
    }
    return new Set();
  }

  sequence(body: readonly Expr[], after: Live): Live {
    let live = after;
    for (let i = body.length - 1; i >= 0; i--) live = this.statement(body[i]!, live);
    return live;
  }

  statement(expr: Expr, after: Live): Live {
    switch (expr.kind) {
      case 'block': {
        this.blockEnd.set(expr.loc, after);
        this.#scopes.push({ label: expr.label, loc: expr.loc, kind: 'block' });
        const live = this.sequence(expr.body, after);
        this.#scopes.pop();
        return live;
      }
      case 'loop': {
        this.after.set(expr.loc, after);
        this.#scopes.push({ label: expr.label, loc: expr.loc, kind: 'loop' });
        let start = this.loopStart.get(expr.loc) ?? new Set<number>();
        for (;;) {
          this.loopStart.set(expr.loc, start);
          const next = union(start, this.statement(expr.body, after));
          if (next.size === start.size) break;
          start = next;
        }
        this.#scopes.pop();
        return start;
      }
      case 'if': {
        this.after.set(expr.loc, after);
        return uses(expr.condition, union(this.statement(expr.then, after), expr.else ? this.statement(expr.else, after) : after));
      }
      case 'br':
        return this.#target(expr.label);
      case 'br_if':
        return uses(expr.condition, union(after, this.#target(expr.label)));
      case 'br_table':
        return uses(expr.index, union(...[...expr.labels, expr.defaultLabel].map((label) => this.#target(label))));
      case 'return':
      case 'unreachable':
        return new Set();
      case 'local.set': {
        const live = new Set(after);
        live.delete(expr.local);
        return uses(expr.value, live);
      }
      default:
        return uses(expr, new Set(after));
    }
  }
}

/** The last `loc` inside an expression: its subtree holds locs [expr.loc, end]. */
function lastLoc(expr: Expr): number {
  let last = expr.loc;
  for (const child of children(expr)) last = Math.max(last, lastLoc(child));
  return last;
}

/**
 * The assignments (by `loc`) under divergence whose local some waiting lanes may read after
 * they rejoin: those must keep the waiting lanes' old value (`v128.bitselect` with `$exec`),
 * and make the local varying. Every other assignment is a plain `local.set`, and a uniform
 * value assigned there keeps the local uniform: whatever inactive lanes hold is never read.
 * Waiting lanes, at an assignment:
 * - at a block's end, once a masked branch to it may have run (earlier in the block, or in a
 *   loop inside the block that also holds the assignment);
 * - at a masked loop's start, likewise for a masked branch back to it, and after the loop,
 *   from its second trip on (lanes that left through the end of its body);
 * - after a masked `if`, while either arm runs.
 */
export function findWaitingReads(fn: KernelFunction, plan: Omit<DivergencePlan, 'blends'>): ReadonlySet<number> {
  const liveness = new Liveness();
  liveness.statement(fn.body, new Set());
  const branches: { loc: number; target: number }[] = [];
  const loops: { loc: number; end: number }[] = [];
  const extent = new Map<number, number>();
  const assignments: { loc: number; local: number; within: number[] }[] = [];
  const scopes: { label: string | undefined; loc: number }[] = [];
  const visit = (expr: Expr): void => {
    const structure = expr.kind === 'block' || expr.kind === 'loop' || expr.kind === 'if';
    if (structure) extent.set(expr.loc, lastLoc(expr));
    if (expr.kind === 'loop') loops.push({ loc: expr.loc, end: extent.get(expr.loc)! });
    if ((expr.kind === 'br' || expr.kind === 'br_if') && plan.masked.has(expr.loc) && !plan.kills.has(expr.loc)) {
      const target = [...scopes].reverse().find((scope) => scope.label === expr.label);
      if (target) branches.push({ loc: expr.loc, target: target.loc });
    }
    if (expr.kind === 'local.set' && plan.stateAt.get(expr.loc) === PARTIAL) {
      assignments.push({ loc: expr.loc, local: expr.local, within: scopes.map((scope) => scope.loc) });
    }
    if (structure) scopes.push({ label: expr.kind === 'if' ? undefined : expr.label, loc: expr.loc });
    for (const child of children(expr)) visit(child);
    if (structure) scopes.pop();
  };
  visit(fn.body);
  const inside = (loc: number, outer: number): boolean => loc > outer && loc <= extent.get(outer)!;
  // A masked branch to `target` may have run before `loc`: earlier, or in a loop (within the target) round both.
  const mayHaveWaited = (target: number, loc: number): boolean =>
    branches.some((branch) => branch.target === target && (branch.loc < loc || loops.some((loop) => inside(loop.loc, target) && inside(branch.loc, loop.loc) && inside(loc, loop.loc))));
  const blends = new Set<number>();
  for (const { loc, local, within } of assignments) {
    const read = (live: Live | undefined): boolean => live?.has(local) ?? false;
    const waits = within.some((scope) => {
      if (plan.pendingBlocks.has(scope) && read(liveness.blockEnd.get(scope)) && mayHaveWaited(scope, loc)) return true;
      if (plan.maskedLoops.has(scope)) return read(liveness.after.get(scope)) || (read(liveness.loopStart.get(scope)) && mayHaveWaited(scope, loc));
      return plan.maskedIfs.has(scope) && read(liveness.after.get(scope));
    });
    if (waits) blends.add(loc);
  }
  return blends;
}
