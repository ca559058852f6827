// ES2024's Atomics.waitAsync, which V8 has had since Node 16; the ES2022 lib we compile against lacks its type.
interface WaitAsyncResult {
  readonly async: boolean;
  readonly value: Promise<'ok' | 'timed-out'> | 'not-equal' | 'timed-out' | 'ok';
}
export const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t?: number): WaitAsyncResult }).waitAsync;
