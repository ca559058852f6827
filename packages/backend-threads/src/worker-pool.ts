import { spawn, Thread, Worker } from 'threads';
import { Command, ControlBlock, Loop, Word, type LoopMode } from './control-block.js';
import type { LoadResult, SlotPayload } from './worker-protocol.js';
import { waitAsync } from './wait-async.js';

/** A worker as threads.js hands it to us: every exposed function returns a promise. */
interface WorkerThread {
  init(index: number, control: SharedArrayBuffer, workers: number): Promise<void>;
  load(payload: SlotPayload): Promise<LoadResult>;
  drop(slots: readonly number[]): Promise<void>;
  serve(seen: number, spinMs: number): Promise<'parked'>;
}

/** Where a thread keeps its Node worker, to tell a crash from our own terminate. */
const NATIVE = Symbol('native worker');

interface NodeEventTarget {
  on(event: 'exit', listener: (code: number) => void): unknown;
}

interface PooledWorker {
  readonly thread: WorkerThread;
  /** The pending `serve` call while the worker is in its control-block loop. */
  serving: Promise<unknown> | undefined;
  /** Kernel slots this worker has instantiated. */
  readonly slots: Set<number>;
}

/** One call as the control block carries it. */
export interface PoolCall {
  readonly slot: number;
  readonly loop: LoopMode;
  readonly numIterations: number;
  readonly blockSize: number;
  readonly chunk: number;
  readonly numChunks: number;
  /** ptr0, len0, ptr1, len1, … */
  readonly args: readonly number[];
}

export type CallOutcome =
  | { readonly status: 'done'; readonly iterationsPerWorker: readonly number[] }
  | { readonly status: 'failed'; readonly iteration: number; readonly trapped: boolean; readonly worker: number; readonly message: string }
  | { readonly status: 'timed-out'; readonly inFlight: readonly number[] }
  | { readonly status: 'lost' };

/**
 * How long the main thread polls for a call to finish before sleeping in Atomics.waitAsync.
 * Short: on a 2-core machine a polling main thread takes a core from a worker.
 */
const MAIN_SPIN_MS = 0.1;

/**
 * The workers, spawned with threads.js. Cold path (kernel instantiation) goes through
 * threads.js messages while the workers are parked on their event loop; the hot path (a call)
 * goes through the control block while they wait in `serve`.
 */
export class WorkerPool {
  #control: ControlBlock;
  #workers: PooledWorker[] = [];
  #dropped: number[] = [];
  #closed = false;
  /** Set when a worker exits on its own (a crash): the running call cannot finish. */
  #lost = false;
  /** Workers this pool is terminating, whose exit is expected. */
  readonly #ending = new WeakSet<object>();
  /** Rejects when the pool closes, so a cold-path step waiting on a terminated worker ends too. */
  readonly #closing: Promise<never>;
  #signalClosed: (reason: Error) => void = () => undefined;
  /** Cold-path steps and calls in flight; while none is, the workers do not keep the process alive. */
  #busy = 0;

