import { driverModuleBytes } from '@wasi-parallel/backend-threads';
import { LIMITS } from '@wasi-parallel/core';
import { describe, expect, it } from 'vitest';

function instantiateDriver(buffers: number, calls: number[][]): { run: (...args: number[]) => void; current: WebAssembly.Global } {
  const module = new WebAssembly.Module(driverModuleBytes(buffers) as Uint8Array<ArrayBuffer>);
  const record = (...args: number[]): void => {
    calls.push(args.map((value) => value >>> 0));
  };
  const instance = new WebAssembly.Instance(module, { 'wasi-parallel': { kernel: record } });
  return { run: instance.exports.run as (...args: number[]) => void, current: instance.exports.current as WebAssembly.Global };
}

describe('the driver module', () => {
  it('validates for every buffer count a call may pass', () => {
    for (const k of [0, 1, 2, 7, 64, LIMITS.MAX_BUFFERS_PER_CALL]) {
      expect(WebAssembly.validate(driverModuleBytes(k) as Uint8Array<ArrayBuffer>)).toBe(true);
    }
  });

  it('calls kernel(i, N, blockSize, ptr, len, …) for i in [start, end), in order, and names the current iteration', () => {
    const calls: number[][] = [];
    const driver = instantiateDriver(2, calls);
    driver.run(5, 9, 100, 7, 1024, 16, 2048, 32);
    expect(calls).toEqual([5, 6, 7, 8].map((i) => [i, 100, 7, 1024, 16, 2048, 32]));
    expect(driver.current.value).toBe(8);
  });

  it('compares iteration ids unsigned, up to 2^32-1', () => {
    const calls: number[][] = [];
    const driver = instantiateDriver(0, calls);
    driver.run(0xffff_fffd, 0xffff_ffff, 0xffff_ffff, 1);
    expect(calls).toEqual([
      [0xffff_fffd, 0xffff_ffff, 1],
      [0xffff_fffe, 0xffff_ffff, 1],
    ]);
  });
});
