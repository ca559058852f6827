import { createHost, createRegistry, DeviceKind } from '@wasi-parallel/core';
import { backendFactory } from '@wasi-parallel/backend-threads';
import wabtInit from 'wabt';
const wabt = await wabtInit();
const empty = wabt.parseWat('e.wat', `(module (import "env" "memory" (memory 1 1 shared)) (func (export "kernel") (param i32 i32 i32)))`, { threads: true }).toBinary({}).buffer;
for (const opts of JSON.parse(process.argv[2])) {
  const registry = createRegistry(); registry.register({ ...backendFactory, init: (o) => backendFactory.init({ options: opts }) });
  const host = createHost({ registry });
  const dev = await host.getDevice(DeviceKind.CPU);
  const device = host.backendOf(dev).devices[0];
  const src = { bytes: empty, hash: 'x' };
  for (const via of ['host', 'device']) {
    const times = [];
    for (let i = 0; i < 4000; i++) {
      const t = performance.now();
      if (via === 'host') await host.parallelFor(dev, empty, 2, 1, []);
      else await device.parallelFor({ kernel: src, numIterations: 2, blockSize: 1, buffers: [] });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify(opts), via, 'median µs', (times[2000] * 1000).toFixed(1), 'p10', (times[400] * 1000).toFixed(1), 'p90', (times[3600] * 1000).toFixed(1));
  }
  await host.close();
}
