import { describe, expect, it, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { run, sequential, webgpu, bytesOf } from './harness.js';

const load = (name: string) => new Uint8Array(readFileSync(`../../examples/build/${name}`));
describe('scratch', () => {
  afterAll(async () => (await webgpu()).dispose());
  it('mandelbrot', async () => {
    const kernel = load('mandelbrot-kernel.wasm');
    const W = 203, H = 150;
    const params = bytesOf(new Int32Array([W, H, 200]));
    const out = new Uint8Array(W * H);
    const backend = await webgpu();
    const expected = await run(sequential, kernel, H, [{ bytes: params }, { bytes: out }]);
    const got = await run(backend.devices[0]!, kernel, H, [{ bytes: params }, { bytes: out }]);
    let diff = 0; for (let i = 0; i < out.length; i++) if (got[1]![i] !== expected[1]![i]) diff++;
    console.log('mandelbrot diffs', diff);
    expect(got[1]).toEqual(expected[1]);
  });
  it('saxpy', async () => {
    const kernel = load('saxpy-kernel.wasm');
    const n = 10000;
    const x = bytesOf(new Float32Array(n).map((_, i) => Math.sin(i)));
    const y = bytesOf(new Float32Array(n).map((_, i) => Math.cos(i)));
    const a = bytesOf(new Float32Array([1.7]));
    const backend = await webgpu();
    const expected = await run(sequential, kernel, Math.ceil(n / 256), [{ bytes: a }, { bytes: x }, { bytes: y }], 256);
    const got = await run(backend.devices[0]!, kernel, Math.ceil(n / 256), [{ bytes: a }, { bytes: x }, { bytes: y }], 256);
    expect(got[2]).toEqual(expected[2]);
  });
});
