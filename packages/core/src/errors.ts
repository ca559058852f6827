import { ErrorCode, errorCodeName, isErrorCode } from './error-code.js';

export interface WasiParallelErrorDetails {
  /** The iteration that trapped or ran past the limit, when known. */
  readonly iteration?: number;
  /** The kernel function and instruction offset an invalid-kernel error is about, when known. */
  readonly location?: string;
}

/**
 * The one error type of the project. Callers branch on `code`; `message` says what was wrong
 * and what to do about it.
 */
export class WasiParallelError extends Error {
  override readonly name = 'WasiParallelError';
  /** What was wrong and what to do, without the code name that `message` starts with: for printing next to the code. */
  readonly reason: string;

  constructor(
    readonly code: Exclude<ErrorCode, 0>,
    message: string,
    readonly details: WasiParallelErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(`${errorCodeName(code)}: ${message}`, options);
    this.reason = message;
  }

  /** A plain object that survives `postMessage` and JSON. */
  toJSON(): { code: ErrorCode; message: string; details: WasiParallelErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isWasiParallelError(value: unknown): value is WasiParallelError {
  return (
    value instanceof Error &&
    (value as { name?: unknown }).name === 'WasiParallelError' &&
    isErrorCode((value as { code?: unknown }).code)
  );
}

/**
 * Turns anything thrown by a backend into a `WasiParallelError`. A backend should throw typed
 * errors itself; this is the net for the ones it did not foresee.
 */
export function toWasiParallelError(error: unknown, fallback: Exclude<ErrorCode, 0> = ErrorCode.DEVICE_LOST): WasiParallelError {
  if (isWasiParallelError(error)) return error;
  if (error instanceof WebAssembly.RuntimeError) {
    return new WasiParallelError(ErrorCode.KERNEL_TRAP, `the kernel trapped: ${error.message}`, {}, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WasiParallelError(fallback, message, {}, { cause: error });
}

/** Rebuilds an error that crossed a thread as `toJSON()`'s object. */
export function errorFromJSON(value: { code: number; message: string; details?: WasiParallelErrorDetails }): WasiParallelError {
  const code = isErrorCode(value.code) && value.code !== 0 ? value.code : ErrorCode.DEVICE_LOST;
  const prefix = `${errorCodeName(code)}: `;
  const message = value.message.startsWith(prefix) ? value.message.slice(prefix.length) : value.message;
  return new WasiParallelError(code, message, value.details ?? {});
}
