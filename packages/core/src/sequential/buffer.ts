import type { BufferAccessKind } from '../buffer-access-kind.js';
import type { DeviceBuffer } from '../contracts/backend.js';

/** A sequential-device buffer is host memory; it is copied into the kernel's memory per call. */
export class SequentialBuffer implements DeviceBuffer {
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
