import type { KernelFunction } from '../ir/module.js';
import type { ConstValue, Expr, ExprType } from '../ir/types.js';
import { children as childrenForPrint } from '../ir/walk.js';

function typeName(type: ExprType): string {
  return typeof type === 'string' ? type : `(${type.tuple.join(' ')})`;
}

function constText(value: ConstValue): string {
  switch (value.type) {
    case 'i64':
      return `${value.value}`;
    case 'v128':
      return `i8x16 ${value.value.join(' ')}`;
    default:
      return Object.is(value.value, -0) ? '-0' : String(value.value);
  }
}

function memarg(expr: { offset: number; align: number; bytes: number }): string {
  return `${expr.offset ? ` offset=${expr.offset}` : ''}${expr.align !== expr.bytes ? ` align=${expr.align}` : ''}`;
}

/** The head of an expression: its kind and immediates, as in the text format. */
function head(expr: Expr, fn: KernelFunction): string {
  const local = (index: number) => `$${fn.locals[index]?.name ?? index}`;
  switch (expr.kind) {
    case 'block':
    case 'loop':
      return `${expr.kind}${expr.label ? ` $${expr.label}` : ''}${expr.type !== 'none' && expr.type !== 'unreachable' ? ` (result ${typeName(expr.type)})` : ''}`;
    case 'if':
      return `if${expr.type !== 'none' && expr.type !== 'unreachable' ? ` (result ${typeName(expr.type)})` : ''}`;
    case 'br':
    case 'br_if':
      return `${expr.kind} $${expr.label}`;
    case 'br_table':
      return `br_table ${[...expr.labels, expr.defaultLabel].map((l) => `$${l}`).join(' ')}`;
    case 'call':
      return `call $${expr.target}`;
    case 'call_indirect':
      return `call_indirect ${expr.table}`;
    case 'local.get':
    case 'local.set':
    case 'local.tee':
      return `${expr.kind} ${local(expr.local)}`;
    case 'global.get':
    case 'global.set':
      return `${expr.kind} $${expr.global}`;
    case 'const':
      return `${expr.value.type}.const ${constText(expr.value)}`;
    case 'unary':
    case 'binary':
    case 'simd.ternary':
    case 'simd.shift':
      return expr.op;
    case 'load':
      return `${typeName(expr.type)}.${expr.atomic ? 'atomic.' : ''}load${expr.bytes * 8 < 32 || (expr.type === 'i64' && expr.bytes < 8) ? `${expr.bytes * 8}_${expr.signed ? 's' : 'u'}` : ''}${memarg(expr)}`;
    case 'store':
      return `${expr.valueType}.${expr.atomic ? 'atomic.' : ''}store${(expr.valueType === 'i64' && expr.bytes < 8) || expr.bytes < 4 ? expr.bytes * 8 : ''}${memarg(expr)}`;
    case 'atomic.rmw':
      return `${typeName(expr.type)}.atomic.rmw${expr.bytes * 8}.${expr.op}${memarg(expr)}`;
    case 'atomic.cmpxchg':
      return `${typeName(expr.type)}.atomic.rmw${expr.bytes * 8}.cmpxchg${memarg(expr)}`;
    case 'simd.load':
      return `${expr.op}${memarg(expr)}`;
    case 'simd.load_lane':
    case 'simd.store_lane':
      return `${expr.op}${memarg(expr)} ${expr.lane}`;
    case 'simd.extract':
    case 'simd.replace':
      return `${expr.op} ${expr.lane}`;
    case 'simd.shuffle':
      return `i8x16.shuffle ${expr.mask.join(' ')}`;
    case 'memory.init':
    case 'data.drop':
      return `${expr.kind} ${expr.segment}`;
    case 'tuple.extract':
      return `tuple.extract ${expr.index}`;
    default:
      return expr.kind;
  }
}

function printExpr(expr: Expr, fn: KernelFunction, indent: string, lines: string[], marks: ReadonlyMap<number, string>): void {
  const note = marks.get(expr.loc);
  const gutter = `${String(expr.loc).padStart(5)} `;
  const kids = childrenForPrint(expr);
  const text = `${indent}(${head(expr, fn)}${kids.length === 0 ? ')' : ''}${note ? `  ;; ${note}` : ''}`;
  lines.push(gutter + text);
  if (kids.length === 0) return;
  for (const kid of kids) printExpr(kid, fn, `${indent}  `, lines, marks);
  lines[lines.length - 1] += ')';
}

/**
 * Prints a function in an S-expression form close to the text format, one instruction per
 * line, each prefixed with its `loc` (the "instruction offset" of error messages). `marks`
 * annotates instructions (the report marks memory accesses with their analysis).
 */
export function printFunction(fn: KernelFunction, marks: ReadonlyMap<number, string> = new Map()): string {
  const params = fn.locals.filter((l) => l.isParam).map((l) => `(param $${l.name ?? l.index} ${l.type})`);
  const locals = fn.locals.filter((l) => !l.isParam).map((l) => `(local $${l.name ?? l.index} ${l.type})`);
  const results = fn.results.length > 0 ? [`(result ${fn.results.join(' ')})`] : [];
  const lines = [`(func $${fn.name} ${[...params, ...results].join(' ')}`.trimEnd()];
  if (locals.length > 0) lines.push(`      ${locals.join(' ')}`);
  printExpr(fn.body, fn, '  ', lines, marks);
  lines[lines.length - 1] += ')';
  return lines.join('\n');
}

/** One expression on one line, for error messages: `i32.add(local.get $0, i32.const 4)`. */
export function printExprInline(expr: Expr, fn: KernelFunction, budget = 120): string {
  const kids = childrenForPrint(expr);
  const own = head(expr, fn);
  const text = kids.length === 0 ? own : `${own}(${kids.map((k) => printExprInline(k, fn, budget)).join(', ')})`;
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}
