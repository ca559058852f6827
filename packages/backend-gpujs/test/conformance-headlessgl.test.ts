import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { conformanceCases, type CaseResult } from '@wasi-parallel/conformance';
import { describe, it } from 'vitest';

// GPU.js's headlessgl mode (WebGL1 through the `gl` addon) needs an X display: the suite runs
// in a child process under xvfb-run (support/headlessgl-conformance.mjs), after gl is built
// where it is missing (scripts/build-headless-gl.mjs). One test per case, as in-process suites.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const BUILD_MS = 30 * 60_000;
const SUITE_MS = 20 * 60_000;

function runSuite(): CaseResult[] {
  const build = spawnSync(process.execPath, ['scripts/build-headless-gl.mjs'], { cwd: packageDir, stdio: ['ignore', 'inherit', 'inherit'], timeout: BUILD_MS });
  if (build.status !== 0) throw new Error(`headless-gl is not built and building it failed (status ${build.status ?? build.signal})`);
  const run = spawnSync('xvfb-run', ['-a', process.execPath, 'test/support/headlessgl-conformance.mjs'], { cwd: packageDir, encoding: 'utf8', timeout: SUITE_MS, maxBuffer: 64 << 20 });
  if (run.error) throw new Error(`xvfb-run did not run (Debian package xvfb): ${run.error.message}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('[')) throw new Error(`the headlessgl suite ended with status ${run.status}: ${run.stderr.slice(-2000)}`);
  return JSON.parse(last) as CaseResult[];
}

describe('conformance: gpujs (headlessgl, under xvfb-run)', () => {
  let results: CaseResult[] | undefined;
  const resultOf = (id: string): CaseResult => {
    results ??= runSuite();
    const result = results.find((r) => r.id === id);
    if (!result) throw new Error(`the headlessgl run reported no result for ${id}`);
    return result;
  };
  for (const testCase of conformanceCases) {
    it(`${testCase.id}: ${testCase.title}`, async (test) => {
      const result = resultOf(testCase.id);
      if (result.unexpected) throw new Error(`${result.id}: ${result.reason}`);
      if (result.status === 'skip') test.skip(result.reason);
      if (result.status === 'fail') await test.annotate(`fails as expected: ${result.reason}`);
    }, BUILD_MS + SUITE_MS);
  }
});
