import type { AnalysisResult, FeatureUse, MemoryAccessInfo } from '../ir/analysis-types.js';
import type { KernelFunction, KernelGlobal } from '../ir/module.js';
import { bufferUses, functionAccesses } from './accesses.js';
import { collectFeatures, findRecursion } from './features.js';
import { localValues } from './local-values.js';
import { BOTTOM, constant, scalar, unknown, type AbstractValue } from './abstract-value.js';
import { evaluate, type EvalContext } from './evaluate.js';
import { findLoops } from './loops.js';
import { walk } from '../ir/walk.js';

export interface AnalysisInput {
  readonly functions: readonly KernelFunction[];
  readonly entry: KernelFunction;
  readonly bufferCount: number;
  readonly stackPointerGlobal: string | undefined;
  readonly globals: readonly KernelGlobal[];
}

function use(access: MemoryAccessInfo, what: string): FeatureUse {
  return { function: access.function, loc: access.loc, what };
}

/** The entry and every function it may call: the code that runs per iteration. */
function reachable(functions: readonly KernelFunction[], entry: KernelFunction): KernelFunction[] {
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  const seen = new Set<string>([entry.name]);
  const pending = [entry];
  while (pending.length > 0) {
    walk(pending.pop()!.body, (expr) => {
      if (expr.kind !== 'call' || seen.has(expr.target)) return;
      seen.add(expr.target);
      const callee = byName.get(expr.target);
      if (callee) pending.push(callee);
    });
  }
  return functions.filter((fn) => seen.has(fn.name));
}

/**
 * What globals hold, for addresses built from them: an immutable global is its constant (a
 * static address); a mutable one is a plain scalar unless some `global.set` stores a value
 * derived from a pointer into it (then unknown). Repeats until no global changes class
 * (each can change once).
 */
function globalValues(functions: readonly KernelFunction[], input: AnalysisInput): Map<string, AbstractValue> {
  const values = new Map<string, AbstractValue>();
  for (const global of input.globals) {
    if (global.name === input.stackPointerGlobal) continue;
    const init = typeof global.init === 'number' && !global.mutable && global.type === 'i32' ? constant(global.init | 0) : scalar();
    values.set(global.name, init);
  }
  let written = false;
  for (const fn of functions) walk(fn.body, (expr) => (written ||= expr.kind === 'global.set' && expr.global !== input.stackPointerGlobal));
  if (!written) return values;
  for (let round = 0; round <= input.globals.length; round++) {
    let changed = false;
    for (const fn of functions) {
      const locals = localValues(fn, fn === input.entry, input.stackPointerGlobal, values);
      const ctx: EvalContext = { locals, isEntry: fn === input.entry, stackPointerGlobal: input.stackPointerGlobal, globals: values };
      walk(fn.body, (expr) => {
        if (expr.kind !== 'global.set' || expr.global === input.stackPointerGlobal) return;
        const value = evaluate(expr.value, ctx);
        if (value === BOTTOM || value.sources.size === 0 || values.get(expr.global)?.sources.has('unknown')) return;
        values.set(expr.global, unknown(`it is read from global \`${expr.global}\`, which holds a pointer`));
        changed = true;
      });
    }
    if (!changed) break;
  }
  return values;
}

/**
 * Runs every analysis backends read (docs in ir/analysis-types.ts) over the code that runs per
 * iteration: `kernel` and what it calls. A start function (wasm-ld's `__wasm_init_memory`) is
 * checked by the ABI check, not analysed: its effect is in `KernelIR.dataSegments`.
 */
export function analyseKernel(input: AnalysisInput): AnalysisResult {
  const functions = reachable(input.functions, input.entry);
  const features = collectFeatures(functions);
  features.recursion = findRecursion(functions, input.entry.name);
  const globals = globalValues(functions, input);
  const accesses: MemoryAccessInfo[] = [];
  for (const fn of functions) {
    const isEntry = fn === input.entry;
    const locals = localValues(fn, isEntry, input.stackPointerGlobal, globals);
    accesses.push(...functionAccesses(fn, locals, { isEntry, stackPointerGlobal: input.stackPointerGlobal, globals }));
  }
  const unknownAccess = accesses.find((a) => a.provenance.kind === 'unknown');
  if (unknownAccess) features.unknownAccesses = use(unknownAccess, `${unknownAccess.exprKind} with unknown address`);
  const scattered = accesses.find(
    (a) => a.access !== 'load' && a.provenance.kind !== 'stack' && (a.affine === undefined || Math.abs(a.affine.stride) < a.affine.width),
  );
  if (scattered) features.scatteredStores = use(scattered, `${scattered.exprKind} not affine in iteration_id`);
  return {
    features,
    accesses,
    buffers: bufferUses(input.bufferCount, accesses),
    loops: functions.flatMap(findLoops),
  };
}
