// Run by test/process-exit.test.ts in a child process: uses the free functions, closes nothing.

import '@wasi-parallel/backend-threads/register';
import { BufferAccessKind, createBuffer, DeviceKind, getDevice, parallelFor, readBuffer } from '@wasi-parallel/core';
import wabtInit from 'wabt';
const wabt = await wabtInit();
const kernel = wabt.parseWat('k.wat', `(module (import "env" "memory" (memory 1 100 shared))
  (func (export "kernel") (param $i i32) (param i32 i32) (param $p i32) (param i32)
    (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))))`, { threads: true }).toBinary({}).buffer;
const device = await getDevice(DeviceKind.CPU);
const out = await createBuffer(device, 16, BufferAccessKind.WRITE);
await parallelFor(device, kernel, 4, 1, [out]);
console.log(device.backend, ...new Int32Array((await readBuffer(out)).buffer));