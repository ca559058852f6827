import { KernelCache, admitKernel, kernelHash, type AdmittedKernel } from '@wasi-parallel/core';
import type { KernelIR, LoadKernelOptions } from './ir/module.js';
import { buildKernelIR } from './build-kernel-ir.js';
import { FRONT_END_LIMITS } from './limits.js';

const cache = new KernelCache<KernelIR>(FRONT_END_LIMITS.CACHE_ENTRIES);

function resolveOptions(options: LoadKernelOptions | undefined): Required<LoadKernelOptions> {
  return { lowerI64: options?.lowerI64 ?? false };
}

/**
 * Decodes, validates, checks, normalises and analyses a kernel (docs/kernel-abi.md). Cached by
 * core's `kernelHash` of the bytes and the options, so a kernel dispatched a million times is
 * decoded once; the cached path costs the hash (about a nanosecond a byte) and a map lookup.
 * Throws `WasiParallelError` INVALID_KERNEL (or UNSUPPORTED_KERNEL_FEATURE for an option the
 * kernel cannot take). Failures are not cached.
 */
export async function loadKernel(kernel: Uint8Array | AdmittedKernel, options?: LoadKernelOptions): Promise<KernelIR> {
  return loadKernelSync(kernel, options);
}

/** `loadKernel` without the promise, for callers on a synchronous path. */
export function loadKernelSync(kernel: Uint8Array | AdmittedKernel, options?: LoadKernelOptions): KernelIR {
  const resolved = resolveOptions(options);
  // A device passes the host's admitted kernel; raw bytes (the CLI's `compile`, tests) are admitted here, once.
  const hash = kernel instanceof Uint8Array ? kernelHash(kernel) : kernel.hash;
  return cache.getOrCreate(`${hash}/${resolved.lowerI64 ? 'i64-lowered' : 'plain'}`, () =>
    buildKernelIR(kernel instanceof Uint8Array ? admitKernel(kernel, hash) : kernel, resolved),
  );
}

/** Empties the cache (benchmarks measure the cold path with it). */
export function clearKernelCache(): void {
  cache.clear();
}

export function kernelCacheSize(): number {
  return cache.size;
}
