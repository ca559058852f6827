import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, admitKernel, isWasiParallelError } from '@wasi-parallel/core';
import type { WebGpuBackend } from '@wasi-parallel/backend-webgpu';
import { bytesOf, run, sequential, wat, webgpu } from './harness.js';

let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await webgpu();
});
afterAll(async () => backend.dispose());
const device = () => backend.devices[0]!;

const HEADER = `(import "" "memory" (memory 1 65536 shared))`;
const PARAMS1 = '(param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32)';
const PARAMS2 = '(param $i i32) (param $n i32) (param $bs i32) (param $in i32) (param $inl i32) (param $out i32) (param $outl i32)';

/** Runs on both devices and expects identical buffers afterwards. */
async function same(kernelText: string, numIterations: number, buffers: Uint8Array[], blockSize = 1): Promise<Uint8Array[]> {
  const kernel = wat(kernelText);
  const specs = buffers.map((bytes) => ({ bytes }));
  const expected = await run(sequential, kernel, numIterations, specs, blockSize);
  const got = await run(device(), kernel, numIterations, specs, blockSize);
  expect(got).toEqual(expected);
  return got;
}

async function trapOf(kernelText: string, numIterations: number, buffers: Uint8Array[]): Promise<{ code: number; iteration?: number; unchanged: boolean }> {
  const kernel = wat(kernelText);
  const made = await Promise.all(buffers.map((bytes) => device().createBuffer(bytes.length, 2)));
  await Promise.all(made.map((buffer, i) => buffer.write(buffers[i]!)));
  try {
    await device().parallelFor({ kernel: admitKernel(kernel), timeoutMs: 0, numIterations, blockSize: 1, buffers: made });
  } catch (error) {
    if (!isWasiParallelError(error)) throw error;
    const after = await Promise.all(made.map((buffer) => buffer.read()));
    return { code: error.code, ...error.details, unchanged: after.every((bytes, i) => bytes.every((byte, k) => byte === buffers[i]![k])) };
  }
  throw new Error('the kernel did not trap');
}

describe('control flow', () => {
  it('nested loops with br_if, br out of several levels, br_table and return', async () => {
    // For each i: count how many j < 40 satisfy a switch-driven rule, leaving the outer block early.
    const text = `(module ${HEADER}
      (func (export "kernel") ${PARAMS1} (local $j i32) (local $acc i32)
        (block $done
          (loop $outer
            (block $skip
              (block $c2 (block $c1 (block $c0
                (br_table $c0 $c1 $c2 $skip (i32.rem_u (i32.add (local.get $i) (local.get $j)) (i32.const 5))))
                (local.set $acc (i32.add (local.get $acc) (i32.const 1))) (br $skip))
                (local.set $acc (i32.mul (local.get $acc) (i32.const 3))) (br $skip))
              (if (i32.gt_u (local.get $acc) (i32.const 100000)) (then (br $done)))
              (local.set $acc (i32.xor (local.get $acc) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $outer (i32.lt_u (local.get $j) (i32.const 40)))))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $acc))
        (if (i32.eq (local.get $i) (i32.const 7)) (then (return)))
        (i32.store8 offset=3 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0x5a))))`;
    const out = await same(text, 64, [new Uint8Array(256)]);
    expect(out[0]!.some((byte) => byte !== 0)).toBe(true);
  });

  it('values through if/else, select and a non-inlined helper function', async () => {
    const helper = Array.from({ length: 60 }, (_, k) => `(local.set $x (i32.add (i32.mul (local.get $x) (i32.const ${k + 3})) (i32.const ${k})))`).join('\n');
    const text = `(module ${HEADER}
      (func $mix (param $x i32) (param $y i32) (result i32) ${helper} (i32.xor (local.get $x) (local.get $y)))
      (func (export "kernel") ${PARAMS1} (local $v i32)
        (local.set $v (if (result i32) (i32.and (local.get $i) (i32.const 1))
          (then (call $mix (local.get $i) (i32.const 9)))
          (else (call $mix (i32.const 5) (local.get $i)))))
        (local.set $v (select (local.get $v) (i32.const -1) (i32.lt_u (local.get $i) (i32.const 50))))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (i32.add (local.get $v) (call $mix (local.get $v) (local.get $i))))))`;
    await same(text, 64, [new Uint8Array(256)]);
  });
});

