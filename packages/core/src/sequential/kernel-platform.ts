import { InlineExecutor, WorkerExecutor, type KernelExecutor, type KernelWorker, type KernelWorkerFactory } from './kernel-executor.js';
import type { KernelJob, KernelOutcome } from './kernel-job.js';

/** The transferable buffers of a job: the copies of the buffers' bytes it carries (never the guest's memory). */
export function jobTransfers(job: KernelJob): ArrayBuffer[] {
  return job.memory instanceof WebAssembly.Memory ? [] : job.memory.placements.map((placement) => placement.bytes.buffer as ArrayBuffer);
}

export function outcomeTransfers(outcome: KernelOutcome): ArrayBuffer[] {
  return outcome.status === 'done' ? outcome.regions.map((region) => region.buffer as ArrayBuffer) : [];
}

/** What a kernel thread posts: `started` when it takes a job, then the job's outcome. */
export type KernelThreadMessage = 'started' | KernelOutcome;

interface WebWorkerLike {
  onmessage: ((event: { data: KernelThreadMessage }) => void) | null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  terminate(): void;
}
type WebWorkerClass = new (url: URL, options: { type: 'module' }) => WebWorkerLike;

/** Browsers (and other runtimes with a global `Worker`): a module Web Worker. */
function webWorkerFactory(): KernelWorkerFactory | undefined {
  const Worker = (globalThis as { Worker?: WebWorkerClass }).Worker;
  if (typeof Worker !== 'function') return undefined;
  return (): KernelWorker => {
    const worker = new Worker(new URL('./web-kernel-worker.js', import.meta.url), { type: 'module' });
    let started = (): void => undefined;
    let outcome = (_: KernelOutcome): void => undefined;
    worker.onmessage = (event) => (event.data === 'started' ? started() : outcome(event.data));
    return {
      run: (job) => worker.postMessage(job, jobTransfers(job)),
      onStarted: (listener) => (started = listener),
      onOutcome: (listener) => (outcome = listener),
      onFailure: (listener) =>
        (worker.onerror = (event) => {
          event.preventDefault();
          listener(event.message);
        }),
      keepAlive: () => undefined,
      terminate: async () => worker.terminate(),
    };
  };
}

let workerFactory: KernelWorkerFactory | undefined = webWorkerFactory();

/**
 * Sets how the sequential device starts its kernel thread. Core's Node entry sets a
 * `node:worker_threads` factory; the browser entry finds the global `Worker`; where neither
 * exists kernels run on the caller's thread and cannot be timed out.
 */
export function setKernelWorkerFactory(factory: KernelWorkerFactory | undefined): void {
  workerFactory = factory;
}

export function createKernelExecutor(): KernelExecutor {
  return workerFactory ? new WorkerExecutor(workerFactory) : new InlineExecutor();
}
