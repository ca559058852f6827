import {
  analyseDispatch,
  analyseLoopsOf,
  blockShapes,
  collapseStoreLoop,
  walk,
  type BlockShape,
  type CollapsePlan,
  type DispatchAnalysis,
  type DispatchEnv,
  type Expr,
  type KernelFunction,
  type KernelIR,
} from '@wasi-parallel/kernel';
import { containsTrap } from './checks.js';
import { ControlFlow } from './control-flow.js';
import { Emitter } from './emitter.js';
import { planPlane, storeSites } from './kernel-plan.js';
import { RESULT, TARGET } from './memory-ops.js';
import { FORM_UNIT, UNWRITTEN, type Plane, type PlaneForm, type PlanePlan, type Purpose } from './plan-types.js';
import { refuseReadAfterWrite } from './read-after-write.js';
import { sliceFunction } from './slice.js';
import { num } from './source-writer.js';
import { unsupported } from './translate-error.js';
import type { NumberModel } from './values.js';

/** One GPU.js kernel: its source, the memory planes it takes (in argument order) and its thread count. */
export interface GeneratedKernel {
  readonly source: string;
  readonly inputs: readonly Plane[];
  readonly threads: number;
}

export interface PlaneKernel extends GeneratedKernel {
  readonly buffer: number;
  readonly form: PlaneForm;
}

/** A kernel translated for one call's facts: the status kernel (when anything can trap) and one kernel per written buffer. */
export interface TranslatedKernel {
  readonly status: GeneratedKernel | undefined;
  readonly planes: readonly PlaneKernel[];
  /** GPU.js `loopMaxIterations`: above every trip count a loop here can reach. */
  readonly loopMaxIterations: number;
  /** The kernel's stores, in the order the status kernel numbers them. */
  readonly storeLocs: readonly number[];
  /** What the translation decided and why (store loops run whole or collapsed, block shapes): for `compile --target gpujs`. */
  readonly notes: readonly string[];
}

export interface TranslateOptions {
  readonly model: NumberModel;
  /** Trips a loop with no bound the ranges know may make before the call is refused. */
  readonly loopLimit: number;
}

const INPUT_ORDER: readonly Plane[] = ['memF', 'memL', 'memB', 'spec'];
/** Trips of the loop in a wide division (limb-ops.ts). */
const DIVISION_TRIPS = 32;

/** What the translator refuses before looking at stores: calls and what GPU.js has no counterpart for. */
function refuseUnsupported(ir: KernelIR): void {
  const fn = ir.kernel;
  const { features } = ir.analysis;
  const refuse = (use: { function: string; loc: number; what: string } | undefined, why: string) => {
    if (use) throw unsupported(`${use.what}: ${why}`, use.function, use.loc);
  };
  refuse(features.calls, 'calls that inlining left are not supported (GPU.js functions return one number)');
  refuse(features.indirectCalls, 'indirect calls are not supported');
  refuse(features.memoryGrow, 'memory.grow is not supported (the memory is fixed for a GPU.js call)');
  refuse(features.bulkMemory, 'bulk memory operations are not supported');
  refuse(features.atomics, 'atomics are not supported (GPU.js has no scatter and no atomics)');
  refuse(features.simd, 'SIMD is not supported');
  refuse(features.f64, 'f64 is not supported (GPU.js computes in f32)');
  if (ir.functions.some((f) => f !== fn && !f.imported)) throw unsupported('the kernel keeps functions besides `kernel`', fn.name);
}

function emitKernel(ir: KernelIR, fn: KernelFunction, analysis: DispatchAnalysis, model: NumberModel, purpose: Purpose): { source: string; inputs: Plane[]; checks: number } {
  const em = new Emitter({ fn, analysis, model, purpose, globals: ir.globals });
  const flow = new ControlFlow(em);
  flow.statement(fn.body);
  const body = [...em.w.lines];
  const prologue: string[] = [];
  if (purpose.kind === 'status') prologue.push('const iter = this.thread.x;');
  else {
    const { plane } = purpose;
    const placement = analysis.env.buffers[plane.buffer]!;
    const unit = FORM_UNIT[plane.form];
    const keep = plane.form === 'f32' ? 'memF' : plane.form === 'u16' ? 'memL' : plane.form === 'u8' ? 'memB' : undefined;
    if (keep) em.planes.add(keep);
    prologue.push(`const ${TARGET} = ${num(placement.pointer)} + this.thread.x * ${unit};`, `let ${RESULT} = ${keep ? `${keep}[${TARGET} / ${unit}]` : num(UNWRITTEN)};`);
    const { stride, base } = plane.shape;
    if (stride === 0) prologue.push('const iter = 0;');
    else {
      prologue.push(
        `const rel = ${TARGET} - ${num(placement.pointer + base)};`,
        `const guess = Math.floor(rel / ${num(stride)});`,
        // The float quotient may round across an integer: one correction step either way.
        `const iter = guess * ${num(stride)} > rel ? guess - 1 : (guess * ${num(stride)} + ${num(stride)} <= rel ? guess + 1 : guess);`,
        `if (rel < 0 || iter >= ${num(analysis.env.numIterations)}) { return ${RESULT}; }`,
      );
    }
  }
  const inputs = INPUT_ORDER.filter((plane) => em.planes.has(plane));
  const lines = [
    `function (${inputs.join(', ')}) {`,
    ...prologue.map((line) => `  ${line}`),
    ...em.declarations().map((line) => `  ${line}`),
    ...(flow.branches ? ['  let brk = 0;'] : []),
    ...body,
    `  return ${purpose.kind === 'status' ? 0 : RESULT};`,
    '}',
  ];
  return { source: lines.join('\n'), inputs, checks: em.checks };
}