describe('memory', () => {
  it('sub-word stores from many invocations into shared words lose no bytes', async () => {
    const text = `(module ${HEADER}
      (func (export "kernel") ${PARAMS1}
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (i32.add (local.get $i) (i32.const 1)))
        (i32.store16 offset=4096 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (i32.mul (local.get $i) (i32.const 257)))))`;
    const out = await same(text, 2048, [new Uint8Array(8192)]);
    expect(out[0]![5]).toBe(6);
  });

  it('unaligned and 64-bit loads and stores, pointers as offsets in the arena', async () => {
    const text = `(module ${HEADER}
      (func (export "kernel") ${PARAMS2} (local $p i32) (local $q i32)
        (local.set $p (i32.add (local.get $in) (i32.mul (local.get $i) (i32.const 7))))
        (local.set $q (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 19))))
        (i64.store offset=1 (local.get $q) (i64.load offset=3 (local.get $p)))
        (i32.store offset=9 (local.get $q) (i32.load16_s offset=1 (local.get $p)))
        (i32.store16 offset=13 (local.get $q) (i32.load8_s (local.get $p)))
        (i64.store32 offset=15 (local.get $q) (i64.load32_u offset=2 (local.get $p)))
        (f32.store offset=0 (local.get $q) (f32.load offset=1 (local.get $p)))))`;
    const input = new Uint8Array(1024).map((_, k) => (k * 37 + 11) & 0xff);
    await same(text, 100, [input, new Uint8Array(2000)]);
  });

  it('every load and store width, signed and unsigned, i32 and i64', async () => {
    const loads = ['i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u', 'i64.load8_s', 'i64.load8_u', 'i64.load16_s', 'i64.load16_u', 'i64.load32_s', 'i64.load32_u', 'i64.load'];
    const stores = loads.map((load, k) => {
      const type = load.slice(0, 3);
      return `(${type}.store offset=${k * 8} (local.get $q) (${load} offset=${k} (local.get $p)))`;
    });
    // Stored values come from the iteration id, so each iteration stores something different.
    const value = (type: string) => (type === 'i64' ? '(i64.extend_i32_s (i32.sub (i32.const -7) (local.get $i)))' : '(i32.sub (i32.const -7) (local.get $i))');
    const narrow = ['i32.store8', 'i32.store16', 'i64.store8', 'i64.store16', 'i64.store32'].map(
      (store, k) => `(${store} offset=${88 + k * 4 + 1} (local.get $q) ${value(store.slice(0, 3))})`,
    );
    const text = `(module ${HEADER}
      (func (export "kernel") ${PARAMS2} (local $p i32) (local $q i32)
        (local.set $p (i32.add (local.get $in) (i32.mul (local.get $i) (i32.const 3))))
        (local.set $q (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 112))))
        ${[...stores, ...narrow].join('\n        ')}))`;
    const input = new Uint8Array(512).map((_, k) => (k * 151 + 7) & 0xff);
    await same(text, 64, [input, new Uint8Array(64 * 112)]);
  });

  it('memory.fill, memory.copy (overlapping), memory.size and memory.grow', async () => {
    const text = `(module ${HEADER}
      (func (export "kernel") ${PARAMS1} (local $p i32)
        (local.set $p (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 64))))
        (memory.fill (local.get $p) (i32.add (local.get $i) (i32.const 0x41)) (i32.const 37))
        (memory.copy (i32.add (local.get $p) (i32.const 5)) (local.get $p) (i32.const 20))
        (i32.store offset=40 (local.get $p) (memory.size))
        (i32.store offset=44 (local.get $p) (memory.grow (i32.const 0)))
        (i32.store offset=48 (local.get $p) (memory.grow (i32.const 1)))))`;
    const kernel = wat(text);
    const got = await run(device(), kernel, 16, [{ bytes: new Uint8Array(1024) }]);
    const view = new DataView(got[0]!.buffer);
    expect(got[0]![0]).toBe(0x41);
    expect(got[0]![64 + 36]).toBe(0x42);
    // One page of the kernel's own, one for the buffer.
    expect(view.getUint32(40, true)).toBe(2);
    expect(view.getUint32(44, true)).toBe(2);
    // Growing always fails on the GPU (wasm allows it); the sequential device can grow.
    expect(view.getInt32(48, true)).toBe(-1);
  });

  it('static data from active data segments and globals start fresh per iteration', async () => {
    const text = `(module ${HEADER}
      (global $g (mut i32) (i32.const 1000))
      (data (i32.const 256) "wasi-parallel on WGSL")
      (func (export "kernel") ${PARAMS1}
        (global.set $g (i32.add (global.get $g) (local.get $i)))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (global.get $g))
        (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (i32.load8_u offset=256 (local.get $i)))))`;
    const got = await run(device(), wat(text), 21, [{ bytes: new Uint8Array(21 * 8) }]);
    const view = new DataView(got[0]!.buffer);
    expect(view.getUint32(3 * 8, true)).toBe(1003);
    expect(String.fromCharCode(...Array.from({ length: 21 }, (_, k) => view.getUint32(k * 8 + 4, true)))).toBe('wasi-parallel on WGSL');
  });
});

