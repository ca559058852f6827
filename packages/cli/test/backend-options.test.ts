import { describe, expect, it } from 'vitest';
import { parseBackendOptions } from '../src/commands/run.js';
import { cli } from './cli.js';

describe('--backend-option', () => {
  it('groups options by backend and reads values as JSON when they parse', () => {
    expect(parseBackendOptions(['threads.workers=1', 'threads.loop=js', 'web.gpu.adapter="llvmpipe"', 'x.flag=true'])).toEqual({
      threads: { workers: 1, loop: 'js' },
      'web.gpu': { adapter: 'llvmpipe' },
      x: { flag: true },
    });
    expect(() => parseBackendOptions(['workers=1'])).toThrow(/BACKEND.KEY=VALUE/);
  });

  it('reaches the threads backend: one worker serves the run', () => {
    const result = cli(['run', '--verbose', '--device', 'cpu', '--backend-option', 'threads.workers=1', 'examples/build/saxpy.wasm', '10000']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('cpu-1-workers');
  });
});
