import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, isWasiParallelError } from '@wasi-parallel/core';
import { WebGpuBackend } from '@wasi-parallel/backend-webgpu';
import { compareOps } from './compare-ops.js';
import { F32_VALUES, I32_VALUES, I64_VALUES, random } from './op-kernels.js';
import { run, sequential, wat } from './harness.js';

// Mesa llvmpipe through Dawn's OpenGL ES backend: WebGPU's compatibility feature level.
let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await WebGpuBackend.create({ adapter: 'llvmpipe' });
});
afterAll(async () => backend.dispose());

describe('llvmpipe (OpenGL ES, compatibility mode)', () => {
  it('is the adapter the devices describe', () => {
    expect(backend.devices[0]!.description.adapter).toBe('llvmpipe');
    expect(String(backend.devices[0]!.description.gpu)).toContain('llvmpipe');
  });

  it('runs i32 and i64 kernels bit for bit', async () => {
    const device = backend.devices[0]!;
    const i32 = ['add', 'mul', 'shr_s', 'rotl', 'lt_s', 'div_u'].map((op) => [`i32.${op}`, 'i32'] as const);
    expect(await compareOps(device, 'i32', 2, i32, I32_VALUES, (_a, b) => b !== 0)).toEqual([]);
    const i64 = ['add', 'mul', 'shr_s', 'div_s'].map((op) => [`i64.${op}`, 'i64'] as const);
    expect(await compareOps(device, 'i64', 2, i64, I64_VALUES, (a, b) => b !== 0n && !(a === -(2n ** 63n) && b === -1n))).toEqual([]);
  });

  it('f32 arithmetic is exact, and a·b + c is not fused into one rounding', async () => {
    const device = backend.devices[0]!;
    const ops = ['add', 'sub', 'mul', 'div', 'min', 'max'].map((op) => [`f32.${op}`, 'f32'] as const);
    expect(await compareOps(device, 'f32', 2, ops, F32_VALUES)).toEqual([]);
    // llvmpipe contracts a*b+c into an FMA unless the product is opaque (f32n_mul, prelude/f32-native-wgsl.ts).
    // A Mandelbrot step, z ← z² + c, 64 times: where products are fused the orbit drifts.
    const kernel = wat(`(module (import "" "memory" (memory 1 65536 shared))
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $in i32) (param $inl i32) (param $out i32) (param $outl i32)
        (local $p i32) (local $zr f32) (local $zi f32) (local $cr f32) (local $ci f32) (local $t f32) (local $k i32)
        (local.set $p (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $cr (f32.load (local.get $p))) (local.set $ci (f32.load offset=4 (local.get $p)))
        (loop $step
          (local.set $t (f32.add (f32.sub (f32.mul (local.get $zr) (local.get $zr)) (f32.mul (local.get $zi) (local.get $zi))) (local.get $cr)))
          (local.set $zi (f32.add (f32.mul (f32.mul (f32.const 2) (local.get $zr)) (local.get $zi)) (local.get $ci)))
          (local.set $zr (local.get $t))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $step (i32.and (i32.lt_u (local.get $k) (i32.const 64))
            (f32.le (f32.add (f32.mul (local.get $zr) (local.get $zr)) (f32.mul (local.get $zi) (local.get $zi))) (f32.const 4)))))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $zr))
        (f32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $zi))))`);
    const next = random(99);
    const input = new Float32Array(2 * 4096).map((_, k) => (k % 2 ? 2.5 : 3) * (next() / 2 ** 32) - (k % 2 ? 1.25 : 2));
    const specs = [{ bytes: new Uint8Array(input.buffer) }, { bytes: new Uint8Array(8 * 4096) }];
    expect(await run(device, kernel, 4096, specs)).toEqual(await run(sequential, kernel, 4096, specs));
  });

  it('reports a loop llvmpipe cut short as TIMEOUT instead of returning its bytes', async () => {
    // One store per iteration: llvmpipe silently stopped this loop after 13,107 iterations and
    // the call returned SUCCESS with the partial counts.
    const kernel = wat(`(module (import "" "memory" (memory 1 65536 shared))
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32) (local $j i32)
        (loop $again
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $j))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $again (i32.lt_u (local.get $j) (local.get $bs))))))`);
    const specs = [{ bytes: new Uint8Array(16) }];
    expect(await run(backend.devices[0]!, kernel, 4, specs, 10_000)).toEqual(await run(sequential, kernel, 4, specs, 10_000));
    const error = await run(backend.devices[0]!, kernel, 4, specs, 20_000).catch((thrown: unknown) => thrown);
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.TIMEOUT);
    // A loop that never ends, with no exit but the trap: llvmpipe's cut is caught there too.
    const spin = wat(`(module (import "" "memory" (memory 1 65536 shared))
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32) (loop $forever (br $forever))))`);
    const runaway = await run(backend.devices[0]!, spin, 4, specs).catch((thrown: unknown) => thrown);
    expect(isWasiParallelError(runaway) && runaway.code).toBe(ErrorCode.TIMEOUT);
  });

  it('a call whose memory outgrows one storage binding (128 MiB here) is OUT_OF_MEMORY', async () => {
    const device = backend.devices[0]!;
    const binding = Number(device.description.maxStorageBufferBindingSize);
    const kernel = wat(`(module (import "" "memory" (memory 1 65536 shared))
      (func (export "kernel") (param i32 i32 i32 i32 i32 i32 i32)))`);
    const half = binding / 2 + 4096;
    const error = await run(device, kernel, 1, [{ bytes: new Uint8Array(half) }, { bytes: new Uint8Array(half) }]).catch((thrown: unknown) => thrown);
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.OUT_OF_MEMORY);
  });

  it('keeps every byte of sub-word stores', async () => {
    const kernel = wat(`(module (import "" "memory" (memory 1 65536 shared))
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32)
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (i32.xor (local.get $i) (i32.const 0xa5)))))`);
    const specs = [{ bytes: new Uint8Array(4099) }];
    expect(await run(backend.devices[0]!, kernel, 4099, specs)).toEqual(await run(sequential, kernel, 4099, specs));
  });
});
