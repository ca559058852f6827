import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BufferAccessKind, createHost, createRegistry, DEFAULTS, DeviceKind, ErrorCode, referenceBackendFactory, type DispatchRequest } from '@wasi-parallel/core';
import { kernel, TRIPLE } from './wat.js';

const RUNAWAY = kernel(0, '(loop (br 0))');

async function sequentialHost(timeoutMs?: number) {
  const host = createHost({ device: 'sequential', ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  return { host, device: await host.getDevice(DeviceKind.SEQUENTIAL) };
}

describe('the sequential device', () => {
  it('ends a runaway kernel at the call’s timeout and runs the next call', async () => {
    const { host, device } = await sequentialHost(300);
    expect(host.backendOf(device).capabilities.timeouts).toBe(true);
    await expect(host.parallelFor(device, RUNAWAY, 1, 1, [])).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    await expect(host.parallelFor(device, RUNAWAY, 2 ** 32 - 1, 1, [])).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    const input = await host.createBuffer(device, 16, BufferAccessKind.READ);
    const output = await host.createBuffer(device, 16, BufferAccessKind.WRITE);
    await host.writeBuffer(new Int32Array([1, 2, 3, 4]), input);
    await host.parallelFor(device, TRIPLE, 4, 1, [input, output]);
    expect([...new Int32Array((await host.readBuffer(output)).buffer)]).toEqual([3, 6, 9, 12]);
    await host.close();
  });

  it('gets a default timeout on every call, and 0 turns it off', async () => {
    const requests: DispatchRequest[] = [];
    const registry = createRegistry();
    registry.register(referenceBackendFactory({ name: 'spy', kind: DeviceKind.CPU, parallelFor: (inner, request) => (requests.push(request), inner.parallelFor(request)) }));
    for (const [options, expected] of [[{}, DEFAULTS.KERNEL_TIMEOUT_MS], [{ timeoutMs: 0 }, 0]] as const) {
      const host = createHost({ registry, device: 'spy', ...options });
      const device = await host.getDevice(DeviceKind.CPU);
      await host.parallelFor(device, kernel(0, ''), 1, 1, []);
      expect(requests.at(-1)!.timeoutMs).toBe(expected);
      await host.close();
    }
    expect(() => createHost({ timeoutMs: -1 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });

  it('shows no call what a call on other buffers left beyond its own; a call on the same buffers may reuse its memory', async () => {
    const { host, device } = await sequentialHost();
    // Reads the word just past its buffer into it, then leaves 0x5eed there for the next call.
    const peek = kernel(1, `(i32.store (local.get $p0) (i32.load (i32.add (local.get $p0) (i32.const 4))))
      (i32.store (i32.add (local.get $p0) (i32.const 4)) (i32.const 0x5eed))`);
    const words = async (buffer: Awaited<ReturnType<typeof host.createBuffer>>) => [...new Int32Array((await host.readBuffer(buffer)).buffer)];
    for (let call = 0; call < 3; call++) {
      const out = await host.createBuffer(device, 4, BufferAccessKind.READ_WRITE);
      await host.parallelFor(device, peek, 1, 1, [out]);
      expect(await words(out)).toEqual([0]);
    }
    const same = await host.createBuffer(device, 4, BufferAccessKind.READ_WRITE);
    await host.parallelFor(device, peek, 1, 1, [same]);
    await host.parallelFor(device, peek, 1, 1, [same]);
    expect([[0], [0x5eed]]).toContainEqual(await words(same));
    await host.close();
  });

  it('reports a trap with its iteration and keeps working', async () => {
    const { host, device } = await sequentialHost();
    const trap = kernel(0, '(if (i32.eq (local.get $i) (i32.const 3)) (then unreachable))');
    await expect(host.parallelFor(device, trap, 10, 1, [])).rejects.toMatchObject({ code: ErrorCode.KERNEL_TRAP, details: { iteration: 3 } });
    await host.parallelFor(device, trap, 3, 1, []);
    await host.close();
  });
});

describe('the kernel thread', () => {
  // V8 flags (--expose-gc, --stack-size) are refused in a worker's execArgv: the kernel thread
  // starts without them (they are process-wide anyway) and without the main script's own flags.
  it.each([[[]], [['--expose-gc', '--stack-size=2000', '--enable-source-maps']]])('never holds the process open: a program that runs a kernel and never closes its host exits (node %j)', (flags: string[]) => {
    const script = `
      import { createHost, DeviceKind, BufferAccessKind } from '@wasi-parallel/core';
      const host = createHost();
      const device = await host.getDevice(DeviceKind.SEQUENTIAL);
      const out = await host.createBuffer(device, 4, BufferAccessKind.WRITE);
      await host.parallelFor(device, new Uint8Array([${[...kernel(1, '(i32.store (local.get $p0) (i32.const 7))')].join(',')}]), 1, 1, [out]);
      process.stdout.write(String(new Int32Array((await host.readBuffer(out)).buffer)[0]));`;
    const run = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.stdout.trim()).toBe('7');
    expect(run.status).toBe(0);
  });
});

describe('per-host limits', () => {
  it('refuses buffers past the count and byte bounds with OUT_OF_MEMORY, and frees what it counted', async () => {
    const host = createHost({ limits: { maxBuffers: 3, maxBufferBytes: 1000 } });
    const device = await host.getDevice(DeviceKind.SEQUENTIAL);
    const big = await host.createBuffer(device, 900, BufferAccessKind.READ);
    await expect(host.createBuffer(device, 101, BufferAccessKind.READ)).rejects.toMatchObject({ code: ErrorCode.OUT_OF_MEMORY });
    const small = [await host.createBuffer(device, 50, BufferAccessKind.READ), await host.createBuffer(device, 50, BufferAccessKind.READ)];
    await expect(host.createBuffer(device, 1, BufferAccessKind.READ)).rejects.toMatchObject({ code: ErrorCode.OUT_OF_MEMORY });
    expect(host.usage()).toMatchObject({ buffers: 3, bufferBytes: 1000 });
    await host.freeBuffer(big);
    await host.createBuffer(device, 900, BufferAccessKind.READ);
    expect(small).toHaveLength(2);
    await host.close();
    expect(host.usage()).toMatchObject({ buffers: 0, bufferBytes: 0 });
  });
});
