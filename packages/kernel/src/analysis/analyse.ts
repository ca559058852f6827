import type { AnalysisResult, FeatureUse, MemoryAccessInfo } from '../ir/analysis-types.js';
import type { KernelFunction } from '../ir/module.js';
import { bufferUses, functionAccesses } from './accesses.js';
import { collectFeatures, findRecursion } from './features.js';
import { localValues } from './local-values.js';
import { findLoops } from './loops.js';
import { walk } from '../ir/walk.js';

export interface AnalysisInput {
  readonly functions: readonly KernelFunction[];
  readonly entry: KernelFunction;
  readonly bufferCount: number;
  readonly stackPointerGlobal: string | undefined;
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
 * Runs every analysis backends read (docs in ir/analysis-types.ts) over the code that runs per
 * iteration: `kernel` and what it calls. A start function (wasm-ld's `__wasm_init_memory`) is
 * checked by the ABI check, not analysed: its effect is in `KernelIR.dataSegments`.
 */
export function analyseKernel(input: AnalysisInput): AnalysisResult {
  const functions = reachable(input.functions, input.entry);
  const features = collectFeatures(functions);
  features.recursion = findRecursion(functions, input.entry.name);
  const accesses: MemoryAccessInfo[] = [];
  for (const fn of functions) {
    const isEntry = fn === input.entry;
    const locals = localValues(fn, isEntry, input.stackPointerGlobal);
    accesses.push(...functionAccesses(fn, locals, { isEntry, stackPointerGlobal: input.stackPointerGlobal }));
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
