import { describe, expect, it } from 'vitest';
import { buildFusedKernel, fusedExports, runFusedChunk } from '../src/index.js';
import wabtInit from 'wabt';
import { kernel, wat } from './wat.js';

const wabt = await wabtInit();

const WORDS = 64;

function memory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 1, maximum: 1000, shared: true });
}

/** The reference: the kernel's own export called once per iteration, as the sequential device does. */
function callEach(bytes: Uint8Array, n: number, args: number[]): Int32Array {
  const mem = memory();
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { '': { memory: mem } });
  const run = instance.exports.kernel as (...a: number[]) => void;
  for (let i = 0; i < n; i++) run(i, n, 1, ...args);
  return new Int32Array(mem.buffer.slice(0, WORDS * 8));
}

function fused(bytes: Uint8Array, n: number, args: number[]): { words: Int32Array; inlined: boolean; failure: ReturnType<typeof runFusedChunk> } {
  const built = buildFusedKernel(bytes);
  const mem = memory();
  const instance = new WebAssembly.Instance(new WebAssembly.Module(built.bytes as Uint8Array<ArrayBuffer>), { '': { memory: mem } });
  const failure = runFusedChunk(fusedExports(instance), [0, n, n, 1, ...args]);
  return { words: new Int32Array(mem.buffer.slice(0, WORDS * 8)), inlined: built.inlined, failure };
}

