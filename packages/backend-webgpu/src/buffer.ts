import type { BufferAccessKind, DeviceBuffer } from '@wasi-parallel/core';

/**
 * A buffer's bytes live on the host; each call uploads them into the call's memory arena and
 * copies writable ones back. Keeping the host copy makes device loss survivable (the next call
 * re-initialises the device and still has every buffer) and `read` costs no GPU round trip.
 */
export class WebGpuBuffer implements DeviceBuffer {
  readonly bytes: Uint8Array;

  constructor(
    readonly size: number,
    readonly access: BufferAccessKind,
  ) {
    this.bytes = new Uint8Array(size);
  }

  async write(data: Uint8Array): Promise<void> {
    this.bytes.set(data);
  }

  async read(): Promise<Uint8Array> {
    return this.bytes.slice();
  }

  async free(): Promise<void> {}
}
