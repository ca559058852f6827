import { runKernelJob, type KernelJob, type KernelOutcome } from './kernel-job.js';

/** Where the sequential device's kernels run. */
export interface KernelExecutor {
  /** Whether a job that runs past its time can be ended (only a job on another thread can). */
  readonly canTimeOut: boolean;
  /** Runs one job; `timeoutMs` 0 means no limit. Jobs run one at a time, in order. */
  run(job: KernelJob, timeoutMs: number): Promise<KernelOutcome>;
  dispose(): Promise<void>;
}

/** A thread that runs kernel jobs: a Node worker thread or a browser Web Worker. */
export interface KernelWorker {
  run(job: KernelJob): void;
  /** The thread took the job: its time limit counts from here, not from a thread still starting up. */
  onStarted(listener: () => void): void;
  onOutcome(listener: (outcome: KernelOutcome) => void): void;
  /** The thread died: an uncaught error or an exit. */
  onFailure(listener: (message: string) => void): void;
  /** Whether an idle thread keeps the process alive (Node); a no-op where nothing does. */
  keepAlive(alive: boolean): void;
  terminate(): Promise<void>;
}

export type KernelWorkerFactory = () => KernelWorker;

/** Runs jobs on the calling thread: no timeouts, for platforms without workers. */
export class InlineExecutor implements KernelExecutor {
  readonly canTimeOut = false;

  async run(job: KernelJob): Promise<KernelOutcome> {
    return runKernelJob(job);
  }

  async dispose(): Promise<void> {}
}

/**
 * Runs jobs on one worker thread, so the caller's thread stays free and a runaway kernel can
 * be ended: past its time the worker is terminated and the next job starts a fresh one.
 */
export class WorkerExecutor implements KernelExecutor {
  readonly canTimeOut = true;
  readonly #create: KernelWorkerFactory;
  #worker: KernelWorker | undefined;
  #settle: ((outcome: KernelOutcome) => void) | undefined;
  #started: (() => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(create: KernelWorkerFactory) {
    this.#create = create;
  }

  run(job: KernelJob, timeoutMs: number): Promise<KernelOutcome> {
    const result = this.#queue.then(() => this.#runNow(job, timeoutMs));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async dispose(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#settle?.({ status: 'lost', message: 'the device was closed during the call' });
    await worker?.terminate();
  }

  #workerNow(): KernelWorker {
    if (this.#worker) return this.#worker;
    const worker = this.#create();
    worker.onStarted(() => this.#started?.());
    worker.onOutcome((outcome) => this.#settle?.(outcome));
    worker.onFailure((message) => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#settle?.({ status: 'lost', message });
    });
    worker.keepAlive(false);
    this.#worker = worker;
    return worker;
  }

  async #runNow(job: KernelJob, timeoutMs: number): Promise<KernelOutcome> {
    const worker = this.#workerNow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await new Promise<KernelOutcome>((resolve) => {
      this.#settle = resolve;
      this.#started = () => {
        if (timeoutMs > 0) timer = setTimeout(() => resolve({ status: 'timed-out' }), timeoutMs);
      };
      worker.keepAlive(true);
      worker.run(job);
    });
    this.#settle = undefined;
    this.#started = undefined;
    clearTimeout(timer);
    if (outcome.status === 'timed-out' || outcome.status === 'lost') {
      // The worker may still be spinning in the kernel: end it; the next job starts afresh.
      if (this.#worker === worker) this.#worker = undefined;
      await worker.terminate();
    } else {
      worker.keepAlive(false);
    }
    return outcome;
  }
}