  private constructor(
    readonly size: number,
    readonly spinMs: number,
  ) {
    this.#control = ControlBlock.create(size);
    this.#closing = new Promise<never>((_, reject) => {
      this.#signalClosed = reject;
    });
    this.#closing.catch(() => undefined);
  }

  static async start(size: number, spinMs: number): Promise<WorkerPool> {
    const pool = new WorkerPool(size, spinMs);
    await pool.#spawnAll();
    return pool;
  }

  async #spawnAll(): Promise<void> {
    this.#control = ControlBlock.create(this.size);
    // './worker.js' is resolved by threads.js next to this file: dist/worker.js.
    this.#lost = false;
    const threads = await Promise.all(
      Array.from({ length: this.size }, () => {
        const worker = new Worker('./worker.js') as Worker & NodeEventTarget;
        worker.on('exit', () => {
          if (!this.#ending.has(worker)) this.#loseWorker();
        });
        const thread = spawn(worker) as unknown as Promise<WorkerThread>;
        return thread.then((api) => Object.assign(api, { [NATIVE]: worker }));
      }),
    );
    this.#workers = threads.map((thread) => ({ thread, serving: undefined, slots: new Set<number>() }));
    await Promise.all(this.#workers.map((worker, i) => worker.thread.init(i, this.#control.buffer, this.size)));
    this.#resume();
    this.#keepAlive(this.#busy > 0);
  }

  /**
   * An idle pool lets the process exit (a script that never closes its host still ends); a
   * call in flight keeps it alive, since `Atomics.waitAsync` alone does not.
   */
  #keepAlive(on: boolean): void {
    for (const worker of this.#workers) {
      const native = (worker.thread as unknown as { [NATIVE]: { ref(): void; unref(): void } })[NATIVE];
      if (on) native.ref();
      else native.unref();
    }
  }

  async #whileBusy<T>(body: () => Promise<T>): Promise<T> {
    if (this.#busy++ === 0) this.#keepAlive(true);
    try {
      return await body();
    } finally {
      if (--this.#busy === 0) this.#keepAlive(false);
    }
  }

  #resume(): void {
    const seen = Atomics.load(this.#control.words, Word.GENERATION);
    for (const worker of this.#workers) {
      if (worker.serving) continue;
      const serving = worker.thread.serve(seen, this.spinMs);
      // A terminated worker rejects its pending serve; that is expected, not an error to report.
      serving.catch(() => undefined);
      worker.serving = serving;
    }
  }

  /**
   * Publishes a command: GENERATION goes odd, main waits until no worker is still inside the
   * previous call, rewrites the words, and GENERATION goes even again.
   */
  async #issue(command: number, write: (words: Int32Array) => void, wakeAll: boolean): Promise<boolean> {
    const words = this.#control.words;
    Atomics.add(words, Word.GENERATION, 1);
    if (!(await this.#quiesced())) return false;
    write(words);
    words[Word.COMMAND] = command;
    Atomics.add(words, Word.GENERATION, 1);
    // A polling worker picks the call up and wakes the rest if there is work for them.
    if (wakeAll || Atomics.load(words, Word.SPINNER) === 0) Atomics.notify(words, Word.GENERATION);
    return true;
  }

  /** Waits until no worker is inside the previous call; false when the pool is lost or closed. */
  async #quiesced(): Promise<boolean> {
    const words = this.#control.words;
    const start = performance.now();
    for (;;) {
      const active = Atomics.load(words, Word.ACTIVE);
      if (active === 0) return true;
      if (this.#lost || this.#closed) return false;
      // Workers leave a finished call within a few instructions: poll briefly, then sleep a
      // little at a time, so a worker's exit event can still arrive.
      if (performance.now() - start > MAIN_SPIN_MS) {
        const result = waitAsync(words, Word.ACTIVE, active, 10);
        if (result.async) await result.value;
      }
    }
  }

  #loseWorker(): void {
    this.#lost = true;
    Atomics.notify(this.#control.words, Word.FINISHED);
  }

  /** Brings every worker back to its event loop so it can take threads.js messages. */
  async #park(): Promise<void> {
    if (this.#workers.every((worker) => !worker.serving)) return;
    if (!(await this.#issue(Command.PARK, () => undefined, true))) throw new Error('a worker exited on its own');
    await Promise.race([Promise.all(this.#workers.map((worker) => worker.serving)), this.#closing]);
    for (const worker of this.#workers) worker.serving = undefined;
    if (this.#dropped.length > 0) {
      const dropped = this.#dropped;
      this.#dropped = [];
      await Promise.all(this.#workers.map((worker) => worker.thread.drop(dropped)));
      for (const worker of this.#workers) for (const slot of dropped) worker.slots.delete(slot);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  isLoaded(slot: number): boolean {
    return this.#workers.every((worker) => worker.slots.has(slot));
  }

  /**
   * Instantiates a slot in every worker that lacks it (the cold path). Returns the first
   * failure; workers that succeeded keep the slot until it is forgotten.
   */
  load(slot: number, payloadFor: (worker: number) => SlotPayload): Promise<LoadResult> {
    if (this.isLoaded(slot)) return Promise.resolve({ ok: true });
    return this.#whileBusy(() => this.#load(slot, payloadFor));
  }

  async #load(slot: number, payloadFor: (worker: number) => SlotPayload): Promise<LoadResult> {
    // A timeout may replace the workers while this runs; the new ones are not ours to resume.
    const workers = this.#workers;
    await this.#park();
    try {
      const loads = Promise.all(
        workers.map(async (worker, i) => {
          if (worker.slots.has(slot)) return { ok: true } as const;
          const result = await worker.thread.load(payloadFor(i));
          if (result.ok) worker.slots.add(slot);
          return result;
        }),
      );
      const results = await Promise.race([loads, this.#closing]);
      return results.find((result) => !result.ok) ?? { ok: true };
    } finally {
      if (this.#workers === workers) this.#resume();
    }
  }

  /** Drops a slot from every worker, at the next cold-path step. */
  forget(slot: number): void {
    this.#dropped.push(slot);
  }

  /** Runs one call over the control block: no message on this path. */
  run(call: PoolCall, timeoutMs: number | undefined): Promise<CallOutcome> {
    return this.#whileBusy(() => this.#run(call, timeoutMs));
  }

  async #run(call: PoolCall, timeoutMs: number | undefined): Promise<CallOutcome> {
    const block = this.#control;
    const words = block.words;
    const issued = await this.#issue(
      Command.RUN,
      () => {
        words[Word.SLOT] = call.slot;
        words[Word.LOOP] = call.loop === 'js' ? Loop.JS_LOOP : Loop.WASM_DRIVER;
        words[Word.NUM_ITERATIONS] = call.numIterations | 0;
        words[Word.BLOCK_SIZE] = call.blockSize | 0;
        words[Word.CHUNK] = call.chunk | 0;
        words[Word.NUM_CHUNKS] = call.numChunks;
        words[Word.NEXT_CHUNK] = 0;
        words[Word.FINISHED] = 0;
        words[Word.FAILED] = 0;
        words[Word.ARG_COUNT] = call.args.length;
        for (let i = 0; i < call.args.length; i++) words[Word.ARGS + i] = call.args[i]! | 0;
        for (let w = 0; w < this.size; w++) words[block.layout.workerWord(w)] = 0;
      },
      false,
    );
    if (!issued) return { status: 'lost' };
    const finished = await this.#finished(call.numChunks, timeoutMs);
    if (finished === 'lost') return { status: 'lost' };
    if (finished === 'timed-out') {
      const inFlight = this.#workers.map((_, w) => words[block.layout.workerWord(w) + 1]!).filter((chunk) => chunk > 0);
      return { status: 'timed-out', inFlight: inFlight.map((chunk) => (chunk - 1) * call.chunk) };
    }
    if (words[Word.FAILED] !== 0) {
      return {
        status: 'failed',
        iteration: words[Word.FAIL_ITERATION]! >>> 0,
        trapped: words[Word.FAIL_TRAPPED] === 1,
        worker: words[Word.FAIL_WORKER]!,
        message: block.failureMessage(),
      };
    }
    return { status: 'done', iterationsPerWorker: this.#workers.map((_, w) => words[block.layout.workerWord(w)]! >>> 0) };
  }

  async #finished(numChunks: number, timeoutMs: number | undefined): Promise<'done' | 'timed-out' | 'lost'> {
    const words = this.#control.words;
    const start = performance.now();
    while (Atomics.load(words, Word.FINISHED) !== numChunks && performance.now() - start < MAIN_SPIN_MS);
    const deadline = timeoutMs === undefined ? Infinity : start + timeoutMs;
    for (;;) {
      if (this.#closed || this.#lost) return 'lost';
      const finished = Atomics.load(words, Word.FINISHED);
      if (finished === numChunks) return 'done';
      const remaining = deadline - performance.now();
      if (remaining <= 0) return 'timed-out';
      const result = waitAsync(words, Word.FINISHED, finished, Number.isFinite(remaining) ? remaining : undefined);
      if (result.async) await result.value;
    }
  }

  /** Ends every worker, whatever it is doing (a runaway kernel included), and spawns fresh ones. */
  restart(): Promise<void> {
    return this.#whileBusy(async () => {
      await this.#terminateAll();
      this.#dropped = [];
      await this.#spawnAll();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#signalClosed(new Error('the worker pool was closed'));
    // Wakes a call waiting for workers that will never answer now.
    Atomics.notify(this.#control.words, Word.FINISHED);
    await this.#terminateAll();
  }

  async #terminateAll(): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    for (const worker of workers) this.#ending.add((worker.thread as unknown as { [NATIVE]: object })[NATIVE]);
    await Promise.all(workers.map((worker) => Thread.terminate(worker.thread as never)));
  }
}
