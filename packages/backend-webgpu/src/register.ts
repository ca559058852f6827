// Side effect: makes the WebGPU backend available to `defaultRegistry`'s host.
import { defaultRegistry } from '@wasi-parallel/core';
import { backendFactory } from './webgpu-backend.js';

defaultRegistry.register(backendFactory);
