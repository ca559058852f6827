import type { AnalysisResult, FeatureUse, MemoryAccessInfo } from '../ir/analysis-types.js';
import type { KernelFunction } from '../ir/module.js';
import { bufferUses, functionAccesses } from './accesses.js';
import { collectFeatures, findRecursion } from './features.js';
import { localValues } from './local-values.js';
import { findLoops } from './loops.js';

export interface AnalysisInput {
  readonly functions: readonly KernelFunction[];
  readonly entry: KernelFunction;
  readonly bufferCount: number;
  readonly stackPointerGlobal: string | undefined;
}

function use(access: MemoryAccessInfo, what: string): FeatureUse {
  return { function: access.function, loc: access.loc, what };
}

/** Runs every analysis backends read (docs in ir/analysis-types.ts). */
export function analyseKernel(input: AnalysisInput): AnalysisResult {
  const features = collectFeatures(input.functions);
  features.recursion = findRecursion(input.functions, input.entry.name);
  const accesses: MemoryAccessInfo[] = [];
  for (const fn of input.functions) {
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
    loops: input.functions.flatMap(findLoops),
  };
}
