import type { Expr } from '../ir/types.js';
import {
  ANY_I32,
  add,
  alignOf,
  bounds,
  constant,
  constantValue,
  interval,
  join,
  lowBit,
  multiply,
  scale,
  sub,
  type Sym,
  type SymbolRanges,
} from './affine-range.js';
import type { DispatchEnv } from './dispatch-env.js';

/** A local no assignment has reached yet (the fixed point's starting value). */
export const UNSET = null;
export type Lookup = Sym | typeof UNSET;

/** What the evaluator asks of its caller. */
export interface RangeContext {
  readonly env: DispatchEnv;
  readonly symbols: SymbolRanges;
  /** The form of a local where it is read. */
  local(index: number): Lookup;
  /** The form of a global; undefined for one that holds any value. */
  global(name: string): Sym;
}

const COMPARISON = /\.(eqz?|ne|[lg][te](_[su])?)$/;

function nextPowerOfTwo(n: number): number {
  let power = 1;
  while (power <= n) power *= 2;
  return power;
}

/**
 * The range of a form read as an unsigned i32, when that reading is the form itself (it is
 * non-negative and below 2^32). Forms are exact only modulo 2^32 (add, sub and multiplies wrap
 * like i32 does), so operations that are not linear check their operands' range first.
 */
function nonNegative(value: Sym, symbols: SymbolRanges): [number, number] | undefined {
  const range = bounds(value, symbols);
  return range && range[0] >= 0 && range[1] < 2 ** 32 ? range : undefined;
}

function signedRange(value: Sym, symbols: SymbolRanges): [number, number] | undefined {
  const range = bounds(value, symbols);
  return range && range[0] >= -(2 ** 31) && range[1] < 2 ** 31 ? range : undefined;
}

/** The range of a form under the signed or unsigned reading, when that reading is the form. */
function readAs(value: Sym, symbols: SymbolRanges, signed: boolean): [number, number] | undefined {
  return signed ? signedRange(value, symbols) : nonNegative(value, symbols);
}

function shiftRight(value: Sym, amount: number, symbols: SymbolRanges, signed: boolean): Sym {
  const range = readAs(value, symbols, signed);
  if (!value || !range) return undefined;
  const divisor = 2 ** amount;
  return interval(Math.floor(range[0] / divisor), Math.floor(range[1] / divisor), Math.max(1, alignOf(value) / divisor));
}

function bitAnd(a: Sym, b: Sym, symbols: SymbolRanges): Sym {
  const mask = constantValue(b) ?? constantValue(a);
  const other = constantValue(b) !== undefined ? a : b;
  if (mask === undefined) {
    const [x, y] = [nonNegative(a, symbols), nonNegative(b, symbols)];
    return x && y ? interval(0, Math.min(x[1], y[1])) : undefined;
  }
  const range = nonNegative(other, symbols);
  if (mask >= 0) return interval(0, range ? Math.min(range[1], mask) : mask, lowBit(mask));
  // A negative mask clears low bits: x & -4 rounds a non-negative x down to a multiple of 4.
  if (!range) return undefined;
  return interval(Math.max(0, range[0] - (~mask >>> 0)), range[1], lowBit(mask));
}

function bitOr(a: Sym, b: Sym, symbols: SymbolRanges): Sym {
  // Compilers write x + c as x | c when the low bits of x are known clear.
  for (const [value, other] of [[a, b], [b, a]] as const) {
    const c = constantValue(other);
    if (value && c !== undefined && c >= 0 && alignOf(value) > c) return add(value, other);
  }
  const [x, y] = [nonNegative(a, symbols), nonNegative(b, symbols)];
  return x && y ? interval(Math.max(x[0], y[0]), nextPowerOfTwo(Math.max(x[1], y[1])) - 1) : undefined;
}

