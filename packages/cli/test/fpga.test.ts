import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

// examples/build is made by the examples package's build, which nx runs before these tests.
describe('the FPGA device from the command line', () => {
  it('run --device fpga --report: saxpy matches the sequential checksum and reports II 1 on the u280', () => {
    const fpga = cli(['run', '--device', 'fpga', '--report', 'examples/build/saxpy.wasm', '100000']);
    const sequential = cli(['run', '--device', 'sequential', 'examples/build/saxpy.wasm', '100000']);
    expect(fpga.status).toBe(0);
    expect(fpga.stdout).toBe(sequential.stdout);
    expect(fpga.stderr).toMatch(/fpga-sim u280/);
    expect(fpga.stderr).toMatch(/loop at `kernel` instruction \d+: II 1 \(nothing binds it/);
  });

  it('run --report on mandelbrot: its escape loop carries zr from trip to trip and the report names that recurrence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasi-parallel-'));
    const result = cli(['run', '--device', 'fpga', '--report', '--dir', `${dir}::out`, 'examples/build/mandelbrot.wasm', 'out/m.pgm', '48', '32']);
    const reference = cli(['run', '--device', 'sequential', '--dir', `${dir}::out`, 'examples/build/mandelbrot.wasm', 'out/m.pgm', '48', '32']);
    expect(result.stdout).toBe(reference.stdout);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/II (\d+) \(bound by the recurrence through local/);
    const ii = Number(/II (\d+) \(bound by the recurrence/.exec(result.stderr)![1]);
    expect(ii).toBeGreaterThan(1);
  });

  it('fpga report --json: the same report object a call returns', () => {
    const result = cli(['fpga', 'report', 'examples/build/saxpy-kernel.wasm', '--iterations', '4', '--block-size', '1024', '--buffer-bytes', '16384', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { device: string; profile: string; loops: { ii: number }[]; cycles: number };
    expect(report).toMatchObject({ device: 'fpga-sim', profile: 'u280' });
    expect(report.loops[0]!.ii).toBe(1);
    expect(report.cycles).toBeGreaterThan(0);
  });

  it('fpga report --profile zynq7020 prints the text report for that part; a bad profile is a usage error', () => {
    const result = cli(['fpga', 'report', 'examples/build/saxpy-kernel.wasm', '--iterations', '2', '--profile', 'zynq7020']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/fpga-sim zynq7020 .*100 MHz/s);
    expect(cli(['fpga', 'report', 'examples/build/saxpy-kernel.wasm']).status).toBe(2);
    expect(cli(['fpga', 'report', 'examples/build/saxpy-kernel.wasm', '--iterations', '2', '--profile', 'nope']).status).toBe(1);
  });
});
