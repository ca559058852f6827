import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { backendFactory } from '@wasi-parallel/backend-threads';
import expectations from './conformance-expectations.json' with { type: 'json' };

describeConformance({ factory: backendFactory, expectations });
