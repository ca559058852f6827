import { unsupportedFeatureError, type KernelFeatures } from '@wasi-parallel/core';
import type { KernelIR } from '../ir/module.js';

/**
 * The part of the feature gate only the IR can decide: stores whose address is not an affine
 * function of the iteration id. The host gates every other capability flag from its admission
 * scan before a device sees the kernel; this raises the same refusal (core's
 * `unsupportedFeatureError`), so every backend words it alike. Throws UNSUPPORTED_KERNEL_FEATURE.
 */
export function requireKernelFeatures(ir: KernelIR, features: KernelFeatures, device: string): void {
  const use = ir.analysis.features.scatteredStores;
  if (features.scatteredStores || !use) return;
  throw unsupportedFeatureError('scatteredStores', { what: use.what, function: use.function, at: `IR instruction ${use.loc}` }, device);
}
