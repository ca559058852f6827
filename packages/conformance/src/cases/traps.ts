import { BufferAccessKind, ErrorCode } from '@wasi-parallel/core';
import type { ConformanceCase, ConformanceContext } from '../conformance-case.js';
import { bytesOf, f32Array, i32Array } from '../harness/data.js';
import { expectDeviceWorks } from '../harness/device-check.js';
import { dispatch } from '../harness/dispatch.js';
import { expectCode } from '../harness/expect-error.js';
import type { BackendCapabilities } from '@wasi-parallel/core';
import { requiresFeatures } from '../harness/requires.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE } = BufferAccessKind;

/** Iterations per trap call; only TRAP_ITERATION traps, so a backend that reports it can name it. */
const ITERATIONS = 16;
const TRAP_ITERATION = 5;

/**
 * A kernel `out[i] = <expr>` over an input buffer `in` of 4-byte elements, where `expr` traps
 * for iteration TRAP_ITERATION only (through its input, or an explicit test of `$i`), so
 * nothing can fold the trap away at translation time.
 */
function trapKernel(load: string, expr: string): string {
  const type = load.slice(0, 3);
  return `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'divisor', 'out')}
    (local $offset i32) (local $v ${type}) (local $d i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (local.set $v (${load} (i32.add (local.get $in) (i32.shl (local.get $offset) (i32.const ${type === 'f64' ? 1 : 0})))))
    (local.set $d (i32.load (i32.add (local.get $divisor) (local.get $offset))))
    (i32.store (i32.add (local.get $out) (local.get $offset)) ${expr})))`;
}

const AT_TRAP = `(i32.eq (local.get $i) (i32.const ${TRAP_ITERATION}))`;
// An address whose 4-byte access ends past 4 GiB: out of bounds for every memory a kernel can have.
const FAR = '(i32.const -4)';

interface TrapSpec {
  readonly id: string;
  readonly title: string;
  readonly kernel: string;
  /** The input element of each iteration and the divisor. */
  readonly input: (i: number) => number;
  readonly divisor: (i: number) => number;
  /** The input's element type; default i32. */
  readonly element?: 'f32' | 'f64';
  readonly requires?: (capabilities: BackendCapabilities) => string | undefined;
}

