import { HostBuffer, BufferAccessKind, LIMITS, layoutBuffers } from '@wasi-parallel/core';
import { MODE_SPECS, requireGpujsMode, type GpujsMode } from './modes.js';
import { DEFAULT_LOOP_LIMIT } from './options.js';
import { loadTranslator } from './translate-entry.js';

/** The call a kernel is translated for when its source is printed: the translation specialises on it. */
export interface GpujsCompileOptions {
  readonly mode?: GpujsMode;
  readonly numIterations?: number;
  readonly blockSize?: number;
  /** Each buffer's size in bytes (default 4096 each). */
  readonly bufferBytes?: readonly number[];
  /** The first buffer's contents as i32s: the parameters buffer of the prototype's convention, read by constant loads. */
  readonly params?: readonly number[];
}

/**
 * The GPU.js kernels a kernel becomes for one call (`wasi-parallel compile k.wasm --target
 * gpujs`): what the translation decided, the status kernel when there is one, and one kernel
 * per written buffer.
 */
export async function translateToGpujs(bytes: Uint8Array, bufferCount: number, options: GpujsCompileOptions = {}): Promise<string> {
  const translator = await loadTranslator();
  const ir = translator.loadKernelFor(bytes);
  const mode = requireGpujsMode(options.mode ?? 'webasm');
  const numIterations = options.numIterations ?? 1024;
  const blockSize = options.blockSize ?? 1;
  const sizes = options.bufferBytes ?? Array.from({ length: bufferCount }, () => 4096);
  const buffers = sizes.map((size) => new HostBuffer(size, BufferAccessKind.READ_WRITE));
  if (options.params && buffers[0]) buffers[0].bytes.set(new Uint8Array(Int32Array.from(options.params).buffer).subarray(0, buffers[0].size));
  const layout = layoutBuffers(ir.memory.minPages, sizes);
  const call = { numIterations, blockSize, offsets: layout.offsets, memoryBytes: layout.pages * LIMITS.WASM_PAGE_SIZE };
  const env = translator.dispatchEnv(ir, call, buffers);
  const translated = translator.translateForDispatch(ir, env, { model: MODE_SPECS[mode].model, loopLimit: DEFAULT_LOOP_LIMIT });
  const lines = [
    `// GPU.js kernels (${mode} mode) for ${numIterations} iterations, block size ${blockSize}, buffers of ${sizes.join(', ')} bytes at ${layout.offsets.join(', ')}`,
    `// loopMaxIterations ${translated.loopMaxIterations}`,
    ...translated.notes.map((note) => `// ${note}`),
    '',
  ];
  if (translated.status) lines.push(`// status kernel: one thread per iteration (0: ran to its end)`, translated.status.source, '');
  else lines.push('// no status kernel: nothing in the kernel can trap or leave its block for this call', '');
  for (const plane of translated.planes) {
    lines.push(`// buffer ${plane.buffer}: ${plane.threads} threads, one ${plane.form} element each (inputs: ${plane.inputs.join(', ')})`, plane.source, '');
  }
  return lines.join('\n');
}