/** Collapse plans for the store loops of a plane's slice whose counters and bounds are exact numbers. */
function collapsePlans(fn: KernelFunction, plane: PlanePlan, analysis: DispatchAnalysis, model: NumberModel, notes: string[]): Map<number, CollapsePlan> {
  const plans = new Map<number, CollapsePlan>();
  const loops = new Map<number, Expr>();
  walk(fn.body, (e) => {
    if (e.kind === 'loop') loops.set(e.loc, e);
  });
  const probe = new Emitter({ fn, analysis, model, purpose: { kind: 'data', plane, collapse: new Map() }, globals: [] });
  for (const [loc, trips] of analyseLoopsOf(fn, analysis)) {
    const plan = collapseStoreLoop(trips, plane.stores, fn.body, loops.get(loc)!, trips.symbols);
    const where = `buffer ${plane.buffer}: the loop at instruction ${loc}`;
    if (typeof plan === 'string') {
      notes.push(`${where} runs every trip per element: ${plan}`);
      continue;
    }
    // Every local the jump reads or sets must be an exact number.
    const involved = [...plan.steps.keys(), ...[plan.start, ...plan.conditions.flatMap((c) => [c.left, c.right])].flatMap((form) => Object.keys(form.terms).filter((name) => name.startsWith('entry:')).map((name) => Number(name.slice(6))))];
    const wide = involved.find((local) => !probe.fits(analysis.locals.get(local)));
    if (wide === undefined) {
      plans.set(loc, plan);
      notes.push(`${where} runs only the trip that writes the element`);
    } else notes.push(`${where} runs every trip per element: local ${wide} is not provably an exact float`);
  }
  return plans;
}

/** The uses of a statement the status kernel needs: addresses always, values only when they may trap. */
function statusUses(s: Expr, analysis: DispatchAnalysis): readonly Expr[] {
  if (s.kind === 'store') return containsTrap(s.value, analysis) ? [s.ptr, s.value] : [s.ptr];
  return s.kind === 'block' || s.kind === 'loop' || s.kind === 'if' ? [] : [s];
}

/**
 * Translates a kernel for one call's facts (`env`): the dispatch analysis, each written
 * buffer's block shape and plane, the status kernel and the data kernels.
 */
export function translateForDispatch(ir: KernelIR, env: DispatchEnv, options: TranslateOptions): TranslatedKernel {
  refuseUnsupported(ir);
  const sites = storeSites(ir);
  // Every store the ranges do not prove is checked by the status kernel, against its buffer.
  const analysis = analyseDispatch(ir.kernel, { ...env, storesChecked: new Map(sites.map((site) => [site.loc, site.buffer])) }, ir.globals);
  refuseReadAfterWrite(ir, analysis);
  const shapes = new Map<number, BlockShape>();
  for (const shape of blockShapes(ir.kernel.body, sites, analysis)) {
    if ('reason' in shape) throw unsupported(`the store writes buffer ${shape.buffer} where GPU.js cannot map it to output elements: ${shape.reason}`, ir.kernel.name, shape.loc);
    shapes.set(shape.buffer, shape);
  }
  const counted = new Set([...analysis.loops].filter(([, trips]) => trips.maxTrips > options.loopLimit).map(([loc]) => loc));
  const countedLabels = new Set<string>();
  walk(ir.kernel.body, (e) => {
    if (e.kind === 'loop' && counted.has(e.loc) && e.label) countedLabels.add(e.label);
  });
  const statusFn = sliceFunction(ir.kernel, {
    isRoot: (s) => s.kind === 'store' || containsTrap(s, analysis) || ((s.kind === 'br' || s.kind === 'br_if') && countedLabels.has(s.label)),
    uses: (s) => statusUses(s, analysis),
  });
  const stores = new Map(sites.map((site, index) => [site.loc, { buffer: site.buffer, index }]));
  const status = emitKernel(ir, statusFn, analysis, options.model, { kind: 'status', shapes, stores, countedLoops: counted, loopLimit: options.loopLimit });
  const planes: PlaneKernel[] = [];
  const notes: string[] = [];
  for (const shape of shapes.values()) {
    const proven = shape.proven.size === shape.forms.size ? 'every store proven inside it' : `stores checked where they run: ${[...shape.forms.keys()].filter((loc) => !shape.proven.has(loc)).join(', ')}`;
    notes.push(`buffer ${shape.buffer}: iteration i owns bytes [${shape.base} + ${shape.stride}·i, +${shape.stride})${shape.guessed ? ' (the length split evenly)' : ''}; ${proven}`);
  }
  for (const shape of shapes.values()) {
    const plane = planPlane(ir, shape, sites.filter((site) => site.buffer === shape.buffer), analysis);
    const dataFn = sliceFunction(ir.kernel, { isRoot: (s) => s.kind === 'store' && plane.stores.has(s.loc) });
    const collapse = collapsePlans(dataFn, plane, analysis, options.model, notes);
    const kernel = emitKernel(ir, dataFn, analysis, options.model, { kind: 'data', plane, collapse });
    const threads = env.buffers[plane.buffer]!.length / FORM_UNIT[plane.form];
    planes.push({ source: kernel.source, inputs: kernel.inputs, threads, buffer: plane.buffer, form: plane.form });
  }
  const finite = [...analysis.loops.values()].map((trips) => trips.maxTrips).filter(Number.isFinite);
  const loopMaxIterations = Math.max(DIVISION_TRIPS, ...finite, counted.size > 0 ? options.loopLimit : 0) + 1;
  return {
    status: status.checks > 0 ? { source: status.source, inputs: status.inputs, threads: env.numIterations } : undefined,
    planes,
    loopMaxIterations,
    storeLocs: sites.map((site) => site.loc),
    notes,
  };
}

