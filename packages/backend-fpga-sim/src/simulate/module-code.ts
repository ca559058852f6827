import type { KernelGlobal } from '@wasi-parallel/kernel';
import type { FsmFunction } from '../synth/program.js';
import type { ScheduledRegion } from '../synth/schedule-region.js';
import type { EmitContext } from './emit-context.js';
import { f32Bits, f64Bits } from './float-bits.js';
import { functionCode } from './fsm-code.js';
import { pipelineCode } from './pipeline-code.js';

export interface ModulePlan {
  readonly functions: readonly FsmFunction[];
  /** The kernel body pipelined over iteration ids, when it could be. */
  readonly kernelPipeline?: ScheduledRegion;
  readonly kernelName: string;
  readonly startFunction?: string;
  readonly loopCount: number;
}

function globalInit(global: KernelGlobal): string {
  const value = global.init ?? 0;
  switch (global.type) {
    case 'i64':
      return `${BigInt(value)}n`;
    // From the exact bits where the IR has them: `init` has lost a signalling NaN's payload.
    case 'f32':
      return String(global.initBits !== undefined ? Number(BigInt.asIntN(32, global.initBits)) : f32Bits(Number(value)));
    case 'f64':
      return `R.f64FromBits(${global.initBits !== undefined ? BigInt.asIntN(64, global.initBits) : f64Bits(Number(value))}n)`;
    default:
      return String(Number(value) | 0);
  }
}

/**
 * The whole simulation as one JS module body: `new Function('R', 'SEGMENTS', 'BYTES_PER_CYCLE', source)`
 * returns `instantiate(buffer, ARGS, BANK_LO, BANK_HI, BANK_LOCAL)`, called once per dispatch on
 * that call's memory. Constants live in the module, everything with state in the instance.
 */
export function moduleCode(plan: ModulePlan, context: EmitContext): string {
  const { ir } = context;
  const kernelParams = ir.kernel.params.length;
  const functions = plan.functions.map((fsm) => functionCode(fsm, context));
  const args = Array.from({ length: kernelParams - 1 }, (_, i) => `A${i + 1}`);
  let runBlock = '';
  if (plan.kernelPipeline) {
    const pipeline = pipelineCode(
      {
        region: plan.kernelPipeline,
        kernel: { first: 'F', count: 'COUNT' },
        entry: (variable) => (variable.startsWith('l') ? `A${variable.slice(1)}` : context.variable(variable)),
      },
      context,
    );
    const after = plan.kernelPipeline.graph.carried.map((carried) => `${context.variable(carried.variable)} = ${pipeline.value(carried.next)};`);
    runBlock = ['function runBlock(F, COUNT) {', ...pipeline.code, ...after, '}', '}'].join('\n');
  }
  const instance = [
    'const dv = new DataView(buffer), U8 = new Uint8Array(buffer), SZ = buffer.byteLength, PAGES = SZ / 65536;',
    'const EMPTY = new Uint8Array(0), DROPPED = new Uint8Array(SEGMENTS.length);',
    `const ST = new Float64Array(${Math.max(1, plan.loopCount) * 4});`,
    'let CY = 0, TRIPS = 0, ALIASED = 0;',
    ...ir.globals.map((global) => `let ${context.variable(`g${global.name}`)} = ${globalInit(global)};`),
    // i32 params as the kernel sees them: a count or pointer of 2^31 and above is negative.
    ...args.map((name, i) => `const ${name} = ARGS[${i + 1}] | 0;`),
    ...context.rings,
    ...functions,
    runBlock,
    'return {',
    `start() { ${plan.startFunction ? `${context.functionName(plan.startFunction)}();` : ''} },`,
    plan.kernelPipeline ? 'runBlock,' : `runIteration(i) { ${context.functionName(plan.kernelName)}(${['i | 0', ...args].join(', ')}); },`,
    'cycles: () => CY, stats: ST, aliased: () => ALIASED === 1,',
    '};',
  ];
  return [
    '"use strict";',
    'const N = BigInt.asIntN, U = BigInt.asUintN;',
    ...context.constants.lines,
    'return function instantiate(buffer, ARGS, BANK_LO, BANK_HI, BANK_LOCAL) {',
    ...instance,
    '};',
  ].join('\n');
}
