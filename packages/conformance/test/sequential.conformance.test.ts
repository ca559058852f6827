import { readFileSync } from 'node:fs';
import { sequentialBackendFactory } from '@wasi-parallel/core';
import { describeConformance, type Expectations } from '@wasi-parallel/conformance';

// The file every backend has: its expectations, then the suite. Core's sequential device is
// the reference, so it expects nothing but its capability skips (timeouts), which need no entry.
const expectations: Expectations = JSON.parse(readFileSync(new URL('./conformance-expectations.json', import.meta.url), 'utf8'));

describeConformance({ factory: sequentialBackendFactory, expectations });
