import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@wasi-parallel/core';
import { FRONT_END_LIMITS, loadKernel } from '@wasi-parallel/kernel';

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const name = (s: string) => [...leb(s.length), ...new TextEncoder().encode(s)];

/** A kernel `(param i32 × 5)` whose body is `code`, built byte by byte (wabt's parser recurses too). */
function kernelWithBody(code: number[]): Uint8Array<ArrayBuffer> {
  const body = [0, ...code, 0x0b];
  return new Uint8Array([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 2, 3, 1, 16]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('kernel'), 0, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** `mem[p3] = p0 + p0 + … (depth adds)`, nested `depth` deep. */
const addChain = (depth: number) => [0x20, 3, 0x20, 0, ...Array.from({ length: depth }, () => [0x20, 0, 0x6a]).flat(), 0x36, 2, 0];

describe('bounds on hostile kernels', () => {
  it('accepts nesting up to the limit and refuses deeper nesting before any pass runs', async () => {
    await expect(loadKernel(kernelWithBody(addChain(FRONT_END_LIMITS.MAX_NESTING - 10)))).resolves.toBeDefined();
    const deep = kernelWithBody(addChain(100_000));
    expect(WebAssembly.validate(deep)).toBe(true);
    await expect(loadKernel(deep)).rejects.toMatchObject({ code: ErrorCode.INVALID_KERNEL });
    const blocks = kernelWithBody([...Array.from({ length: 50_000 }, () => [0x02, 0x40]).flat(), ...Array(50_000).fill(0x0b)]);
    await expect(loadKernel(blocks)).rejects.toMatchObject({ code: ErrorCode.INVALID_KERNEL });
  });

  it('refuses more instructions than the limit', async () => {
    const wide = kernelWithBody(Array.from({ length: FRONT_END_LIMITS.MAX_INSTRUCTIONS / 4 }, () => addChain(3)).flat());
    expect(WebAssembly.validate(wide)).toBe(true);
    await expect(loadKernel(wide)).rejects.toMatchObject({ code: ErrorCode.INVALID_KERNEL });
  });
});
