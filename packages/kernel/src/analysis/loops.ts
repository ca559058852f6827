import type { LoopInfo } from '../ir/analysis-types.js';
import type { KernelFunction } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { children, walk } from '../ir/walk.js';

const COMPARE = /^i(32|64)\.(lt|le|gt|ge|ne|eq)(_[su])?$/;

/** Assignments per local, to tell loop counters and values computed once from params. */
function assignmentsByLocal(fn: KernelFunction): Map<number, Expr[]> {
  const map = new Map<number, Expr[]>();
  walk(fn.body, (expr) => {
    if (expr.kind === 'local.set' || expr.kind === 'local.tee') map.set(expr.local, [...(map.get(expr.local) ?? []), expr.value]);
  });
  return map;
}

/** loc → parent expression, to ask which loops and ifs enclose an instruction. */
function parentsOf(fn: KernelFunction): Map<number, Expr> {
  const parents = new Map<number, Expr>();
  walk(fn.body, (expr) => {
    for (const child of children(expr)) parents.set(child.loc, expr);
  });
  return parents;
}

function ancestors(loc: number, parents: Map<number, Expr>): Expr[] {
  const out: Expr[] = [];
  for (let parent = parents.get(loc); parent; parent = parents.get(parent.loc)) out.push(parent);
  return out;
}

/** Assignments with where they are, for the reaching-definition question in `paramExpression`. */
interface Assignment {
  readonly loc: number;
  readonly value: Expr;
}

function assignmentSites(fn: KernelFunction): Map<number, Assignment[]> {
  const map = new Map<number, Assignment[]>();
  walk(fn.body, (expr) => {
    if (expr.kind === 'local.set' || expr.kind === 'local.tee') {
      map.set(expr.local, [...(map.get(expr.local) ?? []), { loc: expr.loc, value: expr.value }]);
    }
  });
  return map;
}

interface BoundContext {
  readonly fn: KernelFunction;
  readonly sites: Map<number, Assignment[]>;
  readonly parents: Map<number, Expr>;
}

/**
 * The one assignment that can reach a read at `useLoc`: those before it in the body, plus
 * those inside loops around it (they come round again); undefined unless exactly one, and that
 * one not under an `if` the read is outside of.
 */
function reachingAssignment(local: number, useLoc: number, ctx: BoundContext): Assignment | undefined {
  const around = ancestors(useLoc, ctx.parents).filter((e) => e.kind === 'loop');
  const candidates = (ctx.sites.get(local) ?? []).filter(
    (site) => site.loc < useLoc || around.some((loop) => ancestors(site.loc, ctx.parents).includes(loop)),
  );
  if (candidates.length !== 1) return undefined;
  const site = candidates[0]!;
  const useAncestors = new Set(ancestors(useLoc, ctx.parents));
  const conditional = ancestors(site.loc, ctx.parents).some((e) => (e.kind === 'if' || e.kind === 'loop') && !useAncestors.has(e));
  return conditional ? undefined : site;
}

/**
 * Renders an expression made only of constants, unwritten params and locals whose one
 * reaching assignment is such an expression, e.g. `i32.add(i32.mul(p0, p2), p2)`; undefined
 * when anything else is involved.
 */
function paramExpression(expr: Expr, ctx: BoundContext, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  switch (expr.kind) {
    case 'const':
      return typeof expr.value.value === 'object' ? undefined : String(expr.value.value);
    case 'local.get': {
      const assigned = ctx.sites.get(expr.local) ?? [];
      if (ctx.fn.locals[expr.local]?.isParam && assigned.length === 0) return `p${expr.local}`;
      const site = reachingAssignment(expr.local, expr.loc, ctx);
      return site ? paramExpression(site.value, ctx, depth + 1) : undefined;
    }
    case 'unary': {
      const value = paramExpression(expr.value, ctx, depth + 1);
      return value === undefined ? undefined : `${expr.op}(${value})`;
    }
    case 'binary': {
      const left = paramExpression(expr.left, ctx, depth + 1);
      const right = paramExpression(expr.right, ctx, depth + 1);
      return left === undefined || right === undefined ? undefined : `${expr.op}(${left}, ${right})`;
    }
    default:
      return undefined;
  }
}

/**
 * The local a copy chain starts from: SSA form writes `$b = $a` for merges, so `$b` and `$a`
 * are one variable for counting purposes.
 */
