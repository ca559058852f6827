import { walk, type KernelFunction, type KernelGlobal, type KernelIR } from '@wasi-parallel/kernel';
import { FunctionEmitter, type ModuleContext } from './function-emitter.js';
import { preludeWgsl } from './prelude/prelude.js';
import { entryPointWgsl } from './prelude/runtime-wgsl.js';
import { prunePrelude } from './prune-prelude.js';
import { PARAM, type TranslateOptions } from './translated-kernel.js';
import { localName } from './variables.js';
import { wgslType, zeroOf, i64Literal, u32Literal } from './wgsl-types.js';

/** A global's initial value, floats by their bits (a global may start as a signalling NaN). */
function globalInit(global: KernelGlobal): string | undefined {
  const value = global.initBits ?? global.init;
  if (value === undefined) return undefined;
  return typeof value === 'bigint' ? (global.type === 'f32' ? u32Literal(Number(value)) : i64Literal(value)) : u32Literal(value);
}

function context(ir: KernelIR, options: TranslateOptions): ModuleContext {
  return {
    float: options.float ?? 'native',
    cutLoops: options.cutLoops ?? false,
    ids: { next: 0 },
    // `func` + index: `f16`/`f32` would shadow WGSL's types.
    functions: new Map(ir.functions.map((fn, i) => [fn.name, { wgslName: `func${i}`, fn }])),
    globals: new Map(ir.globals.map((global, i) => [global.name, { wgslName: `g${i}`, global }])),
  };
}

/** The body of a function: its non-param locals, the branch register, the statements. */
function emitBody(fn: KernelFunction, module: ModuleContext, prologue: readonly string[]): string[] {
  const at = { function: fn.name, loc: 0 };
  const result = fn.results.length ? wgslType(fn.results[0]!, at) : undefined;
  const emitter = new FunctionEmitter(fn, module, result);
  prologue.forEach((line) => emitter.line(line));
  for (const local of fn.locals) if (!local.isParam) emitter.line(`var ${localName(local.index)}: ${wgslType(local.type, at)};`);
  emitter.line('var brk: u32 = 0u;');
  if (result === undefined) emitter.statement(fn.body);
  else {
    const value = emitter.value(fn.body, fn.results[0]!);
    emitter.line(`return ${fn.body.type === 'unreachable' ? zeroOf(result) : value};`);
  }
  return emitter.lines;
}

/** A kernel-local function that inlining left (e.g. a large one called twice): a WGSL function. */
function emitHelper(fn: KernelFunction, wgslName: string, module: ModuleContext): string {
  const at = { function: fn.name, loc: 0 };
  if (fn.results.length > 1) wgslType('v128', at);
  const params = fn.params.map((type, i) => `a${i}: ${wgslType(type, at)}`).join(', ');
  const result = fn.results.length ? ` -> ${wgslType(fn.results[0]!, at)}` : '';
  // WGSL params are immutable and wasm's are locals: copy them into vars.
  const prologue = fn.params.map((type, i) => `var ${localName(i)}: ${wgslType(type, at)} = a${i};`);
  return [`fn ${wgslName}(${params})${result} {`, ...emitBody(fn, module, prologue), '}'].join('\n');
}

/** `kernel(iteration_id, num_iterations, block_size, ptr0, len0, …)`: its params come from the id and the params binding. */
function emitKernel(ir: KernelIR, module: ModuleContext): string {
  const prologue = [
    `var ${localName(0)}: u32 = id;`,
    `var ${localName(1)}: u32 = params[${PARAM.NUM_ITERATIONS}u];`,
    `var ${localName(2)}: u32 = params[${PARAM.BLOCK_SIZE}u];`,
  ];
  for (let i = 0; i < 2 * ir.bufferCount; i++) prologue.push(`var ${localName(3 + i)}: u32 = params[${PARAM.BUFFERS + i}u];`);
  // Globals start at their initial values in every invocation, as in a fresh instance.
  ir.globals.forEach((global, i) => {
    const init = globalInit(global);
    if (init !== undefined) prologue.push(`g${i} = ${init};`);
  });
  return ['fn kernel_main(id: u32) {', ...emitBody(ir.kernel, module, prologue), '}'].join('\n');
}

/** Bytes of shadow stack each invocation keeps privately: WGSL caps private memory at 8 KiB. */
export const PRIVATE_STACK_BYTES = 4096;

/**
 * Where the private stack window lies: the top PRIVATE_STACK_BYTES below the stack pointer's
 * initial value, for kernels that move `__stack_pointer`; accesses between the end of static
 * data and the window trap (the frame is deeper than the window). All 0 otherwise.
 */
function stackConstants(ir: KernelIR): string[] {
  const stack = ir.stack;
  let moved = false;
  if (stack) for (const fn of ir.functions) walk(fn.body, (expr) => void (moved ||= expr.kind === 'global.set' && expr.global === stack.pointerGlobal));
  let lo = 0;
  let hi = 0;
  let floor = 0;
  if (stack && moved) {
    hi = stack.initialValue & ~3;
    // Static data ends where the stack may begin (clang's default layout: data, then stack).
    const dataEnd = stack.dataEnd === undefined ? undefined : Math.min(Math.ceil(stack.dataEnd / 4) * 4, hi);
    lo = Math.max(dataEnd ?? 0, hi - PRIVATE_STACK_BYTES);
    floor = dataEnd ?? lo;
  }
  return [
    `const STACK_LO: u32 = ${lo}u;`,
    `const STACK_HI: u32 = ${hi}u;`,
    `const STACK_FLOOR: u32 = ${floor}u;`,
    `var<private> stack_mem: array<u32, ${Math.max(1, (hi - lo) / 4)}>;`,
  ];
}

/** The per-invocation state the entry point sets, for the prelude variables a shader keeps. */
const ENTRY_SETUP: ReadonlyArray<readonly [string, string]> = [
  ['opaque_zero', `opaque_zero = params[${PARAM.OPAQUE_ZERO}u];`],
  ['loop_budget', `loop_budget = params[${PARAM.LOOP_BUDGET}u];`],
  ['lane', 'lane = lid;'],
];

/**
 * The whole shader for a kernel: prelude, globals, helper functions, the kernel, the entry point.
 * Tint's unreachable-code warning is off: Dawn prints compiler warnings on stdout, where the
 * guest's own output goes (the emitter leaves no dead code it knows of; this covers the rest).
 */
export function emitModule(ir: KernelIR, options: TranslateOptions = {}): string {
  const module = context(ir, options);
  const globals = ir.globals.map((global, i) => `var<private> g${i}: ${wgslType(global.type, { function: global.name, loc: 0 })};`);
  const helpers = ir.functions.filter((fn) => fn !== ir.kernel).map((fn) => emitHelper(fn, module.functions.get(fn.name)!.wgslName, module));
  const code = [...stackConstants(ir), ...globals, '', ...helpers, emitKernel(ir, module)].join('\n');
  const prelude = prunePrelude(preludeWgsl(module.cutLoops), code + entryPointWgsl('kernel_main(id);', []));
  const setup = ENTRY_SETUP.filter(([name]) => new RegExp(`var<private> ${name}\\b`).test(prelude)).map(([, line]) => line);
  return [
    `// WGSL for wasi-parallel kernel ${ir.hash} (${ir.bufferCount} buffers, float ${module.float}), generated by @wasi-parallel/backend-webgpu.`,
    'diagnostic(off, chromium.unreachable_code);',
    prelude,
    code,
    entryPointWgsl('kernel_main(id);', setup),
  ].join('\n');
}
