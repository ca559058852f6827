import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const CLANG = process.env.CLANG ?? 'clang-16';

/**
 * Compiles a C kernel the way the examples do: wasm32, no libc, the memory imported and
 * shared (so wasm-ld emits `__wasm_init_memory` for static data), `kernel` exported.
 * node_modules/.bin is taken off PATH: clang runs binaryen's wasm-opt when it finds one,
 * which strips the name section; `stripNames` does that on purpose where a test wants it.
 */
export function compileC(source: string, extraFlags: readonly string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'threads-kernel-'));
  const input = join(dir, 'kernel.c');
  const output = join(dir, 'kernel.wasm');
  writeFileSync(input, source);
  const path = (process.env.PATH ?? '').split(delimiter).filter((entry) => !entry.includes('node_modules')).join(delimiter);
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
  ], { env: { ...process.env, PATH: path } });
  return new Uint8Array(readFileSync(output));
}

/** The module without its `name` custom section, as wasm-opt leaves it. */
export function stripNames(bytes: Uint8Array): Uint8Array {
  const kept: number[] = [...bytes.subarray(0, 8)];
  let offset = 8;
  while (offset < bytes.length) {
    const start = offset;
    const id = bytes[offset++]!;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[offset++]!;
      size += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
    }
    const end = offset + size;
    const nameLength = bytes[offset]!;
    const isName = id === 0 && new TextDecoder().decode(bytes.subarray(offset + 1, offset + 1 + nameLength)) === 'name';
    if (!isName) kept.push(...bytes.subarray(start, end));
    offset = end;
  }
  return Uint8Array.from(kept);
}
