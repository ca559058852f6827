import { affine, walk, type DispatchAnalysis, type Expr, type KernelFunction, type Sym } from '@wasi-parallel/kernel';
import { bitsToFloat, floatToBits } from './float-bits.js';
import { binaryOp, unaryOp } from './op-dispatch.js';
import { emitLoad } from './memory-ops.js';
import { SPECIALS, type Plane, type Purpose } from './plan-types.js';
import { num, SourceWriter } from './source-writer.js';
import { unsupported } from './translate-error.js';
import {
  boolToNumber,
  limbsToNumber,
  literalLimbs,
  named,
  smallFits,
  smallToLimbs,
  type FloatVal,
  type Limbs,
  type NumberModel,
  type Val,
} from './values.js';

type Repr = 'small' | 'wide' | 'f32';


export interface EmitterInput {
  readonly fn: KernelFunction;
  readonly analysis: DispatchAnalysis;
  readonly model: NumberModel;
  readonly purpose: Purpose;
  readonly globals: readonly { readonly name: string; readonly type: string; readonly init: number | bigint | undefined }[];
}

/**
 * The state of translating one function for one purpose: the writer, how each local is held,
 * which inputs are read, and the conversions between value representations.
 */
export class Emitter {
  readonly w = new SourceWriter();
  readonly planes = new Set<Plane>();
  readonly #repr = new Map<number, Repr>();
  /** Locals assigned only from 4-byte loads: the address variable holding where their bits are. */
  readonly #backed = new Map<number, string>();
  readonly #assigned = new Set<number>();

  constructor(readonly input: EmitterInput) {
    const { fn } = input;
    walk(fn.body, (e) => {
      if (e.kind === 'local.set' || e.kind === 'local.tee') this.#assigned.add(e.local);
    });
    const loadsOnly = new Map<number, boolean>();
    walk(fn.body, (e) => {
      if (e.kind !== 'local.set' && e.kind !== 'local.tee') return;
      const load = e.value.kind === 'load' && e.value.bytes === 4 && !e.value.atomic;
      loadsOnly.set(e.local, (loadsOnly.get(e.local) ?? true) && load);
    });
    for (const local of fn.locals) {
      if (local.type === 'f32') this.#repr.set(local.index, 'f32');
      else if (local.type === 'i32') this.#repr.set(local.index, this.fits(this.input.analysis.locals.get(local.index)) ? 'small' : 'wide');
    }
    for (const [local, only] of loadsOnly) if (only && !fn.locals[local]?.isParam) this.#backed.set(local, `l${local}p`);
  }

  get fnName(): string {
    return this.input.fn.name;
  }

  get symbols(): affine.SymbolRanges {
    return this.input.analysis.symbols;
  }

  fits(form: Sym): boolean {
    return smallFits(form, this.symbols, this.input.model);
  }

  /** Checks the status kernel emitted (none: the kernel cannot trap and need not run). */
  checks = 0;

  /** Status kernels only: ends the iteration with `status` when `condition` holds. */
  check(condition: string, status: number): void {
    if (this.input.purpose.kind !== 'status') return;
    this.checks++;
    this.w.line(`if (${condition}) { return ${status}; }`);
  }

  fail(message: string, loc?: number): never {
    throw unsupported(message, this.fnName, loc);
  }

