import { describe, expect, it } from 'vitest';
import { conformanceCases, runConformance, type CaseResult } from '@wasi-parallel/conformance';
import { flipsAByte, honest, ignoresBlockSize, misreportsOutOfMemory, skipsLastIteration, swallowsTraps, wrappedFactory, type Breakage } from './broken-backends.js';

async function failing(name: string, breakage: Breakage): Promise<{ failed: string[]; results: CaseResult[] }> {
  const results = await runConformance({ factory: wrappedFactory(name, breakage) });
  return { failed: results.filter((result) => result.status === 'fail').map((result) => result.id), results };
}

const TRAP_IDS = conformanceCases.map((testCase) => testCase.id).filter((id) => id.startsWith('trap/'));

describe('the suite catches broken backends', () => {
  it('passes a faithful wrapper of the sequential device on another kind (WRONG_DEVICE path included)', async () => {
    const { failed, results } = await failing('honest', honest);
    expect(failed).toEqual([]);
    expect(results.find((result) => result.id === 'bad-input/buffer-of-another-device')?.status).toBe('pass');
  });

  it('catches a backend that swallows traps, in exactly the trap cases', async () => {
    const { failed, results } = await failing('swallows-traps', swallowsTraps);
    expect(TRAP_IDS.length).toBeGreaterThanOrEqual(6);
    expect(failed).toEqual(TRAP_IDS);
    expect(results.find((result) => result.id === 'trap/unreachable')?.reason).toContain('KERNEL_TRAP');
  });

  it('catches a backend that ignores the block size, in exactly the cases that use it', async () => {
    const { failed } = await failing('ignores-block-size', ignoresBlockSize);
    expect(failed).toEqual(['block-size/slices', 'iterations/partial-block', 'abi/arguments', 'guest/fixed-memory-kernel']);
  });

  it('catches a backend that reports OUT_OF_MEMORY as INVALID_KERNEL', async () => {
    const { failed } = await failing('misreports-oom', misreportsOutOfMemory);
    expect(failed).toEqual(['bad-kernel/memory-too-small']);
  });

  it('catches a backend that skips the last iteration, and names the first wrong byte', async () => {
    const { failed, results } = await failing('skips-last', skipsLastIteration);
    for (const id of ['vector-add/i32', 'vector-add/f32', 'saxpy/f32', 'iterations/one-million', 'i64/arithmetic', 'f32/arithmetic-specials', 'f64/arithmetic', 'atomics/histogram', 'simd/v128-add', 'memory/sub-word-stores', 'buffers/many']) {
      expect(failed).toContain(id);
    }
    expect(failed).not.toContain('iterations/zero');
    // 4099 elements: the last one, at byte 4098·4, is the first that differs.
    expect(results.find((result) => result.id === 'vector-add/i32')?.reason).toContain('first difference at byte 16392');
  });

  it('catches a backend that flips an output byte, including when nothing should change', async () => {
    const { failed } = await failing('flips-a-byte', flipsAByte);
    for (const id of ['vector-add/i32', 'iterations/zero', 'buffers/read-write-in-place', 'i64/arithmetic', 'f32/sign-bits', 'f64/arithmetic', 'atomics/histogram', 'simd/v128-add', 'memory/sub-word-stores']) {
      expect(failed).toContain(id);
    }
  });
});
