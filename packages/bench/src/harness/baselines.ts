import { GpujsRunner } from '../runners/gpujs-runner.js';
import { NativeRunner } from '../runners/native-runner.js';
import type { BenchRunner } from '../runners/runner.js';
import { WasmNodeRunner } from '../runners/wasm-node-runner.js';

/** The baselines a run includes unless `--baselines` narrows them, by row name. */
export const BASELINE_NAMES = ['native-gcc', 'native-openmp', 'native-gcc-O3', 'native-openmp-O3', 'wasm-node', 'gpujs-webasm'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** The runners every ratio divides by: the fastest of them is "best native". */
export const NATIVE_BASELINES: readonly string[] = ['native-gcc', 'native-openmp', 'native-gcc-O3', 'native-openmp-O3'];

export function createBaseline(name: BaselineName): BenchRunner {
  switch (name) {
    case 'native-gcc':
      return new NativeRunner('seq');
    case 'native-openmp':
      return new NativeRunner('omp');
    case 'native-gcc-O3':
      return new NativeRunner('seq', 'O3');
    case 'native-openmp-O3':
      return new NativeRunner('omp', 'O3');
    case 'wasm-node':
      return new WasmNodeRunner();
    case 'gpujs-webasm':
      return new GpujsRunner();
  }
}
