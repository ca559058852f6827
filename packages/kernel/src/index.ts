// The kernel front end: one decoder, checker, normaliser and analyser for every translating backend.
export type * from './ir/index.js';
export { children, walk } from './ir/walk.js';
export { loadKernel, loadKernelSync, clearKernelCache, kernelCacheSize } from './cache.js';
export { formatKernelReport, describeAccess, describeProvenance } from './format/kernel-report.js';
export { printFunction, printExprInline } from './format/print-ir.js';
export { NORMALISATION_PASSES, I64_LOWERING_PASSES } from './normalise/passes.js';
export { FRONT_END_LIMITS } from './limits.js';
export { textOpName } from './decode/op-names.js';
export { formatLocation, type KernelLocation } from './errors.js';
export { requireKernelFeatures } from './capabilities/require-features.js';
