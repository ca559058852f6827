import { affine, type Expr, type Sym } from '@wasi-parallel/kernel';
import { containsTrap } from './checks.js';
import type { Emitter } from './emitter.js';
import { num } from './source-writer.js';
import { STATUS } from './status-codes.js';
import { named, type Limbs, type Val } from './values.js';

type LoadExpr = Extract<Expr, { kind: 'load' }>;
type StoreExpr = Extract<Expr, { kind: 'store' }>;

/** The name of the thread's target byte address in a data kernel. */
export const TARGET = 'tgt';
/** The name of the result a data kernel returns. */
export const RESULT = 'res';

export interface Address {
  /** The byte address as an exact number. */
  readonly at: string;
  readonly form: Sym;
}

/** ptr + offset as an exact number (wasm adds them without wrapping). */
function address(em: Emitter, e: LoadExpr | StoreExpr): Address {
  const form = affine.add(em.formOf(e.ptr), affine.constant(e.offset));
  if (!em.fits(form)) {
    em.fail('the address is not provably an exact float (a pointer read from memory, or a memory past 2^24 bytes without alignment)', e.loc);
  }
  const ptr = em.expr(e.ptr);
  const at = named(em.w, e.offset === 0 ? em.small(ptr, em.formOf(e.ptr)) : `${em.small(ptr, em.formOf(e.ptr))} + ${num(e.offset)}`);
  return { at, form };
}

/** Traps (status kernel) when [at, at + bytes) is not inside the memory, unless the ranges prove it is. */
function boundsCheck(em: Emitter, where: Address, bytes: number): void {
  if (em.input.purpose.kind !== 'status') return;
  const memory = em.input.analysis.env.memoryBytes;
  const range = affine.bounds(where.form, em.symbols);
  if (range && range[0] >= 0 && range[1] + bytes <= memory) return;
  em.check(`${where.at} < 0 || ${where.at} + ${bytes} > ${num(memory)}`, STATUS.OUT_OF_BOUNDS);
}

function byteAt(em: Emitter, at: string): string {
  em.planes.add('memB');
  return em.w.temp(`memB[${at}]`);
}

/** Two bytes (little-endian) as one 16-bit number. */
function halfFromBytes(em: Emitter, at: string): string {
  return em.w.temp(`${byteAt(em, at)} + ${byteAt(em, `${at} + 1`)} * 256`);
}

export function emitLoad(em: Emitter, e: LoadExpr): Val {
  if (e.atomic) return em.fail('atomic loads are not supported by the GPU.js translator', e.loc);
  const known = em.input.analysis.env.loadValues.get(e.loc);
  if (known !== undefined) return em.literal(known);
  const where = address(em, e);
  boundsCheck(em, where, e.bytes);
  return loadAt(em, e, where);
}

/** What `e` loads from a byte address already computed (ptr + offset), by its type and width. */
export function loadAt(em: Emitter, e: LoadExpr, where: Address): Val {
  const align = affine.alignOf(where.form!);
  if (e.type === 'f32') {
    if (align >= 4) return { t: 'f32', e: em.gatherFloat(where.at), addr: where.at };
    return em.fail('an f32 load at an address not known to be 4-aligned is not supported', e.loc);
  }
  if (e.type !== 'i32') return em.fail(`${e.type} loads are not supported by the GPU.js translator`, e.loc);
  switch (e.bytes) {
    case 4: {
      if (align >= 2) return { t: 'wide', ...em.gatherLimbs(where.at), ...(align >= 4 ? { addr: where.at } : {}) };
      return { t: 'wide', lo: halfFromBytes(em, where.at), hi: halfFromBytes(em, `${where.at} + 2`) };
    }
    case 2: {
      const half = align >= 2 ? em.gatherLimbs(where.at).lo : halfFromBytes(em, where.at);
      const value = e.signed ? em.w.temp(`${half} >= 32768 ? ${half} - 65536 : ${half}`) : half;
      return { t: 'small', e: value, form: em.formOf(e) };
    }
    case 1: {
      const byte = byteAt(em, where.at);
      const value = e.signed ? em.w.temp(`${byte} >= 128 ? ${byte} - 256 : ${byte}`) : byte;
      return { t: 'small', e: value, form: em.formOf(e) };
    }
    default:
      return em.fail(`${e.bytes}-byte loads are not supported by the GPU.js translator`, e.loc);
  }
}