function root(local: number, fn: KernelFunction, sets: Map<number, Expr[]>): number {
  for (let hops = 0; hops < 32; hops++) {
    const assigned = sets.get(local) ?? [];
    if (fn.locals[local]?.isParam || assigned.length !== 1 || assigned[0]!.kind !== 'local.get') return local;
    local = assigned[0]!.local;
  }
  return local;
}

/** The step of `x = x ± c`, where x is `local` up to copies. */
function stepFrom(value: Expr, local: number, fn: KernelFunction, sets: Map<number, Expr[]>): number | undefined {
  if (value.kind !== 'binary' || value.left.kind !== 'local.get') return undefined;
  if (value.right.kind !== 'const' || typeof value.right.value.value !== 'number') return undefined;
  if (root(value.left.local, fn, sets) !== local) return undefined;
  if (/\.add$/.test(value.op)) return value.right.value.value;
  if (/\.sub$/.test(value.op)) return -value.right.value.value;
  return undefined;
}

/**
 * A counter with a constant step: some assignment to `local` (or to a copy of it, or a value
 * copied into it) is `local ± c`. Returns the counter (its root local) and the step.
 */
function counterOf(local: number, fn: KernelFunction, sets: Map<number, Expr[]>): { local: number; step: number } | undefined {
  const candidates = new Set([local, root(local, fn, sets)]);
  for (const candidate of candidates) {
    // The phi of SSA form: assignments that copy the stepped value in.
    for (const assigned of sets.get(candidate) ?? []) {
      const direct = stepFrom(assigned, candidate, fn, sets);
      if (direct !== undefined) return { local: candidate, step: direct };
      if (assigned.kind === 'local.get') {
        for (const inner of sets.get(assigned.local) ?? []) {
          const step = stepFrom(inner, candidate, fn, sets);
          if (step !== undefined) return { local: candidate, step };
        }
      }
    }
    // The stepped value itself compared: `x' = x + c; br_if (x' < n)`.
    for (const assigned of sets.get(candidate) ?? []) {
      if (assigned.kind !== 'binary' || assigned.left.kind !== 'local.get') continue;
      const base = root(assigned.left.local, fn, sets);
      const step = stepFrom(assigned, base, fn, sets);
      if (step !== undefined && counterOf(base, fn, sets)) return { local: base, step };
    }
  }
  return undefined;
}

/**
 * Conditions that decide whether the loop goes round again: branches back to its start, and
 * branches out of it (to a label defined outside its body).
 */
function controlConditions(label: string | undefined, body: Expr): Expr[] {
  const inner = new Set<string>();
  walk(body, (expr) => {
    if ((expr.kind === 'block' || expr.kind === 'loop') && expr.label) inner.add(expr.label);
  });
  const decides = (target: string) => target === label || !inner.has(target);
  const conditions: Expr[] = [];
  walk(body, (expr) => {
    if (expr.kind === 'br_if' && decides(expr.label)) conditions.push(expr.condition);
    if (expr.kind === 'if' && expr.then.kind === 'br' && decides(expr.then.label)) conditions.push(expr.condition);
  });
  return conditions;
}

function unwrapEqz(expr: Expr): Expr {
  return expr.kind === 'unary' && /\.eqz$/.test(expr.op) ? unwrapEqz(expr.value) : expr;
}

export function findLoops(fn: KernelFunction): LoopInfo[] {
  const sets = assignmentsByLocal(fn);
  const boundContext: BoundContext = { fn, sites: assignmentSites(fn), parents: parentsOf(fn) };
  const loops: LoopInfo[] = [];
  walk(fn.body, (expr) => {
    if (expr.kind !== 'loop') return;
    let info: LoopInfo = { function: fn.name, loc: expr.loc, label: expr.label, induction: undefined, bound: undefined, boundFromParams: false };
    for (const raw of controlConditions(expr.label, expr.body)) {
      const condition = unwrapEqz(raw);
      if (condition.kind !== 'binary' || !COMPARE.test(condition.op)) continue;
      for (const [counter, other] of [
        [condition.left, condition.right],
        [condition.right, condition.left],
      ] as const) {
        if (counter.kind !== 'local.get') continue;
        const induction = counterOf(counter.local, fn, sets);
        if (induction === undefined) continue;
        const bound = paramExpression(other, boundContext);
        info = { ...info, induction, bound, boundFromParams: bound !== undefined };
        break;
      }
      if (info.induction) break;
    }
    loops.push(info);
  });
  return loops;
}
