import { BufferAccessKind } from '@wasi-parallel/core';
import { schedule } from '@wasi-parallel/backend-threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openThreadsHost, readInt32, type ThreadsHost } from './support/threads-host.js';
import { at, kernel } from './support/wat.js';

describe('the chunk rule', () => {
  it('cuts N into about 16 chunks per worker and covers every iteration', () => {
    expect(schedule(1024, 1, 2)).toEqual({ chunk: 32, numChunks: 32 });
    expect(schedule(10, 1, 2)).toEqual({ chunk: 1, numChunks: 10 });
    expect(schedule(0, 1, 2)).toEqual({ chunk: 1, numChunks: 0 });
    const { chunk, numChunks } = schedule(1_000_003, 1, 3);
    expect(chunk * numChunks).toBeGreaterThanOrEqual(1_000_003);
    expect(chunk * (numChunks - 1)).toBeLessThan(1_000_003);
  });

  it('keeps whole blocks in a chunk when blockSize groups iterations', () => {
    for (const [n, blockSize, workers] of [[1000, 7, 2], [4096, 64, 4], [100, 50, 2], [333, 3, 1]] as const) {
      const { chunk } = schedule(n, blockSize, workers);
      expect(chunk % blockSize).toBe(0);
    }
  });

  it('reads a blockSize above N / workers as the kernel’s slice length, not a grouping', () => {
    // The prototype's examples: 4 iterations ("threads"), each taking blockSize elements.
    expect(schedule(4, 1 << 20, 2)).toEqual({ chunk: 1, numChunks: 4 });
  });
});

describe('dynamic scheduling on two workers', () => {
  let t: ThreadsHost;
  beforeAll(async () => {
    t = await openThreadsHost({ workers: 2, timeoutMs: 20_000 });
  });
  afterAll(() => t.host.close());

  it('balances uneven iterations: one iteration waits for all the others outside its chunk', async () => {
    // Iteration n/2 opens its chunk (blockSize = chunk = 64) and spins until every iteration
    // outside that chunk has run. Any static split (halves, round robin) gives its worker later
    // chunks too, which would never run: a deadlock, ended by the timeout. Dynamic scheduling
    // lets the other worker take every remaining chunk.
    const n = 2048;
    const blockSize = 64;
    expect(schedule(n, blockSize, 2).chunk).toBe(blockSize);
    const waitForOthers = kernel(1, `
      (if (i32.eq (local.get $i) (i32.const ${n / 2}))
        (then (loop $wait (br_if $wait (i32.ne (i32.atomic.load (local.get $p0)) (i32.const ${n - blockSize})))))
        (else (if (i32.or (i32.lt_u (local.get $i) (i32.const ${n / 2})) (i32.ge_u (local.get $i) (i32.const ${n / 2 + blockSize})))
          (then (drop (i32.atomic.rmw.add (local.get $p0) (i32.const 1)))))))`);
    const counter = await t.host.createBuffer(t.device, 4, BufferAccessKind.READ_WRITE);
    await t.host.parallelFor(t.device, waitForOthers, n, blockSize, [counter]);
    expect(await readInt32(t.host, counter)).toEqual(Int32Array.of(n - blockSize));
    const perWorker = t.threads.lastCall!.iterationsPerWorker;
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(n);
    expect(Math.min(...perWorker)).toBeGreaterThan(0);
  });

  it('runs the iterations of one block on one worker, in order', async () => {
    // Each instance takes an id from counter[0] on its first iteration (its globals are its own);
    // owner[i] = that id, order[i] = a global sequence number from counter[1].
    const n = 4096;
    const blockSize = 16;
    const recordOwner = kernel(
      3,
      `(if (i32.lt_s (global.get $me) (i32.const 0)) (then (global.set $me (i32.atomic.rmw.add (local.get $p0) (i32.const 1)))))
       (i32.store ${at(1)} (global.get $me))
       (i32.store ${at(2)} (i32.atomic.rmw.add (i32.add (local.get $p0) (i32.const 4)) (i32.const 1)))`,
      undefined,
      '(global $me (mut i32) (i32.const -1))',
    );
    const counters = await t.host.createBuffer(t.device, 8, BufferAccessKind.READ_WRITE);
    const owner = await t.host.createBuffer(t.device, n * 4, BufferAccessKind.WRITE);
    const order = await t.host.createBuffer(t.device, n * 4, BufferAccessKind.WRITE);
    await t.host.parallelFor(t.device, recordOwner, n, blockSize, [counters, owner, order]);
    const owners = await readInt32(t.host, owner);
    const orders = await readInt32(t.host, order);
    expect(new Set(orders).size).toBe(n);
    for (let block = 0; block < n / blockSize; block++) {
      for (let i = block * blockSize + 1; i < (block + 1) * blockSize; i++) {
        expect(owners[i]).toBe(owners[i - 1]);
        expect(orders[i]).toBeGreaterThan(orders[i - 1]!);
      }
    }
  });
});
