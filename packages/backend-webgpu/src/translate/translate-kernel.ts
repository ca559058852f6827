import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { loadKernel, type FeatureName, type KernelIR } from '@wasi-parallel/kernel';
import { emitModule } from './module-emitter.js';
import { unsupported } from './translate-error.js';
import type { TranslateOptions, TranslatedKernel } from './translated-kernel.js';

/**
 * Features the translation cannot express, refused before translating. What the capabilities
 * record says the device lacks (SIMD) is the host's feature gate's to refuse; a v128 value
 * met here is refused where it appears (wgsl-types.ts).
 */
const REFUSED: ReadonlyArray<readonly [FeatureName, string]> = [
  ['indirectCalls', 'WGSL has no function pointers'],
  ['recursion', 'WGSL forbids recursion'],
];

function checkFeatures(ir: KernelIR): void {
  for (const [feature, why] of REFUSED) {
    const use = ir.analysis.features[feature];
    if (use) throw unsupported(`the kernel uses ${feature} (first at \`${use.what}\`): ${why}`, { function: use.function, loc: use.loc });
  }
}

/** Translates a front-end IR for a call with `bufferCount` buffers. Throws UNSUPPORTED_KERNEL_FEATURE. */
export function translateIR(ir: KernelIR, bufferCount: number, options: TranslateOptions = {}): TranslatedKernel {
  if (ir.bufferCount !== bufferCount) {
    throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `\`kernel\` takes ${ir.bufferCount} buffers but the call passes ${bufferCount}`);
  }
  checkFeatures(ir);
  return {
    wgsl: emitModule(ir, options),
    minPages: ir.memory.minPages,
    maxPages: ir.memory.maxPages,
    dataSegments: ir.dataSegments.flatMap((segment) =>
      segment.offset === undefined || segment.size === 0 ? [] : [{ offset: segment.offset, bytes: segment.data }],
    ),
  };
}

/** Decodes (through `@wasi-parallel/kernel`) and translates a kernel. */
export async function translateKernel(bytes: Uint8Array, bufferCount: number, options: TranslateOptions = {}): Promise<TranslatedKernel> {
  const ir = await loadKernel(bytes);
  return translateIR(ir, bufferCount, options);
}

/** The generated WGSL, for `wasi-parallel compile kernel.wasm --target wgsl`. */
export async function translateToWgsl(kernelBytes: Uint8Array, bufferCount: number): Promise<string> {
  return (await translateKernel(kernelBytes, bufferCount)).wgsl;
}
