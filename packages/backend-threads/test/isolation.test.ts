import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferAccessKind } from '@wasi-parallel/core';
import { at, kernel } from './support/wat.js';
import { openThreadsHost, readInt32, type ThreadsHost } from './support/threads-host.js';

const WORDS = 1024;

describe('a call never sees what a call on other buffers left', () => {
  let t: ThreadsHost;
  beforeAll(async () => {
    t = await openThreadsHost({ workers: 2 });
  });
  afterAll(() => t.host.close());

  async function run(bytes: Uint8Array, iterations = WORDS): Promise<Int32Array> {
    const out = await t.host.createBuffer(t.device, WORDS * 4, BufferAccessKind.WRITE);
    await t.host.parallelFor(t.device, bytes, iterations, 1, [out]);
    return readInt32(t.host, out);
  }

  it('memory past the buffers: zero, not the previous call’s words', async () => {
    // out[i] = the word 4 KiB past out[i] (past the buffer); then that word = a secret.
    const peek = kernel(1, `
      (i32.store ${at(0)} (i32.load offset=${WORDS * 4} ${at(0)}))
      (i32.store offset=${WORDS * 4} ${at(0)} (i32.add (i32.const 0x5ec2e7) (local.get $i)))`);
    await run(peek);
    expect(await run(peek)).toEqual(new Int32Array(WORDS));
  });

  it('the kernel’s static data and globals: as instantiation sets them, not as the previous call left them', async () => {
    // out[0] = the static word at 64 (42 from the data segment) + a global (from 0); then both
    // change. One iteration per call, each call on a buffer of its own: each must start over.
    const stateful = kernel(
      1,
      `(i32.store ${at(0)} (i32.add (i32.load (i32.const 64)) (global.get $seen)))
       (i32.store (i32.const 64) (i32.const 1000))
       (global.set $seen (i32.const 7))`,
      undefined,
      '(global $seen (mut i32) (i32.const 0)) (data (i32.const 64) "\\2a\\00\\00\\00")',
    );
    expect((await run(stateful, 1))[0]).toBe(42);
    expect((await run(stateful, 1))[0]).toBe(42);
  });
  // The same buffers again keep the memory and instances: dispatch.test.ts's warm calls send no message.
});

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (name: string): string => pathToFileURL(join(packagesDir, name, 'dist', 'index.js')).href;

// Loads one kernel again and again: each call on a new buffer gets a fresh copy-path memory,
// so each is a cold load in the workers. Prints the heap growth per load after a warm-up.
const LOADS = `
import { BufferAccessKind, DeviceKind, createHost, createRegistry } from '${dist('core')}';
import { backendFactory } from '${dist('backend-threads')}';
const kernel = Uint8Array.from(KERNEL);
const registry = createRegistry();
registry.register({ ...backendFactory, init: () => backendFactory.init({ options: { workers: 1, vectorise: false } }) });
const host = createHost({ registry });
const device = await host.getDevice(DeviceKind.CPU);
const loads = async (n) => {
  for (let k = 0; k < n; k++) {
    const out = await host.createBuffer(device, 64, BufferAccessKind.WRITE);
    await host.parallelFor(device, kernel, 16, 1, [out]);
    await host.freeBuffer(out);
  }
};
const heap = async () => { for (let k = 0; k < 3; k++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 20)); } return process.memoryUsage().heapUsed; };
await loads(400);
const before = await heap();
await loads(3000);
console.log(JSON.stringify({ bytesPerLoad: ((await heap()) - before) / 3000 }));
await host.close();
`;

describe('kernel loads', () => {
  it('keep nothing once done: no heap growth per load (a wait on the pool closing is let go)', () => {
    const script = join(tmpdir(), `threads-loads-${process.pid}.mjs`);
    writeFileSync(script, LOADS.replace('KERNEL', JSON.stringify(Array.from(kernel(1, `(i32.store ${at(0)} (local.get $i))`)))));
    const child = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 120_000 });
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    // Measured: ~750 bytes a load while each load raced a promise that settled only at close; now noise around 0.
    expect(JSON.parse(child.stdout).bytesPerLoad).toBeLessThan(250);
  }, 180_000);
});
