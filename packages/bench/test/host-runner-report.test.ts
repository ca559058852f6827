import { describe, expect, it } from 'vitest';
import { DeviceKind, referenceBackendFactory, sequentialBackendFactory } from '@wasi-parallel/core';
import { CaseData, flattenDeviceReport, HostRunner, kernelById } from '@wasi-parallel/bench';

describe('device reports', () => {
  it('flattens a DispatchResult to dotted JSON facts and leaves out what JSON cannot hold', () => {
    expect(
      flattenDeviceReport({
        cycles: 7245n,
        clockMHz: 300,
        estimatedMs: 0.02415,
        loops: [{ ii: 1, boundBy: 'port a' }, { ii: 2 }],
        fits: true,
        trace: new Uint32Array(4),
        callback: () => 1,
        missing: undefined,
      }),
    ).toEqual({ cycles: 7245, clockMHz: 300, estimatedMs: 0.02415, 'loops.0.ii': 1, 'loops.0.boundBy': 'port a', 'loops.1.ii': 2, fits: true });
    expect(flattenDeviceReport({})).toBeUndefined();
    expect(flattenDeviceReport(undefined)).toBeUndefined();
    expect(flattenDeviceReport({ huge: 2n ** 70n })).toEqual({ huge: (2n ** 70n).toString() });
    const many = flattenDeviceReport(Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}`, i])))!;
    expect(Object.keys(many)).toHaveLength(201);
    expect(many.droppedFields).toBe(50);
  });

  it('HostRunner carries the last call’s DispatchResult into the measurement, and an emulated device into its description', async () => {
    let calls = 0;
    const factory = referenceBackendFactory({
      name: 'sim',
      kind: DeviceKind.FPGA,
      capabilities: { emulated: true },
      parallelFor: async (inner, request) => {
        await inner.parallelFor(request);
        calls++;
        return { cycles: 1000 + calls, report: { ii: 1, estimatedMs: 0.01 } };
      },
    });
    const runner = new HostRunner('sim', factory);
    await runner.open();
    try {
      const data = new CaseData(kernelById('saxpy')!.caseFor('small'));
      const measurement = await runner.measure(data, 'scalar', { warmup: 0, repetitions: 2 });
      expect(measurement.deviceReport).toEqual({ cycles: 1000 + calls, 'report.ii': 1, 'report.estimatedMs': 0.01 });
      expect(calls).toBe(3); // cold + 2 timed: the report is the last one's
      expect(await data.check(measurement.outputs!)).toBe(0);
      expect(runner.describe()).toMatchObject({ emulated: true, deviceKind: 'fpga', 'device.wraps': 'sequential' });
    } finally {
      await runner.close();
    }
  });

  it('runs the conformance suite on the row’s backend, under the row name with the row’s options', async () => {
    let options: unknown;
    const factory = { ...sequentialBackendFactory, init: (init: Parameters<typeof sequentialBackendFactory.init>[0]) => ((options = init.options), sequentialBackendFactory.init(init)) };
    const runner = new HostRunner('sequential@mode=test', factory, { mode: 'test' });
    const outcome = await runner.fidelity();
    expect('cases' in outcome && outcome.cases.length).toBeGreaterThan(40);
    expect('cases' in outcome && outcome.cases.filter((result) => result.status === 'fail')).toEqual([]);
    expect(options).toEqual({ mode: 'test' });
  });
});
