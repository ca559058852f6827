import type { AccessKind, BufferUse, MemoryAccessInfo, Provenance } from '../ir/analysis-types.js';
import type { KernelFunction } from '../ir/module.js';
import type { Expr } from '../ir/types.js';
import { walk } from '../ir/walk.js';
import { BOTTOM, scalar, type AbstractValue, type Lattice } from './abstract-value.js';
import { evaluate, type EvalContext } from './evaluate.js';

interface RawAccess {
  readonly expr: Expr;
  readonly ptr: Expr;
  readonly offset: number;
  readonly bytes: number;
  readonly access: AccessKind;
  readonly atomic: boolean;
}

/** The memory accesses of one expression (memory.copy has two: a read and a write). */
function accessesOf(expr: Expr): RawAccess[] {
  switch (expr.kind) {
    case 'load':
      return [{ expr, ptr: expr.ptr, offset: expr.offset, bytes: expr.bytes, access: 'load', atomic: expr.atomic }];
    case 'simd.load':
    case 'simd.load_lane':
      return [{ expr, ptr: expr.ptr, offset: expr.offset, bytes: expr.bytes, access: 'load', atomic: false }];
    case 'store':
      return [{ expr, ptr: expr.ptr, offset: expr.offset, bytes: expr.bytes, access: 'store', atomic: expr.atomic }];
    case 'simd.store_lane':
      return [{ expr, ptr: expr.ptr, offset: expr.offset, bytes: expr.bytes, access: 'store', atomic: false }];
    case 'atomic.rmw':
    case 'atomic.cmpxchg':
      return [{ expr, ptr: expr.ptr, offset: expr.offset, bytes: expr.bytes, access: 'rmw', atomic: true }];
    case 'atomic.wait':
    case 'atomic.notify':
      return [{ expr, ptr: expr.ptr, offset: 0, bytes: 4, access: 'rmw', atomic: true }];
    case 'memory.fill':
    case 'memory.init':
      return [{ expr, ptr: expr.dest, offset: 0, bytes: 0, access: 'store', atomic: false }];
    case 'memory.copy':
      return [
        { expr, ptr: expr.source, offset: 0, bytes: 0, access: 'load', atomic: false },
        { expr, ptr: expr.dest, offset: 0, bytes: 0, access: 'store', atomic: false },
      ];
    default:
      return [];
  }
}

function provenanceOf(value: AbstractValue): Provenance {
  if (value.sources.has('unknown')) return { kind: 'unknown', reason: `the address is not derived from a buffer param: ${value.why ?? 'unknown origin'}` };
  const sources = [...value.sources];
  if (sources.length === 0) return { kind: 'static' };
  if (sources.length > 1) return { kind: 'unknown', reason: `the address mixes ${sources.join(' and ')}` };
  const only = sources[0]!;
  if (only === 'stack') return { kind: 'stack' };
  return { kind: 'buffer', buffer: Number(only.slice('buffer:'.length)) };
}

/** Every memory access in a function, with its provenance and (when it has one) affine form. */
export function functionAccesses(fn: KernelFunction, locals: ReadonlyMap<number, Lattice>, ctx: Omit<EvalContext, 'locals'>): MemoryAccessInfo[] {
  const out: MemoryAccessInfo[] = [];
  const evalCtx: EvalContext = { ...ctx, locals };
  walk(fn.body, (expr) => {
    for (const raw of accessesOf(expr)) {
      const evaluated = evaluate(raw.ptr, evalCtx);
      const value = evaluated === BOTTOM ? scalar() : evaluated;
      const provenance = provenanceOf(value);
      const a = value.affine;
      const affine =
        a && raw.bytes > 0 && (provenance.kind === 'static' || (provenance.kind === 'buffer' && a.buffer === provenance.buffer))
          ? { base: a.c + raw.offset, stride: a.s, width: raw.bytes }
          : undefined;
      out.push({ function: fn.name, loc: expr.loc, access: raw.access, exprKind: expr.kind, bytes: raw.bytes, atomic: raw.atomic, provenance, affine });
    }
  });
  return out;
}

/** Per-buffer read/write sets from the accesses. */
export function bufferUses(bufferCount: number, accesses: readonly MemoryAccessInfo[]): BufferUse[] {
  return Array.from({ length: bufferCount }, (_, buffer) => {
    const mine = accesses.filter((a) => a.provenance.kind === 'buffer' && a.provenance.buffer === buffer);
    const reads = mine.filter((a) => a.access !== 'store');
    const writes = mine.filter((a) => a.access !== 'load');
    return {
      buffer,
      reads: reads.length > 0,
      writes: writes.length > 0,
      readAccesses: reads.length,
      writeAccesses: writes.length,
      // Map-style: each iteration writes its own bytes, so iterations cannot race.
      allWritesAffine: writes.every((a) => a.access === 'store' && a.affine !== undefined && Math.abs(a.affine.stride) >= a.affine.width),
    };
  });
}