describe('the C shadow stack', () => {
  it('each invocation gets its own stack frames', async () => {
    // What clang emits for a local array: move __stack_pointer down, use the frame, restore it.
    const text = `(module (import "env" "memory" (memory 2 65536 shared))
      (global $__stack_pointer (mut i32) (i32.const 66560))
      (func (export "kernel") ${PARAMS1} (local $sp i32) (local $k i32) (local $sum i32)
        (local.set $sp (i32.sub (global.get $__stack_pointer) (i32.const 64)))
        (global.set $__stack_pointer (local.get $sp))
        (loop $fill
          (i32.store (i32.add (local.get $sp) (i32.shl (local.get $k) (i32.const 2))) (i32.mul (local.get $i) (local.get $k)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $fill (i32.lt_u (local.get $k) (i32.const 16))))
        (i32.store8 offset=3 (local.get $sp) (local.get $i))
        (local.set $k (i32.const 0))
        (loop $add
          (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $sp) (i32.shl (local.get $k) (i32.const 2))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $add (i32.lt_u (local.get $k) (i32.const 16))))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $sum))
        (global.set $__stack_pointer (i32.add (local.get $sp) (i32.const 64)))))`;
    await same(text, 512, [new Uint8Array(2048)]);
  });
});

describe('atomics', () => {
  it('32-, 16- and 8-bit read-modify-write and compare-exchange from every invocation at once', async () => {
    // Every iteration hits the same few words: the totals only come out right if each update is atomic.
    const text = `(module ${HEADER}
      (func (export "kernel") ${PARAMS1}
        (drop (i32.atomic.rmw.add (local.get $out) (local.get $i)))
        (drop (i32.atomic.rmw.xor offset=4 (local.get $out) (i32.shl (i32.const 1) (i32.and (local.get $i) (i32.const 31)))))
        (drop (i32.atomic.rmw16.add_u offset=10 (local.get $out) (i32.const 3)))
        (drop (i32.atomic.rmw8.add_u offset=13 (local.get $out) (i32.const 1)))
        (drop (i32.atomic.rmw8.or_u offset=12 (local.get $out) (i32.shl (i32.const 1) (i32.and (local.get $i) (i32.const 7)))))
        (drop (i32.atomic.rmw8.cmpxchg_u offset=14 (local.get $out) (i32.const 0) (i32.add (local.get $i) (i32.const 1))))
        (i32.atomic.store8 offset=16 (i32.add (local.get $out) (local.get $i)) (i32.atomic.load8_u offset=13 (local.get $out)))))`;
    const kernel = wat(text);
    const [out] = await run(device(), kernel, 200, [{ bytes: new Uint8Array(216) }]);
    const view = new DataView(out!.buffer);
    expect(view.getUint32(0, true)).toBe((199 * 200) / 2);
    expect(view.getUint32(4, true)).toBe(0xff); // 200 toggles: bits 0…7 seven times, the rest six
    expect(view.getUint16(10, true)).toBe(600);
    expect(out![13]).toBe(200);
    expect(out![12]).toBe(0xff);
    expect(out![14]).toBeGreaterThan(0);
    expect(out![15]).toBe(0);
  });

  it('an unaligned atomic traps, and i64 atomics are refused', async () => {
    const unaligned = `(module ${HEADER}
      (func (export "kernel") ${PARAMS1}
        (if (i32.eq (local.get $i) (i32.const 5)) (then (drop (i32.atomic.rmw.add offset=2 (local.get $out) (i32.const 1)))))))`;
    expect(await trapOf(unaligned, 8, [new Uint8Array(16)])).toEqual({ code: ErrorCode.KERNEL_TRAP, iteration: 5, unchanged: true });
    const wide = wat(`(module ${HEADER}
      (func (export "kernel") ${PARAMS1} (drop (i64.atomic.rmw.add (local.get $out) (i64.const 1)))))`);
    const error = await device()
      .parallelFor({ kernel: admitKernel(wide), timeoutMs: 0, numIterations: 1, blockSize: 1, buffers: [await device().createBuffer(8, 2)] })
      .catch((thrown: unknown) => thrown);
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
  });
});

