import { admitKernel, kernelParamCount } from '@wasi-parallel/core';
import { parseOptions } from '../args.js';
import type { CliCommand } from '../command.js';
import { optionalImport } from '../optional-import.js';
import { UsageError } from '../usage-error.js';
import { GPUJS_OPTIONS, gpujsCompileOptions } from './compile-gpujs.js';
import { readProgram } from './run-program.js';

const HELP = `Usage: wasi-parallel compile [options] <kernel.wasm>

Checks a kernel against the kernel ABI (docs/kernel-abi.md) and shows what backends make of it.

Options:
  --ir             Print the front end's IR and its analysis (@wasi-parallel/kernel).
  --target wgsl    Print the WGSL the WebGPU backend generates (@wasi-parallel/backend-webgpu).
  --target gpujs   Print the GPU.js kernels the GPU.js backend generates for one call
                   (@wasi-parallel/backend-gpujs): --iterations N, --block-size B,
                   --buffer-bytes a,b,…, --params (buffer 0's i32s), --mode (webasm, cpu, …).
  --buffers N      The number of buffers the kernel is called with (default: from its signature).
  -h, --help       Show this help.
Without --ir or --target it prints the kernel's memory import and signature.`;

export const compileCommand: CliCommand = {
  name: 'compile',
  summary: 'check a kernel and print its IR (--ir), its WGSL (--target wgsl) or its GPU.js kernels (--target gpujs)',
  help: HELP,
  async run(argv) {
    const { options, positionals } = parseOptions(
      argv,
      {
        ir: { type: 'boolean' },
        target: { type: 'string' },
        buffers: { type: 'string' },
        ...GPUJS_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
      'files',
    );
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new UsageError('compile needs a kernel: wasi-parallel compile [options] <kernel.wasm>');
    if (positionals.length > 1) throw new UsageError(`compile takes one kernel, got ${positionals.length}: ${positionals.join(' ')}`);
    if (options.buffers !== undefined && !/^\d+$/.test(options.buffers)) throw new UsageError(`--buffers takes a count of buffers, got \`${options.buffers}\``);
    const bytes = await readProgram(file);
    const admitted = admitKernel(bytes);
    const { memory } = admitted;
    const bufferCount = options.buffers === undefined ? admitted.bufferCount : Number(options.buffers);
    if (options.ir) {
      const kernel = await optionalImport<{ loadKernel(k: unknown): Promise<unknown>; formatKernelReport(ir: unknown): string }>(
        '@wasi-parallel/kernel',
        '--ir',
      );
      console.log(kernel.formatKernelReport(await kernel.loadKernel(admitted)));
    } else if (options.target === 'gpujs') {
      const gpujs = await optionalImport<typeof import('@wasi-parallel/backend-gpujs')>('@wasi-parallel/backend-gpujs', '--target gpujs');
      console.log(await gpujs.translateToGpujs(bytes, bufferCount, gpujsCompileOptions(options)));
    } else if (options.target !== undefined) {
      if (options.target !== 'wgsl') throw new UsageError(`unknown --target ${options.target}; the targets are wgsl and gpujs`);
      const webgpu = await optionalImport<{ translateToWgsl(b: Uint8Array, n: number): Promise<string> }>(
        '@wasi-parallel/backend-webgpu',
        '--target wgsl',
      );
      console.log(await webgpu.translateToWgsl(bytes, bufferCount));
    } else {
      const max = memory.maxPages === undefined ? 'no maximum' : `max ${memory.maxPages} pages`;
      console.log(`memory import: ${JSON.stringify(memory.module)}.${JSON.stringify(memory.field)}, min ${memory.minPages} pages, ${max}, ${memory.shared ? 'shared' : 'not shared'}`);
      console.log(`kernel: (${Array(kernelParamCount(admitted.bufferCount)).fill('i32').join(', ')}) -> (), ${admitted.bufferCount} buffer(s)`);
      const uses = Object.keys(admitted.uses);
      console.log(`uses: ${uses.length ? uses.join(', ') : 'i32 only'}`);
    }
    return 0;
  },
};
