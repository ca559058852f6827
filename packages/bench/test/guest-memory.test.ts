import { describe, expect, it } from 'vitest';
import { sequentialBackendFactory } from '@wasi-parallel/core';
import { HostRunner, kernelById, runBench } from '@wasi-parallel/bench';

describe('rows over guest memory (`@memory=guest`)', () => {
  it('run the kernel on a shared memory of the runner’s, and the guest-side check passes on it', async () => {
    const runner = new HostRunner('sequential@memory=guest', sequentialBackendFactory, { memory: 'guest' });
    const results = await runBench({
      kernels: [kernelById('stream-triad')!, kernelById('saxpy')!],
      runners: [runner],
      sizes: ['small'],
      plans: { small: { warmup: 0, repetitions: 2 } },
    });
    for (const row of results.results) {
      expect(row).toMatchObject({ runner: 'sequential@memory=guest', status: 'ok', checkFailures: 0, notes: { memory: 'guest' } });
    }
    expect(results.results).toHaveLength(4);
  }, 120_000);
});
