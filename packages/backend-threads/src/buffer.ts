import type { BufferAccessKind, DeviceBuffer } from '@wasi-parallel/core';

/** Where a buffer's bytes live once a guest-memory call has used it: a region of guest memory. */
export interface GuestAlias {
  readonly memory: WebAssembly.Memory;
  readonly pointer: number;
}

/**
 * A threads-device buffer. Its bytes are host memory, copied into the kernel's memory around
 * each call (the copy path). Once a call ran it over guest memory, it aliases that region, as
 * the prototype's `write_buffer` made it: `read` copies from the guest's bytes. A later `write`
 * ends the alias: it never writes into guest memory behind the guest's back.
 */
export class ThreadsBuffer implements DeviceBuffer {
  #bytes: Uint8Array;
  #alias: GuestAlias | undefined;

  constructor(
    readonly size: number,
    readonly access: BufferAccessKind,
  ) {
    this.#bytes = new Uint8Array(size);
  }

  /** The buffer's current bytes, as a view: its guest region when aliased. */
  view(): Uint8Array {
    const alias = this.#alias;
    return alias ? new Uint8Array(alias.memory.buffer, alias.pointer, this.size) : this.#bytes;
  }

  aliasGuest(alias: GuestAlias): void {
    this.#alias = alias;
  }

  /** Takes a call's result (copy path), into the guest region too when aliased. */
  store(result: Uint8Array): void {
    this.view().set(result);
  }

  async write(data: Uint8Array): Promise<void> {
    this.#alias = undefined;
    this.#bytes.set(data);
  }

  async read(): Promise<Uint8Array> {
    return this.view().slice();
  }

  async free(): Promise<void> {
    this.#alias = undefined;
    this.#bytes = new Uint8Array(0);
  }
}
