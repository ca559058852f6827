import { binaryen, type BinaryenModule } from '../decode/binaryen.js';

/**
 * The binaryen passes every kernel goes through before it becomes IR, in order, and why:
 * - `inlining`: fold the kernel's internal calls into it (recursion and very large callees
 *   stay calls), so most translators see one function;
 * - `remove-unused-module-elements`: drop the callees that inlining made dead;
 * - `flatten`: no block, if or br carries a value and no `local.tee` is left; every value flows
 *   through a local — WGSL and JS have no expression blocks;
 * - `ssa-nomerge`: give every assignment its own local except where control flow merges
 *   values (loop counters): compilers reuse locals for unrelated values, which would blur
 *   the flow-insensitive provenance analysis (a buffer pointer and an index in one local);
 * - `simplify-locals-notee-nostructure`: sink single-use locals back into expression trees
 *   without re-introducing tees or valued blocks, so expressions are readable again;
 * - `vacuum`, `remove-unused-names`, `reorder-locals`: drop the nops, labels and dead locals
 *   the others leave behind.
 */
export const NORMALISATION_PASSES: readonly string[] = [
  'inlining',
  'remove-unused-module-elements',
  'ssa',
  'flatten',
  'simplify-locals-notee-nostructure',
  'vacuum',
  'remove-unused-names',
  'reorder-locals',
];

/**
 * With `lowerI64`, for targets without 64-bit integers (WebGPU, GPU.js), binaryen's wasm2js
 * lowering: `remove-non-js-ops` replaces the i64 operations the lowering cannot split
 * (mul, div, rem, rotates, clz/ctz/popcnt) and a few float ones with helper functions
 * (`__wasm_i64_mul`, …) and reinterpretations with calls to the imported intrinsics
 * `env.wasm2js_scratch_{load,store}_{i32,f32,f64}`; `i64-to-i32-lowering` (on flat IR) turns
 * every i64 into a pair of i32s, the high half of a result travelling in a global; then the
 * whole normalisation again (it inlines the small helpers and re-establishes SSA and flat
 * form). Runs only when the kernel uses i64.
 */
export const I64_LOWERING_PASSES: readonly string[] = ['remove-non-js-ops', 'flatten', 'i64-to-i32-lowering', ...NORMALISATION_PASSES];

/** Inlining limits, in binaryen's size units: generous, since kernels are small and one function is what translators want. */
const INLINE_LIMITS = { always: 40, flexible: 2000, oneCaller: 100_000 };

export function normalise(module: BinaryenModule, options: { lowerI64: boolean }): void {
  binaryen.setAlwaysInlineMaxSize(INLINE_LIMITS.always);
  binaryen.setFlexibleInlineMaxSize(INLINE_LIMITS.flexible);
  binaryen.setOneCallerInlineMaxSize(INLINE_LIMITS.oneCaller);
  (binaryen as unknown as { setAllowInliningFunctionsWithLoops(on: boolean): void }).setAllowInliningFunctionsWithLoops(true);
  module.runPasses([...NORMALISATION_PASSES]);
  if (options.lowerI64) module.runPasses([...I64_LOWERING_PASSES]);
}
