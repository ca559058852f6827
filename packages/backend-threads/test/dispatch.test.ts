import { BufferAccessKind } from '@wasi-parallel/core';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferWith, openThreadsHost, readInt32, type ThreadsHost } from './support/threads-host.js';
import { at, kernel } from './support/wat.js';

// out[i] = in[i] * 3 + i; also scribbles over `in` (a read buffer: must not come back).
const TRIPLE = kernel(2, `
  (i32.store ${at(1)} (i32.add (i32.mul (i32.load ${at(0)}) (i32.const 3)) (local.get $i)))
  (i32.store ${at(0)} (i32.const -1))`);

const N = 10_000;
const input = Int32Array.from({ length: N }, (_, i) => (i * 7919) % 1000);
const expected = Int32Array.from(input, (v, i) => v * 3 + i);

describe('dispatch over the copy path', () => {
  let t: ThreadsHost;
  beforeAll(async () => {
    t = await openThreadsHost({ workers: 2 });
  });
  afterAll(() => t.host.close());

  it('runs every iteration exactly once and copies back only writable buffers', async () => {
    const { host, device } = t;
    const inBuf = await bufferWith(host, device, input, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, N * 4, BufferAccessKind.WRITE);
    await host.parallelFor(device, TRIPLE, N, 1, [inBuf, outBuf]);
    expect(await readInt32(host, outBuf)).toEqual(expected);
    expect(await readInt32(host, inBuf)).toEqual(input);
    const report = t.threads.lastCall!;
    expect(report.mode).toBe('copy');
    expect(report.iterationsPerWorker.reduce((a, b) => a + b, 0)).toBe(N);
  });

  it('runs a kernel whose memory import is unshared and oddly named', async () => {
    const { host, device } = t;
    const unshared = kernel(2, `(i32.store ${at(1)} (i32.add (i32.load ${at(0)}) (i32.const 5)))`, '(import "odd.module" "the memory" (memory 1))');
    const inBuf = await bufferWith(host, device, input, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, N * 4, BufferAccessKind.READ_WRITE);
    await host.parallelFor(device, unshared, N, 16, [inBuf, outBuf]);
    expect(await readInt32(host, outBuf)).toEqual(Int32Array.from(input, (v) => v + 5));
  });

  it('grows the kernel memory for buffers larger than its own region, and keeps results across calls', async () => {
    const { host, device } = t;
    const big = 300_000; // 1.2 MB of i32: beyond the 1-page minimum
    const acc = await host.createBuffer(device, big * 4, BufferAccessKind.READ_WRITE);
    const add = kernel(1, `(i32.store ${at(0)} (i32.add (i32.load ${at(0)}) (local.get $i)))`);
    await host.parallelFor(device, add, big, 1000, [acc]);
    await host.parallelFor(device, add, big, 1000, [acc]);
    const result = await readInt32(host, acc);
    expect(result[0]).toBe(0);
    expect(result[1]).toBe(2);
    expect(result[big - 1]).toBe(2 * (big - 1));
  });

  it('does nothing for zero iterations', async () => {
    const { host, device } = t;
    const outBuf = await bufferWith(host, device, Int32Array.of(9, 9), BufferAccessKind.WRITE);
    await host.parallelFor(device, kernel(1, `(i32.store ${at(0)} (i32.const 1))`), 0, 1, [outBuf]);
    expect(await readInt32(host, outBuf)).toEqual(Int32Array.of(9, 9));
  });

  it('sends no message to the workers on a warm call', async () => {
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const { host, device } = t;
    const inBuf = await bufferWith(host, device, input, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, N * 4, BufferAccessKind.WRITE);
    await host.parallelFor(device, TRIPLE, N, 1, [inBuf, outBuf]); // cold: instantiates in every worker
    const original = Worker.prototype.postMessage;
    let messages = 0;
    Worker.prototype.postMessage = function (this: InstanceType<typeof Worker>, ...args: Parameters<typeof original>) {
      messages++;
      return original.apply(this, args);
    };
    try {
      for (let call = 0; call < 50; call++) await host.parallelFor(device, TRIPLE, N, 1, [inBuf, outBuf]);
    } finally {
      Worker.prototype.postMessage = original;
    }
    expect(messages).toBe(0);
    expect(await readInt32(host, outBuf)).toEqual(expected);
  });
});

describe('the JS loop (one call per iteration, kept for measuring)', () => {
  it('gives the same bytes as the wasm driver', async () => {
    const t = await openThreadsHost({ workers: 2, loop: 'js' });
    try {
      const inBuf = await bufferWith(t.host, t.device, input, BufferAccessKind.READ);
      const outBuf = await t.host.createBuffer(t.device, N * 4, BufferAccessKind.WRITE);
      await t.host.parallelFor(t.device, TRIPLE, N, 1, [inBuf, outBuf]);
      expect(await readInt32(t.host, outBuf)).toEqual(expected);
    } finally {
      await t.host.close();
    }
  });
});

describe('a stripped hand-written kernel with a global of its own', () => {
  it('keeps the global: a counter starting at 0 is not taken for a stack pointer', async () => {
    // Each instance counts its own iterations in $count (read and written, like a stack pointer
    // would be) and writes the running count; with one worker the counts are 1…N in order.
    const counting = kernel(1, `
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (i32.store ${at(0)} (global.get $count))`, undefined, '(global $count (mut i32) (i32.const 0))');
    const t = await openThreadsHost({ workers: 1 });
    try {
      const out = await t.host.createBuffer(t.device, 64 * 4, BufferAccessKind.WRITE);
      await t.host.parallelFor(t.device, counting, 64, 1, [out]);
      expect(await readInt32(t.host, out)).toEqual(Int32Array.from({ length: 64 }, (_, i) => i + 1));
    } finally {
      await t.host.close();
    }
  });
});
