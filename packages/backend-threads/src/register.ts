// Side-effect entry point: `import '@wasi-parallel/backend-threads/register'`.
import { defaultRegistry } from '@wasi-parallel/core';
import { backendFactory } from './threads-backend.js';

defaultRegistry.register(backendFactory);
