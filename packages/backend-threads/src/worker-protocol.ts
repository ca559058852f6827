/**
 * The cold-path messages between the pool and its workers (threads.js calls). The hot path,
 * running a call, goes through the control block instead (control-block.ts).
 */
export interface SlotPayload {
  readonly slot: number;
  /** The kernel fused with its chunk loop (core's FUSED_EXPORTS, plus `kernel`). */
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly memoryModule: string;
  readonly memoryField: string;
  /** This worker's stack top, for kernels with a shadow stack. */
  readonly stackTop: number | undefined;
}

export type LoadResult = { readonly ok: true } | { readonly ok: false; readonly trapped: boolean; readonly message: string };

/** What a worker exposes through threads.js. */
export interface WorkerApi {
  init(index: number, control: SharedArrayBuffer, workers: number): void;
  load(payload: SlotPayload): LoadResult;
  drop(slots: readonly number[]): void;
  /**
   * Runs commands from the control block until told to park. `seen` is the generation the
   * pool last issued before this call, so a command issued while this message was in flight
   * is not missed.
   */
  serve(seen: number, spinMs: number): 'parked';
}
