import { describe, expect, it } from 'vitest';
import { fusedExports, runFusedChunk } from '@wasi-parallel/core';
import { formatKernelReport, loadKernel, vectoriseKernel } from '@wasi-parallel/kernel';
import { assemble, compileC } from './helpers/compile.js';

const COUNT = 64;

/** f32 inputs by bit pattern: NaNs with payloads and signs, ±0, ±∞, subnormals, limits, halves. */
const F32_BITS = [
  0x0000_0000, 0x8000_0000, 0x3f80_0000, 0xbf80_0000, 0x3f00_0000, 0x3fc0_0000, 0x4020_0000, 0xc020_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000,
  0x7fa0_0001, 0xffc0_0000, 0xff80_1234, 0x7f7f_ffff, 0xff7f_ffff, 0x0000_0001, 0x8000_0001, 0x4f32_d05e, 0xcf32_d05e, 0x4b80_0001, 0x4eff_ffff,
  0x4f00_0000, 0x4f80_0000, 0xcf00_0000, 0xcf00_0001, 0x3eff_ffff, 0x3f00_0001, 0x4b00_0001,
];
const I32_VALUES = [0, 1, -1, 0x7fff_ffff, -0x8000_0000, 24, 31, 32, 33, 255, 256, 65535, -65536, 0x1234_5678, 16_777_217, -16_777_217];

function inputWords(seed: number, specials: readonly number[]): Uint32Array {
  let state = seed;
  return Uint32Array.from({ length: COUNT }, (_, k) => {
    if (k < specials.length) return specials[(k + seed) % specials.length]! >>> 0;
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  });
}

/** out[i] = op(a[i], b[i]): the kernel's own export once per iteration, or the vectorised module's `run`. */
function outputs(module: Uint8Array, a: Uint32Array, b: Uint32Array, vectorised: boolean): string[] {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1024, shared: true } as WebAssembly.MemoryDescriptor);
  const words = new Uint32Array(memory.buffer);
  words.set(a, 0);
  words.set(b, COUNT);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(module as Uint8Array<ArrayBuffer>), { env: { memory } });
  const args = [0, COUNT * 4, COUNT * 4, COUNT * 4, COUNT * 8, COUNT * 4];
  if (vectorised) expect(runFusedChunk(fusedExports(instance), [0, COUNT, COUNT, 1, ...args])).toBeUndefined();
  else for (let i = 0; i < COUNT; i++) (instance.exports.kernel as (...x: number[]) => void)(i, COUNT, 1, ...args);
  return Array.from(words.slice(2 * COUNT, 3 * COUNT), (word) => word.toString(16));
}

async function vectorised(bytes: Uint8Array): Promise<Uint8Array> {
  const plan = vectoriseKernel(await loadKernel(bytes));
  if (!plan.vectorised) throw new Error(`not vectorised: ${plan.reason}`);
  return plan.bytes;
}

function opKernel(result: 'i32' | 'f32', body: string): string {
  return `(module (import "env" "memory" (memory 1 1024 shared))
    (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $a i32) (param $al i32) (param $b i32) (param $bl i32) (param $out i32) (param $ol i32)
      (local $o i32)
      (local.set $o (i32.shl (local.get $i) (i32.const 2)))
      (${result}.store (i32.add (local.get $out) (local.get $o)) ${body})))`;
}
const A = (type: string): string => `(${type}.load (i32.add (local.get $a) (local.get $o)))`;
const B = (type: string): string => `(${type}.load (i32.add (local.get $b) (local.get $o)))`;

