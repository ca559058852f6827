import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { wat } from './harness.js';

const run = promisify(execFile);

/** A script that runs `kernel` (one buffer of 4 bytes, 4 iterations) on the GPU through the host API and prints the bytes. */
function script(kernel: Uint8Array): string {
  return `
import { BufferAccessKind, DeviceKind, createHost, createRegistry } from '@wasi-parallel/core';
import { backendFactory } from '@wasi-parallel/backend-webgpu';
const registry = createRegistry();
registry.register(backendFactory);
const host = createHost({ registry, env: {} });
const device = await host.getDevice(DeviceKind.DISCRETE_GPU);
const kernel = new Uint8Array([${[...kernel].join(',')}]);
const buffer = await host.createBuffer(device, 4, BufferAccessKind.WRITE);
await host.parallelFor(device, kernel, 4, 1, [buffer]);
console.log(device.backend, [...await host.readBuffer(buffer)].join(','));
await host.close();
`;
}

const HEADER = '(import "" "memory" (memory 1 65536 shared))';
const PARAMS = '(param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32)';

describe('lifecycle', () => {
  // The CLI relies on this: nothing the backend creates (Dawn, its devices and threads) keeps
  // Node alive once the work is done.
  it('a process that ran a kernel on the GPU exits on its own', async () => {
    const kernel = wat(`(module ${HEADER} (func (export "kernel") ${PARAMS} (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $i))))`);
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script(kernel)], { cwd: process.cwd(), timeout: 60_000 });
    expect(stdout.trim()).toBe('webgpu 0,1,2,3');
  }, 70_000);

  // The guest's own output goes to stdout; Dawn prints shader-compiler warnings there (its
  // logging callback is a printf), e.g. Tint's "code is unreachable" after an if whose arms
  // both branch away.
  it('no shader-compiler warning reaches stdout', async () => {
    const kernel = wat(`(module ${HEADER}
      (func (export "kernel") ${PARAMS}
        (block $done
          (block $odd
            (if (i32.and (local.get $i) (i32.const 1)) (then (br $odd)) (else (br $done)))
            (i32.store8 (i32.add (local.get $out) (local.get $i)) (i32.const 7)))
          (i32.store8 (i32.add (local.get $out) (local.get $i)) (i32.const 9)))))`);
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script(kernel)], { cwd: process.cwd(), timeout: 60_000 });
    expect(stdout).toBe('webgpu 0,9,0,9\n');
  }, 70_000);
});
