export { SequentialBackend, sequentialBackendFactory, SEQUENTIAL_BACKEND_NAME } from './sequential-backend.js';
export { SequentialDevice } from './device.js';
export { SEQUENTIAL_CAPABILITIES } from './capabilities.js';
export { referenceBackendFactory, type ReferenceBackendOptions } from './reference-backend.js';
