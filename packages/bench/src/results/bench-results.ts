import type { SizeName } from '../suite/kernel-spec.js';
import type { DeviceReport, SamplePlan, Variant } from '../runners/runner.js';
import type { BootstrapMethod } from '../stats/bootstrap.js';
import type { SampleStats } from '../stats/statistics.js';

/**
 * Bumped whenever a field changes meaning or disappears; adding optional fields keeps it.
 * 2: several sizes per run (`sizes`, `plans`, a `size` on every kernel and row), dispersion in
 * `warm` (quartiles, bootstrap interval), `statistics`, provenance (`emulated`, package versions).
 */
export const RESULTS_SCHEMA_VERSION = 2;

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly platform: string;
  readonly osRelease: string;
  readonly arch: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine shows here. */
  readonly loadAverage?: readonly number[];
}

export interface ToolVersions {
  readonly node: string;
  readonly v8: string;
  readonly gcc: string;
  readonly clang: string;
  readonly gpujs: string;
  readonly bench: string;
  /** Every `@wasi-parallel/*` package the run loaded (core, each backend package), by name. */
  readonly packages?: Readonly<Record<string, string>>;
  /** `git describe --always --dirty` of the checkout the bench ran from, when it is one. */
  readonly commit?: string;
}

export interface RunnerInfo {
  readonly name: string;
  readonly role: 'backend' | 'baseline';
  readonly available: boolean;
  /** Why the runner could not run at all. */
  readonly reason?: string;
  readonly description?: Readonly<Record<string, string | number | boolean>>;
  /**
   * The backend's device kind is emulated in software (capabilities.emulated: a GPU adapter that
   * is SwiftShader or llvmpipe): its times are CPU times, not the device kind's.
   */
  readonly emulated?: boolean;
}

/** One kernel at one size. */
export interface KernelInfo {
  readonly id: string;
  readonly size: SizeName;
  readonly description: string;
  readonly label: string;
  readonly numIterations: number;
  readonly blockSize: number;
  readonly bufferBytes: readonly number[];
  /** Bytes one call must move to and from memory, for the kernels that measure bandwidth. */
  readonly bytesMoved?: number;
  /** The faster warm median of native-gcc and native-openmp, when either ran and passed its check. */
  readonly bestNativeMs?: number;
  readonly bestNativeRunner?: string;
}

/**
 * One kernel × runner × variant. `ok`: measured and the guest-side check passed;
 * `check-failed`: measured, but the output was wrong; `failed`: the run threw;
 * `skipped`: the runner cannot run this kernel (the reason says why).
 */
export type ResultStatus = 'ok' | 'check-failed' | 'failed' | 'skipped';

export type WarmStats = SampleStats;

/** One kernel × size × runner × variant. */
export interface ResultRow {
  readonly kernel: string;
  readonly size: SizeName;
  readonly runner: string;
  readonly role: 'backend' | 'baseline';
  readonly variant: Variant;
  readonly status: ResultStatus;
  readonly reason?: string;
  /** A `WasiParallelError` code, when a failure carried one. */
  readonly errorCode?: number;
  readonly coldMs?: number;
  readonly warm?: WarmStats;
  readonly samplesMs?: readonly number[];
  readonly checkFailures?: number;
  /** warm median / the kernel's best native median. */
  readonly ratioToBestNative?: number;
  /** The kernel's `bytesMoved` over the warm median, in GB/s (10⁹ bytes a second). */
  readonly gbPerSecond?: number;
  readonly notes?: Readonly<Record<string, string | number>>;
  /** What the device reported about the last sample's call (an FPGA simulator's II, cycles, estimated time, …). */
  readonly deviceReport?: DeviceReport;
}

export interface FrontEndRow {
  readonly kernel: string;
  readonly bytes: number;
  /** `loadKernel` after `clearKernelCache()`: decode + validate + analyse. Absent when it failed. */
  readonly coldMedianMs?: number;
  /** `loadKernel` of the same bytes again: the cache hit. */
  readonly cachedMedianMs?: number;
  /** Why `loadKernel` rejected this kernel. */
  readonly error?: string;
}

export interface FrontEndReport {
  readonly available: boolean;
  readonly reason?: string;
  readonly rows: readonly FrontEndRow[];
}

/** One conformance case on one backend: the fidelity matrix's cell. */
export interface FidelityCase {
  readonly id: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly reason?: string;
  /** The largest difference from the reference in units in the last place, when the case measured one. */
  readonly ulp?: number;
}

/** The conformance suite (`--conformance`) on one backend runner. */
export interface FidelityRun {
  readonly runner: string;
  readonly available: boolean;
  /** Why the suite could not run on it at all. */
  readonly reason?: string;
  readonly cases: readonly FidelityCase[];
}

export interface BenchResults {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly generatedAt: string;
  /** Smallest first. */
  readonly sizes: readonly SizeName[];
  /** The sampling plan each size ran with. */
  readonly plans: Readonly<Partial<Record<SizeName, SamplePlan>>>;
  /** How `warm`'s interval was computed: same samples and method, same interval. */
  readonly statistics: BootstrapMethod;
  readonly machine: MachineInfo;
  readonly versions: ToolVersions;
  readonly runners: readonly RunnerInfo[];
  readonly kernels: readonly KernelInfo[];
  readonly results: readonly ResultRow[];
  readonly frontEnd: FrontEndReport;
  /** Present when the run was asked for it (`--conformance`). */
  readonly fidelity?: readonly FidelityRun[];
}
