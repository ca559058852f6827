import { backendFactory } from '@wasi-parallel/backend-threads';
import { HostRunner, CaseData, kernelById } from '@wasi-parallel/bench';
for (const workers of [1, 2]) {
  const r = new HostRunner(`threads@workers=${workers}`, backendFactory, { workers });
  await r.open();
  const data = new CaseData(kernelById('mandelbrot').caseFor('large'));
  const m = await r.measure(data, 'scalar', { warmup: 1, repetitions: 5 });
  const dev = (await backendFactory.init({})).devices; // not the same backend object
  console.log(workers, m.samplesMs.map((x) => x.toFixed(1)).join(' '), await data.check(m.outputs));
  await r.close();
}
