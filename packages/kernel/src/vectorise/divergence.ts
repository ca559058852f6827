import type { KernelFunction } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { children } from '../ir/walk.js';
import { UNASSIGNED, UNIFORM, VARYING, joinShapes, shapeOf, type LaneShape } from './lane-shape.js';
import { findWaitingReads } from './blends.js';
import { DEAD, FULL, PARTIAL, type LaneState } from './lane-state.js';
import { NotVectorisable } from './not-vectorisable.js';

/** What the emitter needs to know at each statement and branch, by `loc`. */
export interface DivergencePlan {
  readonly locals: readonly LaneShape[];
  /** The state before each statement. */
  readonly stateAt: ReadonlyMap<number, LaneState>;
  /** Branches taken lane by lane (their condition differs between lanes, or they run under a mask). */
  readonly masked: ReadonlySet<number>;
  /** Masked branches whose lanes leave the kernel: `return`, or to a block the function ends with. */
  readonly kills: ReadonlySet<number>;
  /** Blocks where lanes of a masked branch wait to rejoin (a pending mask). */
  readonly pendingBlocks: ReadonlySet<number>;
  /** Loops some lanes continue while others leave: run until no lane continues. */
  readonly maskedLoops: ReadonlySet<number>;
  /** `if`s whose condition differs between lanes: both arms run, each under its mask. */
  readonly maskedIfs: ReadonlySet<number>;
  /** Structures at whose end no lane may be left active (a masked branch left them). */
  readonly guardAfter: ReadonlySet<number>;
  /** Assignments under divergence that waiting lanes may read after they rejoin: they keep those lanes' values (blends.ts). */
  readonly blends: ReadonlySet<number>;
}

/** What one round of the fixed point tells the next: only ever grows. */
interface Rounds {
  /** Per loop, what its body did: decides its body's state. */
  readonly loops: Map<number, { kills: boolean; escapes: boolean; continues: boolean }>;
  /** Blocks, loops and `if`s where lanes wait: a real branch may not jump over them. */
  readonly waiting: Set<number>;
  readonly blends: Set<number>;
}

interface Scope {
  readonly label: string | undefined;
  readonly loc: number;
  readonly kind: 'fn' | 'block' | 'loop' | 'if';
  /** A block whose end is the function's end. */
  readonly tail: boolean;
  kills: boolean;
  escapes: boolean;
  continues: boolean;
  /** Locals assigned on each branch to this block, for what is assigned after it. */
  readonly branchAssigned: (ReadonlySet<number> | null)[];
}

/** Locals certainly assigned on every path here; null where the code is unreachable. */
type Assigned = ReadonlySet<number> | null;

function intersect(a: Assigned, b: Assigned): Assigned {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a].filter((local) => b.has(local)));
}

function isNop(expr: Expr): boolean {
  return expr.kind === 'nop';
}

class Walk {
  readonly stateAt = new Map<number, LaneState>();
  readonly masked = new Set<number>();
  readonly kills = new Set<number>();
  readonly pendingBlocks = new Set<number>();
  readonly maskedLoops = new Set<number>();
  readonly maskedIfs = new Set<number>();
  readonly guardAfter = new Set<number>();
  readonly scopes: Scope[] = [];
  changed = false;

  constructor(
    readonly locals: LaneShape[],
    readonly paramCount: number,
    readonly rounds: Rounds,
  ) {}

