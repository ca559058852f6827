import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { createGpujsBackendFactory } from '../src/index.js';
import expectations from './conformance-expectations-webgpu.json' with { type: 'json' };

// GPU.js's webgpu mode over the Dawn instance our WebGPU backend opens (SwiftShader here: the
// expectations were measured on it). `inexactFloat=allow`: the float cases must run, to be measured.
describeConformance({ factory: createGpujsBackendFactory({ mode: 'webgpu', inexactFloat: 'allow' }), expectations });
