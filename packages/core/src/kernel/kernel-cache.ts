import { LIMITS } from '../limits.js';

/**
 * A small LRU map keyed by kernel hash, so a kernel dispatched many times is compiled once.
 * Devices keep their own (what they cache differs: modules, pipelines, translations).
 */
export class KernelCache<T> {
  readonly #entries = new Map<string, T>();

  /** `onEvict` releases what an entry holds (GPU objects, compiled kernels) when the cache drops it. */
  constructor(
    readonly capacity: number = LIMITS.KERNEL_CACHE_ENTRIES,
    private readonly onEvict?: (value: T) => void,
  ) {}

  getOrCreate(key: string, create: () => T): T {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const value = create();
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const [oldest, dropped] = this.#entries.entries().next().value!;
      this.#entries.delete(oldest);
      this.onEvict?.(dropped);
    }
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    const dropped = [...this.#entries.values()];
    this.#entries.clear();
    for (const value of dropped) this.onEvict?.(value);
  }
}
