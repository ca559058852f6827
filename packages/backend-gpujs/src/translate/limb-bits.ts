import { bitwiseLimbs, shiftLeftConst, shiftRightConst } from './limb-ops.js';
import type { SourceWriter } from './source-writer.js';
import type { Limbs } from './values.js';

/**
 * Shifts and rotates by a computed amount, and bit counts, on limbs: a ladder over the bits of
 * the amount (16, 8, 4, 2, 1), each step a constant shift chosen or not.
 */

export type ShiftOp = 'shl' | 'shr_u' | 'shr_s' | 'rotl' | 'rotr';

function constantStep(w: SourceWriter, op: ShiftOp, x: Limbs, k: number): Limbs {
  switch (op) {
    case 'shl':
      return shiftLeftConst(w, x, k);
    case 'shr_u':
    case 'shr_s':
      return shiftRightConst(w, x, k, op === 'shr_s');
    case 'rotl':
      return bitwiseLimbs(w, '|', shiftLeftConst(w, x, k), shiftRightConst(w, x, 32 - k, false));
    case 'rotr':
      return bitwiseLimbs(w, '|', shiftRightConst(w, x, k, false), shiftLeftConst(w, x, 32 - k));
  }
}

/** `op` by `amount` (any number whose value modulo 32 is the shift, as wasm takes it). */
export function shiftByAmount(w: SourceWriter, op: ShiftOp, x: Limbs, amount: string): Limbs {
  const k = w.temp(`${amount} - Math.floor(${amount} / 32) * 32`);
  let current = x;
  for (const step of [16, 8, 4, 2, 1]) {
    const bit = w.temp(`Math.floor(${k} / ${step}) - Math.floor(${k} / ${2 * step}) * 2`);
    const shifted = constantStep(w, op, current, step);
    current = { lo: w.temp(`${bit} == 1 ? ${shifted.lo} : ${current.lo}`), hi: w.temp(`${bit} == 1 ? ${shifted.hi} : ${current.hi}`) };
  }
  return current;
}

/** Leading zeros of a 16-bit value (16 for 0). */
function leadingZeros16(w: SourceWriter, value: string): string {
  const v = w.name('v');
  const n = w.name('z');
  w.line(`let ${v} = ${value};`);
  w.line(`let ${n} = ${value} == 0 ? 16 : 0;`);
  for (const [limit, bits] of [[256, 8], [4096, 4], [16384, 2], [32768, 1]] as const) {
    w.line(`if (${v} != 0 && ${v} < ${limit}) { ${n} = ${n} + ${bits}; ${v} = ${v} * ${2 ** bits}; }`);
  }
  return n;
}

/** Trailing zeros of a 16-bit value (16 for 0). */
function trailingZeros16(w: SourceWriter, value: string): string {
  const v = w.name('v');
  const n = w.name('z');
  w.line(`let ${v} = ${value};`);
  w.line(`let ${n} = ${value} == 0 ? 16 : 0;`);
  for (const bits of [8, 4, 2, 1]) {
    const unit = 2 ** bits;
    w.line(`if (${v} != 0 && ${v} - Math.floor(${v} / ${unit}) * ${unit} == 0) { ${n} = ${n} + ${bits}; ${v} = ${v} / ${unit}; }`);
  }
  return n;
}

function popcount16(w: SourceWriter, value: string): string {
  const v = w.name('v');
  const n = w.name('z');
  const i = w.name('i');
  w.line(`let ${v} = ${value};`);
  w.line(`let ${n} = 0;`);
  w.block(`for (let ${i} = 0; ${i} < 16; ${i}++)`, () => {
    w.line(`${n} = ${n} + ${v} - Math.floor(${v} / 2) * 2;`);
    w.line(`${v} = Math.floor(${v} / 2);`);
  });
  return n;
}

/** clz, ctz and popcnt of an i32 held as limbs: each in [0, 32], a plain number. */
export function bitCount(w: SourceWriter, op: 'clz' | 'ctz' | 'popcnt', x: Limbs): string {
  if (op === 'popcnt') return w.temp(`${popcount16(w, x.lo)} + ${popcount16(w, x.hi)}`);
  if (op === 'clz') {
    const high = leadingZeros16(w, x.hi);
    return w.temp(`${x.hi} != 0 ? ${high} : 16 + ${leadingZeros16(w, x.lo)}`);
  }
  const low = trailingZeros16(w, x.lo);
  return w.temp(`${x.lo} != 0 ? ${low} : 16 + ${trailingZeros16(w, x.hi)}`);
}

