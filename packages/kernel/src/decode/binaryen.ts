/**
 * The one binaryen instance of this package. binaryen.js is an Emscripten build that
 * instantiates itself with a top-level await (~0.5 s, once per process); importing it here
 * statically keeps every front-end call synchronous after that.
 */
import binaryen from 'binaryen';

export { binaryen };
export type Binaryen = typeof binaryen;
export type BinaryenModule = InstanceType<typeof binaryen.Module>;

/**
 * The WebAssembly features a kernel may use (docs/kernel-abi.md): threads/atomics, bulk memory, SIMD,
 * sign-extension, saturating float-to-int, mutable globals, multi-value. Exceptions, reference
 * types, tail calls, GC and memory64 are left out, so binaryen refuses kernels that use them.
 */
export const KERNEL_FEATURES: number =
  binaryen.Features.Atomics |
  binaryen.Features.MutableGlobals |
  binaryen.Features.NontrappingFPToInt |
  binaryen.Features.SIMD128 |
  binaryen.Features.BulkMemory |
  binaryen.Features.BulkMemoryOpt |
  binaryen.Features.SignExt |
  binaryen.Features.Multivalue;
