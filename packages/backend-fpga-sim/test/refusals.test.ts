import { ErrorCode, isWasiParallelError } from '@wasi-parallel/core';
import { describe, expect, it } from 'vitest';
import { FPGA_PROFILES } from '../src/index.js';
import { assemble, compileC, kernelParams } from './support/kernels.js';
import { dispatch, fpgaHost, READ, runBoth, WRITE, type Call } from './support/dispatch.js';

const wat = (body: string, extra = ''): Uint8Array =>
  assemble(`(module (import "env" "memory" (memory 1 1024 shared)) ${extra}
    (func (export "kernel") ${kernelParams('out')} ${body}))`);

const call = (kernel: Uint8Array): Call => ({ kernel, numIterations: 4, blockSize: 1, buffers: [{ access: WRITE, data: new Uint8Array(64) }] });

async function refusal(kernel: Uint8Array, options = {}): Promise<{ code: number; location?: string; message: string }> {
  const error = await dispatch(fpgaHost(options), call(kernel)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isWasiParallelError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  // The device stays usable after a refusal.
  await dispatch(fpgaHost(options), call(wat('(i32.store (local.get $out) (local.get $i))')));
  return { code: error.code, message: error.message, ...(error.details.location ? { location: error.details.location } : {}) };
}

// Kernels no hardware can be generated for are refused up front, naming the construct and where it is.
describe('unsynthesisable kernels are refused with UNSUPPORTED_KERNEL_FEATURE', () => {
  it('recursion', async () => {
    const kernel = compileC(`__attribute__((noinline)) static int leaves(int x) { return x < 2 ? 1 : leaves(x - 1) + leaves(x - 2); }
      void kernel(int i, int n, int block, int *out, int out_len) { out[i] = leaves(i + 3); }`);
    const refused = await refusal(kernel);
    expect(refused.code).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
    expect(refused.message).toMatch(/recursion/);
    expect(refused.location).toBeDefined();
  });

  it('an indirect call', async () => {
    const kernel = wat('(i32.store (local.get $out) (call_indirect (type $t) (i32.const 0)))', '(type $t (func (result i32))) (table 1 funcref) (elem (i32.const 0) $seven) (func $seven (result i32) (i32.const 7))');
    expect((await refusal(kernel)).message).toMatch(/call_indirect/);
  });

  it('memory.grow', async () => {
    expect((await refusal(wat('(drop (memory.grow (i32.const 1)))'))).message).toMatch(/memory\.grow/);
  });

  it('memory.atomic.wait in the kernel', async () => {
    expect((await refusal(wat('(drop (memory.atomic.wait32 (local.get $out) (i32.const 1) (i64.const 0)))'))).message).toMatch(/atomic\.wait/);
  });

  it('a stack frame sized at run time (a variable-length array)', async () => {
    const kernel = compileC(`void kernel(int i, int n, int block, int *out, int out_len) {
      volatile int scratch[i + 2];
      for (int k = 0; k < i + 2; k++) scratch[k] = k * i;
      out[i] = scratch[i];
    }`);
    expect((await refusal(kernel)).message).toMatch(/unbounded dynamic memory/);
  });

  it('SIMD, which the capabilities record already declines', async () => {
    const kernel = wat('(v128.store (local.get $out) (i32x4.splat (local.get $i)))');
    expect((await refusal(kernel)).code).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
  });
});

/** A loop-free kernel with `count` independent f64 multiplies, each 11 DSPs on both profiles. */
function multiplies(count: number): Uint8Array {
  const terms = Array.from({ length: count }, (_, k) => `(f64.mul (local.get $x) (f64.const ${k + 1.5}))`);
  const sum = terms.reduce((acc, term) => `(f64.add ${acc} ${term})`);
  return assemble(`(module (import "env" "memory" (memory 1 1024 shared))
    (func (export "kernel") ${kernelParams('a', 'out')} (local $x f64)
      (local.set $x (f64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) ${sum})))`);
}

describe('resources against the budget', () => {
  const buffers = [
    { access: READ, data: new Uint8Array(new Float64Array([1, 2, 3, 4]).buffer) },
    { access: WRITE, data: new Uint8Array(32) },
  ];

  it('a datapath larger than the Zynq-7020 (220 DSP) is refused there, naming the resource', async () => {
    const kernel = multiplies(21);
    const error = await dispatch(fpgaHost({ profile: 'zynq7020' }), { kernel, numIterations: 4, blockSize: 1, buffers }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
    expect(String((error as Error).message)).toMatch(/DSP of 220/);
    const { fpga, reference, report } = await runBoth({ kernel, numIterations: 4, blockSize: 1, buffers });
    expect(fpga).toEqual(reference);
    expect(report.resources.perComputeUnit.dsp).toBeGreaterThan(220);
  });

  it('fewer compute units than the profile names when that many do not fit', async () => {
    const profile = { ...FPGA_PROFILES.u280!, name: 'small', budget: { ...FPGA_PROFILES.u280!.budget, dsp: 600 } };
    const { report } = await runBoth({ kernel: multiplies(21), numIterations: 4, blockSize: 1, buffers }, { profile });
    expect(report.resources.perComputeUnit.dsp).toBeGreaterThan(220);
    expect(report.computeUnits).toBe(Math.floor(600 / report.resources.perComputeUnit.dsp));
    expect(report.resources.used.dsp).toBeLessThanOrEqual(600);
  });
});
