import { ErrorCode, WasiParallelError, type HostBuffer } from '@wasi-parallel/core';
import type { KernelIR } from '@wasi-parallel/kernel';
import { SPECIALS, UNWRITTEN, type Plane, type PlaneForm } from './translate/plan-types.js';

/**
 * Buffers keep their bytes on the host (core's HostBuffer). Around each call this module turns
 * them into what GPU.js reads — the kernel's memory laid out as the sequential device lays it
 * out, as floats, 16-bit pieces or bytes — and turns each output plane back into bytes.
 */

/** Entries a plane may hold: GPU.js indexes arrays with floats, exact below 2^24. */
export const MAX_PLANE_ENTRIES = 2 ** 24;

/** The kernel's memory for one call: its static data, then each buffer at its offset. */
export function buildMemoryImage(ir: KernelIR, memoryBytes: number, offsets: readonly number[], buffers: readonly HostBuffer[]): Uint8Array {
  const image = new Uint8Array(memoryBytes);
  for (const segment of ir.dataSegments) {
    const at = segment.offset ?? segment.placedAt;
    if (at !== undefined) image.set(segment.data, at);
  }
  buffers.forEach((buffer, i) => image.set(buffer.bytes, offsets[i]!));
  return image;
}

const UNIT: Readonly<Record<Exclude<Plane, 'spec'>, number>> = { memF: 4, memL: 2, memB: 1 };

/** The inputs a kernel takes, in its argument order. */
export function inputPlanes(image: Uint8Array, planes: readonly Plane[]): Float32Array[] {
  return planes.map((plane) => {
    if (plane === 'spec') {
      const specials = new Float32Array(Object.keys(SPECIALS).length);
      specials[SPECIALS.NaN] = NaN;
      specials[SPECIALS.Infinity] = Infinity;
      specials[SPECIALS.NegativeInfinity] = -Infinity;
      return specials;
    }
    const entries = image.length / UNIT[plane];
    if (entries > MAX_PLANE_ENTRIES) {
      throw new WasiParallelError(
        ErrorCode.OUT_OF_MEMORY,
        `the kernel's memory (${image.length} bytes) read in ${UNIT[plane]}-byte pieces is ${entries} entries; GPU.js indexes at most ${MAX_PLANE_ENTRIES} exactly`,
      );
    }
    if (plane === 'memF') return new Float32Array(image.buffer, image.byteOffset, entries);
    if (plane === 'memL') return Float32Array.from(new Uint16Array(image.buffer, image.byteOffset, entries));
    return Float32Array.from(image);
  });
}

/** Writes an output plane (one number per element) back as the buffer's bytes. */
export function writePlane(values: Float32Array, form: PlaneForm, target: Uint8Array): void {
  if (form === 'i32') {
    // Elements no store wrote come back as UNWRITTEN and keep their bytes.
    const words = new Int32Array(target.buffer, target.byteOffset, values.length);
    values.forEach((value, i) => {
      if (value !== UNWRITTEN) words[i] = value;
    });
    return;
  }
  const bytes = form === 'f32' ? new Uint8Array(values.buffer, values.byteOffset, values.byteLength) : form === 'u16' ? new Uint8Array(Uint16Array.from(values).buffer) : Uint8Array.from(values);
  target.set(bytes);
}