  /** `let` lines for every local the function uses, zero as wasm starts them, params as passed. */
  declarations(): string[] {
    const used = new Set<number>();
    walk(this.input.fn.body, (e) => {
      if (e.kind === 'local.get' || e.kind === 'local.set' || e.kind === 'local.tee') used.add(e.local);
    });
    const lines: string[] = [];
    for (const index of [...used].sort((a, b) => a - b)) {
      const local = this.input.fn.locals[index]!;
      if (local.isParam && !this.#assigned.has(index)) continue;
      const initial = local.isParam ? this.paramValue(index) : undefined;
      const repr = this.#repr.get(index);
      if (repr === 'wide') {
        const limbs = initial ? this.toLimbsText(initial) : { lo: '0', hi: '0' };
        lines.push(`let l${index}a = ${limbs.lo};`, `let l${index}b = ${limbs.hi};`);
      } else if (repr) lines.push(`let l${index} = ${initial?.t === 'small' ? initial.e : '0'};`);
      else this.fail(`local ${index} has type ${local.type}, which the GPU.js translator does not carry`);
      if (this.#backed.has(index)) lines.push(`let ${this.#backed.get(index)} = 0;`);
    }
    this.input.globals.forEach((global, i) => {
      if (global.type !== 'i32' && global.type !== 'f32') return;
      const init = typeof global.init === 'number' ? global.init : 0;
      if (global.type === 'f32') lines.push(`let g${i} = ${this.floatLiteral(init)};`);
      else lines.push(`let g${i}a = ${literalLimbs(init).lo};`, `let g${i}b = ${literalLimbs(init).hi};`);
    });
    return lines;
  }

  /** The value a param holds in every iteration: the iteration id, or a number of the call. */
  paramValue(index: number): Val {
    if (index === 0) return { t: 'small', e: 'iter', form: affine.symbol(affine.ITERATION_SYMBOL) };
    const { env } = this.input.analysis;
    const buffer = env.buffers[Math.floor((index - 3) / 2)];
    const value = index === 1 ? env.numIterations : index === 2 ? env.blockSize : !buffer ? 0 : (index - 3) % 2 === 0 ? buffer.pointer : buffer.length;
    return this.literal(value);
  }

  literal(value: number): Val {
    return { t: 'small', e: num(value), form: affine.constant(value) };
  }

  floatLiteral(value: number): string {
    if (Number.isNaN(value)) return this.special('NaN');
    if (value === Infinity) return this.special('Infinity');
    if (value === -Infinity) return this.special('NegativeInfinity');
    return num(value);
  }

  special(name: keyof typeof SPECIALS): string {
    this.planes.add('spec');
    return `spec[${SPECIALS[name]}]`;
  }

  localVal(index: number): Val {
    const local = this.input.fn.locals[index];
    if (local?.isParam && !this.#assigned.has(index)) return this.paramValue(index);
    const repr = this.#repr.get(index);
    const addr = this.#backed.get(index);
    if (repr === 'f32') return { t: 'f32', e: `l${index}`, ...(addr ? { addr } : {}) };
    if (repr === 'wide') return { t: 'wide', lo: `l${index}a`, hi: `l${index}b`, ...(addr ? { addr } : {}) };
    return { t: 'small', e: `l${index}`, form: this.input.analysis.locals.get(index), ...(addr ? { addr } : {}) };
  }

  assignLocal(index: number, value: Val): void {
    const repr = this.#repr.get(index);
    const addr = this.#backed.get(index);
    if (addr) this.w.line(`${addr} = ${'addr' in value && value.addr ? value.addr : '0'};`);
    if (repr === 'f32') this.w.line(`l${index} = ${this.float(value)};`);
    else if (repr === 'wide') {
      const limbs = this.limbs(value);
      this.w.line(`l${index}a = ${limbs.lo};`);
      this.w.line(`l${index}b = ${limbs.hi};`);
    } else this.w.line(`l${index} = ${this.small(value, this.input.analysis.locals.get(index))};`);
  }

  globalVal(name: string): Val {
    const index = this.input.globals.findIndex((g) => g.name === name);
    const global = this.input.globals[index];
    if (!global || (global.type !== 'i32' && global.type !== 'f32')) this.fail(`global \`${name}\` has a type the GPU.js translator does not carry`);
    return global.type === 'f32' ? { t: 'f32', e: `g${index}` } : { t: 'wide', lo: `g${index}a`, hi: `g${index}b` };
  }

  assignGlobal(name: string, value: Val): void {
    const index = this.input.globals.findIndex((g) => g.name === name);
    const target = this.globalVal(name);
    if (target.t === 'f32') this.w.line(`g${index} = ${this.float(value)};`);
    else {
      const limbs = this.limbs(value);
      this.w.line(`g${index}a = ${limbs.lo};`);
      this.w.line(`g${index}b = ${limbs.hi};`);
    }
  }

  // ---- representations --------------------------------------------------------------------

  /** The value as limbs. */
  limbs(value: Val): Limbs {
    switch (value.t) {
      case 'wide':
        return value;
      case 'small':
        return this.toLimbsText(value);
      case 'bool':
        return { lo: boolToNumber(value.e), hi: '0' };
      case 'f32':
        this.fail('an f32 used as an i32');
    }
  }

  toLimbsText(value: Val): Limbs {
    if (value.t === 'small' && /^\(?-?\d+\)?$/.test(value.e)) return literalLimbs(Number(value.e.replace(/[()]/g, '')));
    if (value.t === 'small') return smallToLimbs(this.w, value.e);
    return this.limbs(value);
  }

  /** The value as one number, for a consumer whose `form` (the range it may take) fits `small`. */
  small(value: Val, form: Sym): string {
    switch (value.t) {
      case 'small':
        return value.e;
      case 'bool':
        return boolToNumber(value.e);
      case 'wide':
        return limbsToNumber(value, affine.fitsSigned(form, this.symbols));
      case 'f32':
        this.fail('an f32 used as an i32');
    }
  }

  /** A boolean expression: the i32 is non-zero. */
  truthy(value: Val): string {
    switch (value.t) {
      case 'bool':
        return value.e;
      case 'small':
        return `(${value.e} != 0)`;
      case 'wide':
        return `(${value.lo} != 0 || ${value.hi} != 0)`;
      case 'f32':
        this.fail('an f32 used as a condition');
    }
  }

  /** The f32 as a float expression (decoding its bits if that is all there is). */
  float(value: Val): string {
    if (value.t !== 'f32') this.fail('an i32 used as an f32');
    if (value.e !== undefined) return value.e;
    if (value.addr !== undefined) return this.gatherFloat(value.addr);
    return bitsToFloat(this.w, value.bits!, { nan: this.special('NaN'), inf: this.special('Infinity') });
  }

  /** The f32's bits as limbs. */
  bits(value: FloatVal): Limbs {
    if (value.bits) return value.bits;
    if (value.addr !== undefined) return this.gatherLimbs(value.addr);
    return floatToBits(this.w, named(this.w, value.e!));
  }

  gatherFloat(addr: string): string {
    this.planes.add('memF');
    return this.w.temp(`memF[${addr} / 4]`);
  }

  gatherLimbs(addr: string): Limbs {
    this.planes.add('memL');
    const half = named(this.w, `${addr} / 2`);
    return { lo: this.w.temp(`memL[${half}]`), hi: this.w.temp(`memL[${half} + 1]`) };
  }

  // ---- expressions ------------------------------------------------------------------------

  /** Emits what an expression needs and returns its value. */
  expr(e: Expr): Val {
    switch (e.kind) {
      case 'const':
        if (e.value.type === 'i32') return this.literal(e.value.value);
        if (e.value.type === 'f32') return { t: 'f32', e: this.floatLiteral(e.value.value) };
        return this.fail(`${e.value.type} constants are not supported`, e.loc);
      case 'local.get':
        return this.localVal(e.local);
      case 'global.get':
        return this.globalVal(e.global);
      case 'unary':
        return unaryOp(this, e, this.expr(e.value));
      case 'binary':
        return binaryOp(this, e, this.expr(e.left), this.expr(e.right));
      case 'select':
        return this.select(e);
      case 'load':
        return emitLoad(this, e);
      case 'memory.size':
        return this.literal(Math.floor(this.input.analysis.env.memoryBytes / 65_536));
      default:
        return this.fail(`\`${e.kind}\` is not supported by the GPU.js translator`, e.loc);
    }
  }

  formOf(e: Expr): Sym {
    return this.input.analysis.rangeOf(e);
  }

  private select(e: Extract<Expr, { kind: 'select' }>): Val {
    const a = this.expr(e.ifTrue);
    const b = this.expr(e.ifFalse);
    const condition = this.truthy(this.expr(e.condition));
    if (e.type === 'f32') return { t: 'f32', e: this.w.temp(`${condition} ? ${this.float(a)} : ${this.float(b)}`) };
    const form = this.formOf(e);
    if (this.fits(form)) return { t: 'small', e: this.w.temp(`${condition} ? ${this.small(a, form)} : ${this.small(b, form)}`), form };
    const [x, y] = [this.limbs(a), this.limbs(b)];
    const c = this.w.flag(condition);
    return { t: 'wide', lo: this.w.temp(`${c} ? ${x.lo} : ${y.lo}`), hi: this.w.temp(`${c} ? ${x.hi} : ${y.hi}`) };
  }
}
