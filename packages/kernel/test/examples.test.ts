import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatKernelReport, loadKernel, type KernelIR } from '@wasi-parallel/kernel';
import { assemble, compileCFrom } from './helpers/compile.js';
import { readFileSync } from 'node:fs';

// The repository's example kernels (examples/c, examples/wat), built from source here.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const C_DIR = join(ROOT, 'examples/c');
const WAT_DIR = join(ROOT, 'examples/wat');
const INCLUDE = join(ROOT, 'include');

const cKernels = existsSync(C_DIR) ? readdirSync(C_DIR).filter((f) => f.endsWith('-kernel.c')).sort() : [];
const watKernels = existsSync(WAT_DIR) ? readdirSync(WAT_DIR).filter((f) => f.endsWith('-kernel.wat')).sort() : [];

async function load(file: string): Promise<KernelIR> {
  if (file.endsWith('.c')) return loadKernel(compileCFrom(join(C_DIR, file), ['-I', INCLUDE, '-I', C_DIR]));
  return loadKernel(assemble(readFileSync(join(WAT_DIR, file), 'utf8'), file));
}

function storeBuffers(ir: KernelIR): Set<string> {
  return new Set(ir.analysis.accesses.filter((a) => a.access === 'store').map((a) => (a.provenance.kind === 'buffer' ? `buffer ${a.provenance.buffer}` : a.provenance.kind)));
}

describe('example kernels', () => {
  it('the examples exist (the test would prove nothing otherwise)', () => {
    expect(cKernels.length + watKernels.length).toBeGreaterThanOrEqual(3);
  });

  it.each([...cKernels, ...watKernels])('%s decodes to IR with a report', async (file) => {
    const ir = await load(file);
    expect(ir.kernel.instructionCount).toBeGreaterThan(0);
    expect(formatKernelReport(ir)).toContain(';; analysis');
  });

  it.runIf(cKernels.includes('saxpy-kernel.c'))('saxpy (a block per iteration): y is the only buffer written', async () => {
    const ir = await load('saxpy-kernel.c');
    expect(storeBuffers(ir)).toEqual(new Set(['buffer 2']));
    expect(ir.analysis.buffers.map((b) => b.writes)).toEqual([false, false, true]);
  });

  it.runIf(cKernels.includes('mandelbrot-kernel.c'))('mandelbrot: the store provenance is the output buffer', async () => {
    const ir = await load('mandelbrot-kernel.c');
    expect(storeBuffers(ir)).toEqual(new Set(['buffer 1']));
    expect(ir.analysis.buffers[0]).toMatchObject({ reads: true, writes: false });
  });

  it.runIf(watKernels.includes('square-kernel.wat'))('square (WAT, "" "memory"): map-style, stride 4', async () => {
    const ir = await load('square-kernel.wat');
    expect(ir.memory.module).toBe('');
    const store = ir.analysis.accesses.find((a) => a.access === 'store');
    expect(store).toMatchObject({ provenance: { kind: 'buffer', buffer: 1 }, affine: { base: 0, stride: 4, width: 4 } });
  });
});
