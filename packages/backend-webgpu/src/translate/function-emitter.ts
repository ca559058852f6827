import type { Expr, KernelFunction, KernelGlobal, ValueType } from '@wasi-parallel/kernel';
import { emitControlFlow } from './control-flow.js';
import { emitMemory } from './memory-ops.js';
import { emitNumeric, type FloatMode } from './numeric-ops.js';
import { unsupported, type SourceLocation } from './translate-error.js';
import { emitVariable } from './variables.js';
import { wgslType, zeroOf, type WgslType } from './wgsl-types.js';

/** A wasm `block` or `loop` with a label: each becomes one WGSL `loop`. */
export interface Construct {
  readonly label: string | undefined;
  readonly kind: 'block' | 'loop';
  /** Non-zero id stored in `brk` when a branch must leave several WGSL loops. */
  readonly id: number;
  /** The WGSL variable a valued block's result goes to. */
  readonly result: string | undefined;
}

/** What a function body may refer to outside itself. */
export interface ModuleContext {
  readonly float: FloatMode;
  /** The adapter may end loops early: mark and check every loop exit (TranslateOptions.cutLoops). */
  readonly cutLoops: boolean;
  /** Construct ids, unique in the module: a loop's exit mark must not match another function's loop. */
  readonly ids: { next: number };
  readonly functions: ReadonlyMap<string, { readonly wgslName: string; readonly fn: KernelFunction }>;
  readonly globals: ReadonlyMap<string, { readonly wgslName: string; readonly global: KernelGlobal }>;
}

/** A family visitor: emits the statements an expression needs and returns its value, if any. */
export type FamilyVisitor = (emitter: FunctionEmitter, expr: Expr) => string | undefined;

const FAMILIES: readonly FamilyVisitor[] = [emitControlFlow, emitVariable, emitMemory, emitNumeric];

/**
 * Emits one function's body as WGSL statements. Every intermediate value is bound to a `let`
 * as soon as it is computed, so wasm's left-to-right evaluation order survives whatever the
 * operands do (a later operand may `local.set` what an earlier one read, or trap).
 */
export class FunctionEmitter {
  readonly lines: string[] = [];
  readonly constructs: Construct[] = [];
  #indent = 1;
  /** Per nesting level: a branch, return or trap ended it, so what follows there is dead. */
  readonly #dead: boolean[] = [];
  #temps = 0;

  constructor(
    readonly fn: KernelFunction,
    readonly module: ModuleContext,
    /** The WGSL result type; undefined for `kernel` and functions without results. */
    readonly returnType: WgslType | undefined,
  ) {}

  /** Emits a line, unless a terminator earlier at this level made it unreachable (WGSL warns about such code). */
  line(text: string): void {
    if (this.#dead[this.#indent]) return;
    this.lines.push('  '.repeat(this.#indent) + text);
  }

  /** Emits a `break`, `continue` or `return`: nothing after it at this level runs. */
  terminator(text: string): void {
    this.line(text);
    this.#dead[this.#indent] = true;
  }

  nested(body: () => void): void {
    const dead = this.#dead[this.#indent] ?? false;
    this.#indent++;
    this.#dead[this.#indent] = dead;
    try {
      body();
    } finally {
      this.#dead[this.#indent] = false;
      this.#indent--;
    }
  }

  nextId(): number {
    return ++this.module.ids.next;
  }

  at(expr: Expr): SourceLocation {
    return { function: this.fn.name, loc: expr.loc };
  }

  type(type: ValueType, expr: Expr): WgslType {
    return wgslType(type, this.at(expr));
  }

  /** Binds a value to a fresh `let` and returns its name. */
  temp(wgsl: string): string {
    const name = `t${++this.#temps}`;
    this.line(`let ${name} = ${wgsl};`);
    return name;
  }

  /** Declares a fresh zero-initialised `var` and returns its name. */
  variable(type: WgslType, prefix = 'v'): string {
    const name = `${prefix}${++this.#temps}`;
    this.line(`var ${name}: ${type};`);
    return name;
  }

  returnStatement(value?: string): string {
    if (this.returnType === undefined) return 'return;';
    return `return ${value ?? zeroOf(this.returnType)};`;
  }

  /** After anything that may trap: the invocation ends, writing nothing more. */
  checkTrap(): void {
    this.line(`if (trap != 0u) { ${this.returnStatement()} }`);
  }

  /** Emits an expression and returns its value, or undefined when it has none. */
  emit(expr: Expr): string | undefined {
    for (const family of FAMILIES) {
      const result = family(this, expr);
      if (result !== NOT_MINE) return result;
    }
    throw unsupported(`the instruction \`${describe(expr)}\` is not supported`, this.at(expr));
  }

  /** An operand of type `type`: when the operand never yields (it branches or traps), any value of that type does. */
  value(expr: Expr, type: ValueType): string {
    const result = this.emit(expr);
    if (expr.type === 'unreachable' || result === undefined) return zeroOf(this.type(type, expr));
    return result;
  }

  statement(expr: Expr): void {
    this.emit(expr);
  }
}

/** Returned by a family visitor for an expression kind it does not handle. */
export const NOT_MINE = '\u0000not-mine' as const;

function describe(expr: Expr): string {
  return 'op' in expr ? String(expr.op) : expr.kind;
}
