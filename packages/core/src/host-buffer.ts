import type { BufferAccessKind } from './buffer-access-kind.js';
import type { DeviceBuffer } from './contracts/backend.js';

/**
 * A buffer whose bytes live in host memory, for devices that move them into the kernel's memory
 * around each call (the sequential device, WebGPU). Keeping the bytes on the host makes `read`
 * cost no device round trip and lets a device that is lost and re-initialised keep every buffer.
 */
export class HostBuffer implements DeviceBuffer {
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
