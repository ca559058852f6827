import type { AdmittedKernel } from '@wasi-parallel/core';
import type { KernelFunction, KernelIR, LoadKernelOptions } from './ir/module.js';
import { analyseKernel } from './analysis/analyse.js';
import { collectFeatures } from './analysis/features.js';
import { checkDataSegments } from './abi/data-segments.js';
import { readModuleFacts, type ModuleFacts } from './abi/module-facts.js';
import { detectStack } from './abi/stack.js';
import { checkStartFunction } from './abi/start-function.js';
import type { BinaryenModule } from './decode/binaryen.js';
import { readKernelModule } from './decode/read-module.js';
import { convertFunction } from './decode/to-ir.js';
import { invalidKernel, unsupportedKernel } from './errors.js';
import { walk } from './ir/walk.js';
import { FRONT_END_LIMITS } from './limits.js';
import { normalise } from './normalise/passes.js';

function convertAll(module: BinaryenModule, facts: ModuleFacts): KernelFunction[] {
  const segmentIndex = new Map(facts.dataSegments.map((segment, index) => [segment.name, index]));
  const functions: KernelFunction[] = [];
  let instructions = 0;
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const fn = convertFunction(module.getFunctionByIndex(i), segmentIndex);
    instructions += fn.instructionCount;
    if (instructions > FRONT_END_LIMITS.MAX_INSTRUCTIONS) {
      throw invalidKernel(`the kernel has more than ${FRONT_END_LIMITS.MAX_INSTRUCTIONS} instructions after normalisation`);
    }
    functions.push(fn);
  }
  // The entry first: translators start there.
  const entry = functions.findIndex((fn) => fn.name === facts.kernelFunction);
  if (entry > 0) functions.unshift(...functions.splice(entry, 1));
  return nameEntry(functions);
}

/**
 * Without a name section binaryen names functions by index (`0`); messages then say "`0` at
 * instruction 5". The entry is renamed `kernel`, its export name, when nothing calls it and
 * no other function has that name.
 */
function nameEntry(functions: KernelFunction[]): KernelFunction[] {
  const entry = functions[0];
  if (!entry || !/^\d+$/.test(entry.name) || functions.some((fn) => fn.name === 'kernel')) return functions;
  let called = false;
  for (const fn of functions) walk(fn.body, (expr) => (called ||= expr.kind === 'call' && expr.target === entry.name));
  if (called) return functions;
  functions[0] = { ...entry, name: 'kernel' };
  return functions;
}

/**
 * i64-to-i32-lowering handles scalar i64 only; binaryen aborts on i64 atomics and SIMD. Those
 * kernels are refused before the pass runs rather than after binaryen has failed.
 */
function checkLowerable(functions: readonly KernelFunction[]): void {
  const features = collectFeatures(functions);
  const blocker = features.simd ?? features.atomics;
  if (blocker) {
    throw unsupportedKernel(
      `lowering i64 to i32 pairs cannot handle ${blocker.what} (SIMD and atomics), which this kernel uses with i64`,
      { function: blocker.function, loc: blocker.loc },
    );
  }
}

/** Decodes, checks, normalises and analyses kernel bytes. Uncached; see `loadKernel`. */
export function buildKernelIR(kernel: AdmittedKernel, options: Required<LoadKernelOptions>): KernelIR {
  const { module, memory, bufferCount } = readKernelModule(kernel);
  const hash = kernel.hash;
  try {
    normalise(module, { lowerI64: false });
    let facts = readModuleFacts(module);
    let functions = convertAll(module, facts);
    const placements = checkStartFunction(facts.startFunction, functions, memory);
    checkDataSegments(facts.dataSegments, memory);
    const stack = detectStack(functions, facts.globals, facts.exportedGlobals, memory);
    if (options.lowerI64 && collectFeatures(functions).i64) {
      checkLowerable(functions);
      normalise(module, { lowerI64: true });
      if (!module.validate()) throw invalidKernel('binaryen produced an invalid module while lowering i64');
      facts = readModuleFacts(module);
      functions = convertAll(module, facts);
    }
    const kernel = functions[0]!;
    return {
      hash,
      options,
      memory,
      bufferCount,
      functions,
      kernel,
      globals: facts.globals,
      startFunction: facts.startFunction,
      stack,
      dataSegments: facts.dataSegments.map(({ offset, size, data }, index) => {
        const placedAt = placements.get(index);
        return placedAt === undefined ? { offset, size, data } : { offset, size, data, placedAt };
      }),
      analysis: analyseKernel({ functions, entry: kernel, bufferCount, stackPointerGlobal: stack?.pointerGlobal, globals: facts.globals }),
    };
  } catch (error) {
    // Nesting beyond what the engine's stack allows, anywhere in binaryen's passes or ours.
    if (error instanceof RangeError) throw invalidKernel(`the kernel is too deeply nested for the front end (${error.message})`, undefined, error);
    throw error;
  } finally {
    module.dispose();
  }
}

