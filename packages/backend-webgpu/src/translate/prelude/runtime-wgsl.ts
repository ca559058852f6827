import { PARAM, STATUS, TrapKind } from '../translated-kernel.js';

/**
 * Bindings, the trap flag and linear memory. The memory is one `array<atomic<u32>>`: every
 * word access is atomic so sub-word stores can use atomicAnd/atomicOr on the word they share
 * with other invocations' bytes. Bounds are checked against the memory's size (wasm's rule),
 * with 33-bit effective addresses (ptr + offset never wraps).
 */
export const RUNTIME_WGSL = /* wgsl */ `
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
  return p + off;
}
fn word(a: u32) -> u32 { return atomicLoad(&memory[a >> 2u]); }
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
fn wr8(a: u32, v: u32) {
  let s = (a & 3u) * 8u;
  atomicAnd(&memory[a >> 2u], ~(0xffu << s));
  atomicOr(&memory[a >> 2u], (v & 0xffu) << s);
}
fn wr16(a: u32, v: u32) {
  if ((a & 1u) != 0u) { wr8(a, v); wr8(a + 1u, v >> 8u); return; }
  let s = (a & 3u) * 8u;
  atomicAnd(&memory[a >> 2u], ~(0xffffu << s));
  atomicOr(&memory[a >> 2u], (v & 0xffffu) << s);
}
fn wr32(a: u32, v: u32) {
  if ((a & 3u) == 0u) { atomicStore(&memory[a >> 2u], v); return; }
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

// memory.fill / memory.copy check the whole range first: wasm writes nothing when they trap.
fn memory_fill(d: u32, v: u32, n: u32) {
  if (n > memory_bytes() || d > memory_bytes() - n) { raise(${TrapKind.OUT_OF_BOUNDS}u); return; }
  for (var i = 0u; i < n; i++) { wr8(d + i, v); }
}
fn memory_copy(d: u32, s: u32, n: u32) {
  let size = memory_bytes();
  if (n > size || d > size - n || s > size - n) { raise(${TrapKind.OUT_OF_BOUNDS}u); return; }
  if (d <= s) { for (var i = 0u; i < n; i++) { wr8(d + i, rd8(s + i)); } }
  else { for (var i = n; i > 0u; i--) { wr8(d + i - 1u, rd8(s + i - 1u)); } }
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

/** The entry point: recovers the iteration id from a grid of up to three dimensions. */
export function entryPointWgsl(kernelCall: string): string {
  return /* wgsl */ `
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let n = params[${PARAM.NUM_ITERATIONS}u];
  let group = (wid.z * groups.y + wid.y) * groups.x + wid.x;
  // id = group * WORKGROUP_SIZE + lid < n, written so that nothing overflows near 2^32.
  if (n == 0u || lid > n - 1u || group > (n - 1u - lid) / WORKGROUP_SIZE) { return; }
  let id = group * WORKGROUP_SIZE + lid;
  opaque_zero = params[${PARAM.OPAQUE_ZERO}u];
  ${kernelCall}
  if (trap != 0u) {
    atomicMax(&status[${STATUS.TRAP}u], trap);
    atomicMin(&status[${STATUS.ITERATION}u], id);
  }
}
`;
}
