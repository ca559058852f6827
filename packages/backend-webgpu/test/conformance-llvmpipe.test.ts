import { DeviceKind } from '@wasi-parallel/core';
import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { createWebGpuBackendFactory } from '@wasi-parallel/backend-webgpu';
import expectations from './conformance-expectations-llvmpipe.json' with { type: 'json' };

// The second software adapter: Mesa llvmpipe through Dawn's OpenGL ES backend (compatibility
// mode), as the integrated-GPU device. Its own expectations: it keeps subnormals.
describeConformance({ factory: createWebGpuBackendFactory({ adapter: 'llvmpipe' }), kind: DeviceKind.INTEGRATED_GPU, expectations });
