import { layoutBuffers } from '@wasi-parallel/core';
import { describe, expect, it } from 'vitest';
import {
  affine,
  analyseDispatch,
  analyseLoopsOf,
  blockShapes,
  collapseStoreLoop,
  findConstantLoads,
  loadKernel,
  readConstantLoad,
  walk,
  type BlockShape,
  type DispatchEnv,
  type Expr,
  type KernelIR,
} from '@wasi-parallel/kernel';
import { assemble } from './helpers/compile.js';

const PARAMS = '(param $i i32) (param $n i32) (param $block i32)';
const buffers = (...names: string[]) => names.map((name) => `(param $${name} i32) (param $${name}_len i32)`).join(' ');

/** The facts of a call: buffers of `sizes` bytes laid out as the sequential device lays them out. */
function envFor(ir: KernelIR, numIterations: number, blockSize: number, sizes: number[], contents: Uint8Array[] = []): DispatchEnv {
  const layout = layoutBuffers(ir.memory.minPages, sizes);
  const loadValues = new Map<number, number>();
  for (const load of findConstantLoads(ir)) {
    const value = contents[load.buffer] && readConstantLoad(load, contents[load.buffer]!);
    if (value !== undefined) loadValues.set(load.loc, value);
  }
  return { numIterations, blockSize, buffers: sizes.map((length, i) => ({ pointer: layout.offsets[i]!, length })), memoryBytes: layout.pages * 65_536, loadValues };
}

function stores(ir: KernelIR): { loc: number; buffer: number; bytes: number; expr: Expr }[] {
  const exprs = new Map<number, Expr>();
  walk(ir.kernel.body, (e) => exprs.set(e.loc, e));
  return ir.analysis.accesses
    .filter((a) => a.access === 'store' && a.provenance.kind === 'buffer')
    .map((a) => ({ loc: a.loc, buffer: (a.provenance as { buffer: number }).buffer, bytes: a.bytes, expr: exprs.get(a.loc)! }));
}

function withStoresChecked(ir: KernelIR, env: DispatchEnv): DispatchEnv {
  return { ...env, storesChecked: new Map(stores(ir).map((s) => [s.loc, s.buffer])) };
}

// Iteration i writes out[j] for j in [i·block, min((i+1)·block, count)): the conformance suite's block slices.
const BLOCK_SLICE = `(module (import "" "memory" (memory 1 1024 shared))
  (func (export "kernel") ${PARAMS} ${buffers('in', 'out')}
    (local $j i32) (local $end i32) (local $count i32)
    (local.set $count (i32.shr_u (local.get $out_len) (i32.const 2)))
    (local.set $j (i32.mul (local.get $i) (local.get $block)))
    (local.set $end (i32.add (local.get $j) (local.get $block)))
    (if (i32.gt_u (local.get $end) (local.get $count)) (then (local.set $end (local.get $count))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (i32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
        (i32.load (i32.add (local.get $in) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))))`;

