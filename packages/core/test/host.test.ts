import { describe, expect, it } from 'vitest';
import { BackendPriority, BufferAccessKind, createHost, createRegistry, DeviceKind, ErrorCode, LIMITS, referenceBackendFactory } from '@wasi-parallel/core';
import { kernel, TRIPLE } from './wat.js';

const ints = (values: number[]) => new Uint8Array(new Int32Array(values).buffer);
const asInts = (bytes: Uint8Array) => [...new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)];

async function setup() {
  const host = createHost();
  const device = await host.getDevice(DeviceKind.SEQUENTIAL);
  const input = await host.createBuffer(device, 16, BufferAccessKind.READ);
  const output = await host.createBuffer(device, 16, BufferAccessKind.WRITE);
  await host.writeBuffer(ints([1, -2, 3, 40]), input);
  return { host, device, input, output };
}

describe('Host', () => {
  it('runs a kernel on the sequential device and reads the bytes back', async () => {
    const { host, device, input, output } = await setup();
    await host.parallelFor(device, TRIPLE, 4, 1, [input, output]);
    expect(asInts(await host.readBuffer(output))).toEqual([3, -6, 9, 120]);
  });

  it('creates zero-filled buffers', async () => {
    const { host, output } = await setup();
    expect(asInts(await host.readBuffer(output))).toEqual([0, 0, 0, 0]);
  });

  it('returns the same device for the same hint', async () => {
    const host = createHost();
    expect(await host.getDevice(DeviceKind.CPU)).toBe(await host.getDevice(DeviceKind.CPU));
  });

  it('rejects unknown, freed and foreign handles with INVALID_HANDLE', async () => {
    const { host, device, input, output } = await setup();
    const other = await setup();
    await expect(host.readBuffer({ ...input })).rejects.toMatchObject({ code: ErrorCode.INVALID_HANDLE });
    await expect(host.readBuffer(other.input)).rejects.toMatchObject({ code: ErrorCode.INVALID_HANDLE });
    await expect(host.parallelFor(other.device, TRIPLE, 4, 1, [input, output])).rejects.toMatchObject({ code: ErrorCode.INVALID_HANDLE });
    await host.freeBuffer(input);
    await expect(host.readBuffer(input)).rejects.toMatchObject({ code: ErrorCode.INVALID_HANDLE });
    await expect(host.parallelFor(device, TRIPLE, 4, 1, [input, output])).rejects.toMatchObject({ code: ErrorCode.INVALID_HANDLE });
  });

  it('checks sizes, access kinds and iteration counts', async () => {
    const { host, device, input, output } = await setup();
    await expect(host.writeBuffer(new Uint8Array(15), input)).rejects.toMatchObject({ code: ErrorCode.SIZE_MISMATCH });
    for (const size of [0, -1, 1.5, Number.NaN]) {
      await expect(host.createBuffer(device, size, BufferAccessKind.READ)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    }
    await expect(host.createBuffer(device, LIMITS.MAX_BUFFER_SIZE + 1, BufferAccessKind.READ)).rejects.toMatchObject({ code: ErrorCode.OUT_OF_MEMORY });
    await expect(host.createBuffer(device, 4, 7 as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    for (const n of [-1, 2 ** 32, 1.5]) {
      await expect(host.parallelFor(device, TRIPLE, n, 1, [input, output])).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    }
  });

  it('refuses a buffer of another device with WRONG_DEVICE', async () => {
    const { host, device, input, output } = await setup();
    const registry = createRegistry();
    registry.register(referenceBackendFactory({ name: 'second', kind: DeviceKind.CPU, priority: BackendPriority.SOFTWARE }));
    const twoDevices = createHost({ registry });
    const seq = await twoDevices.getDevice(DeviceKind.SEQUENTIAL);
    const cpu = await twoDevices.getDevice(DeviceKind.CPU);
    expect(cpu).not.toBe(seq);
    const a = await twoDevices.createBuffer(seq, 16, BufferAccessKind.READ);
    const b = await twoDevices.createBuffer(cpu, 16, BufferAccessKind.WRITE);
    await expect(twoDevices.parallelFor(cpu, TRIPLE, 4, 1, [a, b])).rejects.toMatchObject({ code: ErrorCode.WRONG_DEVICE });
    await host.parallelFor(device, TRIPLE, 4, 1, [input, output]);
  });

  it('reports a trap as KERNEL_TRAP with the iteration, and keeps working', async () => {
    const { host, device, input, output } = await setup();
    const trapAt2 = kernel(2, `(if (i32.eq (local.get $i) (i32.const 2)) (then unreachable))`);
    await expect(host.parallelFor(device, trapAt2, 4, 1, [input, output])).rejects.toMatchObject({
      code: ErrorCode.KERNEL_TRAP,
      details: { iteration: 2 },
    });
    const outOfBounds = kernel(2, `(drop (i32.load (i32.const 0x7ffffff0)))`);
    await expect(host.parallelFor(device, outOfBounds, 1, 1, [input, output])).rejects.toMatchObject({ code: ErrorCode.KERNEL_TRAP });
    await host.parallelFor(device, TRIPLE, 4, 1, [input, output]);
    expect(asInts(await host.readBuffer(output))).toEqual([3, -6, 9, 120]);
  });

  it('refuses a kernel whose memory maximum cannot hold its buffers with OUT_OF_MEMORY', async () => {
    const { host, device, input, output } = await setup();
    const tiny = kernel(2, '', '(import "" "memory" (memory 1 1 shared))');
    await expect(host.parallelFor(device, tiny, 1, 1, [input, output])).rejects.toMatchObject({ code: ErrorCode.OUT_OF_MEMORY });
  });

  it('links the memory import whatever its names, shared or not', async () => {
    const { host, device, input, output } = await setup();
    const body = `(i32.store (i32.add (local.get $p1) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))`;
    for (const memory of ['(import "env" "memory" (memory 2 100 shared))', '(import "x" "y" (memory 1))']) {
      await host.parallelFor(device, kernel(2, body, memory), 4, 1, [input, output]);
      expect(asInts(await host.readBuffer(output))).toEqual([0, 1, 2, 3]);
    }
  });

  it('passes block size and iteration count to the kernel, and runs nothing for N = 0', async () => {
    const { host, device, input, output } = await setup();
    const record = kernel(2, `(i32.store (i32.add (local.get $p1) (i32.shl (local.get $i) (i32.const 2)))
      (i32.add (i32.mul (local.get $n) (i32.const 100)) (local.get $bs)))`);
    await host.parallelFor(device, record, 0, 7, [input, output]);
    expect(asInts(await host.readBuffer(output))).toEqual([0, 0, 0, 0]);
    await host.parallelFor(device, record, 3, 7, [input, output]);
    expect(asInts(await host.readBuffer(output))).toEqual([307, 307, 307, 0]);
  });

  it('serialises calls on one device whatever the caller does', async () => {
    const { host, device, input, output } = await setup();
    const results = await Promise.all([
      host.parallelFor(device, TRIPLE, 4, 1, [input, output]),
      host.writeBuffer(ints([2, 2, 2, 2]), input),
      host.readBuffer(input),
    ]);
    expect(asInts(results[2] as Uint8Array)).toEqual([2, 2, 2, 2]);
    expect(asInts(await host.readBuffer(output))).toEqual([3, -6, 9, 120]);
  });
});
