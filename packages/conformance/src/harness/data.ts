/**
 * Deterministic inputs: the same bytes on every run and machine, so a failure report names a
 * reproducible index. mulberry32, a small well-mixed 32-bit generator.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A uniformly distributed u32. */
  u32(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  i32(): number {
    return this.u32() | 0;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return this.u32() % bound;
  }

  /** A float32 in [-range, range), far from the specials. */
  f32(range = 1000): number {
    return Math.fround(((this.u32() / 2 ** 32) * 2 - 1) * range);
  }

  i64(): bigint {
    return BigInt.asIntN(64, (BigInt(this.u32()) << 32n) | BigInt(this.u32()));
  }
}

/** The bytes of a typed array (a view, not a copy). */
export function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export function i32Array(length: number, fill: (index: number) => number): Int32Array {
  return Int32Array.from({ length }, (_, index) => fill(index));
}

export function f32Array(length: number, fill: (index: number) => number): Float32Array {
  return Float32Array.from({ length }, (_, index) => fill(index));
}

/** Float32 bit patterns written as u32, so NaN payloads and signs survive exactly. */
export function f32Bits(value: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  return view.getUint32(0, true);
}

export function f32FromBits(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits >>> 0, true);
  return view.getFloat32(0, true);
}

export function f64Bits(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return view.getBigUint64(0, true);
}

export function f64FromBits(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return view.getFloat64(0, true);
}
