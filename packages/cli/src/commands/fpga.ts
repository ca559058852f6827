import { admitKernel, BufferAccessKind, createHost, createRegistry, type BackendFactory } from '@wasi-parallel/core';
import { parseOptions } from '../args.js';
import type { CliCommand } from '../command.js';
import { optionalImport } from '../optional-import.js';
import { UsageError } from '../usage-error.js';
import { readProgram } from './run-program.js';

const HELP = `Usage: wasi-parallel fpga report [options] <kernel.wasm>

Synthesises a kernel for the FPGA simulator (@wasi-parallel/backend-fpga-sim) and runs it once
on zero-filled buffers, then prints the pipeline report: II and depth of every loop and what
bounds each, cycles and time at the profile's clock, stalls, resources against the budget.
The same report is what \`parallelFor\` returns on the FPGA device and \`run --report\` prints.

Options:
  --iterations N     numIterations of the call (required).
  --block-size N     blockSize of the call (default 1).
  --buffer-bytes N   Bytes of each buffer, all zero (default 65536).
  --profile NAME     The device profile: u280 (default) or zynq7020.
  --json             Print the report as JSON.
  -h, --help         Show this help.`;

interface FpgaSimPackage {
  createFpgaSimBackendFactory(options: { profile?: string }): BackendFactory;
}

function count(text: unknown, name: string, fallback?: number): number {
  if (text === undefined && fallback !== undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} takes a non-negative integer`);
  return value;
}

export const fpgaCommand: CliCommand = {
  name: 'fpga',
  summary: "report how the FPGA simulator schedules a kernel (fpga report kernel.wasm --iterations N)",
  help: HELP,
  async run(argv) {
    const { options, positionals } = parseOptions(
      argv,
      {
        iterations: { type: 'string' },
        'block-size': { type: 'string' },
        'buffer-bytes': { type: 'string' },
        profile: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      'files',
    );
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const [action, file, ...extra] = positionals;
    if (action !== 'report' || !file || extra.length > 0) throw new UsageError('usage: wasi-parallel fpga report [options] <kernel.wasm>');
    if (options.iterations === undefined) throw new UsageError('fpga report needs --iterations N');
    const numIterations = count(options.iterations, 'iterations');
    const blockSize = count(options['block-size'], 'block-size', 1);
    const bufferBytes = count(options['buffer-bytes'], 'buffer-bytes', 65_536);
    const bytes = await readProgram(file);
    const fpga = await optionalImport<FpgaSimPackage>('@wasi-parallel/backend-fpga-sim', 'fpga report');
    const factory = fpga.createFpgaSimBackendFactory(options.profile === undefined ? {} : { profile: options.profile });
    const registry = createRegistry();
    registry.register(factory);
    // Initialised here, so a bad profile is an error rather than a quiet fallback to another device.
    await registry.init(factory.name);
    const host = createHost({ registry, device: { backend: factory.name }, env: {} });
    try {
      const device = await host.getDevice();
      const buffers = [];
      for (let i = 0; i < admitKernel(bytes).bufferCount; i++) buffers.push(await host.createBuffer(device, Math.max(1, bufferBytes), BufferAccessKind.READ_WRITE));
      const { report } = await host.parallelFor(device, bytes, numIterations, blockSize, buffers);
      console.log(options.json ? JSON.stringify(report, null, 2) : report?.summary);
      return 0;
    } finally {
      await host.close();
    }
  },
};
