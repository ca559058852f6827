import { conformanceCases, runConformance } from '@wasi-parallel/conformance';
import { describe, expect, it } from 'vitest';
import { workerBackendFactory } from './worker-backend.js';

describe('the timeout case', () => {
  it('passes on a backend that can end a runaway kernel, along with every other case', async () => {
    // By name only (negative priority): the suite must still pick it, and with one device the
    // wrong-device case falls back to another host's buffer.
    const results = await runConformance({ factory: workerBackendFactory(), hostOptions: { timeoutMs: 20_000 } });
    expect(results.filter((result) => result.status !== 'pass')).toEqual([]);
    expect(results.find((result) => result.id === 'timeout/infinite-loop')?.status).toBe('pass');
  });

  it('fails, rather than hangs, on a backend that claims timeouts but never ends a kernel', async () => {
    const [timeoutCase] = conformanceCases.filter((testCase) => testCase.id === 'timeout/infinite-loop');
    const results = await runConformance({ factory: workerBackendFactory('ignores-timeouts', false), cases: [timeoutCase!] });
    expect(results).toMatchObject([{ id: 'timeout/infinite-loop', status: 'fail', unexpected: true }]);
    expect(results[0]!.reason).toContain('did not end the kernel');
  }, 60_000);
});
