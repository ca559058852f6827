import { defaultRegistry } from '@wasi-parallel/core';
import { backendFactory } from './gpujs-backend.js';

defaultRegistry.register(backendFactory);
