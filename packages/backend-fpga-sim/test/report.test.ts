import { describe, expect, it } from 'vitest';
import { FPGA_PROFILES, resolveProfile } from '../src/index.js';
import { assemble, kernelFile, kernelParams } from './support/kernels.js';
import { i32Bytes, READ, runBoth, WRITE } from './support/dispatch.js';

const stencil = (count: number, blockSize: number) => ({
  kernel: assemble(kernelFile('stencil.wat')),
  numIterations: count,
  blockSize,
  buffers: [
    { access: READ, data: i32Bytes(Int32Array.from({ length: count + 2 }, (_, k) => k)) },
    { access: WRITE, data: new Uint8Array(count * 4) },
  ],
});

describe('the call report', () => {
  it('deals blocks of iterations to compute units; each unit streams its own through the pipeline', async () => {
    const { report } = await runBoth(stencil(1000, 100));
    const { ii, depth } = report.iterationLoop;
    // Ten blocks of 100 on four units: 3, 3, 2, 2 blocks.
    const expected = [300, 300, 200, 200].map((n) => (n - 1) * ii! + depth! - 1);
    expect(report.computeUnits).toBe(4);
    expect(report.computeUnitCycles).toEqual(expected);
    expect(report.cycles).toBe(expected[0]);
    expect(report.stalls.imbalance).toBe(2 * (expected[0]! - expected[2]!));
    expect(report.timeUs).toBeCloseTo(report.cycles / 300, 9);
  });

  it('a blockSize above N / units is the kernel’s own slice length: iterations are dealt one by one', async () => {
    const { report } = await runBoth(stencil(10, 8));
    expect(report.computeUnitCycles.map((cycles) => (cycles - report.iterationLoop.depth! + 1) / report.iterationLoop.ii! + 1)).toEqual([3, 3, 2, 2]);
  });

  it('is plain JSON, with a summary for people', async () => {
    const { report } = await runBoth(stencil(64, 1));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.summary).toMatch(/iteration loop: II 2 \(bound by the ports of buffer 0/);
    expect(report.simulation.cyclesPerSecond).toBeGreaterThan(0);
  });

  it('combinational chains are cut where they outrun the clock less its uncertainty', async () => {
    // Seven dependent i32 adds: 0.8 ns each against 3.33 ns × 0.73 = 2.43 ns on the u280, three to a cycle.
    const adds = Array.from({ length: 7 }, (_, k) => k).reduce((acc, k) => `(i32.add ${acc} (i32.const ${k + 3}))`, '(local.get $i)');
    const kernel = assemble(`(module (import "env" "memory" (memory 1 1024 shared))
      (func (export "kernel") ${kernelParams('out')} (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) ${adds})))`);
    const { fpga, reference, report } = await runBoth({ kernel, numIterations: 16, blockSize: 1, buffers: [{ access: WRITE, data: new Uint8Array(64) }] });
    expect(fpga).toEqual(reference);
    // Adds 1–3 in cycle 0, 4–6 in cycle 1, add 7 and the store (which starts in its cycle) in cycle 2.
    expect(report.iterationLoop.depth).toBe(3);
  });
});

describe('profiles', () => {
  it('the zynq7020 schedules the same loop with its own latencies (f32.add 4 at 100 MHz: the dot product at II 5)', () => {
    expect(FPGA_PROFILES.zynq7020!.operators['f32.add'].latency + FPGA_PROFILES.zynq7020!.carriedRegisterLatency).toBe(5);
    expect(FPGA_PROFILES.u280!.operators['f32.add'].latency + FPGA_PROFILES.u280!.carriedRegisterLatency).toBe(7);
  });

  it('a profile object is checked: a missing operator or a bad number is INVALID_ARGUMENT', () => {
    const { operators, ...rest } = FPGA_PROFILES.u280!;
    const { 'f64.div': _, ...fewer } = operators;
    expect(() => resolveProfile({ ...rest, operators: fewer } as never)).toThrow(/f64\.div/);
    expect(() => resolveProfile({ ...FPGA_PROFILES.u280!, clockMHz: -1 })).toThrow(/clockMHz/);
    expect(() => resolveProfile('virtex')).toThrow(/u280, zynq7020/);
  });
});
