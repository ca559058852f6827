import type { KernelFunction } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { children } from '../ir/walk.js';
import {
  BOTTOM,
  addAffine,
  bufferPointer,
  combine,
  constant,
  constantOf,
  scalar,
  scaleAffine,
  stackPointer,
  unknown,
  type AbstractValue,
  type Lattice,
} from './abstract-value.js';

/** What the evaluator knows about the function it evaluates in. */
export interface EvalContext {
  readonly locals: ReadonlyMap<number, Lattice>;
  /** True for the `kernel` entry, whose params have known meanings. */
  readonly isEntry: boolean;
  readonly stackPointerGlobal: string | undefined;
  /** What each global other than the stack pointer holds; missing means unknown. */
  readonly globals?: ReadonlyMap<string, AbstractValue>;
}

const COMPARISON = /\.(eqz?|ne|[lg][te](_[su])?)$/;
const PASS_THROUGH = /^(i64\.extend_i32_[su]|i32\.wrap_i64|i64\.extend32_s)$/;

/** The value params of `kernel` start with: iteration id, count, block size, (ptr, len) per buffer. */
export function entryParamValue(index: number): AbstractValue {
  if (index === 0) return scalar({ c: 0, s: 1, buffer: undefined });
  if (index >= 3 && (index - 3) % 2 === 0) return bufferPointer((index - 3) / 2);
  return scalar();
}

/**
 * Compilers write `x + c` as `x | c` when the low bits of x are known zero (`(i << 6) | 4`).
 * That is exact when x's constant and iteration coefficient are both multiples of a power of
 * two above c: then x has those low bits clear for every iteration id.
 */
function orAsAdd(value: AbstractValue, other: AbstractValue): ReturnType<typeof addAffine> {
  const c = constantOf(other);
  const a = value.affine;
  if (c === undefined || c < 0 || !a || a.buffer !== undefined) return undefined;
  let power = 1;
  while (power <= c) power *= 2;
  return a.c % power === 0 && a.s % power === 0 ? { c: a.c + c, s: a.s, buffer: undefined } : undefined;
}

function isBottom(value: Lattice): value is typeof BOTTOM {
  return value === BOTTOM;
}

/**
 * Evaluates an expression in the abstract domain. Loads from buffers yield plain scalars (a
 * kernel's data are numbers, e.g. indices); loads from the stack or static data may be spilled
 * pointers, so they yield `unknown`.
 */
export function evaluate(expr: Expr, ctx: EvalContext): Lattice {
  switch (expr.kind) {
    case 'const':
      if (expr.value.type === 'i32') return constant(expr.value.value);
      if (expr.value.type === 'i64' && BigInt.asIntN(32, expr.value.value) === expr.value.value) return constant(Number(expr.value.value));
      return scalar();
    case 'local.get':
      return ctx.locals.get(expr.local) ?? BOTTOM;
    case 'local.tee':
      return evaluate(expr.value, ctx);
    case 'global.get':
      if (expr.global === ctx.stackPointerGlobal) return stackPointer();
      return ctx.globals?.get(expr.global) ?? unknown(`it is read from global \`${expr.global}\``);
    case 'binary': {
      if (COMPARISON.test(expr.op) || /^f(32|64)/.test(expr.op)) return scalar();
      const left = evaluate(expr.left, ctx);
      const right = evaluate(expr.right, ctx);
      if (isBottom(left) || isBottom(right)) return BOTTOM;
      const op = expr.op.slice(4);
      switch (op) {
        case 'add':
          return combine(left, right, addAffine(left.affine, right.affine, 1) ?? addAffine(right.affine, left.affine, 1));
        case 'sub':
          return combine(left, right, addAffine(left.affine, right.affine, -1));
        case 'mul':
          return combine(left, right, scaleAffine(left.affine, constantOf(right)) ?? scaleAffine(right.affine, constantOf(left)));
        case 'shl': {
          const shift = constantOf(right);
          return combine(left, right, shift === undefined ? undefined : scaleAffine(left.affine, 2 ** (shift & 31)));
        }
        case 'or':
          return combine(left, right, orAsAdd(left, right) ?? orAsAdd(right, left));
        default:
          return combine(left, right, undefined);
      }
    }
    case 'unary': {
      if (COMPARISON.test(expr.op) || /^f(32|64)/.test(expr.op)) return scalar();
      const value = evaluate(expr.value, ctx);
      if (isBottom(value)) return BOTTOM;
      return PASS_THROUGH.test(expr.op) ? value : { ...value, affine: undefined };
    }
    case 'select': {
      const a = evaluate(expr.ifTrue, ctx);
      const b = evaluate(expr.ifFalse, ctx);
      if (isBottom(a)) return b;
      if (isBottom(b)) return a;
      return combine(a, b, a.affine && b.affine && a.affine.c === b.affine.c && a.affine.s === b.affine.s && a.affine.buffer === b.affine.buffer ? a.affine : undefined);
    }
    case 'load':
    case 'atomic.rmw':
    case 'atomic.cmpxchg': {
      const ptr = evaluate(expr.ptr, ctx);
      if (isBottom(ptr)) return BOTTOM;
      const fromBuffersOnly = ptr.sources.size > 0 && [...ptr.sources].every((s) => s.startsWith('buffer:'));
      return fromBuffersOnly ? scalar() : unknown('it is loaded from memory that may hold a spilled pointer');
    }
    case 'memory.size':
    case 'memory.grow':
    case 'atomic.wait':
    case 'atomic.notify':
    case 'simd.extract':
      return scalar();
    case 'call':
    case 'call_indirect':
      return unknown(`it is the result of ${expr.kind === 'call' ? `a call to \`${expr.target}\`` : 'an indirect call'}`);
    default:
      return unknown(`it comes from a \`${expr.kind}\``);
  }
}

/** Every local assignment in a function, with its value expression. */
export function assignments(fn: KernelFunction): { local: number; value: Expr }[] {
  const out: { local: number; value: Expr }[] = [];
  const stack: Expr[] = [fn.body];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    if (expr.kind === 'local.set' || expr.kind === 'local.tee') out.push({ local: expr.local, value: expr.value });
    pushChildren(expr, stack);
  }
  return out;
}

function pushChildren(expr: Expr, stack: Expr[]): void {
  const kids = children(expr);
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
}
