import type { Expr } from './types.js';

/** The operands and bodies of an expression, in evaluation (and `loc`) order. */
export function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'block':
      return [...expr.body];
    case 'loop':
      return [expr.body];
    case 'if':
      return expr.else ? [expr.condition, expr.then, expr.else] : [expr.condition, expr.then];
    case 'br':
    case 'return':
      return expr.value ? [expr.value] : [];
    case 'br_if':
      return expr.value ? [expr.value, expr.condition] : [expr.condition];
    case 'br_table':
      return expr.value ? [expr.value, expr.index] : [expr.index];
    case 'call':
    case 'tuple.make':
      return [...expr.operands];
    case 'call_indirect':
      return [...expr.operands, expr.target];
    case 'drop':
    case 'local.set':
    case 'local.tee':
    case 'global.set':
    case 'unary':
      return [expr.value];
    case 'select':
      return [expr.ifTrue, expr.ifFalse, expr.condition];
    case 'binary':
      return [expr.left, expr.right];
    case 'load':
    case 'simd.load':
      return [expr.ptr];
    case 'store':
    case 'atomic.rmw':
      return [expr.ptr, expr.value];
    case 'atomic.cmpxchg':
      return [expr.ptr, expr.expected, expr.replacement];
    case 'atomic.wait':
      return [expr.ptr, expr.expected, expr.timeout];
    case 'atomic.notify':
      return [expr.ptr, expr.count];
    case 'memory.grow':
      return [expr.delta];
    case 'memory.init':
      return [expr.dest, expr.offset, expr.size];
    case 'memory.copy':
      return [expr.dest, expr.source, expr.size];
    case 'memory.fill':
      return [expr.dest, expr.value, expr.size];
    case 'simd.extract':
      return [expr.vec];
    case 'simd.replace':
      return [expr.vec, expr.value];
    case 'simd.shuffle':
      return [expr.left, expr.right];
    case 'simd.ternary':
      return [expr.a, expr.b, expr.c];
    case 'simd.shift':
      return [expr.vec, expr.shift];
    case 'simd.load_lane':
    case 'simd.store_lane':
      return [expr.ptr, expr.vec];
    case 'tuple.extract':
      return [expr.tuple];
    case 'nop':
    case 'unreachable':
    case 'local.get':
    case 'global.get':
    case 'const':
    case 'atomic.fence':
    case 'memory.size':
    case 'data.drop':
      return [];
  }
}

/** Visits every expression in pre-order (`loc` order), iteratively so deep nesting cannot overflow the stack. */
export function walk(root: Expr, visit: (expr: Expr) => void): void {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    visit(expr);
    const kids = children(expr);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}
