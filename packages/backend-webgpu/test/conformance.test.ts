import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { createWebGpuBackendFactory } from '@wasi-parallel/backend-webgpu';
import expectations from './conformance-expectations.json' with { type: 'json' };

// SwiftShader, pinned: the expectations were measured on it (its subnormal flush). On a machine
// with a GPU, run the suite there with `createWebGpuBackendFactory({ adapter: 'default' })`.
describeConformance({ factory: createWebGpuBackendFactory({ adapter: 'swiftshader' }), expectations });
