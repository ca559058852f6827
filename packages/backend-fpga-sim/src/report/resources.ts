import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import type { FpgaProfile, FpgaResources, OperatorClass } from '../profiles/profile.js';
import type { DfgNode } from '../synth/dfg.js';
import { costOf, operatorClass, widthOf } from '../synth/op-classes.js';
import type { ScheduledRegion } from '../synth/schedule-region.js';

export interface ResourceEstimate {
  /** One compute unit's datapath and control. */
  readonly perComputeUnit: FpgaResources;
  /** Compute units instantiated: the profile's count, or fewer when that many do not fit. */
  readonly computeUnits: number;
  readonly used: FpgaResources;
  readonly budget: FpgaResources;
}

const NONE: FpgaResources = { dsp: 0, lut: 0, ff: 0, bram18k: 0 };
const BRAM18K_BITS = 18 * 1024;
/** LUTs and flip-flops for a pipeline's own control (stage enables, trip counter). */
const PIPELINE_CONTROL = { lut: 60, ff: 80 };

function add(a: FpgaResources, b: FpgaResources): FpgaResources {
  return { dsp: a.dsp + b.dsp, lut: a.lut + b.lut, ff: a.ff + b.ff, bram18k: a.bram18k + b.bram18k };
}

function scale(a: FpgaResources, factor: number): FpgaResources {
  return { dsp: a.dsp * factor, lut: a.lut * factor, ff: a.ff * factor, bram18k: a.bram18k * factor };
}

const priced = (node: DfgNode): boolean => node.kind !== 'const' && node.kind !== 'input' && node.kind !== 'trip';

/**
 * Operators of one region: `instances` of each class (a pipeline at II shares one operator
 * among II operations, as HLS does; a state machine shares across its states, so what one
 * cycle needs), each priced by the profile; registers for every value held across cycles.
 */
function regionResources(regions: readonly ScheduledRegion[], profile: FpgaProfile, pipelined: boolean): FpgaResources {
  const instances = new Map<OperatorClass, { count: number; width: number }>();
  let ff = 0;
  for (const region of regions) {
    const perCycle = new Map<string, number>();
    const counts = new Map<OperatorClass, { count: number; width: number }>();
    const lastUse = region.graph.nodes.map((node) => region.times[node.id]! + costOf(node, profile).latency);
    for (const dep of region.problem.deps) lastUse[dep.from] = Math.max(lastUse[dep.from]!, region.times[dep.to]! + (pipelined ? dep.distance * region.ii : 0));
    for (const node of region.graph.nodes) {
      if (!priced(node)) continue;
      const cls = operatorClass(node);
      const width = widthOf(node);
      const key = `${cls}@${region.times[node.id]}`;
      perCycle.set(key, (perCycle.get(key) ?? 0) + 1);
      const entry = counts.get(cls) ?? { count: 0, width: 0 };
      counts.set(cls, { count: pipelined ? entry.count + 1 : Math.max(entry.count, perCycle.get(key)!), width: Math.max(entry.width, width) });
      ff += width * Math.max(0, lastUse[node.id]! - region.times[node.id]! - costOf(node, profile).latency) + (costOf(node, profile).latency > 0 ? width : 0);
    }
    for (const [cls, { count, width }] of counts) {
      const shared = pipelined ? Math.ceil(count / Math.max(1, region.ii)) : count;
      const previous = instances.get(cls);
      // Pipelines each own their operators; a state machine's blocks share theirs.
      instances.set(cls, pipelined ? { count: (previous?.count ?? 0) + shared, width: Math.max(previous?.width ?? 0, width) } : { count: Math.max(previous?.count ?? 0, shared), width: Math.max(previous?.width ?? 0, width) });
    }
  }
  let total: FpgaResources = { ...NONE, ff };
  for (const [cls, { count, width }] of instances) {
    const cost = profile.operators[cls];
    total = add(total, { dsp: (cost.dsp ?? 0) * count, lut: ((cost.lut ?? 0) + (cost.lutPerBit ?? 0) * width) * count, ff: 0, bram18k: 0 });
  }
  if (pipelined) total = add(total, { dsp: 0, lut: PIPELINE_CONTROL.lut * regions.length, ff: PIPELINE_CONTROL.ff * regions.length, bram18k: 0 });
  return total;
}

/** On-chip memories for the kernel's own data: static data and stack frames, each rounded up to whole BRAM18Ks. */
function memoryBlocks(bytes: readonly number[]): number {
  return bytes.filter((n) => n > 0).reduce((sum, n) => sum + Math.ceil((n * 8) / BRAM18K_BITS), 0);
}

export interface DatapathInput {
  readonly pipelines: readonly ScheduledRegion[];
  readonly blocks: readonly ScheduledRegion[];
  readonly stateRegisterBits: number;
  readonly staticDataBytes: number;
  readonly stackBytes: number;
}

function fits(used: FpgaResources, budget: FpgaResources): (keyof FpgaResources)[] {
  return (Object.keys(budget) as (keyof FpgaResources)[]).filter((key) => used[key] > budget[key]);
}

/**
 * What one compute unit costs and how many fit: the profile's count, or as many as the budget
 * takes. A kernel that does not fit even once is refused (UNSUPPORTED_KERNEL_FEATURE), naming
 * the resource it overflows.
 */
export function estimateResources(input: DatapathInput, profile: FpgaProfile): ResourceEstimate {
  let unit = add(regionResources(input.pipelines, profile, true), regionResources(input.blocks, profile, false));
  unit = add(unit, { dsp: 0, lut: profile.computeUnitOverhead.lut, ff: profile.computeUnitOverhead.ff + input.stateRegisterBits, bram18k: memoryBlocks([input.staticDataBytes, input.stackBytes]) });
  unit = { dsp: unit.dsp, lut: Math.ceil(unit.lut), ff: Math.ceil(unit.ff), bram18k: unit.bram18k };
  const over = fits(unit, profile.budget);
  if (over.length > 0) {
    const detail = over.map((key) => `${unit[key].toLocaleString('en-US')} ${key.toUpperCase()} of ${profile.budget[key].toLocaleString('en-US')}`).join(', ');
    throw new WasiParallelError(ErrorCode.UNSUPPORTED_KERNEL_FEATURE, `the kernel does not fit the ${profile.name} profile even as one compute unit: it needs ${detail}`);
  }
  let units = profile.computeUnits;
  while (units > 1 && fits(scale(unit, units), profile.budget).length > 0) units--;
  return { perComputeUnit: unit, computeUnits: units, used: scale(unit, units), budget: profile.budget };
}