const TRAPS: readonly TrapSpec[] = [
  {
    id: 'trap/unreachable',
    title: '`unreachable` in one iteration rejects the call with KERNEL_TRAP',
    kernel: trapKernel('i32.load', `(if (result i32) ${AT_TRAP} (then unreachable) (else (local.get $v)))`),
    input: (i) => i,
    divisor: () => 1,
  },
  {
    id: 'trap/out-of-bounds-load',
    title: 'a load past the end of memory traps',
    kernel: trapKernel(
      'i32.load',
      `(i32.load (if (result i32) ${AT_TRAP} (then ${FAR}) (else (i32.add (local.get $in) (local.get $offset)))))`,
    ),
    input: (i) => i * 3,
    divisor: () => 1,
  },
  {
    id: 'trap/out-of-bounds-store',
    title: 'a store past the end of memory traps',
    kernel: `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'divisor', 'out')}
    (local $offset i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (i32.store (if (result i32) ${AT_TRAP} (then ${FAR}) (else (i32.add (local.get $out) (local.get $offset))))
      (i32.load (i32.add (local.get $in) (local.get $offset))))))`,
    input: (i) => i * 3,
    divisor: () => 1,
  },
  {
    id: 'trap/divide-by-zero',
    title: 'i32.div_u by zero traps',
    kernel: trapKernel('i32.load', '(i32.div_u (local.get $v) (local.get $d))'),
    input: (i) => 1000 + i,
    divisor: (i) => (i === TRAP_ITERATION ? 0 : i + 1),
  },
  {
    id: 'trap/remainder-by-zero',
    title: 'i32.rem_s by zero traps',
    kernel: trapKernel('i32.load', '(i32.rem_s (local.get $v) (local.get $d))'),
    input: (i) => 1000 + i,
    divisor: (i) => (i === TRAP_ITERATION ? 0 : i + 1),
  },
  {
    id: 'trap/div-s-overflow',
    title: 'i32.div_s of INT_MIN by -1 traps (the quotient does not fit)',
    kernel: trapKernel('i32.load', '(i32.div_s (local.get $v) (local.get $d))'),
    input: (i) => (i === TRAP_ITERATION ? -(2 ** 31) : -(2 ** 31) + i),
    divisor: (i) => (i === TRAP_ITERATION ? -1 : 2),
  },
  {
    id: 'trap/float-to-int-nan',
    title: 'i32.trunc_f32_s of NaN traps',
    kernel: trapKernel('f32.load', '(i32.trunc_f32_s (local.get $v))'),
    input: (i) => (i === TRAP_ITERATION ? Number.NaN : i * 1.5),
    divisor: () => 1,
    element: 'f32',
    requires: requiresFeatures('f32'),
  },
  {
    id: 'trap/float-to-int-overflow',
    title: 'i32.trunc_f32_s of 3e9 (out of i32 range) traps',
    kernel: trapKernel('f32.load', '(i32.trunc_f32_s (local.get $v))'),
    input: (i) => (i === TRAP_ITERATION ? 3e9 : -i * 100.25),
    divisor: () => 1,
    element: 'f32',
    requires: requiresFeatures('f32'),
  },
  {
    id: 'trap/f64-to-int-nan',
    title: 'i64.trunc_f64_s of NaN traps',
    kernel: trapKernel('f64.load', '(i32.wrap_i64 (i64.trunc_f64_s (local.get $v)))'),
    input: (i) => (i === TRAP_ITERATION ? Number.NaN : i * 1e12 + 0.5),
    divisor: () => 1,
    element: 'f64',
    requires: requiresFeatures('f32', 'f64'),
  },
  {
    id: 'trap/f64-to-int-overflow',
    title: 'i32.trunc_f64_u of −1 (out of u32 range; −0.999… is not) traps',
    kernel: trapKernel('f64.load', '(i32.trunc_f64_u (local.get $v))'),
    input: (i) => (i === TRAP_ITERATION ? -1 : -1 + 2 ** -52 * (i + 1)),
    divisor: () => 1,
    element: 'f64',
    requires: requiresFeatures('f32', 'f64'),
  },
];

const ELEMENTS = { f32: f32Array, f64: (length: number, fill: (index: number) => number) => Float64Array.from({ length }, (_, index) => fill(index)) };

async function expectTrap(context: ConformanceContext, spec: TrapSpec): Promise<void> {
  const input = bytesOf((spec.element ? ELEMENTS[spec.element] : i32Array)(ITERATIONS, spec.input));
  const call = {
    kernel: await assemble(spec.id.replace('/', '-'), spec.kernel),
    numIterations: ITERATIONS,
    blockSize: 1,
    buffers: [
      { access: READ, data: input },
      { access: READ, data: bytesOf(i32Array(ITERATIONS, spec.divisor)) },
      { access: WRITE, data: new Uint8Array(ITERATIONS * 4) },
    ],
  };
  // The reference must trap too, or the kernel does not test what the case says.
  await expectCode(`${spec.id} on the reference device`, () => dispatch(context.reference, call), ErrorCode.KERNEL_TRAP);
  const error = await expectCode(`${spec.id} on \`${context.device.name}\``, () => dispatch(context, call), ErrorCode.KERNEL_TRAP);
  const iteration = error.details.iteration;
  if (iteration !== undefined && iteration !== TRAP_ITERATION) {
    throw new Error(`${spec.id}: the error names iteration ${iteration}, but only iteration ${TRAP_ITERATION} traps`);
  }
  await expectDeviceWorks(context, `a ${spec.id} trap`);
}

export const trapCases: readonly ConformanceCase[] = TRAPS.map((spec) => ({
  id: spec.id,
  title: `${spec.title}; the device then runs a good kernel`,
  ...(spec.requires ? { requires: spec.requires } : {}),
  run: (context: ConformanceContext) => expectTrap(context, spec),
}));
