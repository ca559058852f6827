import type { BlockExpr, BrExpr, BrIfExpr, BrTableExpr, Expr, IfExpr, LoopExpr, ReturnExpr, StoreExpr } from '../ir/types.js';
import { COST, LOOP_WEIGHT } from './cost.js';
import { FULL, PARTIAL } from './lane-state.js';
import { UNIFORM, VARYING, shapeOf } from './lane-shape.js';
import { NotVectorisable } from './not-vectorisable.js';
import { ALL_LANES, EXEC, NO_LANES, anyActive, asVector, laneActive, laneOf, type LaneValue, type VectorContext } from './vector-context.js';
import { conditionMask, laneValue, noWrap } from './vector-values.js';
import { localName, structureLabel } from './wat-scalar.js';
import { memarg, storeOp } from './wat-text.js';

/** A label a branch may target: where a real branch goes, and where a masked one leaves its lanes. */
interface Target {
  readonly label: string | undefined;
  readonly kind: 'fn' | 'block' | 'loop';
  /** The WAT label a (real) branch jumps to. */
  readonly wasm: string;
  /** The mask of lanes waiting at a block's end, or continuing a masked loop. */
  readonly waiting?: string;
}

const set = (local: string, code: string): string => `(local.set ${local} ${code})`;
const get = (local: string): string => `(local.get ${local})`;

/**
 * The kernel's body for one lane group, as text. Uniform control flow stays real control
 * flow; where lanes diverge (plan from divergence.ts), `$exec` holds the active lanes:
 * - a masked branch moves its lanes from `$exec` into the waiting mask of its target (a
 *   block's end, a loop's next trip) or drops them (they left the kernel);
 * - a block ends by taking its waiting lanes back; a masked loop runs its body again while
 *   any lane continues, and ends with every lane that left through its end;
 * - a masked `if` runs each arm under its part of `$exec` (an arm no lane takes is skipped);
 * - wherever `$exec` may have become empty, a guard skips to the end of the innermost
 *   structure, whose end takes waiting lanes back — code never runs with no lane active.
 * Locals assigned while lanes wait keep the waiting lanes' values (`v128.bitselect`); stores
 * and trapping operations run only for active lanes.
 */
export class VectorStatements {
  readonly #targets: Target[] = [{ label: undefined, kind: 'fn', wasm: '$fn' }];
  /** Where a guard jumps when no lane is left: the innermost structure end that takes lanes back. */
  readonly #skips: string[] = ['$fn'];

  constructor(readonly ctx: VectorContext) {}

