// Measures the threads backend on this machine: the warm empty round trip, the fused chunk loop
// against a JS call per iteration, and 1 vs 2 workers on mandelbrot. Medians of warm runs.
// Usage: node packages/backend-threads/scripts/measure.mjs  (after building core, kernel,
// this package and the examples: examples/build/mandelbrot-kernel.wasm)
import { readFileSync } from 'node:fs';
import { BufferAccessKind, DeviceKind, createHost, createRegistry } from '@wasi-parallel/core';
import { backendFactory } from '@wasi-parallel/backend-threads';
import wabtInit from 'wabt';

const wabt = await wabtInit();
const wat = (text) => new Uint8Array(wabt.parseWat('k.wat', text, { threads: true }).toBinary({}).buffer);
const EMPTY = wat('(module (import "env" "memory" (memory 1 1 shared)) (func (export "kernel") (param i32 i32 i32)))');
// y[i] = 2·x[i] + y[i], f32: a cheap iteration, where the per-iteration call cost shows.
const SAXPY = wat(`(module (import "env" "memory" (memory 1 65536 shared))
  (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $x i32) (param $xl i32) (param $y i32) (param $yl i32)
    (local $o i32) (local.set $o (i32.shl (local.get $i) (i32.const 2)))
    (f32.store (i32.add (local.get $y) (local.get $o))
      (f32.add (f32.mul (f32.const 2) (f32.load (i32.add (local.get $x) (local.get $o)))) (f32.load (i32.add (local.get $y) (local.get $o)))))))`);
const MANDELBROT = readFileSync(new URL('../../../examples/build/mandelbrot-kernel.wasm', import.meta.url));

async function open(options) {
  const registry = createRegistry();
  registry.register({ ...backendFactory, init: () => backendFactory.init({ options }) });
  const host = createHost({ registry });
  return { host, device: await host.getDevice(DeviceKind.CPU) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(runs, body) {
  await body(); // warm: compiles and instantiates
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await body();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const results = {};
{
  const { host, device } = await open({});
  results['empty round trip, 2 workers, median µs'] = (await time(5000, () => host.parallelFor(device, EMPTY, 2, 1, []))) * 1000;
  await host.close();
}
for (const loop of ['wasm', 'js']) {
  const { host, device } = await open({ workers: 2, loop });
  const n = 1 << 22;
  const x = await host.createBuffer(device, n * 4, BufferAccessKind.READ);
  const y = await host.createBuffer(device, n * 4, BufferAccessKind.READ_WRITE);
  results[`saxpy 4M iterations, ${loop} loop, ms`] = await time(7, () => host.parallelFor(device, SAXPY, n, 1, [x, y]));
  await host.close();
}
for (const [workers, loop] of [[1, 'wasm'], [2, 'wasm'], [2, 'js']]) {
  const { host, device } = await open({ workers, loop });
  const size = 1024;
  const params = await host.createBuffer(device, 12, BufferAccessKind.READ);
  await host.writeBuffer(Int32Array.of(size, size, 256), params);
  const pixels = await host.createBuffer(device, size * size, BufferAccessKind.WRITE);
  results[`mandelbrot 1024², ${workers} worker(s), ${loop} loop, ms`] = await time(7, () =>
    host.parallelFor(device, MANDELBROT, size, 1, [params, pixels]).then(() => host.readBuffer(pixels)),
  );
  await host.close();
}
for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(48)} ${value.toFixed(2)}`);
