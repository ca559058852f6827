import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import type { SynthesizedKernel } from '../synthesize.js';
import { KernelTimeout, KernelTrap, RUNTIME } from './runtime.js';

export interface CallMemory {
  /** The kernel's memory with static data and the buffers in place. */
  readonly buffer: ArrayBuffer;
  /** `kernel`'s arguments: (iteration, numIterations, blockSize, ptr0, len0, …); [0] is replaced per iteration. */
  readonly args: readonly number[];
  readonly bankLow: readonly number[];
  readonly bankHigh: readonly number[];
}

export interface CallOutcome {
  readonly computeUnitCycles: number[];
  readonly stats: Float64Array;
  readonly aliased: boolean;
  readonly wallMs: number;
}

function timeOf(kernel: SynthesizedKernel, iterations: number): number {
  const pipeline = kernel.kernelPipeline!;
  return iterations === 0 ? 0 : (iterations - 1) * pipeline.ii + pipeline.depth - 1;
}

/**
 * How iterations are dealt to compute units (docs/backends/fpga.md): in blocks of `blockSize`,
 * block b to unit b mod units, when 1 ≤ blockSize ≤ N / units; a larger blockSize is the
 * kernel's own slice length (the prototype passes N = slices and blockSize = elements per
 * slice), so iterations are dealt one at a time then.
 */
export function unitBlock(numIterations: number, blockSize: number, units: number): number {
  return blockSize >= 1 && blockSize <= numIterations / units ? blockSize : 1;
}

/** Iterations each unit gets. */
function iterationsPerUnit(numIterations: number, block: number, units: number): number[] {
  const whole = Math.floor(numIterations / block);
  const counts = Array.from({ length: units }, (_, u) => (Math.floor(whole / units) + (u < whole % units ? 1 : 0)) * block);
  counts[whole % units]! += numIterations % block;
  return counts;
}

/**
 * Runs one dispatch on a fresh instance: active data segments are in `memory` already, the
 * start function runs once (as an instantiation would), then iterations 0…N−1 in order. With
 * the kernel body pipelined, the iterations stream through the pipeline in one run — values
 * move through its stages exactly as they would on one unit — and each unit's time is that of
 * its own stream, (n − 1)·II + depth − 1. Otherwise each iteration runs the kernel's state
 * machine and its cycles go to the unit that owns it.
 */
export function runCall(kernel: SynthesizedKernel, memory: CallMemory, numIterations: number, blockSize: number, timeoutMs: number | undefined): CallOutcome {
  const units = kernel.resources.computeUnits;
  const block = unitBlock(numIterations, blockSize, units);
  const instance = kernel.instantiate(memory.buffer, memory.args, memory.bankLow, memory.bankHigh, memory.bankLow.length - 1);
  const cycles = new Array<number>(units).fill(0);
  let current = 0;
  const started = performance.now();
  RUNTIME.deadlineAt = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
  try {
    instance.start();
    if (instance.runBlock) {
      if (numIterations > 0) instance.runBlock(0, numIterations);
    } else {
      for (let i = 0; i < numIterations; i++) {
        current = i;
        const before = instance.cycles();
        instance.runIteration!(i);
        cycles[Math.floor(i / block) % units]! += instance.cycles() - before;
      }
    }
  } catch (error) {
    if (error instanceof KernelTrap) {
      const iteration = error.iteration ?? current;
      throw new WasiParallelError(ErrorCode.KERNEL_TRAP, `iteration ${iteration} trapped: ${error.message} (\`${error.fn}\` instruction ${error.loc})`, { iteration });
    }
    if (error instanceof KernelTimeout) {
      const iteration = error.iteration ?? current;
      throw new WasiParallelError(ErrorCode.TIMEOUT, `the kernel ran past its ${timeoutMs} ms limit in iteration ${iteration}`, { iteration });
    }
    throw error;
  } finally {
    RUNTIME.deadlineAt = Number.POSITIVE_INFINITY;
  }
  const wallMs = performance.now() - started;
  return {
    computeUnitCycles: instance.runBlock ? iterationsPerUnit(numIterations, block, units).map((n) => timeOf(kernel, n)) : cycles,
    stats: instance.stats,
    aliased: instance.aliased(),
    wallMs,
  };
}
