import { LIMITS } from '../limits.js';

/**
 * A small LRU map keyed by kernel hash, so a kernel dispatched many times is compiled once.
 * Devices keep their own (what they cache differs: modules, pipelines, translations).
 */
export class KernelCache<T> {
  readonly #entries = new Map<string, T>();

  constructor(readonly capacity: number = LIMITS.KERNEL_CACHE_ENTRIES) {}

  getOrCreate(key: string, create: () => T): T {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const value = create();
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
