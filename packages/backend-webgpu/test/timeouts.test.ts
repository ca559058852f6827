import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ErrorCode, admitKernel, isWasiParallelError, type Device } from '@wasi-parallel/core';
import { WebGpuBackend } from '@wasi-parallel/backend-webgpu';
import { run, sequential, wat } from './harness.js';

// Runaway kernels on SwiftShader, where nothing else ends them: `(loop (br 0))` came back with
// SUCCESS (and no bytes written) before every loop got a budget.
const HEADER = `(import "" "memory" (memory 1 65536 shared))`;
const PARAMS = '(param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32)';
/** Iteration 2 spins forever; the others store their id. */
const SPIN = wat(`(module ${HEADER}
  (func (export "kernel") ${PARAMS}
    (if (i32.eq (local.get $i) (i32.const 2)) (then (loop $forever (br $forever))))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))))`);
/** out[i] = the number of iterations of a loop that runs `blockSize` times. */
const COUNT = wat(`(module ${HEADER}
  (func (export "kernel") ${PARAMS} (local $j i32)
    (loop $again
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $j) (local.get $bs))))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $j))))`);

async function call(device: Device, kernel: Uint8Array, blockSize: number, timeoutMs: number): Promise<unknown> {
  const buffer = await device.createBuffer(16, 2);
  return device.parallelFor({ kernel: admitKernel(kernel), numIterations: 4, blockSize, buffers: [buffer], timeoutMs }).catch((thrown: unknown) => thrown);
}

const code = (outcome: unknown) => (isWasiParallelError(outcome) ? outcome.code : outcome);

let backend: WebGpuBackend;
beforeAll(async () => {
  // 10 loop iterations per millisecond of timeout: a budget small enough to run out first.
  backend = await WebGpuBackend.create({ adapter: 'swiftshader', loopTicksPerMs: 10 });
});
afterAll(async () => backend.dispose());

describe('runaway kernels', () => {
  it('an invocation that uses up its loop budget ends the call with TIMEOUT; within the budget it runs', async () => {
    const device = backend.devices[0]!;
    // 20 s of timeout = 200,000 iterations of budget: the host gives up long after the budget does.
    expect(code(await call(device, COUNT, 1_000_000, 20_000))).toBe(ErrorCode.TIMEOUT);
    const specs = [{ bytes: new Uint8Array(16) }];
    expect(await run(device, COUNT, 4, specs, 150_000)).toEqual(await run(sequential, COUNT, 4, specs, 150_000));
  });

  it('a dispatch still running at the timeout is abandoned with TIMEOUT, and the next call runs on a new GPU device', async () => {
    const fast = await WebGpuBackend.create({ adapter: 'swiftshader' });
    try {
      const device = fast.devices[0]!;
      const before = device.gpuDevice;
      expect(code(await call(device, SPIN, 1, 300))).toBe(ErrorCode.TIMEOUT);
      const specs = [{ bytes: new Uint8Array(16) }];
      expect(await run(device, COUNT, 7, specs)).toEqual(await run(sequential, COUNT, 7, specs));
      expect(device.gpuDevice).not.toBe(before);
    } finally {
      await fast.dispose();
    }
  });
});

const exec = promisify(execFile);

// The CLI relies on this: a guest whose kernel ran away gets TIMEOUT, the host closes, and the
// process exits on its own (close() must not wait for, or block on, the GPU).
const SCRIPT = `
import { BufferAccessKind, DeviceKind, createHost, createRegistry } from '@wasi-parallel/core';
import { createWebGpuBackendFactory } from '@wasi-parallel/backend-webgpu';
const registry = createRegistry();
registry.register(createWebGpuBackendFactory({ adapter: 'swiftshader' }));
const host = createHost({ registry, env: {}, timeoutMs: 300 });
const device = await host.getDevice(DeviceKind.DISCRETE_GPU);
const kernel = new Uint8Array([${[...SPIN].join(',')}]);
const buffer = await host.createBuffer(device, 16, BufferAccessKind.WRITE);
const outcome = await host.parallelFor(device, kernel, 4, 1, [buffer]).then(() => 'ok', (error) => error.code);
await host.close();
console.log(outcome, 'closed');
`;

describe('lifecycle after a runaway kernel', () => {
  it('the host closes and the process exits on its own', async () => {
    // FORCE_COLOR (set by nx for its tasks) would colour the number console.log prints.
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: process.cwd(), timeout: 90_000, env: { ...process.env, FORCE_COLOR: '0' } });
    expect(stdout.trim()).toBe(`${ErrorCode.TIMEOUT} closed`);
  }, 100_000);
});
