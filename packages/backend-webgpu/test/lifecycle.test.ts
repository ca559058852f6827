import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// The CLI relies on this: nothing the backend creates (Dawn, its devices and threads) keeps Node
// alive once the work is done.
// The kernel: out[i] = i as a byte, for memory "" "memory" (1 page, shared).
const SCRIPT = `
import { BufferAccessKind, DeviceKind, createHost, createRegistry } from '@wasi-parallel/core';
import { backendFactory } from '@wasi-parallel/backend-webgpu';
const registry = createRegistry();
registry.register(backendFactory);
const host = createHost({ registry, env: {} });
const device = await host.getDevice(DeviceKind.DISCRETE_GPU);
const kernel = new Uint8Array([0,97,115,109,1,0,0,0,1,9,1,96,5,127,127,127,127,127,0,2,15,1,0,6,109,101,109,111,114,121,2,3,1,128,128,4,3,2,1,0,7,10,1,6,107,101,114,110,101,108,0,0,10,14,1,12,0,32,3,32,0,106,32,0,58,0,0,11]);
const buffer = await host.createBuffer(device, 4, BufferAccessKind.WRITE);
await host.parallelFor(device, kernel, 4, 1, [buffer]);
console.log(device.backend, [...await host.readBuffer(buffer)].join(','));
await host.close();
`;

describe('lifecycle', () => {
  it('a process that ran a kernel on the GPU exits on its own', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: process.cwd(), timeout: 60_000 });
    expect(stdout.trim()).toBe('webgpu 0,1,2,3');
  }, 70_000);
});
