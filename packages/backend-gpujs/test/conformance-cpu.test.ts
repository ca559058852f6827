import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { createGpujsBackendFactory } from '../src/index.js';
import expectations from './conformance-expectations-cpu.json' with { type: 'json' };

// GPU.js's cpu mode: kernels as JavaScript, numbers in f64 (f32 results rounded with Math.fround).
describeConformance({ factory: createGpujsBackendFactory({ mode: 'cpu' }), expectations });
