// The sequential device's kernel thread in a browser: a module Web Worker.
import { runKernelJob, type KernelJob } from './kernel-job.js';
import { outcomeTransfers } from './kernel-platform.js';

const scope = globalThis as unknown as {
  onmessage: (event: { data: KernelJob }) => void;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
};
scope.onmessage = (event) => {
  scope.postMessage('started', []);
  const outcome = runKernelJob(event.data);
  scope.postMessage(outcome, outcomeTransfers(outcome));
};
