import type { KernelIR } from '../ir/module.js';
import { walk } from '../ir/walk.js';

/**
 * An i32 load from a fixed offset of a buffer the kernel never writes: the same value in
 * every iteration of a call, known once the call's buffers are (a size or a count the host
 * put in a parameters buffer). A translator may read it at dispatch time and specialise on it.
 */
export interface ConstantLoad {
  /** The load's loc in `kernel`. */
  readonly loc: number;
  readonly buffer: number;
  /** Byte offset from the buffer's start. */
  readonly offset: number;
  readonly bytes: 1 | 2 | 4;
  readonly signed: boolean;
}

/** The constant loads of `kernel` (see ConstantLoad). */
export function findConstantLoads(ir: KernelIR): ConstantLoad[] {
  const written = new Set(ir.analysis.buffers.filter((use) => use.writes).map((use) => use.buffer));
  if (ir.analysis.features.unknownAccesses) {
    // A store through an address of unknown origin might hit any buffer.
    for (const use of ir.analysis.buffers) written.add(use.buffer);
  }
  const accesses = new Map(ir.analysis.accesses.filter((a) => a.function === ir.kernel.name).map((a) => [a.loc, a]));
  const out: ConstantLoad[] = [];
  walk(ir.kernel.body, (expr) => {
    if (expr.kind !== 'load' || expr.type !== 'i32' || expr.atomic || expr.bytes === 8 || expr.bytes === 16) return;
    const access = accesses.get(expr.loc);
    if (!access || access.provenance.kind !== 'buffer' || !access.affine || access.affine.stride !== 0) return;
    if (written.has(access.provenance.buffer) || access.affine.base < 0) return;
    out.push({ loc: expr.loc, buffer: access.provenance.buffer, offset: access.affine.base, bytes: expr.bytes, signed: expr.signed });
  });
  return out;
}

/** The value of a constant load from the buffer's bytes; undefined when it lies outside them. */
export function readConstantLoad(load: ConstantLoad, bytes: Uint8Array): number | undefined {
  if (load.offset + load.bytes > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (load.bytes) {
    case 1:
      return load.signed ? view.getInt8(load.offset) : view.getUint8(load.offset);
    case 2:
      return load.signed ? view.getInt16(load.offset, true) : view.getUint16(load.offset, true);
    case 4:
      return view.getInt32(load.offset, true);
  }
}
