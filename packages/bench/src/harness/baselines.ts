import { NativeRunner } from '../runners/native-runner.js';
import type { BenchRunner } from '../runners/runner.js';
import { WasmNodeRunner } from '../runners/wasm-node-runner.js';

/** The baselines a run includes unless `--baselines` narrows them, by row name. */
export const BASELINE_NAMES = ['native-gcc', 'native-openmp', 'wasm-node', 'gpujs-webasm'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** The runners every ratio divides by: the faster of the two is "best native". */
export const NATIVE_BASELINES: readonly string[] = ['native-gcc', 'native-openmp'];

/** gpu.js is an optional peer dependency: loaded only when its baseline runs. */
async function createGpujsRunner(): Promise<BenchRunner> {
  try {
    const { GpujsRunner } = await import('../runners/gpujs-runner.js');
    return new GpujsRunner();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error('the gpujs-webasm baseline needs gpu.js, an optional peer dependency of @wasi-parallel/bench: npm install gpu.js', { cause: error });
  }
}

export async function createBaseline(name: BaselineName): Promise<BenchRunner> {
  switch (name) {
    case 'native-gcc':
      return new NativeRunner('seq');
    case 'native-openmp':
      return new NativeRunner('omp');
    case 'wasm-node':
      return new WasmNodeRunner();
    case 'gpujs-webasm':
      return createGpujsRunner();
  }
}
