import type { SizeName } from '../suite/kernel-spec.js';
import type { SamplePlan, Variant } from '../runners/runner.js';

/** Bumped whenever a field changes meaning or disappears; adding optional fields keeps it. */
export const RESULTS_SCHEMA_VERSION = 1;

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
}

export interface RunnerInfo {
  readonly name: string;
  readonly role: 'backend' | 'baseline';
  readonly available: boolean;
  /** Why the runner could not run at all. */
  readonly reason?: string;
  readonly description?: Readonly<Record<string, string | number | boolean>>;
}

export interface KernelInfo {
  readonly id: string;
  readonly description: string;
  readonly label: string;
  readonly numIterations: number;
  readonly blockSize: number;
  readonly bufferBytes: readonly number[];
  /** Bytes one call must move to and from memory, for the kernels that measure bandwidth. */
  readonly bytesMoved?: number;
  /** The fastest warm median of the native rows (gcc -O2 and -O3, sequential and OpenMP) that passed their check. */
  readonly bestNativeMs?: number;
  readonly bestNativeRunner?: string;
}

/**
 * One kernel × runner × variant. `ok`: measured and the guest-side check passed;
 * `check-failed`: measured, but the output was wrong; `failed`: the run threw;
 * `skipped`: the runner cannot run this kernel (the reason says why).
 */
export type ResultStatus = 'ok' | 'check-failed' | 'failed' | 'skipped';

export interface WarmStats {
  readonly count: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface ResultRow {
  readonly kernel: string;
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
  readonly notes?: Readonly<Record<string, string | number>>;
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

export interface BenchResults {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly generatedAt: string;
  readonly size: SizeName;
  readonly plan: SamplePlan;
  readonly machine: MachineInfo;
  readonly versions: ToolVersions;
  readonly runners: readonly RunnerInfo[];
  readonly kernels: readonly KernelInfo[];
  readonly results: readonly ResultRow[];
  readonly frontEnd: FrontEndReport;
}
