import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

export const KERNELS_DIR = fileURLToPath(new URL('../kernels/', import.meta.url));

/** The flags docs/kernel-abi.md gives for kernels built from C. */
export const CLANG_FLAGS = [
  '--target=wasm32',
  '-O2',
  '-nostdlib',
  '-Wl,--no-entry',
  '-Wl,--import-memory',
  '-Wl,--shared-memory',
  '-Wl,--max-memory=1048576',
  '-matomics',
  '-mbulk-memory',
  '-Wl,--export=kernel',
];

const CLANG = process.env['CLANG'] ?? 'clang-16';

/**
 * clang's wasm driver runs `wasm-opt` after linking when it finds one on PATH, and npm puts
 * binaryen's there (node_modules/.bin): the kernel would then differ between a shell and a
 * test run (names stripped, different code). Compile with PATH minus node_modules.
 */
const CLANG_ENV = {
  ...process.env,
  PATH: (process.env['PATH'] ?? '').split(':').filter((dir) => !dir.includes('node_modules')).join(':'),
};
const outDir = mkdtempSync(join(tmpdir(), 'wp-kernel-'));

/** Compiles a C kernel from test/kernels with clang-16. */
export function compileC(file: string, extraFlags: readonly string[] = []): Uint8Array {
  return compileCFrom(join(KERNELS_DIR, file), extraFlags);
}

let compiled = 0;

/** Compiles a C kernel at `source` (an absolute path) with clang-16. */
export function compileCFrom(source: string, extraFlags: readonly string[] = []): Uint8Array {
  const out = join(outDir, `kernel-${compiled++}.wasm`);
  execFileSync(CLANG, [...CLANG_FLAGS, ...extraFlags, source, '-o', out], { stdio: 'pipe', env: CLANG_ENV });
  return new Uint8Array(readFileSync(out));
}

const wabt = await wabtInit();

/** Assembles WAT (every proposal kernels may use enabled). */
export function assemble(text: string, name = 'kernel.wat'): Uint8Array {
  const module = wabt.parseWat(name, text, { threads: true, simd: true, bulk_memory: true, sat_float_to_int: true, sign_extension: true, multi_value: true, mutable_globals: true, exceptions: true });
  try {
    return module.toBinary({ write_debug_names: true }).buffer;
  } finally {
    module.destroy();
  }
}

export function assembleFile(file: string): Uint8Array {
  return assemble(readFileSync(join(KERNELS_DIR, file), 'utf8'), file);
}

export function kernelFiles(extension: '.c' | '.wat'): string[] {
  return readdirSync(KERNELS_DIR).filter((f) => f.endsWith(extension)).sort();
}
