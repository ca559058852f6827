import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

describe('--backend-option', () => {
  it('reaches the threads backend: one worker serves the run', () => {
    const result = cli(['run', '--verbose', '--device', 'cpu', '--backend-option', 'threads.workers=1', 'examples/build/saxpy.wasm', '10000']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('cpu-1-workers');
  });

  it.each([
    ['a key the backend does not have', 'threads.wrokers=1'],
    ['a bad value', 'threads.workers=zero'],
    ['a backend that is not registered', 'nosuch.workers=1'],
    ['no backend at all', 'workers=1'],
  ])('refuses %s with one line, exit 2, before the guest runs', (_what, option) => {
    const result = cli(['run', '--backend-option', option, 'examples/build/saxpy.wasm', '1000']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('uses the same syntax in conformance', () => {
    const result = cli(['conformance', '--backend', 'threads', '--backend-option', 'threads.wrokers=1', '--cases', 'vector-add/i32']);
    expect(result.status).toBe(2);
    expect(cli(['conformance', '--backend', 'threads', '--backend-option', 'webgpu.adapter="x"']).status).toBe(2);
  });
});
