// The entry the CLI imports: a backend package exports `backendFactory` (docs/writing-a-backend.md).
export { backendFactory, REVERSE_BACKEND_NAME } from './reverse-backend.js';
export { ReverseDevice } from './reverse-device.js';