  #assign(local: number, shape: LaneShape): void {
    const joined = joinShapes(this.locals[local]!, shape);
    if (joined !== this.locals[local]) {
      this.locals[local] = joined;
      this.changed = true;
    }
  }

  /** A local read where it may not have been assigned yet sees its zero: uniform. */
  #reads(expr: Expr, assigned: Assigned): void {
    if (expr.kind === 'local.get' && expr.local >= this.paramCount && assigned !== null && !assigned.has(expr.local)) {
      this.#assign(expr.local, UNIFORM);
    }
    for (const child of children(expr)) this.#reads(child, assigned);
  }

  #open(scope: Omit<Scope, 'kills' | 'escapes' | 'continues' | 'branchAssigned'>): Scope {
    const opened = { ...scope, kills: false, escapes: false, continues: false, branchAssigned: [] };
    this.scopes.push(opened);
    return opened;
  }

  #close(scope: Scope, entry: LaneState): LaneState {
    this.scopes.pop();
    if (scope.kills || scope.escapes) this.guardAfter.add(scope.loc);
    return Math.max(entry, scope.kills ? DEAD : FULL, scope.escapes ? PARTIAL : FULL) as LaneState;
  }

  sequence(body: readonly Expr[], state: LaneState, assigned: Assigned, tail: boolean): { state: LaneState; assigned: Assigned } {
    let last = body.length - 1;
    while (last >= 0 && isNop(body[last]!)) last--;
    body.forEach((expr, i) => {
      ({ state, assigned } = this.statement(expr, state, assigned, tail && i >= last));
    });
    return { state, assigned };
  }

  statement(expr: Expr, state: LaneState, assigned: Assigned, tail: boolean): { state: LaneState; assigned: Assigned } {
    this.stateAt.set(expr.loc, state);
    switch (expr.kind) {
      case 'block': {
        const scope = this.#open({ label: expr.label, loc: expr.loc, kind: 'block', tail });
        const end = this.sequence(expr.body, state, assigned, tail);
        const after = scope.branchAssigned.reduce<Assigned>((all, one) => intersect(all, one), end.assigned);
        return { state: this.#close(scope, state), assigned: after };
      }
      case 'loop': {
        const last = this.rounds.loops.get(expr.loc) ?? { kills: false, escapes: false, continues: false };
        const body = Math.max(state, last.kills ? DEAD : FULL, last.escapes || last.continues ? PARTIAL : FULL) as LaneState;
        const scope = this.#open({ label: expr.label, loc: expr.loc, kind: 'loop', tail: false });
        const end = this.statement(expr.body, body, assigned, false);
        const next = { kills: scope.kills || last.kills, escapes: scope.escapes || last.escapes, continues: scope.continues || last.continues };
        if (next.kills !== last.kills || next.escapes !== last.escapes || next.continues !== last.continues) {
          this.rounds.loops.set(expr.loc, next);
          this.changed = true;
        }
        if (scope.continues) this.maskedLoops.add(expr.loc);
        return { state: this.#close(scope, state), assigned: end.assigned };
      }
      case 'if': {
        this.#reads(expr.condition, assigned);
        const masked = shapeOf(expr.condition, this.locals) !== UNIFORM;
        if (masked) this.maskedIfs.add(expr.loc);
        const arms = masked ? PARTIAL : state;
        const scope = this.#open({ label: undefined, loc: expr.loc, kind: 'if', tail });
        const then = this.statement(expr.then, arms, assigned, tail);
        const other = expr.else ? this.statement(expr.else, arms, assigned, tail).assigned : assigned;
        return { state: this.#close(scope, state), assigned: intersect(then.assigned, other) };
      }
      case 'br':
      case 'br_if':
      case 'br_table':
      case 'return':
        return this.#branch(expr, state, assigned);
      case 'local.set': {
        this.#reads(expr.value, assigned);
        // Under divergence the lanes that wait keep their old value: the local differs between
        // lanes, unless they never read it before it is assigned again.
        this.#assign(expr.local, state === PARTIAL && this.rounds.blends.has(expr.loc) ? VARYING : shapeOf(expr.value, this.locals));
        return { state, assigned: assigned === null ? null : new Set([...assigned, expr.local]) };
      }
      case 'unreachable':
        return { state, assigned: null };
      default:
        this.#reads(expr, assigned);
        return { state, assigned };
    }
  }

  #target(label: string | undefined, loc: number): number {
    if (label === undefined) return 0;
    for (let i = this.scopes.length - 1; i >= 0; i--) if (this.scopes[i]!.kind !== 'if' && this.scopes[i]!.label === label) return i;
    throw new NotVectorisable(`a branch to an unknown label \`${label}\``, loc);
  }

  /**
   * Whether every active lane may really jump to the scope at `index`: only when no lanes wait
   * at a structure the jump would leave (its end takes them back) nor at the target loop.
   */
  #jumpable(index: number): boolean {
    const target = this.scopes[index]!;
    if (target.kind === 'loop' && this.rounds.waiting.has(target.loc)) return false;
    return this.scopes.slice(index + 1).every((scope) => !this.rounds.waiting.has(scope.loc));
  }

  #branch(expr: Expr & { kind: 'br' | 'br_if' | 'br_table' | 'return' }, state: LaneState, assigned: Assigned): { state: LaneState; assigned: Assigned } {
    const condition = expr.kind === 'br_if' ? expr.condition : expr.kind === 'br_table' ? expr.index : undefined;
    if (condition) this.#reads(condition, assigned);
    if ('value' in expr && expr.value) throw new NotVectorisable('a branch that carries a value', expr.loc);
    const targets = expr.kind === 'br_table' ? [...expr.labels, expr.defaultLabel] : [expr.kind === 'return' ? undefined : expr.label];
    const varying = condition !== undefined && shapeOf(condition, this.locals) !== UNIFORM;
    const masked = varying || (state === PARTIAL && targets.some((label) => !this.#jumpable(this.#target(label, expr.loc))));
    if (masked && expr.kind === 'br_table') throw new NotVectorisable('a br_table whose index differs between lanes', expr.loc);
    for (const label of targets) {
      const index = this.#target(label, expr.loc);
      const target = this.scopes[index]!;
      if (target.kind === 'block') target.branchAssigned.push(assigned);
      if (!masked) continue;
      this.masked.add(expr.loc);
      const kill = target.kind === 'fn' || target.tail;
      if (kill) this.kills.add(expr.loc);
      else if (target.kind === 'loop') target.continues = true;
      else this.pendingBlocks.add(target.loc);
      for (const inner of this.scopes.slice(kill ? 1 : index + 1)) {
        if (kill) inner.kills = true;
        else inner.escapes = true;
      }
    }
    if (expr.kind !== 'br_if') return { state, assigned: null };
    return { state: !masked ? state : this.kills.has(expr.loc) ? (Math.max(state, DEAD) as LaneState) : PARTIAL, assigned };
  }
}

/** The most rounds of the fixed point; each round can only move shapes and loop states up a finite lattice. */
const MAX_ROUNDS = 64;

/**
 * Finds, for the kernel function, which locals are uniform, linear or varying across the
 * lanes of a group and where lanes can diverge: a fixed point, because a local assigned
 * where lanes diverged is varying, and a branch on a varying value makes lanes diverge.
 * Param 0 (the iteration id) is linear with step 1; the other params are uniform.
 */
export function analyseDivergence(fn: KernelFunction): DivergencePlan {
  const paramCount = fn.params.length;
  // Unassigned locals start below every shape: only what is assigned (or read as zero) counts.
  const locals: LaneShape[] = fn.locals.map((local) => (local.index === 0 ? 1 : local.isParam ? UNIFORM : UNASSIGNED));
  const rounds: Rounds = { loops: new Map(), waiting: new Set(), blends: new Set() };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const walk = new Walk(locals, paramCount, rounds);
    walk.scopes.push({ label: undefined, loc: -1, kind: 'fn', tail: true, kills: false, escapes: false, continues: false, branchAssigned: [] });
    walk.statement(fn.body, FULL, new Set(), true);
    const { stateAt, masked, kills, pendingBlocks, maskedLoops, maskedIfs, guardAfter } = walk;
    const plan = { locals: locals.map((shape) => (Number.isNaN(shape) ? UNIFORM : shape)), stateAt, masked, kills, pendingBlocks, maskedLoops, maskedIfs, guardAfter, blends: rounds.blends };
    let changed = walk.changed;
    for (const loc of [...pendingBlocks, ...maskedLoops, ...maskedIfs]) if (!rounds.waiting.has(loc)) (rounds.waiting.add(loc), (changed = true));
    for (const loc of findWaitingReads(fn, plan)) if (!rounds.blends.has(loc)) (rounds.blends.add(loc), (changed = true));
    if (!changed) return plan;
  }
  throw new NotVectorisable('the lane analysis did not settle', fn.body.loc);
}
