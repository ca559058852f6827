import { FUSED_EXPORTS } from '@wasi-parallel/core';
import { KERNEL_FEATURES, binaryen } from '../decode/binaryen.js';
import { captureOutput, firstComplaint } from '../decode/capture-output.js';
import type { KernelIR } from '../ir/module.js';
import { walk } from '../ir/walk.js';
import { MIN_GAIN, scalarCost } from './cost.js';
import { analyseDivergence, type DivergencePlan } from './divergence.js';
import { UNIFORM, VARYING, shapeOf } from './lane-shape.js';
import { NotVectorisable } from './not-vectorisable.js';
import { ALL_LANES, EXEC, VectorContext } from './vector-context.js';
import { VectorStatements } from './vector-statements.js';
import { ScalarText, globalName, localName } from './wat-scalar.js';
import { i32, i32x4, quoted, zeroText } from './wat-text.js';
import { checkVectorisable } from './vectorisable.js';

/** Iterations one lane group runs: four i32 / f32 lanes of a v128. */
export const LANES = 4;

/**
 * The vectorised chunk loop of a kernel, or why the kernel runs the scalar one. The module
 * imports the kernel's memory (shared, any size, under the kernel's own names) and exports
 * core's fused-loop interface: `run(start, end, numIterations, blockSize, ptr0, len0, …)`
 * (lane groups of four, then the N mod 4 remainder one at a time), `scalar` (the same
 * arguments, one iteration at a time), `current`, `lanes`, and `kernel` (one iteration).
 */
export type VectorisePlan =
  | {
      readonly vectorised: true;
      readonly bytes: Uint8Array;
      readonly lanes: typeof LANES;
      /** Estimated instructions of four scalar iterations over those of one lane group (cost.ts). */
      readonly gain: number;
    }
  | { readonly vectorised: false; readonly reason: string };

/** Varying i64 and f64 would need two v128s per four lanes; such kernels run scalar. */
function checkWidths(ir: KernelIR, plan: DivergencePlan): void {
  for (const local of ir.kernel.locals) {
    if ((local.type === 'i64' || local.type === 'f64') && plan.locals[local.index] === VARYING) {
      throw new NotVectorisable(`a ${local.type} local ($${local.index}) that differs between lanes`, 0);
    }
  }
  walk(ir.kernel.body, (expr) => {
    if ((expr.type === 'i64' || expr.type === 'f64') && expr.kind !== 'local.get' && shapeOf(expr, plan.locals) !== UNIFORM) {
      throw new NotVectorisable(`a ${expr.type} value that differs between lanes`, expr.loc);
    }
  });
}

