import type { Expr } from '../ir/types.js';
import { NotVectorisable } from './not-vectorisable.js';
import { constText, loadOp, memarg, storeOp } from './wat-text.js';

/** The WAT label of an IR structure; the function body's own label is `$fn`. */
export function structureLabel(loc: number): string {
  return `$s${loc}`;
}

/** The WAT name of IR local `index` and IR global `index`. */
export function localName(index: number): string {
  return `$l${index}`;
}
export function globalName(index: number): string {
  return `$g${index}`;
}

/**
 * The kernel's body as text, one iteration: what the scalar loop (and the N mod 4 remainder)
 * runs. The IR maps one to one onto the text format; `return` becomes a branch to `$fn`, the
 * block standing for the body, as in core's fused loop. Covers the expression kinds a
 * vectorisable kernel may hold (`checkVectorisable` refused the others).
 */
export class ScalarText {
  readonly #labels: { label: string | undefined; loc: number }[] = [];

  constructor(readonly globals: ReadonlyMap<string, number>) {}

  #label(label: string, loc: number): string {
    for (let i = this.#labels.length - 1; i >= 0; i--) if (this.#labels[i]!.label === label) return structureLabel(this.#labels[i]!.loc);
    throw new NotVectorisable(`a branch to an unknown label \`${label}\``, loc);
  }

  #scoped(label: string | undefined, loc: number, body: () => string): string {
    this.#labels.push({ label, loc });
    try {
      return body();
    } finally {
      this.#labels.pop();
    }
  }

  expr(expr: Expr): string {
    const e = (child: Expr): string => this.expr(child);
    switch (expr.kind) {
      case 'block':
        return this.#scoped(expr.label, expr.loc, () => `(block ${structureLabel(expr.loc)}\n${expr.body.map(e).join('\n')})`);
      case 'loop':
        return this.#scoped(expr.label, expr.loc, () => `(loop ${structureLabel(expr.loc)}\n${e(expr.body)})`);
      case 'if':
        return `(if ${e(expr.condition)} (then ${e(expr.then)})${expr.else ? ` (else ${e(expr.else)})` : ''})`;
      case 'br':
        return `(br ${this.#label(expr.label, expr.loc)})`;
      case 'br_if':
        return `(br_if ${this.#label(expr.label, expr.loc)} ${e(expr.condition)})`;
      case 'br_table':
        return `(br_table ${[...expr.labels, expr.defaultLabel].map((label) => this.#label(label, expr.loc)).join(' ')} ${e(expr.index)})`;
      case 'return':
        return '(br $fn)';
      case 'nop':
        return '(nop)';
      case 'unreachable':
        return '(unreachable)';
      case 'drop':
        return `(drop ${e(expr.value)})`;
      case 'select':
        return `(select ${e(expr.ifTrue)} ${e(expr.ifFalse)} ${e(expr.condition)})`;
      case 'local.get':
        return `(local.get ${localName(expr.local)})`;
      case 'local.set':
        return `(local.set ${localName(expr.local)} ${e(expr.value)})`;
      case 'global.get':
        return `(global.get ${globalName(this.globals.get(expr.global)!)})`;
      case 'const':
        return constText(expr.value);
      case 'unary':
        return `(${expr.op} ${e(expr.value)})`;
      case 'binary':
        return `(${expr.op} ${e(expr.left)} ${e(expr.right)})`;
      case 'load':
        return `(${loadOp(expr)} ${memarg(expr)} ${e(expr.ptr)})`;
      case 'store':
        return `(${storeOp(expr)} ${memarg(expr)} ${e(expr.ptr)} ${e(expr.value)})`;
      case 'memory.size':
        return '(memory.size)';
      default:
        throw new NotVectorisable(`it uses ${expr.kind}`, expr.loc);
    }
  }
}