/** The 16-bit piece of a value at byte offset `d` (0 or 2) of a 4-byte store. */
function pieceOfLimbs(em: Emitter, limbs: Limbs, d: string): string {
  return em.w.temp(`${d} == 0 ? ${limbs.lo} : ${limbs.hi}`);
}

function valueLimbs(em: Emitter, value: Val): Limbs {
  return value.t === 'f32' ? em.bits(value) : em.limbs(value);
}

/** What the data kernel's element becomes when this store covers it (`d`: the element's offset in the store). */
function partOf(em: Emitter, e: StoreExpr, value: Val, d: string): string {
  if (em.input.purpose.kind !== 'data') return '0';
  const { form } = em.input.purpose.plane;
  if (form === 'f32') {
    if (value.t === 'f32') return em.float(value);
    if ((value.t === 'wide' || value.t === 'small') && value.addr !== undefined) return em.gatherFloat(value.addr);
    return em.fail('an i32 stored into a buffer kept as floats (the plan needs bit copies only)', e.loc);
  }
  if (form === 'i32') return em.small(value, em.formOf(e.value));
  if (e.bytes === 1) return lowBits(em, value, 256);
  const limbs = e.bytes === 2 ? { lo: lowBits(em, value, 65536), hi: '0' } : valueLimbs(em, value);
  if (form === 'u16') return e.bytes === 2 ? limbs.lo : pieceOfLimbs(em, limbs, d);
  // Bytes: the piece holding byte d, then its low or high byte.
  const piece = e.bytes === 2 ? limbs.lo : em.w.temp(`${d} < 2 ? ${limbs.lo} : ${limbs.hi}`);
  const high = em.w.temp(`Math.floor(${piece} / 256)`);
  return em.w.temp(`(${d} - Math.floor(${d} / 2) * 2) == 0 ? ${piece} - ${high} * 256 : ${high}`);
}

/** The value's low bits modulo `modulus` (256 or 65536). */
function lowBits(em: Emitter, value: Val, modulus: number): string {
  const limb = value.t === 'small' ? em.w.temp(`${value.e} - Math.floor(${value.e} / 65536) * 65536`) : valueLimbs(em, value).lo;
  return modulus === 65536 ? limb : em.w.temp(`${limb} - Math.floor(${limb} / 256) * 256`);
}

export function emitStore(em: Emitter, e: StoreExpr): void {
  if (e.atomic) em.fail('atomic stores are not supported by the GPU.js translator', e.loc);
  if (e.valueType !== 'i32' && e.valueType !== 'f32') em.fail(`${e.valueType} stores are not supported by the GPU.js translator`, e.loc);
  const where = address(em, e);
  const { purpose } = em.input;
  // The status kernel computes a stored value only for what in it may trap (the slice keeps no more).
  if (purpose.kind === 'status' && containsTrap(e.value, em.input.analysis)) em.expr(e.value);
  if (purpose.kind === 'status') {
    boundsCheck(em, where, e.bytes);
    const site = purpose.stores.get(e.loc);
    const shape = site === undefined ? undefined : purpose.shapes.get(site.buffer);
    if (!shape || shape.proven.has(e.loc)) return;
    const placement = em.input.analysis.env.buffers[shape.buffer]!;
    const rel = em.w.temp(`${where.at} - ${num(placement.pointer)}`);
    const inBuffer = `${rel} >= 0 && ${rel} + ${e.bytes} <= ${num(placement.length)}`;
    const start = shape.stride === 0 ? '' : em.w.temp(`${rel} - ${num(shape.stride)} * iter`);
    const inBlock = shape.stride === 0 ? 'true' : `${start} >= ${num(shape.base)} && ${start} + ${e.bytes} <= ${num(shape.base + shape.stride)}`;
    em.check(`!(${inBuffer} && ${inBlock})`, STATUS.STORE_OUTSIDE_BLOCK + site!.index);
    return;
  }
  const value = em.expr(e.value);
  const d = em.w.temp(`${TARGET} - ${where.at}`);
  em.w.block(`if (${d} >= 0 && ${d} < ${e.bytes})`, () => {
    em.w.line(`${RESULT} = ${partOf(em, e, value, d)};`);
  });
}
