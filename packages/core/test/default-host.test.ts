import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BufferAccessKind, close, createBuffer, DeviceKind, ErrorCode, getDevice, readBuffer } from '../src/index.js';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

describe('the default host of the free functions', () => {
  it('close() frees its buffers; the next call starts a fresh host', async () => {
    const device = await getDevice(DeviceKind.SEQUENTIAL);
    const buffer = await createBuffer(device, 16, BufferAccessKind.READ_WRITE);
    await close();
    await expect(readBuffer(buffer)).rejects.toMatchObject({ code: ErrorCode.INVALID_HANDLE });
    const again = await createBuffer(await getDevice(DeviceKind.SEQUENTIAL), 16, BufferAccessKind.READ_WRITE);
    expect(await readBuffer(again)).toEqual(new Uint8Array(16));
    await close();
  });

  it('is one registry per process even when a second copy of core loads, and the second copy says so', () => {
    // Two installed copies, as npm leaves them when versions drift: a backend registering into
    // the second copy must land where the first copy's free functions look.
    const copies = mkdtempSync(join(tmpdir(), 'core-copies-'));
    for (const name of ['a', 'b']) cpSync(DIST, join(copies, name), { recursive: true });
    const [a, b] = ['a', 'b'].map((name) => pathToFileURL(join(copies, name, 'index.js')).href);
    const script = join(copies, 'check.mjs');
    writeFileSync(
      script,
      `const a = await import(${JSON.stringify(a)});
       const b = await import(${JSON.stringify(b)});
       b.defaultRegistry.register(b.referenceBackendFactory({ name: 'second-copy', kind: b.DeviceKind.CPU }));
       const device = await a.getDevice(a.DeviceKind.CPU);
       console.log(a.defaultRegistry === b.defaultRegistry, device.backend);`,
    );
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout).toBe('true second-copy\n');
    expect(result.stderr).toContain('two copies of @wasi-parallel/core are loaded');
    for (const name of ['a', 'b']) expect(result.stderr).toContain(pathToFileURL(join(copies, name)).href);
  });
});
