import { DeviceKind, ErrorCode } from '@wasi-parallel/core';
import { instantiateGuest, type GuestInstance } from '@wasi-parallel/core/guest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openThreadsHost, type ThreadsHost } from './support/threads-host.js';
import { at, kernel, wat } from './support/wat.js';

const N = 256;
const KERNEL_AT = 4096;
const IN_AT = 65536;
const OUT_AT = IN_AT + 4 * N;
const SCRIBBLE_AT = 2048;

// out[i] = in[i]·3 + i, and i at SCRIBBLE_AT + 4i: outside every buffer, inside guest memory.
const KERNEL = kernel(2, `
  (i32.store ${at(1)} (i32.add (i32.mul (i32.load ${at(0)}) (i32.const 3)) (local.get $i)))
  (i32.store (i32.add (i32.const ${SCRIBBLE_AT}) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))`);

const escaped = Array.from(KERNEL, (byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('');

/**
 * A guest with the prototype's import shapes and an unshared memory (core upgrades it to
 * shared), carrying its kernel in a data segment. `run` fills in[i] = 7i, makes the two
 * buffers alias [IN_AT…) and [OUT_AT…) and calls parallel_exec on a CPU device.
 */
const GUEST = wat(`(module
  (import "wasi_ephemeral_parallel" "get_device" (func $get_device (param i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "create_buffer" (func $create_buffer (param i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "write_buffer" (func $write_buffer (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "parallel_exec" (func $parallel_exec (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 4)
  (data (i32.const ${KERNEL_AT}) "${escaped}")
  (func $check (param $code i32) (if (local.get $code) (then unreachable)))
  (func (export "run") (result i32) (local $i i32)
    (loop $fill
      (i32.store (i32.add (i32.const ${IN_AT}) (i32.shl (local.get $i) (i32.const 2))) (i32.mul (local.get $i) (i32.const 7)))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const ${N}))))
    (call $check (call $get_device (i32.const ${DeviceKind.CPU}) (i32.const 0)))
    (call $check (call $create_buffer (i32.load (i32.const 0)) (i32.const ${4 * N}) (i32.const 0) (i32.const 4)))
    (call $check (call $create_buffer (i32.load (i32.const 0)) (i32.const ${4 * N}) (i32.const 1) (i32.const 8)))
    (call $check (call $write_buffer (i32.const ${IN_AT}) (i32.const ${4 * N}) (i32.load (i32.const 4))))
    (call $check (call $write_buffer (i32.const ${OUT_AT}) (i32.const ${4 * N}) (i32.load (i32.const 8))))
    (i32.store (i32.const 32) (i32.load (i32.const 4)))
    (i32.store (i32.const 36) (i32.load (i32.const 8)))
    (call $parallel_exec (i32.load (i32.const 0)) (i32.const ${KERNEL_AT}) (i32.const ${KERNEL.length})
      (i32.const ${N}) (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 36) (i32.const 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`);

describe('through the guest ABI (core’s guest runner)', () => {
  let t: ThreadsHost;
  let guest: GuestInstance;
  beforeAll(async () => {
    t = await openThreadsHost({ workers: 2 });
    guest = await instantiateGuest(GUEST, { host: t.host });
  });
  afterAll(async () => {
    await guest.terminate();
    await t.host.close();
  });

  it('runs the kernel in place over the guest memory: results and stray writes land in the guest', async () => {
    expect(guest.memoryMode).toBe('shared');
    expect(await guest.invoke('run')).toEqual([ErrorCode.SUCCESS]);
    expect(t.threads.lastCall!.mode).toBe('guest-memory');
    for (const i of [0, 1, 100, N - 1]) {
      expect(await guest.invoke('load', OUT_AT + 4 * i)).toEqual([i * 7 * 3 + i]);
      expect(await guest.invoke('load', SCRIBBLE_AT + 4 * i)).toEqual([i]);
    }
  });
});
