import { admitKernel, BufferAccessKind, LIMITS } from '@wasi-parallel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cKernels, stackKernelReference } from './support/c-kernels.js';
import { bufferWith, openThreadsHost, readInt32, type ThreadsHost } from './support/threads-host.js';
import { at, kernel } from './support/wat.js';

const PAGE = LIMITS.WASM_PAGE_SIZE;
const N = 20_000;
const input = Int32Array.from({ length: N }, (_, i) => (i * 2654435761) % 100_000);

function guestMemory(pages: number, maxPages = 1000): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: pages, maximum: maxPages, shared: true } as WebAssembly.MemoryDescriptor);
}

function int32At(memory: WebAssembly.Memory, pointer: number, length: number): Int32Array {
  return new Int32Array(memory.buffer, pointer, length);
}

describe('memory modes', () => {
  let t: ThreadsHost;
  beforeAll(async () => {
    t = await openThreadsHost({ workers: 2 });
  });
  afterAll(() => t.host.close());

  it('zero copy: runs in place over a shared guest memory, where the kernel writes anywhere', async () => {
    const { host, device } = t;
    const memory = guestMemory(4);
    const [inPtr, outPtr] = [PAGE, 2 * PAGE + 64];
    const n = 1000;
    int32At(memory, inPtr, n).set(input.subarray(0, n));
    // out[i] = in[i] + 1, and i written at guest address 256 + 4i, outside every buffer.
    const scribble = kernel(2, `
      (i32.store ${at(1)} (i32.add (i32.load ${at(0)}) (i32.const 1)))
      (i32.store (i32.add (i32.const 256) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))`);
    const inBuf = await host.createBuffer(device, n * 4, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, n * 4, BufferAccessKind.WRITE);
    await host.parallelFor(device, scribble, n, 1, [inBuf, outBuf], { guestMemory: { memory, pointers: [inPtr, outPtr] } });
    expect(t.threads.lastCall!.mode).toBe('guest-memory');
    expect(int32At(memory, outPtr, n)).toEqual(Int32Array.from(input.subarray(0, n), (v) => v + 1));
    expect(int32At(memory, 256, n)).toEqual(Int32Array.from({ length: n }, (_, i) => i));
    // The buffer aliases its guest region now, as the prototype's write_buffer made it.
    expect(await readInt32(host, outBuf)).toEqual(int32At(memory, outPtr, n));
  });

  it.each(['stack', 'strippedStack'] as const)('a C kernel that spills to its stack gets one stack per worker on the copy path (%s)', async (which) => {
    const { host, device } = t;
    const stack = cKernels()[which];
    expect(admitKernel(stack).facts.globalsNamed).toBe(which === 'stack');
    const inBuf = await bufferWith(host, device, input, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, N * 4, BufferAccessKind.WRITE);
    for (let call = 0; call < 3; call++) {
      await host.parallelFor(device, stack, N, 1, [inBuf, outBuf]);
      expect(await readInt32(host, outBuf)).toEqual(stackKernelReference(input, false));
    }
    expect(t.threads.lastCall!.mode).toBe('copy');
  });

  it.each(['stack', 'strippedStack'] as const)('a C kernel with a stack runs in place over guest memory, its stacks grown above the guest’s data (%s)', async (which) => {
    const { host, device } = t;
    const stack = cKernels()[which];
    const memory = guestMemory(8);
    // The guest's own bytes where the kernel was linked to keep its stack: they must survive.
    const sentinel = new Uint8Array(memory.buffer, 0, 2 * PAGE);
    sentinel.fill(0xa5);
    const [inPtr, outPtr] = [2 * PAGE, 2 * PAGE + N * 4];
    int32At(memory, inPtr, N).set(input);
    const before = memory.buffer.byteLength;
    const inBuf = await host.createBuffer(device, N * 4, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, N * 4, BufferAccessKind.WRITE);
    for (let call = 0; call < 3; call++) {
      await host.parallelFor(device, stack, N, 1, [inBuf, outBuf], { guestMemory: { memory, pointers: [inPtr, outPtr] } });
      expect(int32At(memory, outPtr, N)).toEqual(stackKernelReference(input, false));
    }
    expect(t.threads.lastCall!.mode).toBe('guest-memory');
    expect(new Uint8Array(memory.buffer, 0, 2 * PAGE).every((byte) => byte === 0xa5)).toBe(true);
    // Grown once, by two stacks, not once per call.
    const grown = memory.buffer.byteLength - before;
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThanOrEqual(4 * PAGE);
  });

  it('a kernel with data segments falls back to the copy path and leaves the guest’s data alone', async () => {
    const { host, device } = t;
    const { data } = cKernels();
    expect(admitKernel(data).facts.hasDataSegments).toBe(true);
    const memory = guestMemory(8);
    new Uint8Array(memory.buffer, 0, 2 * PAGE).fill(0x5a);
    const [inPtr, outPtr] = [2 * PAGE, 2 * PAGE + N * 4];
    int32At(memory, inPtr, N).set(input);
    const inBuf = await host.createBuffer(device, N * 4, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, N * 4, BufferAccessKind.WRITE);
    await host.parallelFor(device, data, N, 1, [inBuf, outBuf], { guestMemory: { memory, pointers: [inPtr, outPtr] } });
    const report = t.threads.lastCall!;
    expect(report.mode).toBe('copy');
    expect(report.fallback).toMatch(/data segments/);
    expect(int32At(memory, outPtr, N)).toEqual(stackKernelReference(input, true));
    expect(new Uint8Array(memory.buffer, 0, 2 * PAGE).every((byte) => byte === 0x5a)).toBe(true);
  });

  it('a guest memory that is not shared takes the copy path', async () => {
    const { host, device } = t;
    const memory = new WebAssembly.Memory({ initial: 2 });
    const n = 100;
    new Int32Array(memory.buffer, PAGE, n).set(input.subarray(0, n));
    const plusOne = kernel(2, `(i32.store ${at(1)} (i32.add (i32.load ${at(0)}) (i32.const 1)))`);
    const inBuf = await host.createBuffer(device, n * 4, BufferAccessKind.READ);
    const outBuf = await host.createBuffer(device, n * 4, BufferAccessKind.WRITE);
    await host.parallelFor(device, plusOne, n, 1, [inBuf, outBuf], { guestMemory: { memory, pointers: [PAGE, PAGE + n * 4] } });
    expect(t.threads.lastCall!.mode).toBe('copy');
    expect(new Int32Array(memory.buffer, PAGE + n * 4, n)).toEqual(Int32Array.from(input.subarray(0, n), (v) => v + 1));
  });
});
