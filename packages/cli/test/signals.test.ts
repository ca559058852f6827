import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './cli.js';

/** Starts a guest that never ends, on the CPU device (so threads.js is loaded), and signals it once it runs. */
async function interrupt(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; signal: string | null }> {
  const wabt = await (await import('wabt')).default();
  const file = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-')), 'spin.wasm');
  // Says "go" on stdout (an iovec at 0 pointing at the text at 16), then spins.
  const text = `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 0) "\\10\\00\\00\\00\\03\\00\\00\\00")
    (data (i32.const 16) "go\\n")
    (func (export "_start") (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32))) (loop (br 0))))`;
  writeFileSync(file, wabt.parseWat('spin.wat', text).toBinary({}).buffer);
  const child = spawn(process.execPath, [BIN, 'run', '--device', 'cpu', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  // The backends (threads.js with its own handlers among them) are loaded once the guest runs.
  await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('go') && resolve()));
  child.kill(signal);
  return new Promise((resolve) => child.on('exit', (code, signalName) => resolve({ code, signal: signalName })));
}

describe('signals end a run with the shell status of that signal', () => {
  it('Ctrl-C (SIGINT) exits 130, not threads.js\'s 0', async () => {
    expect(await interrupt('SIGINT')).toEqual({ code: 130, signal: null });
  });

  it('SIGTERM exits 143', async () => {
    expect(await interrupt('SIGTERM')).toEqual({ code: 143, signal: null });
  });
});