describe('traps end the call with KERNEL_TRAP and write nothing', () => {
  const trapKernel = (body: string) => `(module ${HEADER}
    (func (export "kernel") ${PARAMS1} (local $x i32)
      (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (i32.const 7))
      (if (i32.eq (local.get $i) (i32.const 13)) (then ${body}))
      (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (i32.const 9))))`;
  const cases: Record<string, string> = {
    'out-of-bounds load': '(drop (i32.load (i32.const -4)))',
    'store straddling the end of memory': '(i32.store (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 2)) (i32.const 1))',
    'effective address beyond 2^32': '(drop (i32.load offset=8 (i32.const -4)))',
    'integer divide by zero': '(drop (i32.div_u (local.get $i) (local.get $x)))',
    'i64 remainder by zero': '(drop (i64.rem_s (i64.extend_i32_u (local.get $n)) (i64.extend_i32_u (local.get $x))))',
    'overflowing i32.div_s': '(drop (i32.div_s (i32.const 0x80000000) (i32.sub (local.get $x) (i32.const 1))))',
    unreachable: '(unreachable)',
    // A NaN from bits: WGSL lets compilers assume arithmetic makes no NaN (docs/backends/webgpu.md).
    'trunc of NaN': '(drop (i32.trunc_f32_s (f32.reinterpret_i32 (i32.or (local.get $n) (i32.const 0x7fc00000)))))',
    'trunc out of range': '(drop (i64.trunc_f32_u (f32.const -2)))',
    'memory.fill out of bounds': '(memory.fill (i32.const 65000) (i32.const 1) (i32.const 1000000))',
  };
  for (const [name, body] of Object.entries(cases)) {
    it(name, async () => {
      const result = await trapOf(trapKernel(body), 64, [new Uint8Array(512)]);
      expect(result).toEqual({ code: ErrorCode.KERNEL_TRAP, iteration: 13, unchanged: true });
    });
  }
});

describe('i64 constants', () => {
  it('are exact, in globals and in code', async () => {
    const kernel = wat(`(module ${HEADER}
      (global $g (mut i64) (i64.const 0x123456789))
      (func (export "kernel") ${PARAMS1}
        (i64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (i64.add (global.get $g) (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const -0x10000000001))))))`);
    const specs = [{ bytes: new Uint8Array(64) }];
    const expected = await run(sequential, kernel, 8, specs);
    expect(await run(device(), kernel, 8, specs)).toEqual(expected);
  });
});

describe('refusals', () => {
  it('SIMD is refused with UNSUPPORTED_KERNEL_FEATURE naming the instruction', async () => {
    const text = `(module ${HEADER}
      (func (export "kernel") ${PARAMS1}
        (v128.store (local.get $out) (i32x4.splat (local.get $i)))))`;
    const kernel = wat(text);
    const error = await device()
      .parallelFor({ kernel: admitKernel(kernel), timeoutMs: 0, numIterations: 1, blockSize: 1, buffers: [await device().createBuffer(16, 2)] })
      .catch((thrown: unknown) => thrown);
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
    expect((error as { details: { location?: string } }).details.location).toMatch(/at instruction \d+/);
  });
});

describe('custom sections', () => {
  it('a valid kernel with a corrupt name section runs (engines ignore name sections they cannot read)', async () => {
    const plain = wat(`(module ${HEADER}
      (func (export "kernel") ${PARAMS1}
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (i32.mul (local.get $i) (i32.const 3)))))`);
    // "name", function names: a count of 2^32 − 1 and a subsection longer than the section.
    const name = [4, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x0f];
    const kernel = new Uint8Array([...plain, 0, name.length, ...name]);
    expect(WebAssembly.validate(kernel)).toBe(true);
    const specs = [{ bytes: new Uint8Array(32) }];
    expect(await run(device(), kernel, 8, specs)).toEqual(await run(sequential, kernel, 8, specs));
  });
});

describe('f64', () => {
  it('runs through soft-float: constants, locals, globals, select, loads and stores, conversions', async () => {
    const kernel = wat(`(module ${HEADER}
      (global $g (mut f64) (f64.const nan:0x4000000000001))
      (func (export "kernel") ${PARAMS1} (local $x f64) (local $p i32)
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 5))))
        (local.set $x (f64.div (f64.convert_i32_s (i32.sub (local.get $i) (i32.const 4))) (f64.const 3)))
        (f64.store (local.get $p) (f64.mul (local.get $x) (f64.const 1.5)))
        (f64.store offset=8 (local.get $p) (select (global.get $g) (local.get $x) (i32.and (local.get $i) (i32.const 1))))
        (f64.store offset=16 (local.get $p) (f64.promote_f32 (f32.demote_f64 (f64.sqrt (local.get $x)))))
        (i64.store offset=24 (local.get $p) (i64.trunc_sat_f64_s (f64.mul (local.get $x) (f64.const 1e18))))))`);
    const specs = [{ bytes: new Uint8Array(8 * 32) }];
    expect(await run(device(), kernel, 8, specs)).toEqual(await run(sequential, kernel, 8, specs));
  });
});

export { bytesOf };
