import { readFile } from 'node:fs/promises';
import { checkKernelModule } from '@wasi-parallel/core';
import { parseArgs, UsageError, type CliCommand } from '../command.js';
import { GPUJS_OPTIONS, gpujsCompileOptions } from './compile-gpujs.js';

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

async function optionalImport<T>(packageName: string, what: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ packageName)) as T;
  } catch (error) {
    throw new UsageError(`${what} needs ${packageName}, which did not load: ${(error as Error).message}`);
  }
}

export const compileCommand: CliCommand = {
  name: 'compile',
  summary: 'check a kernel and print its IR (--ir) or its WGSL (--target wgsl)',
  help: HELP,
  async run(argv) {
    const { options, positionals } = parseArgs(argv, {
      ir: { type: 'boolean' },
      target: { type: 'string' },
      buffers: { type: 'string' },
      ...GPUJS_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    });
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new UsageError('compile needs a kernel: wasi-parallel compile [options] <kernel.wasm>');
    const bytes = new Uint8Array(await readFile(file));
    const { memory, shape } = checkKernelModule(bytes);
    const bufferCount = options.buffers === undefined ? ((shape.kernel?.params.length ?? 3) - 3) / 2 : Number(options.buffers);
    if (options.ir) {
      const kernel = await optionalImport<{ loadKernel(b: Uint8Array): Promise<unknown>; formatKernelReport(ir: unknown): string }>(
        '@wasi-parallel/kernel',
        '--ir',
      );
      console.log(kernel.formatKernelReport(await kernel.loadKernel(bytes)));
    } else if (options.target === 'gpujs') {
      const gpujs = await optionalImport<typeof import('@wasi-parallel/backend-gpujs')>('@wasi-parallel/backend-gpujs', '--target gpujs');
      console.log(await gpujs.translateToGpujs(bytes, bufferCount, gpujsCompileOptions(options)));
    } else if (options.target !== undefined) {
      if (options.target !== 'wgsl') throw new UsageError(`unknown --target ${String(options.target)}; the targets are wgsl and gpujs`);
      const webgpu = await optionalImport<{ translateToWgsl(b: Uint8Array, n: number): Promise<string> }>(
        '@wasi-parallel/backend-webgpu',
        '--target wgsl',
      );
      console.log(await webgpu.translateToWgsl(bytes, bufferCount));
    } else {
      const max = memory.maxPages === undefined ? 'no maximum' : `max ${memory.maxPages} pages`;
      console.log(`memory import: ${JSON.stringify(memory.module)}.${JSON.stringify(memory.field)}, min ${memory.minPages} pages, ${max}, ${memory.shared ? 'shared' : 'not shared'}`);
      console.log(`kernel: (${shape.kernel!.params.join(', ')}) -> (), ${bufferCount} buffer(s)`);
    }
    return 0;
  },
};
