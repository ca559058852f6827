/**
 * Ends waits when the pool closes. `Promise.race([work, closing])` against one promise that
 * settles only at close would leave a reaction on it per wait, each keeping its race's result
 * alive until close (~0.9 KB per kernel load, measured); here a wait registers its reject
 * function only while it is pending.
 */
export class CloseSignal {
  #reason: Error | undefined;
  readonly #pending = new Set<(reason: Error) => void>();

  get closed(): boolean {
    return this.#reason !== undefined;
  }

  close(reason: Error): void {
    this.#reason ??= reason;
    for (const reject of this.#pending) reject(reason);
    this.#pending.clear();
  }

  /** `work`'s outcome, or a rejection with the close reason if the signal closes first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.#reason) return Promise.reject(this.#reason);
    return new Promise<T>((resolve, reject) => {
      this.#pending.add(reject);
      work.then(resolve, reject).finally(() => this.#pending.delete(reject));
    });
  }

  /** How many waits are registered now (for tests: none once they all settled). */
  get pending(): number {
    return this.#pending.size;
  }
}
