import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLANG = process.env.CLANG ?? 'clang-16';

/**
 * Compiles a C kernel the way the examples do: wasm32, no libc, the memory imported and
 * shared (so wasm-ld emits `__wasm_init_memory` for static data), `kernel` exported.
 */
export function compileC(source: string, extraFlags: readonly string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'threads-kernel-'));
  const input = join(dir, 'kernel.c');
  const output = join(dir, 'kernel.wasm');
  writeFileSync(input, source);
  execFileSync(CLANG, [
    '--target=wasm32',
    '-O2',
    '-nostdlib',
    '-matomics',
    '-mbulk-memory',
    '-Wl,--no-entry',
    '-Wl,--export=kernel',
    '-Wl,--import-memory',
    '-Wl,--shared-memory',
    '-Wl,--max-memory=16777216',
    ...extraFlags,
    input,
    '-o',
    output,
  ]);
  return new Uint8Array(readFileSync(output));
}
