import { sequentialBackendFactory } from '@wasi-parallel/core';
import { describeConformance } from '@wasi-parallel/conformance/vitest';
import expectations from './conformance-expectations.json' with { type: 'json' };

// The file every backend has: its expectations, then the suite. Core's sequential device is
// the reference, so it expects nothing.
describeConformance({ factory: sequentialBackendFactory, expectations });
