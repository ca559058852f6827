import type { AtomicRmwOp, Expr, LoadExpr, StoreExpr } from '@wasi-parallel/kernel';
import { NOT_MINE, type FunctionEmitter } from './function-emitter.js';
import { unsupported } from './translate-error.js';
import { u32Literal } from './wgsl-types.js';

/**
 * Loads, stores, atomics and bulk memory over the one arena (`memory: array<atomic<u32>>`).
 * The helpers in the runtime prelude bounds-check against the memory's size and trap like
 * wasm; stores narrower than a word replace only their bytes with a compare-exchange loop on
 * the word, so invocations writing neighbouring bytes of one word never lose each other's bytes.
 */
export function emitMemory(em: FunctionEmitter, expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'load':
      return emitLoad(em, expr);
    case 'store':
      emitStore(em, expr);
      return undefined;
    case 'memory.size':
      return em.temp('memory_pages()');
    case 'memory.grow': {
      // Growing may always fail in wasm (it returns -1); the arena is sized before the call.
      const delta = em.value(expr.delta, 'i32');
      return em.temp(`select(0xffffffffu, memory_pages(), ${delta} == 0u)`);
    }
    case 'memory.fill': {
      const dest = em.value(expr.dest, 'i32');
      const value = em.value(expr.value, 'i32');
      const size = em.value(expr.size, 'i32');
      em.line(`memory_fill(${dest}, ${value}, ${size});`);
      em.checkTrap();
      return undefined;
    }
    case 'memory.copy': {
      const dest = em.value(expr.dest, 'i32');
      const source = em.value(expr.source, 'i32');
      const size = em.value(expr.size, 'i32');
      em.line(`memory_copy(${dest}, ${source}, ${size});`);
      em.checkTrap();
      return undefined;
    }
    case 'memory.init':
    case 'data.drop':
      throw unsupported('passive data segments (`memory.init`/`data.drop`)', em.at(expr));
    case 'atomic.rmw': {
      const width = atomicWidth(em, expr, expr.type);
      const ptr = em.value(expr.ptr, 'i32');
      const value = em.value(expr.value, 'i32');
      const result = em.temp(`atomic_rmw(${ptr}, ${u32Literal(expr.offset)}, ${width}u, ${RMW_OPS.indexOf(expr.op)}u, ${value})`);
      em.checkTrap();
      return result;
    }
    case 'atomic.cmpxchg': {
      const width = atomicWidth(em, expr, expr.type);
      const ptr = em.value(expr.ptr, 'i32');
      const expected = em.value(expr.expected, 'i32');
      const replacement = em.value(expr.replacement, 'i32');
      const result = em.temp(`atomic_cmpxchg(${ptr}, ${u32Literal(expr.offset)}, ${width}u, ${expected}, ${replacement})`);
      em.checkTrap();
      return result;
    }
    case 'atomic.notify': {
      // No invocation can wait (memory.atomic.wait is refused), so no waiter is ever woken.
      const ptr = em.value(expr.ptr, 'i32');
      em.value(expr.count, 'i32');
      em.temp(`atomic_ea(${ptr}, 0u, 4u)`);
      em.checkTrap();
      return '0u';
    }
    case 'atomic.fence':
      // Every access to the memory is already a WGSL atomic on its word.
      return undefined;
    case 'atomic.wait':
      throw unsupported('`memory.atomic.wait` (an invocation cannot block on a GPU)', em.at(expr));
    default:
      return NOT_MINE;
  }
}

/** The order of `rmw_apply`'s op codes in the runtime prelude. */
const RMW_OPS: readonly AtomicRmwOp[] = ['add', 'sub', 'and', 'or', 'xor', 'xchg'];

/** WGSL atomics are 32-bit: i64 atomics cannot be made atomic, so they are refused. */
function atomicWidth(em: FunctionEmitter, expr: Expr & { bytes: number }, type: unknown): number {
  if (type === 'i64') throw unsupported('a 64-bit atomic (WGSL atomics are 32-bit)', em.at(expr));
  return expr.bytes;
}

function emitLoad(em: FunctionEmitter, expr: LoadExpr): string {
  if (expr.atomic) {
    const width = atomicWidth(em, expr, expr.type);
    const ptr = em.value(expr.ptr, 'i32');
    const result = em.temp(`atomic_load(${ptr}, ${u32Literal(expr.offset)}, ${width}u)`);
    em.checkTrap();
    return result;
  }
  const type = expr.type === 'unreachable' || typeof expr.type !== 'string' || expr.type === 'none' ? 'i32' : expr.type;
  const ptr = em.value(expr.ptr, 'i32');
  const offset = u32Literal(expr.offset);
  let raw: string;
  if (expr.bytes === 8) raw = em.temp(`ld64(${ptr}, ${offset})`);
  else if (expr.bytes === 1 || expr.bytes === 2 || expr.bytes === 4) raw = em.temp(`ld${expr.bytes * 8}(${ptr}, ${offset})`);
  else throw unsupported(`a ${expr.bytes}-byte load`, em.at(expr));
  em.checkTrap();
  switch (type) {
    case 'i32':
      return expr.bytes === 4 ? raw : expr.signed ? em.temp(`sext${expr.bytes * 8}(${raw})`) : raw;
    case 'i64':
      if (expr.bytes === 8) return raw;
      return em.temp(expr.signed ? `i64_extend_i32_s(${expr.bytes === 4 ? raw : `sext${expr.bytes * 8}(${raw})`})` : `vec2<u32>(${raw}, 0u)`);
    case 'f32':
    case 'f64':
      // Floats are their bits: a load is the word(s) as they are, signalling NaNs included.
      return raw;
    default:
      em.type(type, expr);
      throw unsupported(`a ${type} load`, em.at(expr));
  }
}

function emitStore(em: FunctionEmitter, expr: StoreExpr): void {
  if (expr.atomic) {
    const width = atomicWidth(em, expr, expr.valueType);
    const ptr = em.value(expr.ptr, 'i32');
    const value = em.value(expr.value, 'i32');
    em.line(`atomic_store(${ptr}, ${u32Literal(expr.offset)}, ${width}u, ${value});`);
    em.checkTrap();
    return;
  }
  const ptr = em.value(expr.ptr, 'i32');
  const value = em.value(expr.value, expr.valueType);
  const offset = u32Literal(expr.offset);
  let call: string;
  switch (expr.valueType) {
    case 'i32':
      call = `st${expr.bytes * 8}(${ptr}, ${offset}, ${value})`;
      break;
    case 'i64':
      call = expr.bytes === 8 ? `st64(${ptr}, ${offset}, ${value})` : `st${expr.bytes * 8}(${ptr}, ${offset}, ${value}.x)`;
      break;
    case 'f32':
      call = `st32(${ptr}, ${offset}, ${value})`;
      break;
    case 'f64':
      call = `st64(${ptr}, ${offset}, ${value})`;
      break;
    default:
      em.type(expr.valueType, expr);
      throw unsupported(`a ${expr.valueType} store`, em.at(expr));
  }
  em.line(`${call};`);
  em.checkTrap();
}