function remainder(a: Sym, b: Sym, symbols: SymbolRanges, signed: boolean): Sym {
  const divisor = constantValue(b);
  if (divisor === undefined || divisor <= 0) return undefined;
  const range = readAs(a, symbols, signed);
  if (range && range[0] >= 0) return interval(0, Math.min(range[1], divisor - 1));
  return signed ? interval(-(divisor - 1), divisor - 1) : interval(0, divisor - 1);
}

function quotient(a: Sym, b: Sym, symbols: SymbolRanges, signed: boolean): Sym {
  const divisor = constantValue(b);
  const range = readAs(a, symbols, signed);
  if (divisor === undefined || divisor <= 0 || !range || range[0] < 0) return undefined;
  return interval(Math.floor(range[0] / divisor), Math.floor(range[1] / divisor));
}

/** An i32 operation on two constants, as wasm computes it (read back as the signed value). */
function fold(op: string, x: number, y: number): number | undefined {
  switch (op) {
    case 'i32.and':
      return x & y;
    case 'i32.or':
      return x | y;
    case 'i32.xor':
      return x ^ y;
    case 'i32.shl':
      return x << (y & 31);
    case 'i32.shr_s':
      return x >> (y & 31);
    case 'i32.shr_u':
      return (x >>> (y & 31)) | 0;
    case 'i32.rem_u':
      return y === 0 ? undefined : ((x >>> 0) % (y >>> 0)) | 0;
    case 'i32.div_u':
      return y === 0 ? undefined : Math.floor((x >>> 0) / (y >>> 0)) | 0;
    default:
      return undefined;
  }
}

function binary(op: string, a: Sym, b: Sym, ctx: RangeContext): Sym {
  const { symbols } = ctx;
  const [x, y] = [constantValue(a), constantValue(b)];
  const folded = x !== undefined && y !== undefined ? fold(op, x | 0, y | 0) : undefined;
  if (folded !== undefined) return constant(folded);
  switch (op) {
    case 'i32.add':
      return add(a, b);
    case 'i32.sub':
      return sub(a, b);
    case 'i32.mul':
      return multiply(a, b, symbols);
    case 'i32.shl': {
      const amount = constantValue(b);
      return amount === undefined ? undefined : scale(a, 2 ** (amount & 31));
    }
    case 'i32.shr_u':
    case 'i32.shr_s': {
      const amount = constantValue(b);
      return amount === undefined ? undefined : shiftRight(a, amount & 31, symbols, op === 'i32.shr_s');
    }
    case 'i32.and':
      return bitAnd(a, b, symbols);
    case 'i32.or':
      return bitOr(a, b, symbols);
    case 'i32.xor': {
      const [x, y] = [nonNegative(a, symbols), nonNegative(b, symbols)];
      return x && y ? interval(0, nextPowerOfTwo(Math.max(x[1], y[1])) - 1) : undefined;
    }
    case 'i32.rem_u':
    case 'i32.rem_s':
      return remainder(a, b, symbols, op === 'i32.rem_s');
    case 'i32.div_u':
    case 'i32.div_s':
      return quotient(a, b, symbols, op === 'i32.div_s');
    default:
      return undefined;
  }
}

function unary(op: string): Sym {
  switch (op) {
    case 'i32.clz':
    case 'i32.ctz':
    case 'i32.popcnt':
      return interval(0, 32);
    case 'i32.extend8_s':
      return interval(-128, 127);
    case 'i32.extend16_s':
      return interval(-32768, 32767);
    case 'i32.trunc_f32_u':
    case 'i32.trunc_sat_f32_u':
    case 'i32.trunc_f64_u':
    case 'i32.trunc_sat_f64_u':
      return interval(0, 2 ** 32 - 1);
    default:
      return ANY_I32;
  }
}

function loadRange(bytes: number, signed: boolean): Sym {
  if (bytes === 1) return signed ? interval(-128, 127) : interval(0, 255);
  if (bytes === 2) return signed ? interval(-32768, 32767) : interval(0, 65535);
  return ANY_I32;
}

/**
 * An i32 comparison the ranges decide: 1 or 0 when it holds for every value (or none), else
 * [0, 1]. The operands must be read as what their forms say (no wrapping), and are compared
 * through their difference, so a relation between two values of one iteration (j < j + 4)
 * is seen even when neither value alone is bounded.
 */