describe('buildFusedKernel', () => {
  it('inlines a body with locals, early returns, branches to the function label and param writes', () => {
    // Each iteration: a local that must start at 0 every time, a write to a param, a return
    // from inside nested blocks for odd i, and a br to the function's own label for i = 6.
    const bytes = kernel(
      1,
      `(local $acc i32) (local $f f64)
       (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
       (local.set $f (f64.add (local.get $f) (f64.const 0.5)))
       (local.set $p0 (i32.add (local.get $p0) (i32.shl (local.get $i) (i32.const 2))))
       (block $b (if (i32.and (local.get $i) (i32.const 1)) (then (block (loop (i32.store (local.get $p0) (i32.const -1)) (return))))))
       (br_if 0 (i32.eq (local.get $i) (i32.const 6)))
       (i32.store (local.get $p0) (i32.add (local.get $acc) (i32.trunc_f64_s (f64.mul (local.get $f) (f64.const 4)))))`,
    );
    const result = fused(bytes, 12, [0, WORDS * 4]);
    expect(result.inlined).toBe(true);
    expect(result.failure).toBeUndefined();
    expect(Array.from(result.words.subarray(0, 12))).toEqual(Array.from(callEach(bytes, 12, [0, WORDS * 4]).subarray(0, 12)));
    expect(Array.from(result.words.subarray(0, 4))).toEqual([3, -1, 3, -1]);
  });

  it('copies SIMD, atomics, bulk memory, br_table, typed select and calls byte for byte', () => {
    const bytes = wat(`(module (import "" "memory" (memory 1 1000 shared))
      (global $g (mut i64) (i64.const 7))
      (func $twice (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $p i32) (param $l i32)
        (local $v v128) (local $a i32)
        (local.set $a (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 4))))
        (local.set $v (i32x4.add (v128.const i32x4 1 2 3 4) (i32x4.splat (local.get $i))))
        (v128.store offset=0 (local.get $a) (i32x4.replace_lane 3 (local.get $v) (call $twice (local.get $i))))
        (drop (i32.atomic.rmw.add offset=12 (local.get $a) (i32.const 100)))
        (global.set $g (i64.add (global.get $g) (i64.const -1)))
        (block $x (block $y (br_table $x $y $x (i32.rem_u (local.get $i) (i32.const 3))))
          (i32.store offset=8 (local.get $a) (select (result i32) (i32.const 9) (i32.const 8) (local.get $i))))
        (memory.fill (i32.add (local.get $a) (i32.const 1024)) (local.get $i) (i32.const 16))))`);
    const result = fused(bytes, 8, [0, 4096]);
    expect(result.inlined).toBe(true);
    expect(Array.from(result.words)).toEqual(Array.from(callEach(bytes, 8, [0, 4096])));
  });

  it('adds a global section when the kernel has none, and keeps the kernel export', () => {
    const bytes = kernel(1, '(i32.store (i32.add (local.get $p0) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))');
    const built = buildFusedKernel(bytes);
    const module = new WebAssembly.Module(built.bytes as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.exports(module).map((entry) => `${entry.kind} ${entry.name}`).sort()).toEqual(['function __wasi_parallel_run', 'function kernel', 'global __wasi_parallel_current']);
    expect(Array.from(fused(bytes, 5, [0, 20]).words.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
  });

  it('names the trapping iteration through `current`', () => {
    const bytes = kernel(1, '(i32.store (i32.add (local.get $p0) (i32.shl (local.get $i) (i32.const 2))) (i32.div_u (i32.const 10) (i32.sub (local.get $i) (i32.const 9))))');
    const result = fused(bytes, 16, [0, 64]);
    expect(result.failure?.iteration).toBe(9);
    expect(result.failure?.error).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(result.words[8]).toBe(Math.trunc(10 / 0xffff_ffff));
  });

  it('keeps the kernel’s own exports, whatever their names', () => {
    const bytes = wat(`(module (import "" "memory" (memory 1 1000 shared))
      (func $k (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $p i32) (param $l i32)
        (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (i32.const 7)))
      (global (export "current") i32 (i32.const 3))
      (export "run" (func $k)))`);
    const built = buildFusedKernel(bytes);
    expect(built.inlined).toBe(true);
    expect(WebAssembly.validate(built.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(Array.from(fused(bytes, 3, [0, 12]).words.subarray(0, 3))).toEqual([7, 7, 7]);
  });

  it('counts iteration ids unsigned, up to 2^32 - 1', () => {
    const bytes = kernel(1, '(i32.store (local.get $p0) (i32.add (i32.load (local.get $p0)) (i32.const 1)))');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(buildFusedKernel(bytes).bytes as Uint8Array<ArrayBuffer>), { '': { memory: memory() } });
    const exports = fusedExports(instance);
    expect(runFusedChunk(exports, [0xffff_fffd, 0xffff_ffff, 0xffff_ffff, 1, 0, 4])).toBeUndefined();
    expect((exports.current.value as number) >>> 0).toBe(0xffff_fffe);
  });

  it('calls a body it cannot inline (tail calls), with the reason', () => {
    const parsed = wabt.parseWat('tail.wat', `(module (import "" "memory" (memory 1 1000 shared))
      (func $store (param $i i32) (param $p i32) (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (i32.mul (local.get $i) (i32.const 3))))
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $p i32) (param $l i32)
        (return_call $store (local.get $i) (local.get $p))))`, { threads: true, tail_call: true });
    const bytes = new Uint8Array(parsed.toBinary({}).buffer);
    parsed.destroy();
    const built = buildFusedKernel(bytes);
    expect(built.inlined).toBe(false);
    expect(built.reason).toMatch(/return_call/);
    expect(Array.from(fused(bytes, 6, [0, 24]).words.subarray(0, 6))).toEqual([0, 3, 6, 9, 12, 15]);
  });
});

describe('runFusedChunk', () => {
  // A stand-in for a vectorised module: `run` steps 4 iterations at a time and traps on the
  // group holding iteration 6 before any lane of it is known to fail; `scalar` is exact.
  const stepped = wat(`(module
    (global $current (export "__wasi_parallel_current") (mut i32) (i32.const 0))
    (global $lanes (export "__wasi_parallel_lanes") (mut i32) (i32.const 1))
    (func $one (param $i i32) (if (i32.ge_u (local.get $i) (i32.const 6)) (then unreachable)))
    (func (export "__wasi_parallel_scalar") (param $s i32) (param $e i32) (param i32 i32)
      (global.set $lanes (i32.const 1))
      (block $done (loop $next (br_if $done (i32.ge_u (local.get $s) (local.get $e)))
        (global.set $current (local.get $s)) (call $one (local.get $s))
        (local.set $s (i32.add (local.get $s) (i32.const 1))) (br $next))))
    (func (export "__wasi_parallel_run") (param $s i32) (param $e i32) (param i32 i32)
      (global.set $lanes (i32.const 4))
      (block $done (loop $next (br_if $done (i32.lt_u (i32.sub (local.get $e) (local.get $s)) (i32.const 4)))
        (global.set $current (local.get $s))
        (if (i32.ge_u (i32.add (local.get $s) (i32.const 3)) (i32.const 6)) (then unreachable))
        (local.set $s (i32.add (local.get $s) (i32.const 4))) (br $next)))))`);

  it('re-runs a trapping lane group one iteration at a time and names the lowest failing one', () => {
    const exports = fusedExports(new WebAssembly.Instance(new WebAssembly.Module(stepped as Uint8Array<ArrayBuffer>)));
    const failure = runFusedChunk(exports, [0, 16, 16, 1]);
    expect(failure?.iteration).toBe(6);
    expect(runFusedChunk(exports, [0, 4, 16, 1])).toBeUndefined();
  });
});
