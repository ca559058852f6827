import { describeConformance } from '@wasi-parallel/conformance/vitest';
import { backendFactory } from '@wasi-parallel/backend-threads';
import expectations from './conformance-expectations.json' with { type: 'json' };

// `vectorise: false`: every kernel on the scalar fused loop. (A file of its own: the suite
// pins the backend by name, so both variants keep the name `threads`.)
describeConformance({
  factory: { ...backendFactory, init: (options) => backendFactory.init({ ...options, options: { ...options.options, vectorise: false } }) },
  expectations,
});
