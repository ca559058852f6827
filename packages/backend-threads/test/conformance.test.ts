import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { backendFactory } from '@wasi-parallel/backend-threads';
import expectations from './conformance-expectations.json' with { type: 'json' };

// The default: kernels the vectoriser takes run four iterations per SIMD lane group.
describeConformance({ factory: backendFactory, expectations });
