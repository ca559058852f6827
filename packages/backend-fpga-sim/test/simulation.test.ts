import { ErrorCode, isWasiParallelError } from '@wasi-parallel/core';
import { describe, expect, it } from 'vitest';
import { assemble, compileC, kernelFile } from './support/kernels.js';
import { dispatch, fpgaHost, i32Bytes, READ, READ_WRITE, referenceHost, runBoth, WRITE, type Call } from './support/dispatch.js';
import { Random } from './support/random.js';

const kernel = (name: string): Uint8Array => (name.endsWith('.c') ? compileC(kernelFile(name)) : assemble(kernelFile(name)));

// The simulator computes real results: every case runs on it and on the sequential reference
// and the bytes must agree, while the report says how the kernel was scheduled.
describe('the pipeline simulation gives the bytes of the sequential device', () => {
  it('a while loop whose exit waits on f32.sqrt issues trips past the exit; their loads past the end of memory do not trap', async () => {
    const count = 8;
    // `a` is the last buffer and ends exactly where memory ends (two pages).
    const aBytes = 2 * 65_536 - (65_536 + 64);
    const a = new Float32Array(aBytes / 4).map((_, k) => 1 + (k % 5));
    a[a.length - 1] = 0;
    a[40] = 0;
    const { fpga, reference, report } = await runBoth({
      kernel: kernel('scan-sqrt.wat'),
      numIterations: count,
      blockSize: 1,
      buffers: [
        { access: WRITE, data: new Uint8Array(64) },
        { access: READ, data: new Uint8Array(a.buffer) },
      ],
    });
    expect(fpga).toEqual(reference);
    const loop = report.loops[0]!;
    expect(loop).toMatchObject({ pipelined: true, ii: 1 });
    expect(loop.speculativeTrips).toBeGreaterThan(0);
  });

  it('stores of speculative trips never happen: b past the zero keeps its bytes', async () => {
    const random = new Random(3);
    const block = 64;
    const a = Int32Array.from({ length: 4 * block }, () => 1 + random.below(1000));
    for (const zero of [10, 64 + 63, 128 + 1, 192 + 40]) a[zero] = 0;
    const b = Int32Array.from({ length: a.length }, () => random.i32());
    const { fpga, reference } = await runBoth({
      kernel: kernel('copy-until.c'),
      numIterations: 4,
      blockSize: block,
      buffers: [
        { access: READ, data: i32Bytes(a) },
        { access: READ_WRITE, data: i32Bytes(b) },
        { access: WRITE, data: new Uint8Array(16) },
      ],
    });
    expect(fpga).toEqual(reference);
  });

  it('a dependence through memory (prefix sum in place) raises II and keeps the order', async () => {
    const random = new Random(4);
    const { fpga, reference, report } = await runBoth({
      kernel: kernel('prefix-sum.c'),
      numIterations: 3,
      blockSize: 100,
      buffers: [
        { access: READ, data: i32Bytes([1]) },
        { access: READ_WRITE, data: i32Bytes(Int32Array.from({ length: 300 }, () => random.i32())) },
      ],
    });
    expect(fpga).toEqual(reference);
    const loop = report.loops.find((entry) => entry.pipelined)!;
    expect(loop.ii).toBeGreaterThan(1);
    expect(loop.bound).toMatchObject({ kind: 'recurrence' });
  });

  it('scattered read-modify-writes (a histogram without atomics) stay in order', async () => {
    const random = new Random(5);
    const { fpga, reference } = await runBoth({
      kernel: kernel('histogram.c'),
      numIterations: 8,
      blockSize: 128,
      buffers: [
        { access: READ, data: Uint8Array.from({ length: 1024 }, () => (random.below(3) === 0 ? random.below(64) : random.below(4))) },
        { access: READ_WRITE, data: i32Bytes(Int32Array.from({ length: 64 }, (_, k) => k * 1000)) },
      ],
    });
    expect(fpga).toEqual(reference);
  });

  it('i64 values carried in a swap (a, b ← b, f(a, b))', async () => {
    const { fpga, reference } = await runBoth({
      kernel: kernel('fibonacci.c'),
      numIterations: 20,
      blockSize: 1,
      buffers: [{ access: WRITE, data: new Uint8Array(160) }],
    });
    expect(fpga).toEqual(reference);
  });

  it('a loop left by return, by break and by running out, with stores between the tests', async () => {
    const random = new Random(6);
    const block = 32;
    const a = Int32Array.from({ length: 6 * block }, () => random.below(2000) - 800);
    a[5] = 7;
    a[block + 9] = -950;
    const { fpga, reference } = await runBoth({
      kernel: kernel('early-exit.c'),
      numIterations: 6,
      blockSize: block,
      buffers: [
        { access: READ, data: i32Bytes(a) },
        { access: READ_WRITE, data: i32Bytes(Int32Array.from({ length: a.length }, (_, k) => -k)) },
        { access: READ_WRITE, data: i32Bytes(Int32Array.from({ length: 6 }, () => 12345)) },
      ],
    });
    expect(fpga).toEqual(reference);
  });

  it('a trap inside a pipelined loop names the iteration the sequential device names', async () => {
    const divisors = Int32Array.from({ length: 64 }, (_, k) => (k === 3 * 8 + 5 ? 0 : (k % 9) + 1));
    const call: Call = {
      kernel: kernel('loop-trap.c'),
      numIterations: 8,
      blockSize: 1,
      buffers: [
        { access: READ, data: i32Bytes(divisors) },
        { access: WRITE, data: new Uint8Array(32) },
      ],
    };
    const failure = async (host: ReturnType<typeof referenceHost>): Promise<unknown> => dispatch(host, call).then(() => undefined, (error: unknown) => error);
    const [fpga, reference] = [await failure(fpgaHost()), await failure(referenceHost())];
    for (const error of [fpga, reference]) {
      expect(isWasiParallelError(error) && error.code).toBe(ErrorCode.KERNEL_TRAP);
      expect(isWasiParallelError(error) && error.details.iteration).toBe(3);
    }
  });

  it('an access that leaves its buffer: the call is simulated again with every access in order', async () => {
    const count = 16;
    const { fpga, reference, report } = await runBoth({
      kernel: kernel('alias.wat'),
      numIterations: count,
      blockSize: 1,
      buffers: [
        { access: READ_WRITE, data: new Uint8Array(count * 4) },
        { access: READ_WRITE, data: i32Bytes(Int32Array.from({ length: count }, (_, k) => 1000 * k)) },
      ],
    });
    expect(fpga).toEqual(reference);
    expect(report.memoryOrdering).toBe('conservative');
  });

  it('a mutable global carries from one iteration to the next, as in the one instance the sequential device makes', async () => {
    const { fpga, reference, report } = await runBoth({
      kernel: kernel('counter.wat'),
      numIterations: 50,
      blockSize: 1,
      buffers: [{ access: WRITE, data: new Uint8Array(200) }],
    });
    expect(fpga).toEqual(reference);
    expect(report.iterationLoop.pipelined).toBe(true);
  });

  it('static data placed by the start function, a dense switch (br_table) in a pipelined loop', async () => {
    const random = new Random(7);
    const { fpga, reference } = await runBoth({
      kernel: kernel('table-lookup.c'),
      numIterations: 40,
      blockSize: 1,
      buffers: [
        { access: READ, data: i32Bytes(Int32Array.from({ length: 40 * 16 }, () => random.below(256))) },
        { access: WRITE, data: new Uint8Array(160) },
      ],
    });
    expect(fpga).toEqual(reference);
  });

  it('a stack frame, calls to a helper and memcpy of a run-time length (sequential state machines)', async () => {
    const random = new Random(8);
    const n = 30;
    const { fpga, reference, report } = await runBoth({
      kernel: kernel('stack-calls.c'),
      numIterations: n,
      blockSize: 1,
      buffers: [
        { access: READ, data: i32Bytes(Int32Array.from({ length: 64 }, () => random.i32())) },
        { access: READ_WRITE, data: i32Bytes(Int32Array.from({ length: n * 13 }, () => random.i32())) },
      ],
    });
    expect(fpga).toEqual(reference);
    expect(report.resources.used.bram18k).toBeGreaterThan(0);
  });
});
