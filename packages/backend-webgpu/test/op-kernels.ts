import type { ValueType } from '@wasi-parallel/kernel';

export type Scalar = Exclude<ValueType, 'v128'>;

const SIZE: Record<Scalar, number> = { i32: 4, i64: 8, f32: 4, f64: 8 };

export function sizeOf(type: Scalar): number {
  return SIZE[type];
}

const HEADER = `(import "" "memory" (memory 1 65536 shared))`;
const PARAMS = '(param $i i32) (param $n i32) (param $bs i32) (param $in i32) (param $inl i32) (param $out i32) (param $outl i32)';

/**
 * A kernel that applies each op to the operands of its iteration: iteration i reads
 * `arity` operands of type `operand` at in + i·arity·size and stores op j's result at
 * out + (i·ops + j)·resultSize. Each op is `[name, resultType]`.
 */
export function opKernel(operand: Scalar, arity: 1 | 2, ops: ReadonlyArray<readonly [string, Scalar]>): string {
  const size = SIZE[operand];
  const resultSize = Math.max(...ops.map(([, result]) => SIZE[result]));
  const stores = ops.map(([op, result], j) => {
    const args = arity === 1 ? '(local.get $a)' : '(local.get $a) (local.get $b)';
    return `(${result}.store offset=${j * resultSize} (local.get $o) (${op} ${args}))`;
  });
  return `(module ${HEADER}
  (func (export "kernel") ${PARAMS} (local $a ${operand}) (local $b ${operand}) (local $p i32) (local $o i32)
    (local.set $p (i32.add (local.get $in) (i32.mul (local.get $i) (i32.const ${arity * size}))))
    (local.set $a (${operand}.load (local.get $p)))
    ${arity === 2 ? `(local.set $b (${operand}.load offset=${size} (local.get $p)))` : ''}
    (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const ${ops.length * resultSize}))))
    ${stores.join('\n    ')}))`;
}

/** The same but the result slot is `resultSize` wide for every op, so outputs line up by op. */
export function resultStride(ops: ReadonlyArray<readonly [string, Scalar]>): number {
  return Math.max(...ops.map(([, result]) => SIZE[result]));
}

/** A deterministic generator (xorshift32) for operand corpora. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

export const I32_VALUES: readonly number[] = (() => {
  const next = random(7);
  const fixed = [0, 1, -1, 2, -2, 3, 7, 31, 32, 33, 63, 64, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, -0x80000000, -0x7fffffff, 12345678, -987654, 0x55555555];
  return [...fixed, ...Array.from({ length: 10 }, () => next() | 0)];
})();

export const I64_VALUES: readonly bigint[] = (() => {
  const next = random(11);
  const fixed = [0n, 1n, -1n, 2n, -2n, 3n, 31n, 32n, 63n, 64n, 65n, 0xffffffffn, 0x100000000n, -0x100000000n, 0x7fffffffn, -0x80000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdefn, -0xfedcba987654321n, 1n << 53n, (1n << 53n) + 1n, (1n << 62n) + 12345n];
  const rand = Array.from({ length: 10 }, () => BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next())));
  const small = Array.from({ length: 4 }, () => BigInt(next() % 100000) - 50000n);
  return [...fixed, ...rand, ...small];
})();

const f32 = (value: number): number => Math.fround(value);
const bits = (word: number): number => new Float32Array(new Uint32Array([word]).buffer)[0]!;

export const F32_VALUES: readonly number[] = (() => {
  const next = random(13);
  const fixed = [
    0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 0.1, 1 / 3, 123.456, -7.75, 1e10, -1e10,
    NaN, Infinity, -Infinity, bits(0x7f7fffff), bits(0xff7fffff), bits(0x00800000), bits(0x80800000),
    2 ** 31, -(2 ** 31), 2147483520, -2147483904, 2 ** 32, 4294967040, 2 ** 63, -(2 ** 63), 2 ** 64, 9.2233715e18, -0.75, 0.999999940395,
  ];
  const rand = Array.from({ length: 8 }, () => {
    const word = next();
    // Normal numbers only: exponent 1…254 (subnormals are measured apart).
    const exponent = 1 + (word % 254);
    return bits((word & 0x807fffff) | (exponent << 23));
  });
  return [...fixed.map(f32), ...rand];
})();

/** Subnormal operands, measured separately (devices may flush them). */
export const F32_SUBNORMALS: readonly number[] = [bits(0x00000001), bits(0x80000001), bits(0x007fffff), bits(0x00400000), f32(1e-40), f32(-3e-39)];

/** Operands as numbers, or for floats also as bit patterns (bigint), so NaN payloads survive. */
export function encode(type: Scalar, values: readonly (number | bigint)[]): Uint8Array {
  const bytes = new Uint8Array(values.length * SIZE[type]);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => {
    const at = i * SIZE[type];
    if (type === 'i32') view.setInt32(at, value as number, true);
    else if (type === 'i64') view.setBigInt64(at, value as bigint, true);
    else if (typeof value === 'bigint') {
      if (type === 'f32') view.setUint32(at, Number(BigInt.asUintN(32, value)), true);
      else view.setBigUint64(at, BigInt.asUintN(64, value), true);
    } else if (type === 'f32') view.setFloat32(at, value, true);
    else view.setFloat64(at, value, true);
  });
  return bytes;
}

/** Every ordered pair of values, flattened, optionally filtered. */
export function pairs<T>(values: readonly T[], keep: (a: T, b: T) => boolean = () => true): T[] {
  return values.flatMap((a) => values.filter((b) => keep(a, b)).flatMap((b) => [a, b]));
}
