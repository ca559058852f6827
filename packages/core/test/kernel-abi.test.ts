import { describe, expect, it } from 'vitest';
import { admitKernel, checkKernelArity, ErrorCode, kernelHash } from '@wasi-parallel/core';
import { kernel, TRIPLE, wat } from './wat.js';

const invalid = { code: ErrorCode.INVALID_KERNEL };

describe('kernel admission: the ABI check', () => {
  it('accepts a kernel and reports its memory import', () => {
    const admitted = admitKernel(TRIPLE);
    expect(admitted.memory).toEqual({ module: '', field: 'memory', minPages: 1, maxPages: 1000, shared: true });
    expect(admitted.bufferCount).toBe(2);
    expect(admitted.hash).toBe(kernelHash(TRIPLE));
    expect(() => checkKernelArity(admitted, 2)).not.toThrow();
    expect(() => checkKernelArity(admitted, 1)).toThrow(expect.objectContaining(invalid));
  });

  it.each([
    ['not wasm', new TextEncoder().encode('hello world')],
    ['empty', new Uint8Array(0)],
    ['truncated', TRIPLE.slice(0, TRIPLE.length - 3)],
    ['no kernel export', wat('(module (import "" "memory" (memory 1 1 shared)) (func (export "run")))')],
    ['kernel is a global', wat('(module (import "" "memory" (memory 1 1 shared)) (global (export "kernel") i32 (i32.const 0)))')],
    ['non-i32 params', wat('(module (import "" "memory" (memory 1 1 shared)) (func (export "kernel") (param i32 i32 f32)))')],
    ['a result', wat('(module (import "" "memory" (memory 1 1 shared)) (func (export "kernel") (param i32 i32 i32) (result i32) (i32.const 0)))')],
    ['even param count', wat('(module (import "" "memory" (memory 1 1 shared)) (func (export "kernel") (param i32 i32 i32 i32)))')],
    ['imports a function', wat('(module (import "env" "f" (func)) (import "" "memory" (memory 1 1 shared)) (func (export "kernel") (param i32 i32 i32)))')],
    ['no memory', wat('(module (func (export "kernel") (param i32 i32 i32)))')],
    ['defines its memory', wat('(module (memory 1) (func (export "kernel") (param i32 i32 i32)))')],
    ['does not validate', (() => { const bytes = kernel(0, '(drop (i32.const 1))'); const i = bytes.lastIndexOf(0x1a); bytes[i] = 0x6a; return bytes; })()],
  ])('refuses a kernel: %s', (_name, bytes) => {
    expect(() => admitKernel(bytes)).toThrow(expect.objectContaining(invalid));
  });

  it('hashes stably and tells different kernels apart', () => {
    expect(kernelHash(TRIPLE)).toBe(kernelHash(TRIPLE.slice()));
    expect(kernelHash(TRIPLE)).toMatch(/^[0-9a-f]{16}$/);
    const changed = TRIPLE.slice();
    changed[changed.length - 2]! ^= 1;
    expect(kernelHash(changed)).not.toBe(kernelHash(TRIPLE));
  });
});
