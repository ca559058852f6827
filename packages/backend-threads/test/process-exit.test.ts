import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A script that uses the free functions and never closes anything must still end: an idle pool
// holds no event-loop reference (a call in flight does, so the process cannot exit mid-call).
const SCRIPT = fileURLToPath(new URL('./support/exits-by-itself.mjs', import.meta.url));

describe('the process exits by itself', () => {
  it('after free-function calls on the threads device, without close()', () => {
    const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', timeout: 60_000 });
    expect(result.signal).toBeNull();
    expect(result.stdout).toBe('threads 1 2 3 4\n');
    expect(result.status).toBe(0);
  });
});
