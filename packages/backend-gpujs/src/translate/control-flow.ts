import { affine, type CollapsePlan, type ComparisonOp, type Expr, type LoopCondition, type Sym } from '@wasi-parallel/kernel';
import type { Emitter } from './emitter.js';
import { emitStore, loadAt, RESULT, TARGET } from './memory-ops.js';
import { num } from './source-writer.js';
import { STATUS } from './status-codes.js';
import { named } from './values.js';

/**
 * Structured control flow in the JavaScript GPU.js parses in every mode: no labelled break, no
 * break or continue at all. A branch stores its target's id in `brk` and the statements after
 * it are skipped (`if (brk == 0)`); the target clears it (a block at its end, a loop by
 * starting its next trip). wasm `return` and traps end the thread with `return`.
 */
export class ControlFlow {
  readonly #ids = new Map<string, number>();

  constructor(readonly em: Emitter) {}

  id(label: string): number {
    let id = this.#ids.get(label);
    if (id === undefined) {
      id = this.#ids.size + 1;
      this.#ids.set(label, id);
    }
    return id;
  }

  /** Whether anything ever branches (the function needs `brk`). */
  get branches(): boolean {
    return this.#ids.size > 0;
  }

  /** A statement list: after each statement that may branch, the rest up to the next such one runs under one `if (brk == 0)`. */
  statements(list: readonly Expr[]): void {
    const { w } = this.em;
    let open = false;
    list.forEach((statement, i) => {
      this.statement(statement);
      if (!setsBrk(statement) || i === list.length - 1) return;
      if (open) w.close();
      w.open('if (brk == 0)');
      open = true;
    });
    if (open) w.close();
  }

