import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, compileC, EXAMPLES_BUILD, kernelFile } from './support/kernels.js';
import { f32Bytes, i32Bytes, READ, READ_WRITE, runBoth, WRITE } from './support/dispatch.js';

// Held to Vitis HLS: the facts the u280 profile models come from public HLS reports of an Alveo
// U280 at 300 MHz (docs/backends/fpga.md); these check the scheduler reproduces what the tool
// reports for the same loops.
describe('u280 schedules match what Vitis HLS reports', () => {
  it('the f32 dot product: II 7 bound by the accumulation (f32.add, 6 cycles + 1), loop latency within 10% of Vitis 2022.2', async () => {
    const trips = 1024;
    const x = Float32Array.from({ length: trips }, (_, k) => Math.sin(k) * 3);
    const y = Float32Array.from({ length: trips }, (_, k) => Math.cos(k) / 7);
    const { fpga, reference, report } = await runBoth({
      kernel: compileC(kernelFile('dot.c')),
      numIterations: 1,
      blockSize: 1,
      buffers: [
        { access: READ, data: f32Bytes(x) },
        { access: READ, data: f32Bytes(y) },
        { access: WRITE, data: new Uint8Array(4) },
      ],
    });
    expect(fpga).toEqual(reference);
    const loop = report.loops.find((entry) => entry.pipelined)!;
    expect(loop.ii).toBe(7);
    expect(loop.bound).toMatchObject({ kind: 'recurrence', latency: 7, distance: 1 });
    if (loop.bound?.kind !== 'recurrence') throw new Error('unreachable');
    expect(loop.bound.operations.join(' ')).toContain('f32.add');
    expect(loop.trips).toBe(trips);
    // Vitis: latency = (trips − 1)·II + depth − 1 = 7,245 cycles at depth 85 (its m_axi reads add
    // ~70 cycles of depth our on-chip buffers do not; the II term dominates).
    expect(loop.cycles).toBe((trips - 1) * 7 + loop.depth! - 1);
    expect(Math.abs(loop.cycles - 7245) / 7245).toBeLessThan(0.1);
  });

  it('a 3-point stencil reading one dual-port buffer three times per iteration: II 2, port-bound', async () => {
    const count = 1000;
    const input = Int32Array.from({ length: count + 2 }, (_, k) => k * 7 - 300);
    const { fpga, reference, report } = await runBoth({
      kernel: assemble(kernelFile('stencil.wat')),
      numIterations: count,
      blockSize: 1,
      buffers: [
        { access: READ, data: i32Bytes(input) },
        { access: WRITE, data: new Uint8Array(count * 4) },
      ],
    });
    expect(fpga).toEqual(reference);
    expect(report.iterationLoop).toMatchObject({ pipelined: true, ii: 2, bound: { kind: 'port', bank: 'buffer 0', accesses: 3, ports: 2 } });
  });

  it('saxpy (the example kernel): II 1, every element of y read and written once per trip on its two ports', async () => {
    const n = 10_000;
    const block = 4096;
    const { fpga, reference, report } = await runBoth({
      kernel: new Uint8Array(readFileSync(join(EXAMPLES_BUILD, 'saxpy-kernel.wasm'))),
      numIterations: Math.ceil(n / block),
      blockSize: block,
      buffers: [
        { access: READ, data: f32Bytes([2.5]) },
        { access: READ, data: f32Bytes(Array.from({ length: n }, (_, i) => i * 0.5)) },
        { access: READ_WRITE, data: f32Bytes(Array.from({ length: n }, (_, i) => (n - i) * 0.25)) },
      ],
    });
    expect(fpga).toEqual(reference);
    const loop = report.loops.find((entry) => entry.pipelined)!;
    expect(loop).toMatchObject({ ii: 1, bound: { kind: 'none' }, trips: n });
  });
});
