import { TrapKind } from '../translated-kernel.js';

/**
 * Loops that may not run as written. Every wasm loop ticks a per-invocation budget (the call's
 * timeout as loop iterations, from the params binding); an invocation that uses it up ends
 * with TrapKind.TIMEOUT, so a runaway kernel stops by itself instead of holding the GPU.
 *
 * On an adapter that silently ends loops (llvmpipe: `cutLoops`), every exit of a loop stores
 * the loop's id in a per-lane workgroup atomic just before it leaves, and the code after the
 * loop checks for it. An exit the shader did not take (the adapter's) leaves another id there,
 * and the invocation ends with TrapKind.LOOP_CUT (set outright: on that path nothing trapped,
 * whatever the compiler inferred from the loop's own exits). The mark is an atomic on
 * workgroup memory because the shader compiler sees every exit of a loop: a plain variable set
 * on each of them would be folded to a constant before the adapter adds its own.
 */
export function loopGuardWgsl(cutLoops: boolean): string {
  const marks = cutLoops
    ? /* wgsl */ `
var<workgroup> loop_exits: array<atomic<u32>, WORKGROUP_SIZE>;
var<private> lane: u32;
fn exit_mark(id: u32) { atomicStore(&loop_exits[lane], id); }
fn exit_check(id: u32) { if (atomicLoad(&loop_exits[lane]) != id) { trap = ${TrapKind.LOOP_CUT}u; } }`
    : '';
  return /* wgsl */ `
var<private> loop_budget: u32;
fn loop_tick() {
  if (loop_budget == 0u) { raise(${TrapKind.TIMEOUT}u); return; }
  loop_budget -= 1u;
}${marks}
`;
}

/** Ids of the prelude's own loops; the translator numbers kernel loops from 1. */
export const PRELUDE_LOOP = { WRITE_BITS: 0x8000_0001, ATOMIC_RMW: 0x8000_0002, ATOMIC_CMPXCHG: 0x8000_0003, FILL: 0x8000_0004, COPY: 0x8000_0005 } as const;

/** The WGSL that marks a loop exit (before its `break`) and checks it (after the loop); empty where loops are never cut. */
export function loopExit(cutLoops: boolean, id: number): { readonly mark: string; readonly check: string } {
  return cutLoops ? { mark: `exit_mark(${id >>> 0}u); `, check: `exit_check(${id >>> 0}u);` } : { mark: '', check: '' };
}
