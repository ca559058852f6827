import { PARAM, STATUS, TrapKind } from '../translated-kernel.js';
import { loopExit, PRELUDE_LOOP } from './loop-guard-wgsl.js';

/**
 * Bindings, the trap flag and linear memory. The memory is one `array<atomic<u32>>`: every
 * word access is atomic so sub-word stores can use atomicAnd/atomicOr on the word they share
 * with other invocations' bytes. Bounds are checked against the memory's size (wasm's rule),
 * with 33-bit effective addresses (ptr + offset never wraps).
 */
export function runtimeWgsl(cutLoops: boolean): string {
  const writeBits = loopExit(cutLoops, PRELUDE_LOOP.WRITE_BITS);
  const rmw = loopExit(cutLoops, PRELUDE_LOOP.ATOMIC_RMW);
  const cmpxchg = loopExit(cutLoops, PRELUDE_LOOP.ATOMIC_CMPXCHG);
  const fill = loopExit(cutLoops, PRELUDE_LOOP.FILL);
  const copy = loopExit(cutLoops, PRELUDE_LOOP.COPY);
  return /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> memory: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> params: array<u32>;
@group(0) @binding(2) var<storage, read_write> status: array<atomic<u32>>;
override WORKGROUP_SIZE: u32 = 64u;

var<private> trap: u32;

fn raise(kind: u32) { if (trap == 0u) { trap = kind; } }
fn memory_bytes() -> u32 { return params[${PARAM.MEMORY_BYTES}u]; }
fn memory_pages() -> u32 { return params[${PARAM.MEMORY_PAGES}u]; }

fn ea(p: u32, off: u32, n: u32) -> u32 {
  let size = memory_bytes();
  if (off > size - n || p > size - n - off) { raise(${TrapKind.OUT_OF_BOUNDS}u); return 0u; }
  let a = p + off;
  if (a < STACK_LO && a + n > STACK_FLOOR) { raise(${TrapKind.STACK_OVERFLOW}u); return 0u; }
  return a;
}
// The top of a C kernel's shadow stack, [STACK_LO, STACK_HI), lives in each invocation's
// private stack_mem (every invocation would otherwise write its frames to the same addresses).
// Both are 0 for kernels that keep no stack frames, and the compiler drops the test.
fn in_stack(a: u32) -> bool { return a >= STACK_LO && a < STACK_HI; }
fn word(a: u32) -> u32 {
  if (in_stack(a)) { return stack_mem[(a - STACK_LO) >> 2u]; }
  return atomicLoad(&memory[a >> 2u]);
}
fn rd8(a: u32) -> u32 { return (word(a) >> ((a & 3u) * 8u)) & 0xffu; }
fn rd16(a: u32) -> u32 {
  if ((a & 3u) == 3u) { return rd8(a) | (rd8(a + 1u) << 8u); }
  return (word(a) >> ((a & 3u) * 8u)) & 0xffffu;
}
fn rd32(a: u32) -> u32 {
  let s = (a & 3u) * 8u;
  if (s == 0u) { return word(a); }
  return (word(a) >> s) | (word(a + 4u) << (32u - s));
}
// Replaces the bits under mask in one word, leaving the others as any other invocation
// leaves them: a compare-exchange loop, so no reader ever sees a half-written byte.
fn wr_bits(w: u32, mask: u32, bits: u32) {
  if (in_stack(w << 2u)) {
    let i = ((w << 2u) - STACK_LO) >> 2u;
    stack_mem[i] = (stack_mem[i] & ~mask) | (bits & mask);
    return;
  }
  var old = atomicLoad(&memory[w]);
  loop {
    let result = atomicCompareExchangeWeak(&memory[w], old, (old & ~mask) | (bits & mask));
    if (result.exchanged) { ${writeBits.mark}break; }
    old = result.old_value;
  }
  ${writeBits.check}
}
fn wr8(a: u32, v: u32) { let s = (a & 3u) * 8u; wr_bits(a >> 2u, 0xffu << s, v << s); }
fn wr16(a: u32, v: u32) {
  if ((a & 1u) != 0u) { wr8(a, v); wr8(a + 1u, v >> 8u); return; }
  let s = (a & 3u) * 8u;
  wr_bits(a >> 2u, 0xffffu << s, v << s);
}
fn wr32(a: u32, v: u32) {
  if ((a & 3u) == 0u) {
    if (in_stack(a)) { stack_mem[(a - STACK_LO) >> 2u] = v; } else { atomicStore(&memory[a >> 2u], v); }
    return;
  }
  wr8(a, v); wr8(a + 1u, v >> 8u); wr8(a + 2u, v >> 16u); wr8(a + 3u, v >> 24u);
}

fn ld8(p: u32, off: u32) -> u32 { let a = ea(p, off, 1u); if (trap != 0u) { return 0u; } return rd8(a); }
fn ld16(p: u32, off: u32) -> u32 { let a = ea(p, off, 2u); if (trap != 0u) { return 0u; } return rd16(a); }
fn ld32(p: u32, off: u32) -> u32 { let a = ea(p, off, 4u); if (trap != 0u) { return 0u; } return rd32(a); }
fn ld64(p: u32, off: u32) -> vec2<u32> {
  let a = ea(p, off, 8u); if (trap != 0u) { return vec2<u32>(0u, 0u); }
  return vec2<u32>(rd32(a), rd32(a + 4u));
}
fn st8(p: u32, off: u32, v: u32) { let a = ea(p, off, 1u); if (trap != 0u) { return; } wr8(a, v); }
fn st16(p: u32, off: u32, v: u32) { let a = ea(p, off, 2u); if (trap != 0u) { return; } wr16(a, v); }
fn st32(p: u32, off: u32, v: u32) { let a = ea(p, off, 4u); if (trap != 0u) { return; } wr32(a, v); }
fn st64(p: u32, off: u32, v: vec2<u32>) { let a = ea(p, off, 8u); if (trap != 0u) { return; } wr32(a, v.x); wr32(a + 4u, v.y); }

// Atomics: natural alignment or trap (wasm's rule); 32-bit ones are WGSL atomics on the word,
// narrower ones a compare-exchange loop on the word that holds them.
fn atomic_ea(p: u32, off: u32, n: u32) -> u32 {
  let a = ea(p, off, n);
  if (trap != 0u) { return 0u; }
  if ((a & (n - 1u)) != 0u) { raise(${TrapKind.UNALIGNED_ATOMIC}u); return 0u; }
  return a;
}
fn rmw_apply(op: u32, old: u32, v: u32) -> u32 {
  switch (op) {
    case 0u: { return old + v; }
    case 1u: { return old - v; }
    case 2u: { return old & v; }
    case 3u: { return old | v; }
    case 4u: { return old ^ v; }
    default: { return v; }
  }
}
fn atomic_rmw(p: u32, off: u32, n: u32, op: u32, v: u32) -> u32 {
  let a = atomic_ea(p, off, n);
  if (trap != 0u) { return 0u; }
  let w = a >> 2u;
  if (n == 4u) {
    switch (op) {
      case 0u: { return atomicAdd(&memory[w], v); }
      case 1u: { return atomicSub(&memory[w], v); }
      case 2u: { return atomicAnd(&memory[w], v); }
      case 3u: { return atomicOr(&memory[w], v); }
      case 4u: { return atomicXor(&memory[w], v); }
      default: { return atomicExchange(&memory[w], v); }
    }
  }
  let s = (a & 3u) * 8u;
  let mask = select(0xffffu, 0xffu, n == 1u);
  var old = atomicLoad(&memory[w]);
  var current = 0u;
  loop {
    current = (old >> s) & mask;
    let word = (old & ~(mask << s)) | ((rmw_apply(op, current, v) & mask) << s);
    let result = atomicCompareExchangeWeak(&memory[w], old, word);
    if (result.exchanged) { ${rmw.mark}break; }
    old = result.old_value;
  }
  ${rmw.check}
  return current;
}
fn atomic_cmpxchg(p: u32, off: u32, n: u32, expected: u32, replacement: u32) -> u32 {
  let a = atomic_ea(p, off, n);
  if (trap != 0u) { return 0u; }
  let w = a >> 2u;
  let s = (a & 3u) * 8u;
  let mask = select(select(0xffffu, 0xffu, n == 1u), 0xffffffffu, n == 4u);
  var old = atomicLoad(&memory[w]);
  var current = 0u;
  loop {
    current = (old >> s) & mask;
    if (current != (expected & mask)) { ${cmpxchg.mark}break; }
    let result = atomicCompareExchangeWeak(&memory[w], old, (old & ~(mask << s)) | ((replacement & mask) << s));
    if (result.exchanged) { ${cmpxchg.mark}break; }
    old = result.old_value;
  }
  ${cmpxchg.check}
  return current;
}
fn atomic_load(p: u32, off: u32, n: u32) -> u32 {
  let a = atomic_ea(p, off, n);
  if (trap != 0u) { return 0u; }
  if (n == 4u) { return word(a); }
  if (n == 2u) { return rd16(a); }
  return rd8(a);
}
fn atomic_store(p: u32, off: u32, n: u32, v: u32) {
  let a = atomic_ea(p, off, n);
  if (trap != 0u) { return; }
  if (n == 4u) { atomicStore(&memory[a >> 2u], v); } else if (n == 2u) { wr16(a, v); } else { wr8(a, v); }
}

// memory.fill / memory.copy check the whole range first: wasm writes nothing when they trap.
// Byte by byte, each byte a tick of the loop budget.
fn memory_fill(d: u32, v: u32, n: u32) {
  if (n > memory_bytes() || d > memory_bytes() - n) { raise(${TrapKind.OUT_OF_BOUNDS}u); return; }
  var i = 0u;
  loop {
    if (i == n) { ${fill.mark}break; }
    loop_tick(); if (trap != 0u) { return; }
    wr8(d + i, v);
    i++;
  }
  ${fill.check}
}
fn memory_copy(d: u32, s: u32, n: u32) {
  let size = memory_bytes();
  if (n > size || d > size - n || s > size - n) { raise(${TrapKind.OUT_OF_BOUNDS}u); return; }
  // Forwards, or backwards when the destination overlaps the source's tail.
  let backwards = d > s;
  var i = 0u;
  loop {
    if (i == n) { ${copy.mark}break; }
    loop_tick(); if (trap != 0u) { return; }
    let k = select(i, n - 1u - i, backwards);
    wr8(d + k, rd8(s + k));
    i++;
  }
  ${copy.check}
}

fn sext8(v: u32) -> u32 { return bitcast<u32>((bitcast<i32>(v) << 24u) >> 24u); }
fn sext16(v: u32) -> u32 { return bitcast<u32>((bitcast<i32>(v) << 16u) >> 16u); }
fn rotl32(a: u32, b: u32) -> u32 { let n = b & 31u; if (n == 0u) { return a; } return (a << n) | (a >> (32u - n)); }
fn rotr32(a: u32, b: u32) -> u32 { let n = b & 31u; if (n == 0u) { return a; } return (a >> n) | (a << (32u - n)); }
fn i32_div_u(a: u32, b: u32) -> u32 { if (b == 0u) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return 0u; } return a / b; }
fn i32_rem_u(a: u32, b: u32) -> u32 { if (b == 0u) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return 0u; } return a % b; }
fn i32_div_s(a: u32, b: u32) -> u32 {
  if (b == 0u) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return 0u; }
  if (a == 0x80000000u && b == 0xffffffffu) { raise(${TrapKind.INTEGER_OVERFLOW}u); return 0u; }
  return bitcast<u32>(bitcast<i32>(a) / bitcast<i32>(b));
}
fn i32_rem_s(a: u32, b: u32) -> u32 {
  if (b == 0u) { raise(${TrapKind.DIVIDE_BY_ZERO}u); return 0u; }
  if (b == 0xffffffffu) { return 0u; }
  return bitcast<u32>(bitcast<i32>(a) % bitcast<i32>(b));
}
`;
}

/** The entry point: recovers the iteration id from a grid of up to three dimensions. */
export function entryPointWgsl(kernelCall: string, setup: readonly string[]): string {
  return /* wgsl */ `
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let n = params[${PARAM.NUM_ITERATIONS}u];
  let group = (wid.z * groups.y + wid.y) * groups.x + wid.x;
  // id = group * WORKGROUP_SIZE + lid < n, written so that nothing overflows near 2^32.
  if (n == 0u || lid > n - 1u || group > (n - 1u - lid) / WORKGROUP_SIZE) { return; }
  let id = group * WORKGROUP_SIZE + lid;
  ${setup.join('\n  ')}
  ${kernelCall}
  if (trap != 0u) {
    atomicMax(&status[${STATUS.TRAP}u], trap);
    atomicMin(&status[${STATUS.ITERATION}u], id);
  }
}
`;
}
