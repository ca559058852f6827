import { describe, expect, it } from 'vitest';
import { BufferAccessKind, createHost, DeviceKind, ErrorCode } from '@wasi-parallel/core';
import { instantiateGuest, upgradeMemoryToShared, type GuestInstance } from '@wasi-parallel/core/guest';
import { kernel, TRIPLE, wat } from './wat.js';

/**
 * A guest that re-exports the five ABI imports with the prototype's shapes, plus memory
 * peeks and pokes, so a test can drive the ABI call by call through `invoke`. Its memory is
 * unshared, as a C guest built against Debian's wasi-libc has.
 */
const PROBE = (memory: string) =>
  wat(`(module
  (import "wasi_ephemeral_parallel" "get_device" (func $get_device (param i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "create_buffer" (func $create_buffer (param i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "write_buffer" (func $write_buffer (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "read_buffer" (func $read_buffer (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "parallel_exec" (func $parallel_exec (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") ${memory})
  (export "get_device" (func $get_device))
  (export "create_buffer" (func $create_buffer))
  (export "write_buffer" (func $write_buffer))
  (export "read_buffer" (func $read_buffer))
  (export "parallel_exec" (func $parallel_exec))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))`);

const KERNEL_AT = 4096;

async function call(guest: GuestInstance, name: string, ...args: number[]): Promise<number> {
  const [result] = await guest.invoke(name, ...args);
  return result as number;
}

async function poke(guest: GuestInstance, at: number, bytes: Uint8Array): Promise<void> {
  for (let i = 0; i < bytes.length; i++) await guest.invoke('store8', at + i, bytes[i]!);
}

async function peekInts(guest: GuestInstance, at: number, count: number): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(await call(guest, 'load', at + 4 * i));
  return values;
}

/** get_device, two buffers aliasing [64,80) and [128,144), handle list at 32. */
async function prepare(guest: GuestInstance): Promise<{ device: number; input: number; output: number }> {
  expect(await call(guest, 'get_device', DeviceKind.CPU, 0)).toBe(ErrorCode.SUCCESS);
  const device = await call(guest, 'load', 0);
  expect(await call(guest, 'create_buffer', device, 16, BufferAccessKind.READ, 4)).toBe(ErrorCode.SUCCESS);
  expect(await call(guest, 'create_buffer', device, 16, BufferAccessKind.WRITE, 8)).toBe(ErrorCode.SUCCESS);
  const input = await call(guest, 'load', 4);
  const output = await call(guest, 'load', 8);
  for (const [i, value] of [5, -1, 7, 1000].entries()) await guest.invoke('store', 64 + 4 * i, value);
  expect(await call(guest, 'write_buffer', 64, 16, input)).toBe(ErrorCode.SUCCESS);
  expect(await call(guest, 'write_buffer', 128, 16, output)).toBe(ErrorCode.SUCCESS);
  await guest.invoke('store', 32, input);
  await guest.invoke('store', 36, output);
  return { device, input, output };
}

async function exec(guest: GuestInstance, device: number, kernelBytes: Uint8Array, n = 4): Promise<number> {
  await poke(guest, KERNEL_AT, kernelBytes);
  return call(guest, 'parallel_exec', device, KERNEL_AT, kernelBytes.length, n, 1, 32, 1, 36, 1);
}

describe.each([
  ['an unshared guest memory, upgraded', '1 10', 'upgrade', 'shared'],
  ['an unshared guest memory, copied', '1 10', 'copy', 'copy'],
  ['a shared guest memory', '1 10 shared', 'copy', 'shared'],
] as const)('guest ABI with %s', (_title, memory, mode, expectedMode) => {
  it('aliases written buffers: the kernel writes land in guest memory and read_buffer sees them', async () => {
    const guest = await instantiateGuest(PROBE(memory), { memory: mode });
    expect(guest.memoryMode).toBe(expectedMode);
    const { device, output } = await prepare(guest);
    expect(await exec(guest, device, TRIPLE)).toBe(ErrorCode.SUCCESS);
    expect(await peekInts(guest, 128, 4)).toEqual([15, -3, 21, 3000]);
    expect(await call(guest, 'read_buffer', output, 256, 16)).toBe(ErrorCode.SUCCESS);
    expect(await peekInts(guest, 256, 4)).toEqual([15, -3, 21, 3000]);
    // The alias is live: a change to the region before the next call is what the kernel sees.
    await guest.invoke('store', 64, 100);
    expect(await exec(guest, device, TRIPLE)).toBe(ErrorCode.SUCCESS);
    expect(await peekInts(guest, 128, 1)).toEqual([300]);
    await guest.terminate();
  });

  it('returns error codes for bad input and keeps working', async () => {
    const errors: number[] = [];
    const messages: string[] = [];
    const guest = await instantiateGuest(PROBE(memory), {
      memory: mode,
      onAbiError: (_name, code, message) => {
        errors.push(code);
        messages.push(message);
      },
    });
    const { device, input, output } = await prepare(guest);
    expect(await call(guest, 'write_buffer', 0xfffffff0 | 0, 16, input)).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await call(guest, 'write_buffer', 65530, 16, input)).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await call(guest, 'write_buffer', 64, 15, input)).toBe(ErrorCode.SIZE_MISMATCH);
    expect(await call(guest, 'write_buffer', 64, 16, 0x1234)).toBe(ErrorCode.INVALID_HANDLE);
    expect(await call(guest, 'read_buffer', output, 256, 8)).toBe(ErrorCode.SIZE_MISMATCH);
    expect(await call(guest, 'read_buffer', 0xdead, 256, 16)).toBe(ErrorCode.INVALID_HANDLE);
    expect(await call(guest, 'get_device', 0, 0x7ffffffe)).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await call(guest, 'create_buffer', 0xbad, 16, 0, 12)).toBe(ErrorCode.INVALID_HANDLE);
    expect(await call(guest, 'create_buffer', device, 0, 0, 12)).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await call(guest, 'create_buffer', device, 16, 3, 12)).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await exec(guest, device, new TextEncoder().encode('not a kernel'))).toBe(ErrorCode.INVALID_KERNEL);
    expect(await exec(guest, device, kernel(1, ''))).toBe(ErrorCode.INVALID_KERNEL);
    expect(await exec(guest, device, kernel(2, 'unreachable'))).toBe(ErrorCode.KERNEL_TRAP);
    expect(await call(guest, 'parallel_exec', device, KERNEL_AT, 100, 4, 1, 0x7ffffff0, 2, 36, 1)).toBe(ErrorCode.INVALID_ARGUMENT);
    // A handle count whose byte length is a multiple of 2^32 must not wrap past the bounds check.
    expect(await call(guest, 'parallel_exec', device, KERNEL_AT, 100, 4, 1, 32, 2 ** 30, 36, 1)).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await call(guest, 'parallel_exec', device, KERNEL_AT, 100, 4, 1, 32, 1, 36, 2 ** 31)).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(errors.length).toBe(16);
    // The code travels as the return value: the message says the rest, without repeating its name.
    expect(messages.filter((message) => /^[A-Z_]+: /.test(message))).toEqual([]);
    expect(await exec(guest, device, TRIPLE)).toBe(ErrorCode.SUCCESS);
    expect(await peekInts(guest, 128, 4)).toEqual([15, -3, 21, 3000]);
    await guest.terminate();
  });
});

