import { LIMITS } from '../limits.js';

export interface KernelCacheBounds<T> {
  /** Entries kept at most; default `LIMITS.KERNEL_CACHE_ENTRIES`. */
  readonly entries?: number;
  /** Bytes kept at most, as `weigh` counts them; default unbounded. */
  readonly bytes?: number;
  /** An entry's size in bytes; default 0. */
  readonly weigh?: (value: T) => number;
  /** Releases what an entry holds (GPU objects, compiled kernels) when the cache drops it. */
  readonly onEvict?: (value: T) => void;
}

/**
 * A small LRU map keyed by kernel hash, so a kernel dispatched many times is compiled once.
 * Bounded in entries and, where `weigh` is given, in bytes. Devices keep their own (what they
 * cache differs: modules, pipelines, translations). Only values are cached: a `create` that
 * throws leaves nothing behind, so refused kernels are never kept.
 */
export class KernelCache<T> {
  readonly #entries = new Map<string, { value: T; bytes: number }>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #weigh: (value: T) => number;
  readonly #onEvict: (value: T) => void;
  #bytes = 0;

  constructor(bounds: number | KernelCacheBounds<T> = {}) {
    const options = typeof bounds === 'number' ? { entries: bounds } : bounds;
    this.#maxEntries = options.entries ?? LIMITS.KERNEL_CACHE_ENTRIES;
    this.#maxBytes = options.bytes ?? Infinity;
    this.#weigh = options.weigh ?? (() => 0);
    this.#onEvict = options.onEvict ?? (() => {});
  }

  getOrCreate(key: string, create: () => T): T {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value;
    }
    const value = create();
    const bytes = this.#weigh(value);
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    // The newest entry stays even when it alone is over the byte bound: the caller is using it.
    while (this.#entries.size > 1 && (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes)) {
      const [oldest, entry] = this.#entries.entries().next().value!;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
      this.#onEvict(entry.value);
    }
    return value;
  }

  /** Drops one entry, e.g. a pending compilation that failed (not evicted: nothing to release). */
  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The bytes held, as `weigh` counts them. */
  get bytes(): number {
    return this.#bytes;
  }

  clear(): void {
    const dropped = [...this.#entries.values()];
    this.#entries.clear();
    this.#bytes = 0;
    for (const entry of dropped) this.#onEvict(entry.value);
  }
}
