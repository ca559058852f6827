import type { KernelIR, ValueType } from '@wasi-parallel/kernel';
import type { FpgaProfile } from './profiles/profile.js';
import { estimateResources, type ResourceEstimate } from './report/resources.js';
import { EmitContext } from './simulate/emit-context.js';
import { moduleCode } from './simulate/module-code.js';
import { RUNTIME } from './simulate/runtime.js';
import { buildFsmFunction, pipelineRegion, regionGraph, variablesWritten, type SynthesisContext } from './synth/build-program.js';
import type { Bank } from './synth/dfg.js';
import type { FsmFunction, FsmStatement, LoopPlan } from './synth/program.js';
import { refuseUnsynthesisable } from './synth/refusals.js';
import type { ScheduledRegion } from './synth/schedule-region.js';
import { stackFrameBytes } from './synth/stack-frames.js';
import { NotPipelinable } from './synth/unsupported.js';

/** One dispatch's simulation state: a fresh instance of the compiled kernel over that call's memory. */
export interface SimulationInstance {
  start(): void;
  /** The kernel as a state machine, one iteration id (when the kernel body is not one pipeline). */
  runIteration?(iteration: number): void;
  /** The kernel body as one pipeline, `count` iteration ids from `first`. */
  runBlock?(first: number, count: number): void;
  cycles(): number;
  /** Per loop: invocations, trips, cycles, speculative trips. */
  readonly stats: Float64Array;
  /** Whether an access left the bank its schedule assumed (the run is then redone conservatively). */
  aliased(): boolean;
}

export type Instantiate = (buffer: ArrayBuffer, args: readonly number[], bankLow: readonly number[], bankHigh: readonly number[], localBank: number) => SimulationInstance;

/** A kernel synthesised for one profile: its schedules, its resources, and its simulation compiled to JS. */
export interface SynthesizedKernel {
  readonly ir: KernelIR;
  readonly profile: FpgaProfile;
  /** Every access treated as possibly touching any address (the fallback when a bank check fails). */
  readonly conservative: boolean;
  /** The kernel body pipelined over iteration ids, or why not. */
  readonly kernelPipeline: ScheduledRegion | undefined;
  readonly kernelNotPipelined: string | undefined;
  readonly loops: readonly LoopPlan[];
  readonly resources: ResourceEstimate;
  /** The generated simulation, for `--debug` and tests. */
  readonly source: string;
  readonly instantiate: Instantiate;
}

function banks(ir: KernelIR, conservative: boolean): (source: { function: string; loc: number }) => Bank {
  const byLocation = new Map<string, Bank>();
  for (const access of ir.analysis.accesses) {
    const { provenance } = access;
    const bank: Bank = provenance.kind === 'buffer' ? `buffer${provenance.buffer}` : provenance.kind === 'unknown' ? 'any' : 'local';
    byLocation.set(`${access.function}:${access.loc}`, bank);
  }
  return (source) => (conservative ? 'any' : (byLocation.get(`${source.function}:${source.loc}`) ?? 'any'));
}

function blocksOf(statements: readonly FsmStatement[], out: ScheduledRegion[]): void {
  for (const statement of statements) {
    if (statement.kind === 'block') blocksOf(statement.body, out);
    else if (statement.kind === 'loop') {
      if (statement.loop.kind === 'sequential') blocksOf(statement.loop.body, out);
    } else {
      if (statement.block) out.push(statement.block);
      if (statement.kind === 'if') {
        blocksOf(statement.then, out);
        blocksOf(statement.else, out);
      }
    }
  }
}

/**
 * HLS for a kernel: refuse what cannot be hardware; try to pipeline the kernel body over
 * iteration ids; build every function's state machine (basic blocks list-scheduled, innermost
 * loops modulo-scheduled); price the datapath; compile the simulation.
 */
export function synthesize(ir: KernelIR, profile: FpgaProfile, conservative: boolean): SynthesizedKernel {
  refuseUnsynthesisable(ir);
  const stackBytes = stackFrameBytes(ir);
  const context: SynthesisContext = {
    ir,
    profile,
    bankOf: banks(ir, conservative),
    globalTypes: new Map<string, ValueType>(ir.globals.map((global) => [global.name, global.type])),
    loops: [],
  };
  let kernelPipeline: ScheduledRegion | undefined;
  let kernelNotPipelined: string | undefined;
  try {
    const graph = regionGraph(context, ir.kernel, [ir.kernel.body], { kind: 'kernel' }, variablesWritten([ir.kernel.body], true));
    kernelPipeline = pipelineRegion(context, ir.kernel, graph);
  } catch (error) {
    if (!(error instanceof NotPipelinable)) throw error;
    kernelNotPipelined = error.reason;
  }
  const functions: FsmFunction[] = ir.functions.filter((fn) => !fn.imported && !(kernelPipeline && fn === ir.kernel)).map((fn) => buildFsmFunction(context, fn));
  const blocks: ScheduledRegion[] = [];
  for (const fsm of functions) blocksOf(fsm.body, blocks);
  const pipelines = [...(kernelPipeline ? [kernelPipeline] : []), ...context.loops.flatMap((loop) => (loop.kind === 'pipelined' ? [loop.region] : []))];
  const stateRegisterBits = functions.reduce((sum, fsm) => sum + fsm.fn.locals.reduce((bits, local) => bits + (local.type === 'i64' || local.type === 'f64' ? 64 : 32), 0), 0);
  const resources = estimateResources(
    { pipelines, blocks, stateRegisterBits, staticDataBytes: ir.dataSegments.reduce((sum, segment) => sum + segment.size, 0), stackBytes },
    profile,
  );
  const emit = new EmitContext(ir, !conservative);
  const source = moduleCode(
    {
      functions,
      ...(kernelPipeline ? { kernelPipeline } : {}),
      kernelName: ir.kernel.name,
      ...(ir.startFunction ? { startFunction: ir.startFunction } : {}),
      loopCount: context.loops.length,
    },
    emit,
  );
  const segments = ir.dataSegments.map((segment) => segment.data);
  // The simulation is generated code: one JS function per kernel, compiled once and cached by hash.
  const factory = new Function('R', 'SEGMENTS', 'BYTES_PER_CYCLE', source) as (r: typeof RUNTIME, segments: readonly Uint8Array[], bytes: number) => Instantiate;
  const instantiate = factory(RUNTIME, segments, profile.memory.bytesPerPortCycle);
  return { ir, profile, conservative, kernelPipeline, kernelNotPipelined, loops: context.loops, resources, source, instantiate };
}
