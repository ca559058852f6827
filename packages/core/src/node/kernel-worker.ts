// The sequential device's kernel thread under Node: a worker thread.
import { parentPort } from 'node:worker_threads';
import { runKernelJob, type KernelJob } from '../sequential/kernel-job.js';
import { outcomeTransfers } from '../sequential/kernel-platform.js';

parentPort!.on('message', (job: KernelJob) => {
  parentPort!.postMessage('started');
  const outcome = runKernelJob(job);
  parentPort!.postMessage(outcome, outcomeTransfers(outcome));
});
