import { LIMITS } from '@wasi-parallel/core';

/**
 * The SharedArrayBuffer through which the main thread hands a call to the workers without a
 * message. Int32 words; u32 values (iteration counts) are read back with `>>> 0`.
 *
 *   word  name           written by   meaning
 *   0     GENERATION     main         a seqlock: odd while main rewrites the call, even once published;
 *                                     workers Atomics.wait on it
 *   1     COMMAND        main         RUN or PARK
 *   2     SLOT           main         which prepared kernel instance to run
 *   3     LOOP           main         FUSED or JS_LOOP
 *   4     NUM_ITERATIONS main         N (u32)
 *   5     BLOCK_SIZE     main         passed to the kernel (u32)
 *   6     CHUNK          main         iterations per chunk (u32)
 *   7     NUM_CHUNKS     main         ceil(N / CHUNK)
 *   8     NEXT_CHUNK     workers      Atomics.add(1) claims the next chunk
 *   9     FINISHED       workers      chunks done (or abandoned); the worker that completes the count notifies
 *   10    FAILED         workers      0, or 1 once an iteration failed (compareExchange: first wins)
 *   11    FAIL_ITERATION workers      the iteration that failed (u32)
 *   12    FAIL_TRAPPED   workers      1 when it was a WebAssembly trap
 *   13    FAIL_WORKER    workers      which worker saw it
 *   14    FAIL_MSG_LEN   workers      bytes of UTF-8 message in the message area
 *   15    ARG_COUNT      main         2·k words of (ptr, len) that follow
 *   16    ACTIVE         workers      workers inside the published call; main rewrites only at 0
 *   17    SPINNER        workers      1 while one idle worker polls GENERATION (the others sleep)
 *   18…   ARGS           main         ptr0, len0, ptr1, len1, …
 *   then  per worker     workers      iterations run in the last call, chunk in flight (+1)
 *   then  message area   workers      the failure's message, UTF-8
 */
export const Word = {
  GENERATION: 0,
  COMMAND: 1,
  SLOT: 2,
  LOOP: 3,
  NUM_ITERATIONS: 4,
  BLOCK_SIZE: 5,
  CHUNK: 6,
  NUM_CHUNKS: 7,
  NEXT_CHUNK: 8,
  FINISHED: 9,
  FAILED: 10,
  FAIL_ITERATION: 11,
  FAIL_TRAPPED: 12,
  FAIL_WORKER: 13,
  FAIL_MSG_LEN: 14,
  ARG_COUNT: 15,
  ACTIVE: 16,
  SPINNER: 17,
  ARGS: 18,
} as const;

export const Command = { RUN: 1, PARK: 2 } as const;

/** How a worker walks a chunk: the fused chunk loop in wasm, or a JS call per iteration (for measuring). */
export const Loop = { FUSED: 0, JS_LOOP: 1 } as const;
export type LoopMode = 'wasm' | 'js';

/** NEXT_CHUNK after a failure: past any chunk count, far from overflowing. */
const ABANDONED = 0x3fff_ffff;
const MAX_ARGS = 2 * LIMITS.MAX_BUFFERS_PER_CALL;
const PER_WORKER_WORDS = 2;
const MESSAGE_BYTES = 1024;

export interface ControlLayout {
  readonly workers: number;
  /** First word of worker w's pair: iterations run, then chunk in flight + 1 (0 = none). */
  workerWord(worker: number): number;
  readonly messageOffset: number;
  readonly byteLength: number;
}

export function controlLayout(workers: number): ControlLayout {
  const perWorkerStart = Word.ARGS + MAX_ARGS;
  const messageOffset = (perWorkerStart + workers * PER_WORKER_WORDS) * 4;
  return {
    workers,
    workerWord: (worker) => perWorkerStart + worker * PER_WORKER_WORDS,
    messageOffset,
    byteLength: messageOffset + MESSAGE_BYTES,
  };
}

/** Both sides' view of one control block. */
export class ControlBlock {
  readonly words: Int32Array;
  readonly layout: ControlLayout;

  constructor(
    readonly buffer: SharedArrayBuffer,
    workers: number,
  ) {
    this.words = new Int32Array(buffer);
    this.layout = controlLayout(workers);
  }

  static create(workers: number): ControlBlock {
    return new ControlBlock(new SharedArrayBuffer(controlLayout(workers).byteLength), workers);
  }

  /**
   * Called by a worker whose chunk failed: the first failure is recorded, and no chunk is
   * handed out after it. Returns how many chunks this abandons (never claimed), so the
   * caller counts them as finished.
   */
  recordFailure(worker: number, iteration: number, trapped: boolean, message: string): number {
    const claimed = Atomics.exchange(this.words, Word.NEXT_CHUNK, ABANDONED);
    const abandoned = Math.max(0, this.words[Word.NUM_CHUNKS]! - claimed);
    if (Atomics.compareExchange(this.words, Word.FAILED, 0, 1) !== 0) return abandoned;
    const area = new Uint8Array(this.buffer, this.layout.messageOffset, this.layout.byteLength - this.layout.messageOffset);
    const { written } = new TextEncoder().encodeInto(message, area);
    this.words[Word.FAIL_ITERATION] = iteration | 0;
    this.words[Word.FAIL_TRAPPED] = trapped ? 1 : 0;
    this.words[Word.FAIL_WORKER] = worker;
    this.words[Word.FAIL_MSG_LEN] = written;
    return abandoned;
  }

  failureMessage(): string {
    const length = this.words[Word.FAIL_MSG_LEN]!;
    // Copied out: TextDecoder refuses views of shared memory.
    return new TextDecoder().decode(new Uint8Array(this.buffer, this.layout.messageOffset, length).slice());
  }
}
