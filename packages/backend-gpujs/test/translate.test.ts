import { ErrorCode, isWasiParallelError } from '@wasi-parallel/core';
import { afterAll, describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { translateToGpujs } from '../src/index.js';
import { gpujsHost, referenceHost, runKernel } from './support/host.js';

const wabt = await wabtInit();
function assemble(text: string): Uint8Array {
  const module = wabt.parseWat('k.wat', text, { threads: true, sign_extension: true, sat_float_to_int: true });
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}
const PARAMS = '(param $i i32) (param $n i32) (param $b i32)';
const buffers = (...names: string[]) => names.map((name) => `(param $${name} i32) (param $${name}_len i32)`).join(' ');
const MEMORY = '(import "" "memory" (memory 1 64 shared))';
const at = (ptr: string, shift = 2) => `(i32.add (local.get $${ptr}) (i32.shl (local.get $i) (i32.const ${shift})))`;

async function codeOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (!isWasiParallelError(error)) throw error;
    return error.code;
  }
}

describe('translation', () => {
  const host = gpujsHost('cpu');
  const reference = referenceHost();
  afterAll(async () => {
    await host.close();
    await reference.close();
  });

  it('emits only what GPU.js parses in every mode: no break, continue or labels; a kernel that cannot trap has no status kernel', async () => {
    const text = await translateToGpujs(assemble(`(module ${MEMORY} (func (export "kernel") ${PARAMS} ${buffers('a', 'out')}
      (local $k i32) (local $s i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $k) (i32.const 10)))
        (local.set $s (i32.add (local.get $s) (i32.load ${at('a')})))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
      (i32.store ${at('out')} (local.get $s))))`), 2, { numIterations: 16, bufferBytes: [64, 64] });
    expect(text).not.toMatch(/\b(break|continue)\b/);
    expect(text).not.toMatch(/^\s*[A-Za-z_$][\w$]*:\s/m);
    expect(text).toContain('no status kernel');
  });

  it('a store outside the block its iteration owns is refused when it runs; one iteration owns everything', async () => {
    // out[i] = i and out[2i] = i: the second store leaves iteration i's block [4i, 4i + 4) from i = 1 on.
    const kernel = assemble(`(module ${MEMORY} (func (export "kernel") ${PARAMS} ${buffers('out')}
      (i32.store ${at('out')} (local.get $i))
      (i32.store ${at('out', 3)} (i32.add (local.get $i) (i32.const 100)))))`);
    expect(await codeOf(runKernel(host, kernel, 4, 1, [new Uint8Array(32)]))).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
    const got = await runKernel(host, kernel, 1, 1, [new Uint8Array(32)]);
    expect(got[0]).toEqual((await runKernel(reference, kernel, 1, 1, [new Uint8Array(32)]))[0]);
  });

  it('a store address loaded from memory is refused at translation (scattered stores are not supported)', async () => {
    const kernel = assemble(`(module ${MEMORY} (func (export "kernel") ${PARAMS} ${buffers('idx', 'out')}
      (i32.store (i32.add (local.get $out) (i32.shl (i32.load ${at('idx')}) (i32.const 2))) (local.get $i))))`);
    const identity = new Uint8Array(Int32Array.from({ length: 8 }, (_, k) => k).buffer);
    expect(await codeOf(runKernel(host, kernel, 8, 1, [identity, new Uint8Array(32)]))).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
  });

  it('refuses a load that may see a store the same iteration made (GPU.js reads buffers as they were)', async () => {
    const kernel = assemble(`(module ${MEMORY} (func (export "kernel") ${PARAMS} ${buffers('x')}
      (i32.store ${at('x')} (i32.const 5))
      (i32.store offset=4 ${at('x', 3)} (i32.load ${at('x')}))))`);
    expect(await codeOf(runKernel(host, kernel, 4, 1, [new Uint8Array(64)]))).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
  });

  it('runs i64 additions and shifts through binaryen i64 lowering, exactly', async () => {
    const kernel = assemble(`(module ${MEMORY} (func (export "kernel") ${PARAMS} ${buffers('a', 'out')}
      (local $v i64)
      (local.set $v (i64.load ${at('a', 3)}))
      (i64.store ${at('out', 3)} (i64.add (i64.shl (local.get $v) (i64.const 7)) (i64.const 0x123456789)))))`);
    const input = new Uint8Array(BigInt64Array.from({ length: 64 }, (_, k) => BigInt(k) * 0x0123_4567_89ab_cdefn).buffer);
    const want = await runKernel(reference, kernel, 64, 1, [input, new Uint8Array(512)]);
    const got = await runKernel(host, kernel, 64, 1, [input, new Uint8Array(512)]);
    expect(Buffer.compare(got[1]!, want[1]!)).toBe(0);
  });

  it('a trap names the lowest trapping iteration and leaves every buffer as it was', async () => {
    const kernel = assemble(`(module ${MEMORY} (func (export "kernel") ${PARAMS} ${buffers('d', 'out')}
      (i32.store ${at('out')} (i32.div_u (i32.const 100) (i32.load ${at('d')})))))`);
    const divisors = new Uint8Array(Int32Array.from({ length: 16 }, (_, k) => (k === 9 || k === 12 ? 0 : k + 1)).buffer);
    const device = await host.getDevice();
    const out = await host.createBuffer(device, 64, 2);
    const before = new Uint8Array(64).fill(7);
    await host.writeBuffer(before, out);
    const d = await host.createBuffer(device, 64, 0);
    await host.writeBuffer(divisors, d);
    const error = await host.parallelFor(device, kernel, 16, 1, [d, out]).catch((e: unknown) => e);
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.KERNEL_TRAP);
    expect(isWasiParallelError(error) && error.details.iteration).toBe(9);
    expect(await host.readBuffer(out)).toEqual(before);
  });
});
