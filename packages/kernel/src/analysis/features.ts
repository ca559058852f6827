import type { FeatureName, FeatureUse } from '../ir/analysis-types.js';
import type { KernelFunction } from '../ir/module.js';
import type { Expr, ExprType } from '../ir/types.js';
import { walk } from '../ir/walk.js';

const ALL_FEATURES: readonly FeatureName[] = [
  'i64', 'f32', 'f64', 'simd', 'atomics', 'bulkMemory', 'memoryGrow', 'indirectCalls', 'recursion',
  'calls', 'loops', 'globalWrites', 'scatteredStores', 'unknownAccesses',
];

export function emptyFeatureSet(): Record<FeatureName, FeatureUse | undefined> {
  return Object.fromEntries(ALL_FEATURES.map((name) => [name, undefined])) as Record<FeatureName, FeatureUse | undefined>;
}

function typeName(type: ExprType): string {
  return typeof type === 'string' ? type : 'tuple';
}

function describe(expr: Expr): string {
  switch (expr.kind) {
    case 'unary':
    case 'binary':
    case 'simd.extract':
    case 'simd.replace':
    case 'simd.ternary':
    case 'simd.shift':
    case 'simd.load':
    case 'simd.load_lane':
    case 'simd.store_lane':
      return expr.op;
    case 'const':
      return `${expr.value.type}.const`;
    case 'load':
    case 'store':
      return `${expr.kind === 'store' ? expr.valueType : typeName(expr.type)}.${expr.atomic ? 'atomic.' : ''}${expr.kind}`;
    case 'call':
      return `call ${expr.target}`;
    case 'global.set':
      return `global.set ${expr.global}`;
    default:
      return expr.kind;
  }
}

/** The value types an expression produces or consumes directly (not its children's). */
function typesTouched(expr: Expr): string[] {
  const types: string[] = [];
  if (typeof expr.type === 'string') types.push(expr.type);
  else if (typeof expr.type === 'object') types.push(...expr.type.tuple);
  if (expr.kind === 'store') types.push(expr.valueType);
  if (expr.kind === 'atomic.wait') types.push(expr.expectedType);
  return types;
}

/**
 * Which wasm features a kernel's code uses, each with its first use. `scatteredStores` and
 * `unknownAccesses` come from the access analysis and are filled in by the caller; `recursion`
 * by the call graph.
 */
export function collectFeatures(functions: readonly KernelFunction[]): Record<FeatureName, FeatureUse | undefined> {
  const features = emptyFeatureSet();
  const mark = (name: FeatureName, fn: KernelFunction, expr: Expr) => {
    features[name] ??= { function: fn.name, loc: expr.loc, what: describe(expr) };
  };
  for (const fn of functions) {
    for (const local of fn.locals) {
      // A local's type is a use even when no instruction names it (an i64 param of a helper).
      if (local.type === 'i64') features.i64 ??= { function: fn.name, loc: 0, what: `local ${local.index} : i64` };
      if (local.type === 'f64') features.f64 ??= { function: fn.name, loc: 0, what: `local ${local.index} : f64` };
      if (local.type === 'v128') features.simd ??= { function: fn.name, loc: 0, what: `local ${local.index} : v128` };
    }
    walk(fn.body, (expr) => {
      for (const type of typesTouched(expr)) {
        if (type === 'i64') mark('i64', fn, expr);
        if (type === 'f32') mark('f32', fn, expr);
        if (type === 'f64') mark('f64', fn, expr);
        if (type === 'v128') mark('simd', fn, expr);
      }
      if (expr.kind === 'unary' || expr.kind === 'binary') {
        // Comparisons and conversions yield i32 but read wider operands: name the operand type too.
        const prefix = expr.op.slice(0, 3);
        if (prefix === 'i64') mark('i64', fn, expr);
        if (prefix === 'f32') mark('f32', fn, expr);
        if (prefix === 'f64') mark('f64', fn, expr);
        if (/^(v128|[if]\d+x\d+)\./.test(expr.op)) mark('simd', fn, expr);
        if (/_(i64|f64|f32)(_[su])?$/.test(expr.op)) {
          const from = /_(i64|f64|f32)/.exec(expr.op)![1] as 'i64' | 'f64' | 'f32';
          mark(from, fn, expr);
        }
      }
      if (expr.kind.startsWith('simd.')) mark('simd', fn, expr);
      if (expr.kind.startsWith('atomic.') || ((expr.kind === 'load' || expr.kind === 'store') && expr.atomic)) mark('atomics', fn, expr);
      if (['memory.init', 'data.drop', 'memory.copy', 'memory.fill'].includes(expr.kind)) mark('bulkMemory', fn, expr);
      if (expr.kind === 'memory.grow') mark('memoryGrow', fn, expr);
      if (expr.kind === 'call_indirect') mark('indirectCalls', fn, expr);
      if (expr.kind === 'call') mark('calls', fn, expr);
      if (expr.kind === 'loop') mark('loops', fn, expr);
      if (expr.kind === 'global.set') mark('globalWrites', fn, expr);
    });
  }
  return features;
}

/** The first call that closes a cycle in the call graph, reachable from `entry`. */
export function findRecursion(functions: readonly KernelFunction[], entry: string): FeatureUse | undefined {
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  const calls = new Map<string, { target: string; loc: number }[]>();
  for (const fn of functions) {
    const list: { target: string; loc: number }[] = [];
    walk(fn.body, (expr) => {
      if (expr.kind === 'call') list.push({ target: expr.target, loc: expr.loc });
    });
    calls.set(fn.name, list);
  }
  const state = new Map<string, 'active' | 'done'>();
  // Iterative DFS: a kernel may have thousands of functions.
  const stack: { name: string; next: number }[] = [{ name: entry, next: 0 }];
  state.set(entry, 'active');
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const edges = calls.get(top.name) ?? [];
    if (top.next >= edges.length) {
      state.set(top.name, 'done');
      stack.pop();
      continue;
    }
    const edge = edges[top.next++]!;
    if (!byName.has(edge.target)) continue;
    const seen = state.get(edge.target);
    if (seen === 'active') return { function: top.name, loc: edge.loc, what: `call ${edge.target}` };
    if (seen === undefined) {
      state.set(edge.target, 'active');
      stack.push({ name: edge.target, next: 0 });
    }
  }
  return undefined;
}
