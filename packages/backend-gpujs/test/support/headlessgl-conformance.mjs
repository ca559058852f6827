// Runs the conformance suite in GPU.js's headlessgl mode and prints the results as JSON. A
// separate process because headless-gl needs an X display: the test starts it under xvfb-run.
import { readFileSync } from 'node:fs';
import { runConformance } from '@wasi-parallel/conformance';
import { createGpujsBackendFactory } from '@wasi-parallel/backend-gpujs';

const expectations = JSON.parse(readFileSync(new URL('../conformance-expectations-headlessgl.json', import.meta.url), 'utf8'));
const results = await runConformance({ factory: createGpujsBackendFactory({ mode: 'headlessgl', inexactFloat: 'allow' }), expectations });
process.stdout.write(`${JSON.stringify(results)}\n`);
process.exit(0);