function decide(op: string, unsigned: boolean, a: Sym, b: Sym, symbols: SymbolRanges): Sym {
  const reads = (form: Sym) => (unsigned ? nonNegative(form, symbols) : signedRange(form, symbols));
  const exact = op === 'eq' || op === 'ne' ? (nonNegative(a, symbols) && nonNegative(b, symbols)) || (signedRange(a, symbols) && signedRange(b, symbols)) : reads(a) && reads(b);
  const difference = exact ? bounds(sub(a, b), symbols) : undefined;
  if (!difference) return interval(0, 1);
  const [lo, hi] = difference;
  // Each order test is monotone in d: deciding it at both ends decides it in between.
  const holds = (test: (d: number) => boolean): Sym => (test(lo) && test(hi) ? constant(1) : !test(lo) && !test(hi) ? constant(0) : interval(0, 1));
  switch (op) {
    case 'eq':
      return lo === 0 && hi === 0 ? constant(1) : lo > 0 || hi < 0 ? constant(0) : interval(0, 1);
    case 'ne':
      return lo === 0 && hi === 0 ? constant(0) : lo > 0 || hi < 0 ? constant(1) : interval(0, 1);
    case 'lt':
      return holds((d) => d < 0);
    case 'le':
      return holds((d) => d <= 0);
    case 'gt':
      return holds((d) => d > 0);
    default:
      return holds((d) => d >= 0);
  }
}

/**
 * The form of an i32 expression: affine forms through add, sub, constant multiplies and shifts
 * (exact modulo 2^32, as i32 arithmetic is: a consumer that needs the value itself checks the
 * form's range fits an i32 reading); intervals through masks, remainders and divisions;
 * undefined ("any i32") for data it cannot bound. UNSET when it reads a local no assignment
 * has reached yet.
 */
export function evaluateRange(expr: Expr, ctx: RangeContext): Lookup {
  if (expr.type !== 'i32') return undefined;
  switch (expr.kind) {
    case 'const':
      return expr.value.type === 'i32' ? constant(expr.value.value) : undefined;
    case 'local.get':
      return ctx.local(expr.local);
    case 'local.tee':
      return evaluateRange(expr.value, ctx);
    case 'global.get':
      return ctx.global(expr.global);
    case 'memory.size':
      return constant(Math.floor(ctx.env.memoryBytes / 65_536));
    case 'load': {
      const known = ctx.env.loadValues.get(expr.loc);
      return known !== undefined && !expr.atomic ? constant(known) : loadRange(expr.bytes, expr.signed);
    }
    case 'select': {
      const a = evaluateRange(expr.ifTrue, ctx);
      const b = evaluateRange(expr.ifFalse, ctx);
      if (a === UNSET || b === UNSET) return UNSET;
      return join(a, b, ctx.symbols);
    }
    case 'unary': {
      if (expr.op === 'i32.eqz') {
        const value = evaluateRange(expr.value, ctx);
        if (value === UNSET) return UNSET;
        return decide('eq', false, value, constant(0), ctx.symbols);
      }
      if (COMPARISON.test(expr.op)) return interval(0, 1);
      if (expr.op.startsWith('i32.') && evaluateRange(expr.value, ctx) === UNSET) return UNSET;
      return unary(expr.op);
    }
    case 'binary': {
      const a = evaluateRange(expr.left, ctx);
      const b = evaluateRange(expr.right, ctx);
      if (a === UNSET || b === UNSET) return UNSET;
      const compare = /^i32\.(eq|ne|lt|le|gt|ge)(_([su]))?$/.exec(expr.op);
      if (compare) return decide(compare[1]!, compare[3] === 'u', a, b, ctx.symbols);
      if (COMPARISON.test(expr.op)) return interval(0, 1);
      return binary(expr.op, a, b, ctx);
    }
    default:
      return undefined;
  }
}
