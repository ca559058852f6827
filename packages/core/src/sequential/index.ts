export { SequentialBackend, sequentialBackendFactory, SEQUENTIAL_BACKEND_NAME } from './sequential-backend.js';
export { SequentialDevice } from './device.js';
export { SEQUENTIAL_CAPABILITIES } from './capabilities.js';
