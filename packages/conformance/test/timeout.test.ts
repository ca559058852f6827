import { conformanceCases, runConformance } from '@wasi-parallel/conformance';
import { describe, expect, it } from 'vitest';
import { wrappedFactory } from './broken-backends.js';

describe('the timeout case', () => {
  it('fails, rather than hangs, on a backend that claims timeouts but never ends a kernel', async () => {
    const [timeoutCase] = conformanceCases.filter((testCase) => testCase.id === 'timeout/infinite-loop');
    // The sequential device with the call's limit taken away: it claims `timeouts` and never ends the kernel.
    const ignoresTimeouts = wrappedFactory('ignores-timeouts', (inner, request) => inner.parallelFor({ ...request, timeoutMs: 0 }), { timeouts: true });
    const results = await runConformance({ factory: ignoresTimeouts, cases: [timeoutCase!] });
    expect(results).toMatchObject([{ id: 'timeout/infinite-loop', status: 'fail', unexpected: true }]);
    expect(results[0]!.reason).toContain('did not end the kernel');
  }, 60_000);
});
