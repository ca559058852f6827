export { ThreadsBackend, backendFactory, THREADS_BACKEND_NAME } from './threads-backend.js';
export { ThreadsDevice, type ThreadsCallReport } from './device.js';
export { ThreadsBuffer, type GuestAlias } from './buffer.js';
export { threadsCapabilities } from './capabilities.js';
export { parseThreadsOptions, THREADS_DEFAULTS, WORKERS_ENV_VAR, type ThreadsOptions, type ThreadsInitOptions } from './options.js';
export { schedule, CHUNKS_PER_WORKER, type Schedule } from './schedule.js';
export { driverModuleBytes } from './wasm/driver-module.js';
export type { LoopMode } from './control-block.js';