  #guard(): string {
    return `(br_if ${this.#skips[this.#skips.length - 1]} (i32.eqz ${anyActive()}))`;
  }

  statement(expr: Expr): string {
    const ctx = this.ctx;
    ctx.state = ctx.plan.stateAt.get(expr.loc) ?? ctx.state;
    ctx.charge(COST.NODE);
    const outer = ctx.prelude;
    ctx.prelude = [];
    try {
      const code = this.#statement(expr);
      return [...ctx.prelude, code].filter((line) => line !== '').join('\n');
    } finally {
      ctx.prelude = outer;
    }
  }

  #statement(expr: Expr): string {
    switch (expr.kind) {
      case 'block':
        return this.#block(expr);
      case 'loop':
        return this.#loop(expr);
      case 'if':
        return this.#if(expr);
      case 'br':
      case 'br_if':
      case 'br_table':
      case 'return':
        return this.#branch(expr);
      case 'local.set':
        return this.#localSet(expr.local, laneValue(this.ctx, expr.value), expr.loc);
      case 'store':
        return this.#store(expr);
      case 'drop':
        return `(drop ${laneValue(this.ctx, expr.value).code})`;
      case 'unreachable':
        // Some lane is active wherever code runs, and it would trap here.
        return '(unreachable)';
      case 'nop':
        return '';
      default:
        throw new NotVectorisable(`it uses ${expr.kind} as a statement`, expr.loc);
    }
  }

  #localSet(local: number, value: LaneValue, loc: number): string {
    const shape = this.ctx.shape(local);
    if (shape !== VARYING) {
      if (value.kind === 'varying') throw new NotVectorisable('a lane analysis inconsistency', loc);
      return set(localName(local), value.code);
    }
    const code = asVector(value, loc);
    // Lanes waiting to rejoin keep what they had, where they may read it (blends.ts).
    if (this.ctx.state === PARTIAL && this.ctx.plan.blends.has(loc)) {
      this.ctx.charge(COST.BLEND);
      return set(localName(local), `(v128.bitselect ${code} ${get(localName(local))} ${get(EXEC)})`);
    }
    return set(localName(local), code);
  }

  /**
   * A store: one scalar store when address and value are uniform (four lanes would store the
   * same bytes); one v128 store (or a 4- / 8-byte lane store of the narrowed lanes) for
   * consecutive elements; else one store per lane, each only for an active lane. A sub-word
   * store writes only its own bytes, never a neighbour's.
   */
  #store(expr: StoreExpr): string {
    const ctx = this.ctx;
    const address = ctx.stable(laneValue(ctx, expr.ptr));
    const value = laneValue(ctx, expr.value);
    const op = storeOp(expr);
    if (address.kind === 'uniform' && value.kind === 'uniform') return `(${op} ${memarg(expr)} ${address.code} ${value.code})`;
    const consecutive = address.kind === 'linear' && address.step === expr.bytes && expr.bytes <= 4;
    ctx.charge((consecutive ? COST.CONSECUTIVE_ACCESS : COST.PER_LANE_ACCESS) + (ctx.state === FULL ? 0 : COST.MASKED_EXTRA));
    const stored = ctx.stable(value);
    const one = (k: number): string => {
      if (stored.kind !== 'varying') return `(${op} ${memarg(expr)} ${laneOf(address, k)} ${laneOf(stored, k)})`;
      const lane = expr.bytes === 4 ? k : expr.bytes === 2 ? 2 * k : 4 * k;
      return `(v128.store${expr.bytes * 8}_lane ${memarg(expr)} ${lane} ${laneOf(address, k)} ${stored.code})`;
    };
    const each = (masked: boolean): string => [0, 1, 2, 3].map((k) => (masked ? `(if ${laneActive(k)} (then ${one(k)}))` : one(k))).join(' ');
    let all = each(false);
    if (consecutive) {
      const vector = asVector(stored, expr.loc);
      const whole =
        expr.bytes === 4
          ? `(v128.store ${memarg(expr)} ${address.code} ${vector})`
          : expr.bytes === 2
            ? `(v128.store64_lane ${memarg(expr)} 0 ${address.code} (i8x16.shuffle 0 1 4 5 8 9 12 13 0 0 0 0 0 0 0 0 ${vector} ${vector}))`
            : `(v128.store32_lane ${memarg(expr)} 0 ${address.code} (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 ${vector} ${vector}))`;
      all = `(if ${noWrap(address.code, expr.bytes)} (then ${whole}) (else ${all}))`;
    }
    if (ctx.state === FULL) return all;
    return `(if (i32x4.all_true ${get(EXEC)}) (then ${all}) (else ${each(true)}))`;
  }

  #body(statements: readonly Expr[]): string {
    return statements.map((statement) => this.statement(statement)).join('\n');
  }

  #within<T>(target: Target | undefined, skip: string | undefined, emit: () => T): T {
    if (target) this.#targets.push(target);
    if (skip) this.#skips.push(skip);
    try {
      return emit();
    } finally {
      if (target) this.#targets.pop();
      if (skip) this.#skips.pop();
    }
  }

  #after(loc: number): string {
    return this.ctx.plan.guardAfter.has(loc) ? this.#guard() : '';
  }

  #block(expr: BlockExpr): string {
    const label = structureLabel(expr.loc);
    const waiting = this.ctx.plan.pendingBlocks.has(expr.loc) ? this.ctx.temp('v128') : undefined;
    const body = this.#within({ label: expr.label, kind: 'block', wasm: label, ...(waiting ? { waiting } : {}) }, label, () => this.#body(expr.body));
    if (!waiting) return [`(block ${label}\n${body})`, this.#after(expr.loc)].join('\n');
    return [set(waiting, NO_LANES), `(block ${label}\n${body})`, set(EXEC, `(v128.or ${get(EXEC)} ${get(waiting)})`), this.#after(expr.loc)].join('\n');
  }

  #loop(expr: LoopExpr): string {
    const ctx = this.ctx;
    ctx.weight *= LOOP_WEIGHT;
    try {
      return this.#loopBody(expr);
    } finally {
      ctx.weight /= LOOP_WEIGHT;
    }
  }

  #loopBody(expr: LoopExpr): string {
    const label = structureLabel(expr.loc);
    if (!this.ctx.plan.maskedLoops.has(expr.loc)) {
      const body = this.#within({ label: expr.label, kind: 'loop', wasm: label }, undefined, () => this.statement(expr.body));
      return [`(loop ${label}\n${body})`, this.#after(expr.loc)].join('\n');
    }
    this.ctx.charge(COST.MASKED_LOOP_TRIP);
    const [left, next] = [this.ctx.temp('v128'), this.ctx.temp('v128')];
    const trip = `${label}_trip`;
    const body = this.#within({ label: expr.label, kind: 'loop', wasm: label, waiting: next }, label, () => this.statement(expr.body));
    return [
      set(left, NO_LANES),
      `(loop ${trip}`,
      set(next, NO_LANES),
      `(block ${label}\n${body})`,
      // Lanes that reach the end of the body leave the loop; those that branched back go round again.
      set(left, `(v128.or ${get(left)} ${get(EXEC)})`),
      set(EXEC, get(next)),
      `(br_if ${trip} ${anyActive()}))`,
      set(EXEC, get(left)),
      this.#after(expr.loc),
    ].join('\n');
  }

  #if(expr: IfExpr): string {
    const ctx = this.ctx;
    if (!ctx.plan.maskedIfs.has(expr.loc)) {
      const condition = laneValue(ctx, expr.condition).code;
      const then = this.statement(expr.then);
      const other = expr.else ? ` (else ${this.statement(expr.else)})` : '';
      return [`(if ${condition} (then ${then})${other})`, this.#after(expr.loc)].join('\n');
    }
    ctx.charge(COST.MASKED_IF);
    const [mask, entry, thenLeft] = [ctx.temp('v128'), ctx.temp('v128'), ctx.temp('v128')];
    const lines = [set(mask, conditionMask(ctx, expr.condition)), set(entry, get(EXEC)), set(thenLeft, NO_LANES)];
    const arm = (arm: Expr, name: string): string => `(block ${name}\n${this.#within(undefined, name, () => this.statement(arm))})`;
    lines.push(set(EXEC, `(v128.and ${get(entry)} ${get(mask)})`));
    lines.push(`(if ${anyActive()} (then ${arm(expr.then, `${structureLabel(expr.loc)}_then`)} ${set(thenLeft, get(EXEC))}))`);
    lines.push(set(EXEC, `(v128.andnot ${get(entry)} ${get(mask)})`));
    if (expr.else) lines.push(`(if ${anyActive()} (then ${arm(expr.else, `${structureLabel(expr.loc)}_else`)}))`);
    lines.push(set(EXEC, `(v128.or ${get(EXEC)} ${get(thenLeft)})`), this.#after(expr.loc));
    return lines.join('\n');
  }

  #target(label: string | undefined, loc: number): Target {
    if (label === undefined) return this.#targets[0]!;
    for (let i = this.#targets.length - 1; i >= 0; i--) if (this.#targets[i]!.label === label) return this.#targets[i]!;
    throw new NotVectorisable(`a branch to an unknown label \`${label}\``, loc);
  }

  #branch(expr: BrExpr | BrIfExpr | BrTableExpr | ReturnExpr): string {
    const ctx = this.ctx;
    if (expr.kind === 'br_table') {
      if (ctx.plan.masked.has(expr.loc)) throw new NotVectorisable('a br_table whose index differs between lanes', expr.loc);
      const labels = [...expr.labels, expr.defaultLabel].map((label) => this.#target(label, expr.loc).wasm);
      return `(br_table ${labels.join(' ')} ${laneValue(ctx, expr.index).code})`;
    }
    const target = this.#target(expr.kind === 'return' ? undefined : expr.label, expr.loc);
    if (!ctx.plan.masked.has(expr.loc)) {
      return expr.kind === 'br_if' ? `(br_if ${target.wasm} ${laneValue(ctx, expr.condition).code})` : `(br ${target.wasm})`;
    }
    ctx.charge(COST.MASKED_BRANCH);
    const kill = ctx.plan.kills.has(expr.loc);
    const waiting = kill ? undefined : target.waiting;
    if (!kill && !waiting) throw new NotVectorisable('a lane analysis inconsistency', expr.loc);
    if (expr.kind !== 'br_if') {
      return [waiting ? set(waiting, `(v128.or ${get(waiting)} ${get(EXEC)})`) : '', set(EXEC, NO_LANES), `(br ${this.#skips[this.#skips.length - 1]})`].join('\n');
    }
    const taken = ctx.temp('v128');
    const condition = shapeOf(expr.condition, ctx.plan.locals) === UNIFORM ? `(select ${ALL_LANES} ${NO_LANES} ${laneValue(ctx, expr.condition).code})` : conditionMask(ctx, expr.condition);
    return [
      set(taken, `(v128.and ${get(EXEC)} ${condition})`),
      waiting ? set(waiting, `(v128.or ${get(waiting)} ${get(taken)})`) : '',
      set(EXEC, `(v128.andnot ${get(EXEC)} ${get(taken)})`),
      this.#guard(),
    ].join('\n');
  }
}
