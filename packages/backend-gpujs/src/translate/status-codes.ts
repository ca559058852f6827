import { ErrorCode } from '@wasi-parallel/core';

/**
 * What the status kernel returns for an iteration (one number per iteration; 0: it ran to
 * its end). Traps end the iteration where wasm's would; the last two are limits of this
 * backend, reported as unsupported rather than as wrong bytes.
 */
export const STATUS = {
  OK: 0,
  UNREACHABLE: 1,
  OUT_OF_BOUNDS: 2,
  DIVIDE_BY_ZERO: 3,
  INTEGER_OVERFLOW: 4,
  INVALID_CONVERSION: 5,
  CONVERSION_OVERFLOW: 6,
  LOOP_LIMIT: 7,
  /** STORE_OUTSIDE_BLOCK + k: store k of `TranslatedKernel.storeLocs` left its iteration's block. */
  STORE_OUTSIDE_BLOCK: 100,
} as const;

export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

/** How each status reads in an error, and the error code it becomes. */
const STATUS_MEANING: Readonly<Record<number, { readonly code: Exclude<ErrorCode, 0>; readonly text: string }>> = {
  [STATUS.UNREACHABLE]: { code: ErrorCode.KERNEL_TRAP, text: 'unreachable executed' },
  [STATUS.OUT_OF_BOUNDS]: { code: ErrorCode.KERNEL_TRAP, text: 'out-of-bounds memory access' },
  [STATUS.DIVIDE_BY_ZERO]: { code: ErrorCode.KERNEL_TRAP, text: 'integer divide by zero' },
  [STATUS.INTEGER_OVERFLOW]: { code: ErrorCode.KERNEL_TRAP, text: 'integer overflow' },
  [STATUS.INVALID_CONVERSION]: { code: ErrorCode.KERNEL_TRAP, text: 'invalid conversion to integer' },
  [STATUS.CONVERSION_OVERFLOW]: { code: ErrorCode.KERNEL_TRAP, text: 'integer overflow in a float-to-int conversion' },
  [STATUS.LOOP_LIMIT]: { code: ErrorCode.UNSUPPORTED_KERNEL_FEATURE, text: 'a loop ran more trips than the GPU.js loop limit the translation set' },
};

/** Whether a status is a wasm trap (as opposed to a limit of this backend). */
export function isTrap(status: number): boolean {
  return STATUS_MEANING[status]?.code === ErrorCode.KERNEL_TRAP;
}

/** The error code and text for a status, naming the store for a store outside its block. */
export function statusMeaning(status: number, storeLocs: readonly number[], fn: string): { readonly code: Exclude<ErrorCode, 0>; readonly text: string } {
  const known = STATUS_MEANING[status];
  if (known) return known;
  const loc = storeLocs[status - STATUS.STORE_OUTSIDE_BLOCK];
  return {
    code: ErrorCode.UNSUPPORTED_KERNEL_FEATURE,
    text:
      `the store at \`${fn}\` instruction ${loc} wrote outside the block of its buffer that the iteration owns ` +
      '(GPU.js computes each element from the one iteration whose block holds it; scattered stores are not supported)',
  };
}
