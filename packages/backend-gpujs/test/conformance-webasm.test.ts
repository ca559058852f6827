import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { createGpujsBackendFactory } from '../src/index.js';
import expectations from './conformance-expectations-webasm.json' with { type: 'json' };

// GPU.js's webasm mode: kernels compiled to WebAssembly (f32, SIMD, worker threads under asyncMode).
describeConformance({ factory: createGpujsBackendFactory({ mode: 'webasm' }), expectations });
