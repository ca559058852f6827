import type { BufferAccessKind, BufferHandle } from '@wasi-parallel/core';
import type { Target } from './dispatch.js';

/** Creates buffers of the given sizes, written with a recognisable pattern, runs `body`, frees them. */
export async function withBuffers<T>(
  target: Target,
  specs: readonly { size: number; access: BufferAccessKind }[],
  body: (buffers: BufferHandle[]) => Promise<T>,
): Promise<T> {
  const buffers: BufferHandle[] = [];
  try {
    for (const spec of specs) {
      const buffer = await target.host.createBuffer(target.device, spec.size, spec.access);
      buffers.push(buffer);
      await target.host.writeBuffer(pattern(spec.size, buffers.length), buffer);
    }
    return await body(buffers);
  } finally {
    await Promise.allSettled(buffers.map((buffer) => target.host.freeBuffer(buffer)));
  }
}

/** The bytes `withBuffers` writes into its n-th buffer. */
export function pattern(size: number, n: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, k) => (k * 31 + n * 17 + 3) & 0xff);
}
