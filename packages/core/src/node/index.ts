// Core's entry under Node (the `node` export condition): the browser-safe entry, plus a kernel
// thread from node:worker_threads for the sequential device, so its kernels can be timed out.
import { setKernelWorkerFactory } from '../sequential/kernel-platform.js';
import { nodeKernelWorker } from './node-kernel-worker.js';

setKernelWorkerFactory(nodeKernelWorker);

export * from '../index.js';
export { workerExecArgv } from './worker-exec-argv.js';
