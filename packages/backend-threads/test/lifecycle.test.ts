import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferAccessKind, ErrorCode } from '@wasi-parallel/core';
import { at, kernel } from './support/wat.js';
import { openThreadsHost } from './support/threads-host.js';

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A throwaway consumer package outside the monorepo that depends on core and this backend
 * (symlinked, as npm links workspaces): it imports both by name, so the worker file must be
 * found from the built dist/ whoever imports it.
 */
function consumerPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'threads-consumer-'));
  mkdirSync(join(dir, 'node_modules', '@wasi-parallel'), { recursive: true });
  for (const name of ['core', 'backend-threads', 'kernel']) {
    symlinkSync(join(packagesDir, name), join(dir, 'node_modules', '@wasi-parallel', name), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  return dir;
}

// out[i] = i * i over 1000 iterations, then the host is closed and nothing else happens:
// the process must end by itself, which it cannot while a worker thread lives.
const EXPLICIT_HOST = `
import { BufferAccessKind, DeviceKind, createHost, createRegistry } from '@wasi-parallel/core';
import { backendFactory } from '@wasi-parallel/backend-threads';
const kernel = Uint8Array.from(${JSON.stringify(Array.from(squareKernel()))});
const registry = createRegistry();
registry.register(backendFactory);
const host = createHost({ registry });
const device = await host.getDevice(DeviceKind.CPU);
const out = await host.createBuffer(device, 4000, BufferAccessKind.WRITE);
await host.parallelFor(device, kernel, 1000, 1, [out]);
const values = new Int32Array((await host.readBuffer(out)).buffer);
console.log(JSON.stringify({ backend: device.backend, name: device.name, last: values[999] }));
await host.close();
`;

// The side-effect entry point with core's default host.
const REGISTER_ENTRY = `
import '@wasi-parallel/backend-threads/register';
import { BufferAccessKind, DeviceKind, createBuffer, defaultHost, getDevice, parallelFor, readBuffer } from '@wasi-parallel/core';
const kernel = Uint8Array.from(${JSON.stringify(Array.from(squareKernel()))});
const device = await getDevice(DeviceKind.CPU);
const out = await createBuffer(device, 4000, BufferAccessKind.WRITE);
await parallelFor(device, kernel, 1000, 1, [out]);
const values = new Int32Array((await readBuffer(out)).buffer);
console.log(JSON.stringify({ backend: device.backend, name: device.name, last: values[999] }));
await defaultHost().close();
`;

/** out[i] = i·i; its bytes are written into the child's script, which needs no assembler. */
function squareKernel(): Uint8Array {
  return kernel(1, `(i32.store ${at(0)} (i32.mul (local.get $i) (local.get $i)))`);
}

describe('lifecycle', () => {
  let dir: string;
  beforeAll(() => {
    dir = consumerPackage();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['an explicit host and registry', EXPLICIT_HOST],
    ['the register entry point and the default host', REGISTER_ENTRY],
  ])('closing %s leaves no worker: the process exits by itself', (_, source) => {
    const script = join(dir, `main-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(script, source);
    const child = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(child.error).toBeUndefined(); // a spawnSync timeout shows up here
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ backend: 'threads', name: expect.stringMatching(/^cpu-\d+-workers$/), last: 999 * 999 });
  });
});

describe('closing during a call', () => {
  it('ends a call that would never finish with DEVICE_LOST', async () => {
    const t = await openThreadsHost({ workers: 2 });
    // Spins while flag[0] is 1; a first call with 0 instantiates it, so the second is all hot path.
    const spinWhileSet = kernel(1, '(loop $spin (br_if $spin (i32.load (local.get $p0))))');
    const flag = await t.host.createBuffer(t.device, 4, BufferAccessKind.READ);
    await t.host.parallelFor(t.device, spinWhileSet, 100, 1, [flag]);
    await t.host.writeBuffer(Int32Array.of(1), flag);
    const forever = t.host.parallelFor(t.device, spinWhileSet, 100, 1, [flag]);
    const settled = forever.then(
      () => undefined,
      (error: { code?: number }) => error.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await t.host.close();
    expect(await settled).toBe(ErrorCode.DEVICE_LOST);
  });
});
