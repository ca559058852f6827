import type { CallOutcome } from '../simulate/run-call.js';
import type { SynthesizedKernel } from '../synthesize.js';
import type { FpgaCallReport, FpgaLoopReport } from './call-report.js';
import { formatFpgaReport } from './format-report.js';

/** The call report from the synthesis (static) and the run's counters (dynamic). */
export function buildReport(kernel: SynthesizedKernel, outcome: CallOutcome, numIterations: number, blockSize: number): FpgaCallReport {
  const { profile, resources } = kernel;
  const loops: FpgaLoopReport[] = kernel.loops.map((loop) => {
    const [invocations, trips, cycles, speculativeTrips] = Array.from(outcome.stats.subarray(loop.id * 4, loop.id * 4 + 4));
    const base = { function: loop.source.function, instruction: loop.source.loc, invocations: invocations!, trips: trips!, cycles: cycles!, speculativeTrips: speculativeTrips! };
    if (loop.kind === 'sequential') return { ...base, pipelined: false, reason: loop.reason };
    const { ii, depth, resourceII, recurrenceII, bound } = loop.region;
    return { ...base, pipelined: true, ii, depth, resourceII, recurrenceII, bound };
  });
  const pipeline = kernel.kernelPipeline;
  const computeUnitCycles = outcome.computeUnitCycles;
  const cycles = Math.max(0, ...computeUnitCycles);
  const simulated = computeUnitCycles.reduce((sum, n) => sum + n, 0);
  const kernelFills = pipeline ? computeUnitCycles.filter((n) => n > 0).length * (pipeline.depth - 1) : 0;
  const seconds = outcome.wallMs / 1000;
  const report: Omit<FpgaCallReport, 'summary'> = {
    device: 'fpga-sim',
    profile: profile.name,
    part: profile.title,
    clockMHz: profile.clockMHz,
    kernel: kernel.ir.hash,
    numIterations,
    blockSize,
    computeUnits: resources.computeUnits,
    iterationLoop: pipeline
      ? { pipelined: true, ii: pipeline.ii, depth: pipeline.depth, resourceII: pipeline.resourceII, recurrenceII: pipeline.recurrenceII, bound: pipeline.bound }
      : { pipelined: false, reason: kernel.kernelNotPipelined! },
    loops,
    cycles,
    timeUs: cycles / profile.clockMHz,
    computeUnitCycles,
    stalls: {
      fillDrain: kernelFills + loops.reduce((sum, loop) => sum + (loop.pipelined ? loop.invocations * (loop.depth! - 1) : 0), 0),
      speculation: loops.reduce((sum, loop) => sum + (loop.pipelined ? loop.speculativeTrips * loop.ii! : 0), 0),
      imbalance: computeUnitCycles.reduce((sum, n) => sum + (cycles - n), 0),
    },
    resources: { used: resources.used, budget: resources.budget, perComputeUnit: resources.perComputeUnit },
    memoryOrdering: kernel.conservative ? 'conservative' : 'banked',
    simulation: {
      wallMs: outcome.wallMs,
      cyclesPerSecond: seconds > 0 ? simulated / seconds : 0,
      iterationsPerSecond: seconds > 0 ? numIterations / seconds : 0,
    },
  };
  return { ...report, summary: formatFpgaReport(report) };
}
