import { describe, expect, it } from 'vitest';
import { assemble, kernelParams } from './support/kernels.js';
import { READ, runBoth, WRITE } from './support/dispatch.js';

// Wasm leaves an arithmetic NaN's sign and payload open (spec 4.3.3); our promise is the
// sequential device's bytes, so these pin what V8 on x86-64 produces and check the simulator
// produces the same: a NaN operand comes back quieted with its payload, invalid operations give
// the default NaN (sign set), min/max of a NaN give that default NaN, conversions keep the
// payload, and loads, stores, neg, abs, copysign and reinterpretations keep every bit, signalling
// NaNs included. (With two NaN operands V8 itself answers with either: its tiers differ.)

const F32_NANS = [0x7fc0_0000, 0xffc0_0000, 0x7fa0_0001, 0xffe0_1234, 0x7f80_0001, 0xff80_0003];
const F32_PLAIN = [0x3f80_0000, 0xc0a0_0000, 0x0000_0000, 0x8000_0000, 0x7f80_0000, 0xff80_0000, 0x0000_0001];
const F64_NANS = [0x7ff8_0000_0000_0000n, 0xfff8_0000_0000_0000n, 0x7ff4_0000_0000_0001n, 0xfffc_0000_dead_beefn, 0x7ff0_0000_0000_0001n];
const F64_PLAIN = [0x3ff0_0000_0000_0000n, 0xc014_0000_0000_0000n, 0n, 0x8000_0000_0000_0000n, 0x7ff0_0000_0000_0000n, 0xfff0_0000_0000_0000n, 1n];

/** Pairs with at most one NaN, and the invalid-operation pairs (0·∞, ∞−∞, 0/0). */
function pairs<T>(nans: readonly T[], plain: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (const n of nans) for (const p of plain) out.push([n, p], [p, n]);
  for (const a of plain) for (const b of plain) out.push([a, b]);
  return out;
}

const BINARY = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const UNARY = ['sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'neg', 'abs'];

function kernelFor(type: 'f32' | 'f64'): string {
  const width = type === 'f32' ? 4 : 8;
  const other = type === 'f32' ? 'f64.promote_f32' : 'f32.demote_f64';
  const load = (buffer: string): string => `(${type}.load (i32.add (local.get $${buffer}) (i32.mul (local.get $i) (i32.const ${width}))))`;
  const slot = (k: number): string => `(i32.add (local.get $out) (i32.mul (i32.add (i32.mul (local.get $i) (i32.const ${BINARY.length + UNARY.length + 2})) (i32.const ${k})) (i32.const 8)))`;
  const stores = [
    ...BINARY.map((op, k) => `(${type}.store ${slot(k)} (${type}.${op} (local.get $x) (local.get $y)))`),
    ...UNARY.map((op, k) => `(${type}.store ${slot(BINARY.length + k)} (${type}.${op} (local.get $x)))`),
    `(${type === 'f32' ? 'f64' : 'f32'}.store ${slot(BINARY.length + UNARY.length)} (${other} (local.get $x)))`,
    `(${type}.store ${slot(BINARY.length + UNARY.length + 1)} (${type}.reinterpret_i${width * 8} (i${width * 8}.reinterpret_${type} (local.get $x))))`,
  ];
  return `(module (import "env" "memory" (memory 1 1024 shared))
    (func (export "kernel") ${kernelParams('a', 'b', 'out')} (local $x ${type}) (local $y ${type})
      (local.set $x ${load('a')}) (local.set $y ${load('b')})
      ${stores.join('\n      ')}))`;
}

/** The kernel over every pair (x in `a`, y in `b`), simulator and sequential device compared. */
async function expectSameBits(type: 'f32' | 'f64', cases: readonly [number | bigint, number | bigint][]): Promise<void> {
  const array = (values: (number | bigint)[]): Uint8Array =>
    new Uint8Array(type === 'f32' ? new Uint32Array(values as number[]).buffer : new BigUint64Array(values as bigint[]).buffer);
  const slots = BINARY.length + UNARY.length + 2;
  const { fpga, reference } = await runBoth({
    kernel: assemble(kernelFor(type)),
    numIterations: cases.length,
    blockSize: 1,
    buffers: [
      { access: READ, data: array(cases.map(([x]) => x)) },
      { access: READ, data: array(cases.map(([, y]) => y)) },
      { access: WRITE, data: new Uint8Array(cases.length * slots * 8) },
    ],
  });
  expect(fpga).toEqual(reference);
}

describe('NaN bits are the sequential device\'s', () => {
  it('f32: arithmetic, min/max, rounding, sign operations, promote and reinterpret', async () => {
    await expectSameBits('f32', pairs(F32_NANS, F32_PLAIN));
  });

  it('f64: arithmetic, min/max, rounding, sign operations, demote and reinterpret', async () => {
    await expectSameBits('f64', pairs(F64_NANS, F64_PLAIN));
  });
});
