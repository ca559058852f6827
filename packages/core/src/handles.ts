import type { BufferAccessKind } from './buffer-access-kind.js';
import type { DeviceKind } from './device-kind.js';
import { ErrorCode } from './error-code.js';
import { WasiParallelError } from './errors.js';
import { DEFAULTS } from './limits.js';

/** A device as the JS API hands it out: opaque to callers, meaningful only to the host that issued it. */
export interface DeviceHandle {
  readonly id: number;
  readonly kind: DeviceKind;
  readonly name: string;
  readonly backend: string;
}

export interface BufferHandle {
  readonly id: number;
  readonly size: number;
  readonly access: BufferAccessKind;
  readonly device: DeviceHandle;
}

/**
 * Handles issued by one host. A handle is valid only while its table holds that very object,
 * so handles of another host, freed ones and forged `{ id }` objects all fail the same way.
 */
export class HandleTable<H extends { readonly id: number }, V> {
  readonly #entries = new Map<number, { handle: H; value: V }>();
  #next: number;

  constructor(
    readonly what: string,
    first: number = DEFAULTS.FIRST_HANDLE,
  ) {
    this.#next = first;
  }

  add(make: (id: number) => H, value: V): H {
    const handle = Object.freeze(make(this.#next++ >>> 0));
    this.#entries.set(handle.id, { handle, value });
    return handle;
  }

  /** The value behind a handle object this table issued, or an INVALID_HANDLE error. */
  get(handle: H | undefined | null): V {
    const entry = handle == null ? undefined : this.#entries.get(handle.id);
    if (!entry || entry.handle !== handle) throw this.#invalid(handle?.id);
    return entry.value;
  }

  delete(handle: H): V {
    const value = this.get(handle);
    this.#entries.delete(handle.id);
    return value;
  }

  values(): V[] {
    return [...this.#entries.values()].map((entry) => entry.value);
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  #invalid(id: number | undefined): WasiParallelError {
    return new WasiParallelError(
      ErrorCode.INVALID_HANDLE,
      `${id === undefined ? 'a missing' : `0x${(id >>> 0).toString(16)} is not a live`} ${this.what} handle of this host (unknown, freed, or issued by another host)`,
    );
  }
}
