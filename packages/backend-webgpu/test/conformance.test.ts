import { describeConformance } from '@wasi-parallel/conformance';
import { backendFactory } from '@wasi-parallel/backend-webgpu';
import expectations from './conformance-expectations.json' with { type: 'json' };

// On CI and machines without a GPU this is SwiftShader (the backend finds it by itself).
describeConformance({ factory: backendFactory, expectations });
