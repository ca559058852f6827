import { DeviceKind } from '@wasi-parallel/core';
import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { createWebGpuBackendFactory } from '@wasi-parallel/backend-webgpu';
import expectations from './conformance-expectations-exact.json' with { type: 'json' };

// float: 'exact' on both software adapters, one expectations file: soft-float f32 is
// bit-identical to wasm whatever the adapter flushes or rounds, so the file stays empty.
describeConformance({ factory: createWebGpuBackendFactory({ adapter: 'swiftshader', float: 'exact' }), expectations });
describeConformance({ factory: createWebGpuBackendFactory({ adapter: 'llvmpipe', float: 'exact' }), kind: DeviceKind.INTEGRATED_GPU, expectations });
