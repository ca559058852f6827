import type { KernelFeatures } from '@wasi-parallel/core';
import type { FeatureUse } from '../ir/analysis-types.js';
import type { KernelIR } from '../ir/module.js';
import { unsupportedKernel } from '../errors.js';

/** How each capability flag is named to a user, and where the analysis records its use. */
const CHECKS: readonly { readonly flag: keyof KernelFeatures; readonly what: string; readonly use: (ir: KernelIR) => FeatureUse | undefined }[] = [
  { flag: 'i64', what: '64-bit integers (i64)', use: (ir) => ir.analysis.features.i64 },
  { flag: 'f32', what: '32-bit floats (f32)', use: (ir) => ir.analysis.features.f32 },
  { flag: 'f64', what: '64-bit floats (f64)', use: (ir) => ir.analysis.features.f64 },
  { flag: 'simd', what: 'SIMD (v128)', use: (ir) => ir.analysis.features.simd },
  { flag: 'atomics', what: 'atomics', use: (ir) => ir.analysis.features.atomics },
  { flag: 'bulkMemory', what: 'bulk memory (memory.copy/fill/init)', use: (ir) => ir.analysis.features.bulkMemory },
  {
    flag: 'scatteredStores',
    what: 'stores whose address is not an affine function of the iteration id',
    use: (ir) => ir.analysis.features.scatteredStores,
  },
  {
    flag: 'unsharedMemory',
    what: 'an unshared memory import',
    use: (ir) => (ir.memory.shared ? undefined : { function: ir.kernel.name, loc: 0, what: `import "${ir.memory.module}" "${ir.memory.field}"` }),
  },
];

/**
 * The one "this device cannot run this kernel" check, so every translating backend refuses
 * the same kernel with the same message: the first feature the kernel uses that
 * `features` (a backend's capabilities record) lacks, with where it is used. Throws
 * UNSUPPORTED_KERNEL_FEATURE.
 */
export function requireKernelFeatures(ir: KernelIR, features: KernelFeatures, device: string): void {
  for (const check of CHECKS) {
    if (features[check.flag]) continue;
    const use = check.use(ir);
    if (!use) continue;
    throw unsupportedKernel(`the kernel uses ${check.what} (${use.what}), which ${device} does not support`, {
      function: use.function,
      loc: use.loc,
    });
  }
}