  statement(s: Expr): void {
    const { em } = this;
    const { w } = em;
    switch (s.kind) {
      case 'block':
        this.statements(s.body);
        if (s.label && this.#ids.has(s.label)) w.line(`if (brk == ${this.id(s.label)}) { brk = 0; }`);
        return;
      case 'loop':
        return this.loop(s);
      case 'if':
        w.open(`if (${em.truthy(em.expr(s.condition))})`);
        this.statement(s.then);
        w.close();
        if (s.else) {
          w.open('else');
          this.statement(s.else);
          w.close();
        }
        return;
      case 'br':
        w.line(`brk = ${this.id(s.label)};`);
        return;
      case 'br_if':
        w.line(`if (${em.truthy(em.expr(s.condition))}) { brk = ${this.id(s.label)}; }`);
        return;
      case 'br_table':
        return this.table(s);
      case 'return':
        w.line(`return ${this.exitValue(STATUS.OK)};`);
        return;
      case 'unreachable':
        if (em.input.purpose.kind === 'status') em.check('true', STATUS.UNREACHABLE);
        else w.line(`return ${RESULT};`);
        return;
      case 'local.set':
      case 'local.tee':
        em.assignLocal(s.local, em.expr(s.value));
        return;
      case 'global.set':
        em.assignGlobal(s.global, em.expr(s.value));
        return;
      case 'store':
        emitStore(em, s);
        return;
      case 'drop':
        em.expr(s.value);
        return;
      case 'nop':
        return;
      default:
        em.fail(`\`${s.kind}\` is not supported by the GPU.js translator`, s.loc);
    }
  }

  /** What a thread returns when the iteration ends early: its element (data) or the status. */
  exitValue(status: number): string {
    return this.em.input.purpose.kind === 'data' ? RESULT : String(status);
  }

  private table(s: Extract<Expr, { kind: 'br_table' }>): void {
    const { em } = this;
    const index = em.limbs(em.expr(s.index));
    s.labels.forEach((label, i) => {
      em.w.line(`${i === 0 ? '' : 'else '}if (${index.lo} == ${i & 0xffff} && ${index.hi} == ${i >>> 16}) { brk = ${this.id(label)}; }`);
    });
    em.w.line(`${s.labels.length > 0 ? 'else ' : ''}{ brk = ${this.id(s.defaultLabel)}; }`);
  }

  private loop(s: Extract<Expr, { kind: 'loop' }>): void {
    const { em } = this;
    const { w } = em;
    const { purpose } = em.input;
    const plan = purpose.kind === 'data' ? purpose.collapse.get(s.loc) : undefined;
    if (plan) return this.collapsed(s, plan);
    const again = w.name('c');
    w.line(`let ${again} = 1;`);
    const counted = purpose.kind === 'status' && purpose.countedLoops.has(s.loc);
    const trips = counted ? w.name('n') : '';
    if (counted) w.line(`let ${trips} = 0;`);
    w.open(`while (${again} == 1)`);
    w.line(`${again} = 0;`);
    if (counted && purpose.kind === 'status') {
      w.line(`${trips} = ${trips} + 1;`);
      em.check(`${trips} > ${purpose.loopLimit}`, STATUS.LOOP_LIMIT);
    }
    this.statement(s.body);
    if (s.label && this.#ids.has(s.label)) w.line(`if (brk == ${this.id(s.label)}) { brk = 0; ${again} = 1; }`);
    w.close();
  }

  /** A store loop run at the one trip that writes the thread's element (see CollapsePlan). */
  private collapsed(s: Extract<Expr, { kind: 'loop' }>, plan: CollapsePlan): void {
    const { em } = this;
    const { w } = em;
    const start = named(w, this.formText(plan.start));
    const stride = num(plan.stride);
    const guess = w.temp(`Math.floor((${TARGET} - ${start}) / ${stride})`);
    const trip = w.temp(`${guess} * ${stride} > ${TARGET} - ${start} ? ${guess} - 1 : (${guess} * ${stride} + ${stride} <= ${TARGET} - ${start} ? ${guess} + 1 : ${guess})`);
    const reached = plan.conditions.map((cond) => this.allowsTrips(cond, trip, s.loc));
    w.open(`if (${trip} >= 0 && ${TARGET} - ${start} - ${stride} * ${trip} < ${plan.span}${reached.map((r) => ` && ${r}`).join('')})`);
    // Loads the loop carries are made again as the previous trip made them (entry values still unchanged here).
    const reloads = [...plan.reloads].map(([local, { load, address }]) => {
      const at = named(w, this.formText(address, { symbol: `trip:${s.loc}`, value: `(${trip} - 1)` }));
      return { local, value: loadAt(em, load, { at, form: affine.interval(0, 0, this.alignOf(address)) }) };
    });
    if (reloads.length > 0) w.block(`if (${trip} >= 1)`, () => reloads.forEach(({ local, value }) => em.assignLocal(local, value)));
    for (const [local, step] of plan.steps) {
      const value = em.localVal(local);
      em.assignLocal(local, { t: 'small', e: `${em.small(value, em.input.analysis.locals.get(local))} + ${num(step)} * ${trip}`, form: em.input.analysis.locals.get(local) });
    }
    // The trip: the body without its back edge; what follows the back edge runs when the loop ends.
    const body = s.body.kind === 'block' ? s.body : { kind: 'block' as const, label: undefined, body: [s.body], type: 'none' as const, loc: s.body.loc };
    const backEdge = body.body.length - 1 - plan.tail;
    this.statement({ ...body, body: body.body.slice(0, backEdge) });
    w.close();
    this.statement({ ...body, body: body.body.slice(backEdge + 1) });
  }

  /** A boolean expression: the condition lets trips 0 … trip−1 through (continue, or no exit). */
  private allowsTrips(cond: LoopCondition, trip: string, loopLoc: number): string {
    const { w } = this.em;
    const tripName = `trip:${loopLoc}`;
    const difference = affine.sub(cond.left, cond.right)!;
    const c = difference.terms[tripName] ?? 0;
    const first = named(w, this.formText({ ...difference, terms: Object.fromEntries(Object.entries(difference.terms).filter(([name]) => name !== tripName)) }));
    const op: ComparisonOp = cond.role === 'continue' ? cond.op : NEGATE[cond.op];
    if (op === 'ne') return `(${trip} < 1 || ${c === 0 ? `${first} != 0` : `(${first} % ${num(c)} != 0 || -${first} / ${num(c)} < 0 || -${first} / ${num(c)} > ${trip} - 1)`})`;
    if (op === 'eq') return `(${trip} < 1 || (${first} == 0 && (${c === 0 ? 'true' : `${trip} == 1`})))`;
    const js = { lt: '<', le: '<=', gt: '>', ge: '>=' }[op];
    return `(${trip} < 1 || (${first} ${js} 0 && ${first} + ${num(c)} * (${trip} - 1) ${js} 0))`;
  }

  /** A power of two dividing every value of a form over entry symbols: a local's term is as aligned as the local. */
  alignOf(form: Sym): number {
    if (!form) return 1;
    let align = form.align;
    for (const [name, coeff] of Object.entries(form.terms)) {
      const local = this.em.input.analysis.locals.get(Number(name.slice('entry:'.length)));
      const symbolAlign = name.startsWith('entry:') && local ? affine.alignOf(local) : 1;
      align = Math.min(align, affine.lowBit(coeff) * symbolAlign);
    }
    return align;
  }

  /** An affine form over `it`, loop-entry values of locals and (given its value) a trip, as a number expression. */
  formText(form: Sym, trip?: { readonly symbol: string; readonly value: string }): string {
    const { em } = this;
    if (!form || form.lo !== form.hi) return em.fail('a collapsed loop needs an exact form');
    const parts = [num(form.lo)];
    for (const [name, coeff] of Object.entries(form.terms)) {
      const local = Number(name.slice('entry:'.length));
      const value = name === affine.ITERATION_SYMBOL ? 'iter' : name === trip?.symbol ? trip.value : em.small(em.localVal(local), em.input.analysis.locals.get(local));
      parts.push(`${num(coeff)} * ${value}`);
    }
    return parts.join(' + ');
  }
}

const NEGATE: Record<ComparisonOp, ComparisonOp> = { eq: 'ne', ne: 'eq', lt: 'ge', ge: 'lt', le: 'gt', gt: 'le' };

/** Whether a statement may leave `brk` set for a label outside it. */
export function setsBrk(statement: Expr): boolean {
  const inner = new Set<string>();
  const targets: string[] = [];
  const pending = [statement];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if ((e.kind === 'block' || e.kind === 'loop') && e.label) inner.add(e.label);
    if (e.kind === 'br' || e.kind === 'br_if') targets.push(e.label);
    if (e.kind === 'br_table') targets.push(...e.labels, e.defaultLabel);
    if (e.kind === 'block') pending.push(...e.body);
    else if (e.kind === 'loop') pending.push(e.body);
    else if (e.kind === 'if') pending.push(e.then, ...(e.else ? [e.else] : []));
  }
  return targets.some((label) => !inner.has(label));
}