function moduleText(ir: KernelIR, plan: DivergencePlan): { text: string; gain: number } {
  const fn = ir.kernel;
  const globals = new Map(ir.globals.map((global, index) => [global.name, index]));
  const params = fn.params.length;
  const runParams = ['$start', '$end', ...Array.from({ length: params - 1 }, (_, j) => `$k${j + 1}`)];
  const paramDecl = runParams.map((name) => `(param ${name} i32)`).join(' ');
  const declared = fn.locals.filter((local) => !local.isParam);
  const scalarBody = new ScalarText(globals).expr(fn.body);

  const ctx = new VectorContext(fn, plan, globals);
  const vectorBody = new VectorStatements(ctx).statement(fn.body);
  const gain = (LANES * scalarCost(fn.body)) / ctx.cost;
  if (gain < MIN_GAIN) {
    throw new NotVectorisable(`a lane group would cost about as much as ${LANES} scalar iterations (estimated gain ${gain.toFixed(2)}×, below ${MIN_GAIN}×)`, fn.body.loc);
  }
  const vectorLocals = fn.locals.map((local) => `(local ${localName(local.index)} ${ctx.localType(local.index)})`);
  // Per group, as a call would per iteration: the params (iteration id i + lane), the other locals zero.
  const vectorInit = fn.locals.map((local) => {
    const kept = ctx.localType(local.index);
    const scalar = local.index === 0 ? '(local.get $i)' : local.isParam ? `(local.get $k${local.index})` : zeroText(local.type);
    if (kept !== 'v128') return `(local.set ${localName(local.index)} ${scalar})`;
    const lanes = local.index === 0 ? `(i32x4.add (i32x4.splat ${scalar}) ${i32x4([0, 1, 2, 3])})` : local.isParam ? `(i32x4.splat ${scalar})` : zeroText('v128');
    return `(local.set ${localName(local.index)} ${lanes})`;
  });
  vectorInit.push(`(local.set ${EXEC} ${ALL_LANES})`);
  const scalarInit = fn.locals.map((local) =>
    `(local.set ${localName(local.index)} ${local.index === 0 ? '(local.get $i)' : local.isParam ? `(local.get $k${local.index})` : zeroText(local.type)})`,
  );
  const loop = (step: number, exit: string, init: readonly string[], body: string): string =>
    `(local.set $i (local.get $start))
     (block $done (loop $next
       (br_if $done ${exit})
       (global.set $current (local.get $i))
       ${init.join('\n')}
       (block $fn
${body})
       (local.set $i (i32.add (local.get $i) ${i32(step)}))
       (br $next)))`;

  const globalDecls = ir.globals.map((global, index) => {
    if (global.init === undefined) throw new NotVectorisable(`global \`${global.name}\` has no constant start value`, 0);
    return `(global ${globalName(index)} ${global.mutable ? `(mut ${global.type})` : global.type} (${global.type}.const ${global.init}))`;
  });
  const text = `(module
  (import ${quoted(ir.memory.module)} ${quoted(ir.memory.field)} (memory 0 65536 shared))
  ${globalDecls.join('\n')}
  (global $current (export ${quoted(FUSED_EXPORTS.current)}) (mut i32) (i32.const 0))
  (global $lanes (export ${quoted(FUSED_EXPORTS.lanes)}) (mut i32) (i32.const 1))
  (func $kernel (export "kernel") ${fn.params.map((_, index) => `(param ${localName(index)} i32)`).join(' ')}
    ${declared.map((local) => `(local ${localName(local.index)} ${local.type})`).join(' ')}
    (block $fn
${scalarBody}))
  (func $scalar (export ${quoted(FUSED_EXPORTS.scalar)}) ${paramDecl}
    (local $i i32) ${fn.locals.map((local) => `(local ${localName(local.index)} ${local.type})`).join(' ')}
    (global.set $lanes (i32.const 1))
    ${loop(1, '(i32.ge_u (local.get $i) (local.get $end))', scalarInit, scalarBody)})
  (func $run (export ${quoted(FUSED_EXPORTS.run)}) ${paramDecl}
    (local $i i32) (local ${EXEC} v128) ${vectorLocals.join(' ')} ${ctx.temps.map((temp) => `(local ${temp.name} ${temp.type})`).join(' ')}
    (global.set $lanes ${i32(LANES)})
    ${loop(LANES, `(i32.or (i32.ge_u (local.get $i) (local.get $end)) (i32.lt_u (i32.sub (local.get $end) (local.get $i)) ${i32(LANES)}))`, vectorInit, vectorBody)}
    (call $scalar (local.get $i) ${runParams.slice(1).map((name) => `(local.get ${name})`).join(' ')})))`;
  return { text, gain };
}

function assemble(text: string): Uint8Array {
  const parsed = captureOutput(() => binaryen.parseText(text));
  const module = parsed.value;
  try {
    module.setFeatures(KERNEL_FEATURES);
    const validation = captureOutput(() => module.validate());
    if (!validation.value) throw new NotVectorisable(`the vectorised module did not validate (${firstComplaint(validation.output) ?? 'no reason given'})`, 0);
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

const plans = new WeakMap<KernelIR, VectorisePlan>();

/**
 * Vectorises a kernel across iterations (see `docs/backends/threads.md`), or says why not,
 * naming what stopped it and where (`$kernel:loc`, the IR's instruction index). Cached per IR.
 */
export function vectoriseKernel(ir: KernelIR): VectorisePlan {
  const known = plans.get(ir);
  if (known) return known;
  let plan: VectorisePlan;
  try {
    checkVectorisable(ir);
    const divergence = analyseDivergence(ir.kernel);
    checkWidths(ir, divergence);
    const { text, gain } = moduleText(ir, divergence);
    plan = { vectorised: true, bytes: assemble(text), lanes: LANES, gain };
  } catch (error) {
    if (error instanceof NotVectorisable) plan = { vectorised: false, reason: `${error.reason} (at $${ir.kernel.name}:${error.loc})` };
    else if (error instanceof RangeError) plan = { vectorised: false, reason: 'the kernel is nested too deeply to vectorise' };
    else throw error;
  }
  plans.set(ir, plan);
  return plan;
}
