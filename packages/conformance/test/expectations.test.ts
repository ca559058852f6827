import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sequentialBackendFactory } from '@wasi-parallel/core';
import { conformanceCases, runConformance, type ConformanceCase, type Expectations } from '@wasi-parallel/conformance';
import { describe, expect, it } from 'vitest';
import { swallowsTraps, wrappedFactory } from './broken-backends.js';

const byId = <T extends { id: string }>(results: T[], id: string): T | undefined => results.find((result) => result.id === id);

/** Small cases with known outcomes, so the judging is tested apart from real kernels. */
const passing: ConformanceCase = { id: 'fake/passes', title: 'passes', run: async () => {} };
const failing: ConformanceCase = {
  id: 'fake/fails',
  title: 'fails',
  run: async () => {
    throw new Error('broken on purpose');
  },
};
let ranGated = false;
const gated: ConformanceCase = {
  id: 'fake/gated',
  title: 'needs iterations run in parallel',
  requires: (capabilities) => (capabilities.parallel ? undefined : 'iterations run in order'),
  run: async () => {
    ranGated = true;
  },
};
let ranSkipped = false;
const skippedByFile: ConformanceCase = {
  id: 'fake/skipped',
  title: 'skipped by the expectations',
  run: async () => {
    ranSkipped = true;
    throw new Error('must not run');
  },
};
const FAKES = [passing, failing, gated, skippedByFile];

describe('expectations', () => {
  it('judges each outcome against its expectation', async () => {
    const results = await runConformance({
      factory: sequentialBackendFactory,
      cases: FAKES,
      expectations: { 'fake/skipped': { status: 'skip', reason: 'not on this device' } },
    });
    expect(results).toEqual([
      { id: 'fake/passes', status: 'pass', expected: 'pass', unexpected: false },
      { id: 'fake/fails', status: 'fail', reason: 'broken on purpose', expected: 'pass', unexpected: true },
      { id: 'fake/gated', status: 'skip', reason: 'iterations run in order', expected: 'pass', unexpected: false },
      { id: 'fake/skipped', status: 'skip', reason: 'not on this device', expected: 'skip', unexpected: false },
    ]);
    expect(ranGated).toBe(false);
    expect(ranSkipped).toBe(false);
  });

  it('reports an unexpected pass, an expected failure as expected, and a stale capability-skip entry', async () => {
    const results = await runConformance({
      factory: sequentialBackendFactory,
      cases: FAKES,
      expectations: {
        'fake/passes': { status: 'fail', reason: 'thought broken' },
        'fake/fails': { status: 'fail', reason: 'known bug' },
        'fake/gated': { status: 'fail', reason: 'was failing before the gate existed' },
        'fake/skipped': { status: 'skip', reason: 'not on this device' },
      },
    });
    const unexpectedPass = byId(results, 'fake/passes')!;
    expect(unexpectedPass).toMatchObject({ status: 'pass', expected: 'fail', unexpected: true });
    expect(unexpectedPass.reason).toContain('remove `fake/passes`');
    expect(byId(results, 'fake/fails')).toMatchObject({ status: 'fail', expected: 'fail', unexpected: false });
    expect(byId(results, 'fake/gated')).toMatchObject({ status: 'skip', expected: 'fail', unexpected: true });
  });

  it('reports entries that name no case or are malformed', async () => {
    const results = await runConformance({
      factory: sequentialBackendFactory,
      cases: [passing, failing],
      expectations: {
        'fake/fails': { status: 'pass', reason: 'pass is the default, not an entry' },
        'vector-add/i33': { status: 'fail', reason: 'typo' },
      } as unknown as Expectations,
    });
    expect(byId(results, 'fake/fails')).toMatchObject({ status: 'fail', unexpected: true });
    expect(byId(results, 'fake/fails')!.reason).toContain('"pass"');
    expect(byId(results, 'vector-add/i33')).toMatchObject({ status: 'fail', unexpected: true });
    // An id of the default list is known even when a subset runs.
    const subset = await runConformance({ factory: sequentialBackendFactory, cases: [passing], expectations: { 'trap/unreachable': { status: 'fail', reason: 'elsewhere' } } });
    expect(subset).toHaveLength(1);
  });

  it("a backend's expectations file turns its known failures into expected ones, and nothing else", async () => {
    const trapIds = conformanceCases.map((testCase) => testCase.id).filter((id) => id.startsWith('trap/'));
    const expectations = Object.fromEntries(trapIds.map((id) => [id, { status: 'fail', reason: 'traps are swallowed (bug 1)' } as const]));
    const results = await runConformance({ factory: wrappedFactory('swallows-traps', swallowsTraps), expectations });
    expect(results.filter((result) => result.unexpected)).toEqual([]);
    expect(results.filter((result) => result.status === 'fail').map((result) => result.id)).toEqual(trapIds);
  });

  it('fails the vitest test of an unexpected pass, and reports skips as skipped', () => {
    const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
    const config = fileURLToPath(new URL('./fixtures/vitest.config.ts', import.meta.url));
    const child = spawnSync(process.execPath, [vitest, 'run', '--config', config, '--reporter=json'], { encoding: 'utf8', timeout: 120_000 });
    expect(child.status).toBe(1);
    const report = JSON.parse(child.stdout.slice(child.stdout.indexOf('{'))) as {
      testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
    };
    const tests = report.testResults.flatMap((file) => file.assertionResults);
    const status = (prefix: string) => tests.find((test) => test.title.startsWith(prefix));
    expect(status('vector-add/i32')?.status).toBe('failed');
    expect(status('vector-add/i32')?.failureMessages.join('\n')).toContain('remove `vector-add/i32`');
    expect(status('saxpy/f32')?.status).toBe('skipped');
    expect(status('feature-gate/refuses-what-capabilities-lack')?.status).toBe('skipped');
    expect(status('abi/arguments')?.status).toBe('passed');
    expect(status('the expectations name only known cases')?.status).toBe('failed');
  });
});