describe('guests sharing one host', () => {
  it('reach only their own handles: another guest’s ids are INVALID_HANDLE whatever their value', async () => {
    const host = createHost({ device: 'sequential' });
    const a = await instantiateGuest(PROBE('1 10 shared'), { host });
    const b = await instantiateGuest(PROBE('1 10 shared'), { host });
    const ofA = await prepare(a);
    const ofB = await prepare(b);
    expect(await call(b, 'read_buffer', ofA.output, 256, 16)).toBe(ErrorCode.INVALID_HANDLE);
    expect(await call(b, 'write_buffer', 64, 16, ofA.input)).toBe(ErrorCode.INVALID_HANDLE);
    expect(await call(b, 'create_buffer', ofA.device === ofB.device ? 0xbad : ofA.device, 16, 0, 12)).toBe(ErrorCode.INVALID_HANDLE);
    // B lists A's buffers as its kernel's buffers.
    await b.invoke('store', 32, ofA.input);
    await b.invoke('store', 36, ofA.output);
    expect(await exec(b, ofB.device, TRIPLE)).toBe(ErrorCode.INVALID_HANDLE);
    // A's data is untouched and A still works.
    expect(await exec(a, ofA.device, TRIPLE)).toBe(ErrorCode.SUCCESS);
    expect(await peekInts(a, 128, 4)).toEqual([15, -3, 21, 3000]);
    await a.terminate();
    await b.terminate();
    await host.close();
  });

  it('free what they created when they end: buffers die with their guest', async () => {
    const host = createHost({ device: 'sequential' });
    for (let round = 0; round < 5; round++) {
      const guest = await instantiateGuest(PROBE('1'), { host });
      await prepare(guest);
      expect(host.usage().buffers).toBe(2);
      await guest.terminate();
      expect(host.usage()).toMatchObject({ buffers: 0, bufferBytes: 0 });
    }
    await host.close();
  });
});

describe('guest runner', () => {
  it('shares one instance between invokes', async () => {
    const guest = await instantiateGuest(PROBE('1'));
    await guest.invoke('store', 8, 41);
    expect(await call(guest, 'load', 8)).toBe(41);
    await guest.terminate();
  });

  it('gives start() the exit code of proc_exit', async () => {
    const exit = (code: number) =>
      wat(`(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const ${code}))))`);
    for (const code of [0, 3]) {
      const guest = await instantiateGuest(exit(code));
      expect(await guest.start()).toBe(code);
      await guest.terminate();
    }
  });

  it('serves the guest from the host it is given', async () => {
    const resolved: { id: number; backend: string }[] = [];
    const host = createHost({ device: 'sequential', onEvent: (event) => resolved.push(event.device) });
    const guest = await instantiateGuest(PROBE('1'), { host });
    const { device } = await prepare(guest);
    expect(resolved).toEqual([expect.objectContaining({ id: device, backend: 'sequential' })]);
    await guest.terminate();
  });

  it('rejects a guest trap from invoke without losing the instance', async () => {
    const guest = await instantiateGuest(PROBE('1'));
    await expect(guest.invoke('load', 70000)).rejects.toThrow(/out of bounds/);
    expect(await call(guest, 'load', 0)).toBe(0);
    await guest.terminate();
  });
});

describe('upgradeMemoryToShared', () => {
  it('makes a defined memory shared with a maximum, and the module stays valid', () => {
    const upgraded = upgradeMemoryToShared(wat('(module (memory (export "memory") 2) (data (i32.const 0) "hi"))'))!;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(upgraded as Uint8Array<ArrayBuffer>));
    const memory = instance.exports.memory as WebAssembly.Memory;
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(memory.buffer.byteLength).toBe(2 * 65536);
    expect(new TextDecoder().decode(new Uint8Array(memory.buffer, 0, 2))).toBe('hi');
  });

  it('leaves modules without a defined memory alone', () => {
    expect(upgradeMemoryToShared(wat('(module (import "env" "memory" (memory 1)))'))).toBeUndefined();
  });
});
