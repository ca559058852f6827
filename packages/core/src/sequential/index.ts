export { SequentialBackend, sequentialBackendFactory, SEQUENTIAL_BACKEND_NAME } from './sequential-backend.js';
export { SequentialDevice, type SequentialCallReport } from './device.js';
export { sequentialCapabilities } from './capabilities.js';
export { referenceBackendFactory, type ReferenceBackendOptions } from './reference-backend.js';
export { setKernelWorkerFactory } from './kernel-platform.js';
export type { KernelExecutor, KernelWorker, KernelWorkerFactory } from './kernel-executor.js';
export type { KernelJob, KernelOutcome } from './kernel-job.js';
