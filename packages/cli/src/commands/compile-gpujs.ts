import type { GpujsCompileOptions } from '@wasi-parallel/backend-gpujs';
import { UsageError } from '../usage-error.js';

/** The options of `compile --target gpujs`: the call the GPU.js translation is specialised for. */
export const GPUJS_OPTIONS = {
  iterations: { type: 'string' },
  'block-size': { type: 'string' },
  'buffer-bytes': { type: 'string' },
  params: { type: 'string' },
  mode: { type: 'string' },
} as const;

function numbers(text: string | undefined, what: string): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value))) throw new UsageError(`${what} takes integers separated by commas, not \`${text}\``);
  return values;
}

export function gpujsCompileOptions(options: Record<string, unknown>): GpujsCompileOptions {
  const [iterations] = numbers(options.iterations as string | undefined, '--iterations') ?? [];
  const [blockSize] = numbers(options['block-size'] as string | undefined, '--block-size') ?? [];
  const bufferBytes = numbers(options['buffer-bytes'] as string | undefined, '--buffer-bytes');
  const params = numbers(options.params as string | undefined, '--params');
  return {
    ...(options.mode !== undefined ? { mode: options.mode as GpujsCompileOptions['mode'] } : {}),
    ...(iterations !== undefined ? { numIterations: iterations } : {}),
    ...(blockSize !== undefined ? { blockSize } : {}),
    ...(bufferBytes ? { bufferBytes } : {}),
    ...(params ? { params } : {}),
  };
}