describe('dispatch analyses', () => {
  it('an element per iteration: the store address is 4·it past the buffer, proven inside its block', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "" "memory" (memory 1 16 shared))
        (func (export "kernel") ${PARAMS} ${buffers('a', 'b')}
          (i32.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2)))
            (i32.mul (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3)))))`),
    );
    const env = envFor(ir, 100, 1, [400, 400]);
    const analysis = analyseDispatch(ir.kernel, env, ir.globals);
    const [shape] = blockShapes(ir.kernel.body, stores(ir), analysis) as BlockShape[];
    expect(shape).toMatchObject({ buffer: 1, stride: 4, base: 0, guessed: false });
    expect([...shape!.proven]).toEqual(stores(ir).map((s) => s.loc));
  });

  it('block slices: the counter is an induction bounded by the buffer, the loop collapses to one trip', async () => {
    const ir = await loadKernel(assemble(BLOCK_SLICE));
    const env = withStoresChecked(ir, envFor(ir, 16, 64, [4000, 4000]));
    const analysis = analyseDispatch(ir.kernel, env, ir.globals);
    const [loop] = [...analysis.loops.values()];
    expect(loop!.regular).toBe(true);
    expect([...loop!.inductions.values()].every((step) => step === 1)).toBe(true);
    // The exit compares with a clamped end: the bound comes from the store staying in its buffer.
    expect(loop!.boundBy).toBe('stores');
    expect(loop!.maxTrips).toBeLessThanOrEqual(4000 / 4 + 2);
    const [shape] = blockShapes(ir.kernel.body, stores(ir), analysis) as BlockShape[];
    expect(shape).toMatchObject({ stride: 4 * 64, base: 0 });
    // A store bounded by itself is never proven: it must be checked where it runs.
    expect(shape!.proven.size).toBe(0);
    const loops = new Map<number, Expr>();
    walk(ir.kernel.body, (e) => e.kind === 'loop' && loops.set(e.loc, e));
    const trips = analyseLoopsOf(ir.kernel, analysis).get(loop!.loc)!;
    const plan = collapseStoreLoop(trips, new Map(stores(ir).map((s) => [s.loc, s.bytes])), ir.kernel.body, loops.get(loop!.loc)!, trips.symbols);
    expect(plan).toMatchObject({ stride: 4, span: 4, tail: 0 });
  });

  it('a count read from a parameters buffer is folded in as the call value', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "" "memory" (memory 1 16 shared))
        (func (export "kernel") ${PARAMS} ${buffers('params', 'out')}
          (local $k i32) (local $count i32)
          (local.set $count (i32.load (local.get $params)))
          (block $done (loop $next
            (br_if $done (i32.ge_s (local.get $k) (local.get $count)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $next)))
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $k))))`),
    );
    const [load] = findConstantLoads(ir);
    expect(load).toMatchObject({ buffer: 0, offset: 0, bytes: 4 });
    const env = envFor(ir, 8, 1, [4, 32], [new Uint8Array(new Int32Array([37]).buffer)]);
    const analysis = analyseDispatch(ir.kernel, env, ir.globals);
    const [loop] = [...analysis.loops.values()];
    expect(loop!.boundBy).toBe('conditions');
    expect(loop!.maxTrips).toBe(38);
    // The counter ends at the count: the stored value is within [0, 37] (a copy of it may be one step ahead).
    const [store] = stores(ir);
    const value = (store!.expr as Extract<Expr, { kind: 'store' }>).value;
    const range = affine.bounds(analysis.rangeOf(value), analysis.symbols);
    expect(range![0]).toBe(0);
    expect(range![1]).toBeGreaterThanOrEqual(37);
    expect(range![1]).toBeLessThanOrEqual(38);
  });

  it('a value carried to the next trip by a load is recognised (a stencil keeps its neighbour)', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "" "memory" (memory 1 16 shared))
        (func (export "kernel") ${PARAMS} ${buffers('in', 'out')}
          (local $x i32) (local $prev f32) (local $next f32)
          (local.set $prev (f32.load (local.get $in)))
          (loop $row
            (local.set $next (f32.load offset=4 (i32.add (local.get $in) (i32.shl (local.get $x) (i32.const 2)))))
            (f32.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $x) (i32.mul (local.get $i) (i32.const 63))) (i32.const 2)))
              (f32.add (local.get $prev) (local.get $next)))
            (local.set $prev (local.get $next))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br_if $row (i32.lt_u (local.get $x) (i32.const 63))))))`),
    );
    const analysis = analyseDispatch(ir.kernel, withStoresChecked(ir, envFor(ir, 4, 1, [256, 4 * 63 * 4])), ir.globals);
    const [loop] = [...analysis.loops.values()];
    expect(loop!.maxTrips).toBe(63);
    // $prev (renamed by the normalisation): the one f32 the loop carries, a load of the trip before.
    const carriedFloats = [...loop!.carried].filter((local) => ir.kernel.locals[local]!.type === 'f32');
    expect(carriedFloats).toHaveLength(1);
    expect(loop!.loadCarried.get(carriedFloats[0]!)?.load.kind).toBe('load');
  });

  it('wrapping arithmetic gives up the range instead of a wrong one', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "" "memory" (memory 1 16 shared))
        (func (export "kernel") ${PARAMS} ${buffers('out')}
          (local $h i32)
          (local.set $h (i32.mul (i32.add (local.get $i) (i32.const 2000000000)) (i32.const 7)))
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (i32.shr_u (local.get $h) (i32.const 3)))))`),
    );
    const analysis = analyseDispatch(ir.kernel, envFor(ir, 4, 1, [16]), ir.globals);
    const h = ir.kernel.locals.findIndex((l) => l.name === 'h');
    // 7·(i + 2e9) is exact only modulo 2^32: its form is kept, but no i32 reading of it is claimed.
    expect(affine.fitsSigned(analysis.locals.get(h), analysis.symbols)).toBe(false);
    expect(affine.fitsUnsigned(analysis.locals.get(h), analysis.symbols)).toBe(false);
    let shifted: Expr | undefined;
    walk(ir.kernel.body, (e) => {
      if (e.kind === 'binary' && e.op === 'i32.shr_u') shifted = e;
    });
    expect(analysis.rangeOf(shifted!)).toBeUndefined();
  });

  it('a store whose address does not show the iteration id gets a stride from the buffer split evenly, unproven', async () => {
    const ir = await loadKernel(
      assemble(`(module (import "" "memory" (memory 1 16 shared))
        (func (export "kernel") ${PARAMS} ${buffers('idx', 'out')}
          (i32.store (i32.add (local.get $out) (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2))))) (local.get $i))))`),
    );
    const analysis = analyseDispatch(ir.kernel, envFor(ir, 8, 1, [32, 32]), ir.globals);
    const [shape] = blockShapes(ir.kernel.body, stores(ir), analysis) as BlockShape[];
    expect(shape).toMatchObject({ stride: 4, guessed: true });
    expect(shape!.proven.size).toBe(0);
  });
});