const F32_UNARY = ['f32.neg', 'f32.abs', 'f32.sqrt', 'f32.ceil', 'f32.floor', 'f32.trunc', 'f32.nearest'];
const F32_BINARY = ['f32.add', 'f32.sub', 'f32.mul', 'f32.div', 'f32.min', 'f32.max', 'f32.copysign'];
const F32_COMPARE = ['f32.eq', 'f32.ne', 'f32.lt', 'f32.gt', 'f32.le', 'f32.ge'];
const I32_UNARY = ['i32.eqz', 'i32.clz', 'i32.ctz', 'i32.popcnt', 'i32.extend8_s', 'i32.extend16_s'];
const I32_BINARY = ['i32.add', 'i32.sub', 'i32.mul', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.rotl', 'i32.rotr', 'i32.eq', 'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u'];

const CASES: { name: string; text: string; a: readonly number[]; b: readonly number[] }[] = [
  ...F32_UNARY.map((op) => ({ name: op, text: opKernel('f32', `(${op} ${A('f32')})`), a: F32_BITS, b: F32_BITS })),
  ...F32_BINARY.map((op) => ({ name: op, text: opKernel('f32', `(${op} ${A('f32')} ${B('f32')})`), a: F32_BITS, b: F32_BITS })),
  ...F32_COMPARE.map((op) => ({ name: op, text: opKernel('i32', `(${op} ${A('f32')} ${B('f32')})`), a: F32_BITS, b: F32_BITS })),
  ...['i32.trunc_sat_f32_s', 'i32.trunc_sat_f32_u', 'i32.reinterpret_f32'].map((op) => ({ name: op, text: opKernel('i32', `(${op} ${A('f32')})`), a: F32_BITS, b: F32_BITS })),
  ...['f32.convert_i32_s', 'f32.convert_i32_u', 'f32.reinterpret_i32'].map((op) => ({ name: op, text: opKernel('f32', `(${op} ${A('i32')})`), a: I32_VALUES, b: I32_VALUES })),
  ...I32_UNARY.map((op) => ({ name: op, text: opKernel('i32', `(${op} ${A('i32')})`), a: I32_VALUES, b: I32_VALUES })),
  ...I32_BINARY.map((op) => ({ name: op, text: opKernel('i32', `(${op} ${A('i32')} ${B('i32')})`), a: I32_VALUES, b: I32_VALUES })),
  // Divisions by values that are never 0 nor -1 under INT_MIN: lane by lane, not trapping here.
  ...['i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u'].map((op) => ({ name: op, text: opKernel('i32', `(${op} ${A('i32')} (i32.or ${B('i32')} (i32.const 0x10001)))`), a: I32_VALUES, b: I32_VALUES })),
  { name: 'select', text: opKernel('f32', `(select ${A('f32')} ${B('f32')} (i32.and (local.get $i) (i32.const 1)))`), a: F32_BITS, b: F32_BITS },
];

describe('vectorised operations give the scalar bits', () => {
  for (const testCase of CASES) {
    it(`${testCase.name} over edge values (NaN payloads, ±0, ±∞, subnormals, limits)`, async () => {
      const bytes = assemble(testCase.text);
      const [a, b] = [inputWords(3, testCase.a), inputWords(11, testCase.b)];
      expect(outputs(await vectorised(bytes), a, b, true)).toEqual(outputs(bytes, a, b, false));
    });
  }
});

function wrap(params: string, body: string): string {
  return `(module (import "env" "memory" (memory 1 1024 shared))
    (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) ${params} ${body}))`;
}

describe('what the vectoriser takes, and why it leaves a kernel scalar', () => {
  it('vectorises mandelbrot’s row kernel and says so in the report', async () => {
    const ir = await loadKernel(compileC('mandelbrot.c'));
    expect(vectoriseKernel(ir)).toMatchObject({ vectorised: true, lanes: 4 });
    expect(formatKernelReport(ir)).toMatch(/^;; vectorise: yes, 4 iterations per SIMD lane group/m);
  });

  const refusals: { what: string; bytes: () => Uint8Array; reason: RegExp }[] = [
    { what: 'atomics', reason: /atomics/, bytes: () => assemble(wrap('(param $p i32) (param $l i32)', '(drop (i32.atomic.rmw.add (local.get $p) (local.get $i)))')) },
    { what: 'a call binaryen would not inline (recursion)', reason: /call/, bytes: () => compileC('recursive.c') },
    { what: 'the shadow stack', reason: /shadow stack/, bytes: () => compileC('stack-spill.c') },
    { what: 'memory.grow', reason: /memory\.grow/, bytes: () => assemble(wrap('', '(drop (memory.grow (i32.const 0)))')) },
    {
      what: 'a buffer read at the next iteration’s element and written at its own',
      reason: /buffer 0 is read and written/,
      bytes: () =>
        assemble(wrap('(param $p i32) (param $l i32)', '(i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (i32.load offset=4 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))')),
    },
    {
      what: 'f64 values that differ between lanes',
      reason: /f64/,
      bytes: () => assemble(wrap('(param $p i32) (param $l i32)', '(f64.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3))) (f64.convert_i32_s (local.get $i)))')),
    },
  ];
  for (const refusal of refusals) {
    it(`leaves a kernel using ${refusal.what} scalar, naming why in the report`, async () => {
      const ir = await loadKernel(refusal.bytes());
      const plan = vectoriseKernel(ir);
      expect(plan.vectorised).toBe(false);
      expect(plan.vectorised ? '' : plan.reason).toMatch(refusal.reason);
      expect(formatKernelReport(ir)).toMatch(/^;; vectorise: no, the scalar loop — /m);
    });
  }
});
