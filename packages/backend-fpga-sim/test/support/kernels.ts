import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

export const KERNELS = fileURLToPath(new URL('../kernels/', import.meta.url));
export const EXAMPLES_BUILD = fileURLToPath(new URL('../../../../examples/build/', import.meta.url));

const wabt = await wabtInit();

/** WAT text to kernel bytes (threads, bulk memory, SIMD, saturating conversions enabled). */
export function assemble(text: string): Uint8Array {
  const module = wabt.parseWat('kernel.wat', text, { threads: true, simd: true, bulk_memory: true, sat_float_to_int: true, sign_extension: true, mutable_globals: true });
  try {
    return Uint8Array.from(module.toBinary({ write_debug_names: true }).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * A C kernel built the way examples/build.sh builds them (clang-16, wasm32, no libc, shared
 * imported memory). node_modules/.bin leaves PATH: clang would run binaryen's wasm-opt from there.
 */
export function compileC(source: string, extraFlags: readonly string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'fpga-kernel-'));
  writeFileSync(join(dir, 'kernel.c'), source);
  const path = (process.env.PATH ?? '').split(delimiter).filter((entry) => !entry.includes('node_modules')).join(delimiter);
  execFileSync(
    process.env.CLANG ?? 'clang-16',
    ['--target=wasm32', '-O2', '-nostdlib', '-matomics', '-mbulk-memory', '-Wl,--no-entry', '-Wl,--export=kernel', '-Wl,--import-memory', '-Wl,--shared-memory', '-Wl,--max-memory=16777216', ...extraFlags, join(dir, 'kernel.c'), '-o', join(dir, 'kernel.wasm')],
    { stdio: 'pipe', env: { ...process.env, PATH: path } },
  );
  return new Uint8Array(readFileSync(join(dir, 'kernel.wasm')));
}

export function kernelFile(name: string): string {
  return readFileSync(join(KERNELS, name), 'utf8');
}

/** `(param $i i32) (param $n i32) (param $block i32)` then a (pointer, length) pair per buffer. */
export function kernelParams(...buffers: string[]): string {
  return ['$i', '$n', '$block', ...buffers.flatMap((name) => [`$${name}`, `$${name}_len`])].map((param) => `(param ${param} i32)`).join(' ');
}
