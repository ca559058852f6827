import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KERNEL_SUITE } from '../suite/kernel-suite.js';
import { cName } from '../suite/kernel-spec.js';
import {
  BUILD_DIR,
  KERNEL_SOURCES,
  NATIVE_DRIVER_O3_PATH,
  NATIVE_DRIVER_PATH,
  NATIVE_SOURCES,
  WASM_VARIANTS,
  checkWasmPath,
  kernelWasmPath,
} from './artifact-paths.js';
import { NATIVE_FLAGS, NATIVE_O3_FLAGS, TOOLCHAIN, WASM_CHECK_FLAGS, WASM_KERNEL_FLAGS, compile } from './toolchain.js';

async function mtime(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return -1;
  }
}

/** The newest modification time among the C sources every artifact depends on. */
async function sourcesTime(): Promise<number> {
  const files = [
    ...(await readdir(KERNEL_SOURCES)).map((name) => join(KERNEL_SOURCES, name)),
    ...(await readdir(NATIVE_SOURCES)).map((name) => join(NATIVE_SOURCES, name)),
  ];
  return Math.max(...(await Promise.all(files.map(mtime))));
}

interface Job {
  readonly output: string;
  readonly tool: string;
  readonly args: readonly string[];
}

function jobs(): Job[] {
  const list: Job[] = [];
  for (const kernel of KERNEL_SUITE) {
    const defines = [`-DBENCH_KERNEL=${cName(kernel.id)}`, `-DBENCH_ARITY=${kernel.arity}`];
    for (const variant of WASM_VARIANTS) {
      const output = kernelWasmPath(kernel.id, variant);
      const simd = variant === 'simd' ? ['-msimd128'] : [];
      list.push({ output, tool: TOOLCHAIN.clang, args: [...WASM_KERNEL_FLAGS, ...simd, ...defines, join(KERNEL_SOURCES, 'kernel-module.c'), '-o', output] });
    }
    const output = checkWasmPath(kernel.id);
    list.push({ output, tool: TOOLCHAIN.clang, args: [...WASM_CHECK_FLAGS, ...defines, join(KERNEL_SOURCES, 'check-module.c'), '-o', output] });
  }
  for (const [output, flags] of [
    [NATIVE_DRIVER_PATH, NATIVE_FLAGS],
    [NATIVE_DRIVER_O3_PATH, NATIVE_O3_FLAGS],
  ] as const) {
    list.push({ output, tool: TOOLCHAIN.gcc, args: [...flags, join(NATIVE_SOURCES, 'driver.c'), '-o', output, '-lm'] });
  }
  return list;
}

/** Records the command lines the outputs were built with: a changed flag rebuilds everything. */
const STAMP = join(BUILD_DIR, 'commands.json');

/**
 * Compiles every wasm kernel (scalar and SIMD), every check module and the native driver into
 * `build/`, skipping outputs newer than all C sources and built with the same command lines.
 * Two jobs at a time: CI has two cores.
 */
export async function buildKernels(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<number> {
  await mkdir(join(BUILD_DIR, 'wasm'), { recursive: true });
  await mkdir(join(BUILD_DIR, 'native'), { recursive: true });
  const all = jobs();
  const commands = JSON.stringify(all.map((job) => [job.tool, ...job.args]));
  const sameCommands = (await readFile(STAMP, 'utf8').catch(() => '')) === commands;
  const newest = await sourcesTime();
  const pending: Job[] = [];
  for (const job of all) if (options.force || !sameCommands || (await mtime(job.output)) < newest) pending.push(job);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const job = pending[next++]!;
      options.log?.(`build ${job.output}`);
      // Built beside the output and renamed into place, so two builds at once (test files run
      // in parallel) never leave a half-written module where another process reads it.
      const temporary = `${job.output}.${process.pid}.tmp`;
      await compile(job.tool, job.args.map((arg) => (arg === job.output ? temporary : arg)));
      await rename(temporary, job.output);
    }
  };
  await Promise.all([worker(), worker()]);
  await writeFile(STAMP, commands);
  return pending.length;
}
