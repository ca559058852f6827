import { analyseKernel } from '@wasi-parallel/backend-threads';
import { describe, expect, it } from 'vitest';
import { kernel, wat } from './support/wat.js';

describe('kernel analysis', () => {
  it('finds nothing to move in a hand-written kernel', () => {
    const analysis = analyseKernel(kernel(1, '', undefined, '(global $g (mut i32) (i32.const 7))'));
    expect(analysis).toMatchObject({ stackPointer: undefined, hasDataSegments: false, hasStart: false });
    expect(analysis.stackPointerCandidates).toEqual([{ index: 0, initial: 7 }]);
  });

  it('sees data segments and a start function', () => {
    const analysis = analyseKernel(kernel(1, '', undefined, '(data (i32.const 16) "abc") (func $s) (start $s)'));
    expect(analysis).toMatchObject({ hasDataSegments: true, hasStart: true });
  });

  it('finds `__stack_pointer` by name', () => {
    const source = `(module (import "env" "memory" (memory 1 1 shared))
      (global $other (mut i32) (i32.const 0)) (global $__stack_pointer (mut i32) (i32.const 66560))
      (func (export "kernel") (param i32 i32 i32)))`;
    expect(analyseKernel(wat(source, true)).stackPointer).toEqual({ index: 1, initial: 66560 });
    expect(analyseKernel(wat(source, false)).stackPointer).toBeUndefined();
  });
});
