import type { FpgaResources } from '../profiles/profile.js';
import type { IIBound } from '../synth/schedule-region.js';

/** One loop of the kernel: how it was scheduled and what it did in this call. */
export interface FpgaLoopReport {
  readonly function: string;
  /** The loop's instruction index in its function (as `wasi-parallel compile --ir` numbers them). */
  readonly instruction: number;
  readonly pipelined: boolean;
  /** Pipelined: initiation interval, its resource and recurrence lower bounds, what binds it, the depth in cycles. */
  readonly ii?: number;
  readonly resourceII?: number;
  readonly recurrenceII?: number;
  readonly bound?: IIBound;
  readonly depth?: number;
  /** Not pipelined: why (a nested loop, a call, bulk memory). */
  readonly reason?: string;
  /** This call: times the loop was entered, trips completed, cycles spent, trips issued past an exit. */
  readonly invocations: number;
  readonly trips: number;
  readonly cycles: number;
  readonly speculativeTrips: number;
}

/**
 * What the FPGA simulator reports for one `parallelFor` — the same object
 * `DispatchResult.report` carries, `wasi-parallel run --report` prints and
 * `wasi-parallel fpga report` builds. Plain JSON data.
 */
export interface FpgaCallReport {
  readonly device: 'fpga-sim';
  readonly profile: string;
  readonly part: string;
  readonly clockMHz: number;
  readonly kernel: string;
  readonly numIterations: number;
  readonly blockSize: number;
  readonly computeUnits: number;
  /** The loop over iteration ids each compute unit runs: pipelined when the kernel body is loop-free. */
  readonly iterationLoop: {
    readonly pipelined: boolean;
    readonly ii?: number;
    readonly depth?: number;
    readonly resourceII?: number;
    readonly recurrenceII?: number;
    readonly bound?: IIBound;
    readonly reason?: string;
  };
  readonly loops: readonly FpgaLoopReport[];
  /** Cycles until the slowest compute unit finishes. */
  readonly cycles: number;
  /** `cycles` at the profile's clock, in microseconds. */
  readonly timeUs: number;
  readonly computeUnitCycles: readonly number[];
  /**
   * Cycles not spent issuing trips: pipeline fill and drain (depth − 1 per pipeline run), trips
   * issued speculatively past a loop exit and dropped (× II), and compute units idle while the
   * slowest finishes.
   */
  readonly stalls: { readonly fillDrain: number; readonly speculation: number; readonly imbalance: number };
  readonly resources: { readonly used: FpgaResources; readonly budget: FpgaResources; readonly perComputeUnit: FpgaResources };
  /** Set when an access left the buffer its address came from: the call was simulated again with every access ordered. */
  readonly memoryOrdering: 'banked' | 'conservative';
  /** The simulator itself (wall-clock, noisy): device cycles simulated (all compute units) per second, iterations per second. */
  readonly simulation: { readonly wallMs: number; readonly cyclesPerSecond: number; readonly iterationsPerSecond: number };
  /** The report for people, as `wasi-parallel run --report` prints it (core's DeviceReport convention). */
  readonly summary: string;
}
