import type { TranslateOptions, TranslatedKernel } from './translate/translated-kernel.js';

// The translator pulls in the kernel front end and binaryen (about 0.4 s to load): loaded on
// the first translation, so importing this package (the CLI imports every backend) stays cheap.
const translator = () => import('./translate/translate-kernel.js');

/** Decodes (through `@wasi-parallel/kernel`) and translates a kernel for `bufferCount` buffers. */
export async function translateKernel(bytes: Uint8Array, bufferCount: number, options: TranslateOptions = {}): Promise<TranslatedKernel> {
  return (await translator()).translateKernel(bytes, bufferCount, options);
}

/** The generated WGSL, for `wasi-parallel compile kernel.wasm --target wgsl`. */
export async function translateToWgsl(kernelBytes: Uint8Array, bufferCount: number): Promise<string> {
  return (await translator()).translateToWgsl(kernelBytes, bufferCount);
}
