import { describe, expect, it } from 'vitest';
import { ErrorCode, LIMITS, isWasiParallelError } from '@wasi-parallel/core';
import { loadKernel } from '@wasi-parallel/kernel';
import { assemble, compileC } from './helpers/compile.js';

const KERNEL_PARAMS = '(param i32 i32 i32 i32 i32)';

async function refusal(bytes: Uint8Array): Promise<{ code: number; location: string | undefined; message: string }> {
  try {
    await loadKernel(bytes);
  } catch (error) {
    if (!isWasiParallelError(error)) throw error;
    return { code: error.code, location: error.details.location, message: error.message };
  }
  throw new Error('the kernel was accepted');
}

function kernelModule(body: string, extra = '', memory = '(import "env" "memory" (memory 1 16 shared))'): Uint8Array {
  return assemble(`(module ${memory} ${extra} (func (export "kernel") ${KERNEL_PARAMS} ${body}))`);
}

describe('kernel ABI check', () => {
  it('refuses imports other than the one memory (core check)', async () => {
    const bytes = kernelModule('', '(import "env" "log" (func))');
    expect((await refusal(bytes)).code).toBe(ErrorCode.INVALID_KERNEL);
  });

  it('refuses a `kernel` with a result or a non-i32 param', async () => {
    const withResult = assemble(`(module (import "env" "memory" (memory 1 16 shared))
      (func (export "kernel") ${KERNEL_PARAMS} (result i32) (i32.const 0)))`);
    const withF32 = assemble(`(module (import "env" "memory" (memory 1 16 shared))
      (func (export "kernel") (param i32 i32 f32)))`);
    expect((await refusal(withResult)).code).toBe(ErrorCode.INVALID_KERNEL);
    expect((await refusal(withF32)).code).toBe(ErrorCode.INVALID_KERNEL);
  });

  it('refuses proposals outside the kernel feature set (exceptions)', async () => {
    const bytes = kernelModule('(try (do (throw $t)) (catch $t))', '(tag $t)');
    expect((await refusal(bytes)).code).toBe(ErrorCode.INVALID_KERNEL);
  });

  it('refuses an active data segment that reaches the buffer region', async () => {
    const atBuffers = kernelModule('', `(data (i32.const ${LIMITS.WASM_PAGE_SIZE - 2}) "abcd")`);
    expect((await refusal(atBuffers)).code).toBe(ErrorCode.INVALID_KERNEL);
  });

  it('accepts an active data segment in the kernel own region and reports it', async () => {
    const ir = await loadKernel(kernelModule('', '(data (i32.const 1024) "abcd")'));
    expect(ir.dataSegments).toHaveLength(1);
    expect(ir.dataSegments[0]).toMatchObject({ offset: 1024, size: 4 });
    expect(Array.from(ir.dataSegments[0]!.data)).toEqual([97, 98, 99, 100]);
  });

  it('refuses a start function that writes a buffer, naming function and instruction', async () => {
    const bytes = kernelModule(
      '',
      `(global $p (mut i32) (i32.const ${LIMITS.WASM_PAGE_SIZE}))
       (func $init (i32.store (global.get $p) (i32.const 1))) (start $init)`,
    );
    const error = await refusal(bytes);
    expect(error.code).toBe(ErrorCode.INVALID_KERNEL);
    expect(error.location).toMatch(/^`init` at instruction \d+$/);
  });

  it('accepts wasm-ld `__wasm_init_memory` (static data in a shared memory)', async () => {
    const ir = await loadKernel(compileC('lookup-table.c'));
    expect(ir.startFunction).toBe('__wasm_init_memory');
    expect(ir.dataSegments.length).toBeGreaterThan(0);
    expect(ir.dataSegments.every((s) => s.offset === undefined)).toBe(true);
    // The table's 8 ints are in a segment, verbatim.
    const words = ir.dataSegments.flatMap((s) => Array.from(new Int32Array(s.data.slice(0, s.size - (s.size % 4)).buffer)));
    expect(words).toEqual(expect.arrayContaining([2, 3, 5, 7, 11, 13, 17, 19]));
    // Where __wasm_init_memory copies it: in the kernel's own region, below the stack.
    const placed = ir.dataSegments.find((s) => s.size >= 32)!;
    expect(placed.placedAt).toBeGreaterThanOrEqual(1024);
    expect(placed.placedAt! + placed.size).toBeLessThanOrEqual(ir.memory.minPages * LIMITS.WASM_PAGE_SIZE);
    // The start function is checked, not analysed: its atomics are not the kernel's.
    expect(ir.analysis.features.atomics).toBeUndefined();
  });

  it('reports the memory import limits as declared', async () => {
    const unshared = await loadKernel(kernelModule('', '', '(import "" "memory" (memory 3))'));
    expect(unshared.memory).toEqual({ module: '', field: 'memory', minPages: 3, maxPages: undefined, shared: false });
    const clang = await loadKernel(compileC('saxpy.c'));
    expect(clang.memory.shared).toBe(true);
    expect(clang.memory.minPages).toBeGreaterThanOrEqual(2);
    expect(clang.memory.maxPages).toBe(16); // --max-memory=1048576
  });

  it('detects the shadow stack of a C kernel that spills to it', async () => {
    const ir = await loadKernel(compileC('stack-spill.c'));
    expect(ir.stack).toBeDefined();
    expect(ir.stack!.pointerGlobal).toBe('__stack_pointer');
    // clang's default: 64 KiB of stack above 1 KiB of (empty) static data.
    expect(ir.stack!.initialValue).toBe(1024 + 65536);
    expect(ir.stack!.initialValue).toBeLessThanOrEqual(ir.memory.minPages * LIMITS.WASM_PAGE_SIZE);
    const stackAccesses = ir.analysis.accesses.filter((a) => a.provenance.kind === 'stack');
    expect(stackAccesses.filter((a) => a.access === 'store').length).toBeGreaterThanOrEqual(16);
  });

  it('detects an unnamed stack pointer (stripped name section)', async () => {
    const ir = await loadKernel(compileC('stack-spill.c', ['-Wl,--strip-all']));
    expect(ir.stack?.initialValue).toBe(1024 + 65536);
  });

  it('refuses a stack that reaches above the declared minimum memory', async () => {
    const bytes = kernelModule(
      '(global.set $__stack_pointer (i32.sub (global.get $__stack_pointer) (i32.const 16))) (i32.store (global.get $__stack_pointer) (i32.const 1))',
      `(global $__stack_pointer (mut i32) (i32.const ${2 * LIMITS.WASM_PAGE_SIZE}))`,
    );
    expect((await refusal(bytes)).code).toBe(ErrorCode.INVALID_KERNEL);
  });

  it('refuses bytes that are not WebAssembly and oversized kernels', async () => {
    expect((await refusal(new Uint8Array([1, 2, 3]))).code).toBe(ErrorCode.INVALID_KERNEL);
    expect((await refusal(new Uint8Array(5 * 1024 * 1024))).code).toBe(ErrorCode.INVALID_KERNEL);
  });
});

describe('stack pointer heuristics', () => {
  it('does not take a hand-written counter global for a stack', async () => {
    const bytes = assemble(`(module (import "env" "memory" (memory 1 16 shared))
      (global $count (mut i32) (i32.const 1000000))
      (func (export "kernel") ${KERNEL_PARAMS}
        (global.set $count (i32.add (global.get $count) (i32.const 1)))
        (i32.store (local.get 3) (global.get $count))))`);
    const ir = await loadKernel(bytes.slice());
    expect(ir.stack).toBeUndefined();
  });
});
