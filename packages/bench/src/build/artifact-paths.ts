import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The two builds of every wasm kernel: plain, and with `-msimd128` (clang may auto-vectorise). */
export type WasmVariant = 'scalar' | 'simd';
export const WASM_VARIANTS: readonly WasmVariant[] = ['scalar', 'simd'];

/** The package root: this file is `dist/build/artifact-paths.js` (or `src/…` under vitest). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KERNEL_SOURCES = join(PACKAGE_ROOT, 'kernels');
export const NATIVE_SOURCES = join(PACKAGE_ROOT, 'native');
/** Ignored by git; `npm run build` fills it. */
export const BUILD_DIR = join(PACKAGE_ROOT, 'build');

export function kernelWasmPath(id: string, variant: WasmVariant): string {
  return join(BUILD_DIR, 'wasm', `${id}.${variant}.wasm`);
}

export function checkWasmPath(id: string): string {
  return join(BUILD_DIR, 'wasm', `${id}.check.wasm`);
}

export const NATIVE_DRIVER_PATH = join(BUILD_DIR, 'native', 'driver');
/** The same driver at -O3 -march=native -ffp-contract=off: the machine's own limit. */
export const NATIVE_DRIVER_O3_PATH = join(BUILD_DIR, 'native', 'driver-o3');
