import { BufferAccessKind, ErrorCode, isWasiParallelError, type WasiParallelError } from '@wasi-parallel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferWith, openThreadsHost, readInt32, type ThreadsHost } from './support/threads-host.js';
import { at, kernel } from './support/wat.js';

const N = 1000;
// out[i] = i + 1, except iteration 37, which traps (unreachable).
const TRAP_AT_37 = kernel(1, `
  (if (i32.eq (local.get $i) (i32.const 37)) (then unreachable))
  (i32.store ${at(0)} (i32.add (local.get $i) (i32.const 1)))`);
const GOOD = kernel(1, `(i32.store ${at(0)} (i32.mul (local.get $i) (i32.const 2)))`);
const FOREVER = kernel(1, `(loop $spin (br $spin))`);
const GOOD_RESULT = Int32Array.from({ length: N }, (_, i) => i * 2);

async function rejection(promise: Promise<unknown>): Promise<WasiParallelError> {
  try {
    await promise;
  } catch (error) {
    if (isWasiParallelError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(['wasm', 'js'] as const)('failures with the %s loop', (loop) => {
  let t: ThreadsHost;
  beforeAll(async () => {
    t = await openThreadsHost({ workers: 2, loop }, { timeoutMs: 1000 });
  });
  afterAll(() => t.host.close());

  async function good(): Promise<void> {
    const out = await t.host.createBuffer(t.device, N * 4, BufferAccessKind.WRITE);
    await t.host.parallelFor(t.device, GOOD, N, 1, [out]);
    expect(await readInt32(t.host, out)).toEqual(GOOD_RESULT);
  }

  it('a trap names its iteration, and the next call works', async () => {
    const out = await t.host.createBuffer(t.device, N * 4, BufferAccessKind.WRITE);
    const error = await rejection(t.host.parallelFor(t.device, TRAP_AT_37, N, 1, [out]));
    expect(error.code).toBe(ErrorCode.KERNEL_TRAP);
    expect(error.details.iteration).toBe(37);
    await good();
    // The trapping kernel itself runs again after the reset (and traps again, at the same place).
    const again = await rejection(t.host.parallelFor(t.device, TRAP_AT_37, N, 1, [out]));
    expect(again.details.iteration).toBe(37);
    await good();
  });

  it('a runaway kernel ends with TIMEOUT, and the pool comes back', async () => {
    const out = await t.host.createBuffer(t.device, N * 4, BufferAccessKind.WRITE);
    const error = await rejection(t.host.parallelFor(t.device, FOREVER, N, 1, [out]));
    expect(error.code).toBe(ErrorCode.TIMEOUT);
    await good();
    expect(t.threads.lastCall!.iterationsPerWorker).toHaveLength(2);
  });

  it('recovers from traps and timeouts in any order', async () => {
    const out = await t.host.createBuffer(t.device, N * 4, BufferAccessKind.WRITE);
    for (const bad of [FOREVER, TRAP_AT_37, TRAP_AT_37, FOREVER]) {
      const error = await rejection(t.host.parallelFor(t.device, bad, N, 1, [out]));
      expect(error.code).toBe(bad === FOREVER ? ErrorCode.TIMEOUT : ErrorCode.KERNEL_TRAP);
      await good();
    }
  });
});

describe('failures while instantiating', () => {
  let t: ThreadsHost;
  beforeAll(async () => {
    // The host hands every call its timeout, so the device's own option is not what decides.
    t = await openThreadsHost({ workers: 2 }, { timeoutMs: 1000 });
  });
  afterAll(() => t.host.close());

  it('a start function that traps is a KERNEL_TRAP; one that never returns is a TIMEOUT', async () => {
    const out = await bufferWith(t.host, t.device, new Int32Array(N), BufferAccessKind.WRITE);
    const trapStart = kernel(1, '', undefined, '(func $init unreachable) (start $init)');
    expect((await rejection(t.host.parallelFor(t.device, trapStart, N, 1, [out]))).code).toBe(ErrorCode.KERNEL_TRAP);
    const loopStart = kernel(1, '', undefined, '(func $init (loop $l (br $l))) (start $init)');
    expect((await rejection(t.host.parallelFor(t.device, loopStart, N, 1, [out]))).code).toBe(ErrorCode.TIMEOUT);
    await t.host.parallelFor(t.device, GOOD, N, 1, [out]);
    expect(await readInt32(t.host, out)).toEqual(GOOD_RESULT);
  });
});
