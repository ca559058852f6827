import { ErrorCode, errorCodeName, isWasiParallelError, type WasiParallelError } from '@wasi-parallel/core';

function codeText(code: number): string {
  return `${errorCodeName(code as ErrorCode) ?? 'unknown code'} (${code})`;
}

/**
 * Asserts that `operation` rejects with a `WasiParallelError` of `code` and returns the error.
 * Only the code is checked, never the message (gpuweb/cts `shouldThrow`).
 */
export async function expectCode(what: string, operation: () => Promise<unknown>, code: ErrorCode): Promise<WasiParallelError> {
  let outcome: unknown;
  try {
    await operation();
  } catch (error) {
    outcome = error;
    if (isWasiParallelError(error) && error.code === code) return error;
  }
  if (outcome === undefined) throw new Error(`${what}: expected ${codeText(code)}, but the call succeeded`);
  if (isWasiParallelError(outcome)) {
    throw new Error(`${what}: expected ${codeText(code)}, got ${codeText(outcome.code)}: ${outcome.message}`);
  }
  throw new Error(`${what}: expected a WasiParallelError ${codeText(code)}, got ${String(outcome)}`);
}
