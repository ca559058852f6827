import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutBuffers, LIMITS } from '@wasi-parallel/core';
import { describe, expect, it } from 'vitest';
import { FPGA_PROFILES, FpgaSimDevice, kernelVerilog, verilogTestbench } from '../src/index.js';
import { assemble, kernelFile } from './support/kernels.js';
import { i32Bytes, READ, runBoth, WRITE } from './support/dispatch.js';
import { Random } from './support/random.js';

// The stretch of the issue: synthesisable Verilog for a scheduled kernel's datapath, run in
// Icarus Verilog (the Debian package `iverilog`, scripts/apt-packages/backend-fpga-sim.txt)
// cycle by cycle, its memory compared byte for byte with what the simulator and the
// sequential device produce for the same call.
describe('the generated Verilog datapath', () => {
  it('in Icarus Verilog writes the bytes the simulator and the sequential device write', async () => {
    const count = 200;
    const random = new Random(11);
    const a = Int32Array.from({ length: count }, () => random.i32());
    const b = Int32Array.from({ length: count }, () => random.i32());
    const flags = Int32Array.from({ length: count }, (_, k) => -k);
    const kernel = assemble(kernelFile('datapath.wat'));
    const buffers = [
      { access: READ, data: i32Bytes(a) },
      { access: READ, data: i32Bytes(b) },
      { access: WRITE, data: new Uint8Array(count * 4) },
      { access: WRITE, data: i32Bytes(flags) },
    ];
    const { fpga, reference, report } = await runBoth({ kernel, numIterations: count, blockSize: 1, buffers });
    expect(fpga).toEqual(reference);
    expect(report.iterationLoop).toMatchObject({ pipelined: true, ii: 1 });

    const synthesized = await new FpgaSimDevice(FPGA_PROFILES.u280!).synthesize(kernel);
    const datapath = kernelVerilog(synthesized);
    // The call's memory, laid out as the device lays it out.
    const layout = layoutBuffers(synthesized.ir.memory.minPages, buffers.map((buffer) => buffer.data.length));
    const memory = new Uint8Array(layout.pages * LIMITS.WASM_PAGE_SIZE);
    buffers.forEach((buffer, i) => memory.set(buffer.data, layout.offsets[i]));
    const args = [0, count, 1, ...buffers.flatMap((buffer, i) => [layout.offsets[i]!, buffer.data.length])];

    const dir = mkdtempSync(join(tmpdir(), 'fpga-verilog-'));
    const file = (name: string): string => join(dir, name);
    writeFileSync(file('memory.hex'), Array.from(memory, (byte) => byte.toString(16).padStart(2, '0')).join('\n'));
    const from = layout.offsets[2]!;
    const to = layout.offsets[3]! + buffers[3]!.data.length;
    writeFileSync(file('datapath.v'), datapath.source);
    writeFileSync(
      file('testbench.v'),
      verilogTestbench(datapath, { memoryBytes: memory.length, memoryFile: file('memory.hex'), args, numIterations: count, dumpFrom: from, dumpTo: to, dumpFile: file('out.hex') }),
    );
    execFileSync('iverilog', ['-g2005', '-o', file('sim'), file('testbench.v'), file('datapath.v')], { stdio: 'pipe' });
    execFileSync('vvp', ['-n', file('sim')], { stdio: 'pipe', cwd: dir });
    const dumped = Uint8Array.from(
      readFileSync(file('out.hex'), 'utf8').split('\n').filter((line) => /^[0-9a-fA-F]{2}$/.test(line.trim())),
      (line) => parseInt(line, 16),
    );
    expect(dumped.length).toBe(to - from);
    expect(dumped.subarray(0, buffers[2]!.data.length)).toEqual(fpga[2]);
    expect(dumped.subarray(layout.offsets[3]! - from)).toEqual(fpga[3]);
  });
});
