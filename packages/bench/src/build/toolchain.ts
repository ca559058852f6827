import { execFile } from 'node:child_process';
import { delimiter, sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The compilers the suite is built with; overridable for machines that name them differently. */
export const TOOLCHAIN = {
  clang: process.env.BENCH_CLANG ?? 'clang-16',
  gcc: process.env.BENCH_GCC ?? 'gcc',
} as const;

/**
 * The largest memory a kernel declares. Shared memories must declare a maximum; 512 MiB holds
 * the largest size's buffers (histogram: 64 MiB of data) with room to spare.
 */
export const KERNEL_MAX_MEMORY = 512 * 1024 * 1024;

/** The kernel ABI's build line (docs/kernel-abi.md), minus the source and the variant's flags. */
export const WASM_KERNEL_FLAGS = [
  '--target=wasm32',
  '-O2',
  '-nostdlib',
  // Keeps clang from turning loops into memset/memcpy calls that -nostdlib cannot resolve.
  '-fno-builtin',
  '-matomics',
  '-mbulk-memory',
  '-Wl,--no-entry',
  '-Wl,--import-memory',
  '-Wl,--shared-memory',
  `-Wl,--max-memory=${KERNEL_MAX_MEMORY}`,
  '-Wl,--export=kernel',
] as const;

/** The check module runs on a plain memory on the host's thread. */
export const WASM_CHECK_FLAGS = [
  '--target=wasm32',
  '-O2',
  '-nostdlib',
  '-fno-builtin',
  '-Wl,--no-entry',
  '-Wl,--import-memory',
  // Lowers the check's zero-initialised arrays to memory.fill instead of a memset call.
  '-mbulk-memory',
  // Where the module's own data and stack end: buffers go above it.
  '-Wl,--export=__heap_base',
] as const;

export const NATIVE_FLAGS = ['-O2', '-fopenmp', '-std=c11'] as const;

/**
 * The best native code gcc makes for this machine. `-ffp-contract=off`: without it gcc fuses
 * a·b + c into one FMA rounding, which changes results (mandelbrot's escape counts, triad's
 * values) that every other runner computes with two roundings.
 */
export const NATIVE_O3_FLAGS = ['-O3', '-march=native', '-ffp-contract=off', '-fopenmp', '-std=c11'] as const;

/** The first line of `<tool> --version`, or why it could not be run. */
export async function toolVersion(tool: string): Promise<string> {
  try {
    const { stdout } = await run(tool, ['--version']);
    return stdout.split('\n')[0]!.trim();
  } catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`;
  }
}

/**
 * PATH without `node_modules/.bin`: clang-16 runs any `wasm-opt` it finds on PATH after linking
 * (and has no flag to stop it), and npm scripts put binaryen's there. wasm-opt then drops the
 * memory import of a kernel that never touches memory (`empty`), which breaks the kernel ABI,
 * and rewrites the others — so what was built would depend on how the build was started.
 */
function compilerPath(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.split(sep).includes('node_modules'))
    .join(delimiter);
}

export async function compile(tool: string, args: readonly string[]): Promise<void> {
  try {
    await run(tool, [...args], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, PATH: compilerPath() } });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${tool} ${args.join(' ')} failed:\n${stderr || (error as Error).message}`);
  }
}
