import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIPLE } from './wat.js';

// Core's main entry must load in a browser (no Node imports) and run kernels there. This serves
// dist/ with the headers that give a page SharedArrayBuffer (cross-origin isolation) and runs a
// kernel on the sequential device in Debian's chromium (installed by scripts/setup.sh).
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PAGE = `<!doctype html><script type="module">
try {
const { createHost, DeviceKind, BufferAccessKind, ErrorCode } = await import('./index.js');
const kernel = new Uint8Array([${[...TRIPLE].join(',')}]);
const host = createHost();
const device = await host.getDevice(DeviceKind.DISCRETE_GPU);
const input = await host.createBuffer(device, 16, BufferAccessKind.READ);
const output = await host.createBuffer(device, 16, BufferAccessKind.WRITE);
await host.writeBuffer(new Int32Array([1, -2, 3, 40]), input);
await host.parallelFor(device, kernel, 4, 1, [input, output]);
const bytes = await host.readBuffer(output);
let refused;
try { await host.parallelFor(device, new Uint8Array([1, 2, 3]), 1, 1, [input, output]); } catch (error) { refused = error.code; }
window.result = { backend: device.backend, values: [...new Int32Array(bytes.buffer, bytes.byteOffset, 4)], refused, expectedCode: ErrorCode.INVALID_KERNEL, isolated: crossOriginIsolated };
} catch (error) {
  window.result = { error: String(error && error.stack || error) };
}
</script>`;

let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(PAGE);
      return;
    }
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('core in a browser', () => {
  it('loads, resolves a device and runs a kernel with the same bytes and error codes as in Node', async () => {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined, undefined, { timeout: 20_000 });
    const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
    expect(result).toEqual({ backend: 'sequential', values: [3, -6, 9, 120], refused: result.expectedCode, expectedCode: 6, isolated: true });
  });
});
