import type { KernelWorker } from '../sequential/kernel-executor.js';
import type { KernelOutcome } from '../sequential/kernel-job.js';
import { jobTransfers, type KernelThreadMessage } from '../sequential/kernel-platform.js';
import { startWorker } from './worker-exec-argv.js';

/** A `node:worker_threads` thread for the sequential device; unref'd while idle, so it never holds the process open. */
export function nodeKernelWorker(): KernelWorker {
  const worker = startWorker(new URL('./kernel-worker.js', import.meta.url));
  let exited = false;
  let started = (): void => undefined;
  let outcome = (_: KernelOutcome): void => undefined;
  worker.on('message', (message: KernelThreadMessage) => (message === 'started' ? started() : outcome(message)));
  return {
    run: (job) => worker.postMessage(job, jobTransfers(job)),
    onStarted: (listener) => (started = listener),
    onOutcome: (listener) => (outcome = listener),
    onFailure: (listener) => {
      worker.on('error', (error) => listener(`the kernel thread failed: ${error.message}`));
      worker.on('exit', (code) => {
        exited = true;
        listener(`the kernel thread exited (${code})`);
      });
    },
    keepAlive: (alive) => (alive ? worker.ref() : worker.unref()),
    terminate: async () => {
      if (!exited) await worker.terminate();
    },
  };
}
