import { runConformance, formatResult } from './dist/index.js';
import { sequentialBackendFactory } from '@wasi-parallel/core';
const t = Date.now();
const results = await runConformance({ factory: sequentialBackendFactory });
for (const r of results) console.log(formatResult(r));
console.log(Date.now() - t, 'ms', results.length);
